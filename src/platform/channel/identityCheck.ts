// Reads an activity's identity fields and asks the domain rule whether they contradict each
// other or the programme files (issue 22.10), before any use case sees the activity. What the
// bot knows of a person's Teams id comes from their personal chat with it (the stored
// conversation reference), cached here so a busy person costs one read, not one per turn.
import type { TurnContext } from 'botbuilder';
import type { ConversationStore } from '../../shared/ports.js';
import type { ProgrammeDirectory } from '../../shared/programmeDirectory.js';
import { identityContradiction, tenantOfIdentity, type ActivityIdentity, type IdentityContradiction } from '../../shared/programme/identity.js';

const CACHE_LIMIT = 10_000;
/** A person with no personal chat yet is looked up again after this long. */
const UNKNOWN_FOR_MS = 60_000;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function identityOf(turn: TurnContext): ActivityIdentity {
  const { activity } = turn;
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fields = {
    conversationTenantId: text(activity.conversation?.tenantId),
    channelDataTenantId: text(channelTenant),
    fromId: text(activity.from?.id),
    aadObjectId: text(activity.from?.aadObjectId),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ActivityIdentity;
}

export class IdentityCheck {
  /** tenant|aadObjectId → the person's Teams id, or undefined (unknown) with when it was read. */
  private readonly known = new Map<string, { fromId: string | undefined; readAt: number }>();

  constructor(
    private readonly directory: ProgrammeDirectory,
    private readonly conversations: ConversationStore,
  ) {}

  async contradiction(turn: TurnContext, now: number): Promise<IdentityContradiction | undefined> {
    const identity = identityOf(turn);
    const served = this.directory.servedTo(tenantOfIdentity(identity));
    // Cheap rules first: most contradictions need no read.
    const plain = identityContradiction(identity, served);
    if (plain || !identity.aadObjectId || !identity.fromId || served.length === 0) return plain;
    const knownFromId = await this.knownFromId(tenantOfIdentity(identity), identity.aadObjectId, now);
    return knownFromId ? identityContradiction({ ...identity, knownFromId }, served) : undefined;
  }

  /** What the bot just stored of a person's personal chat: their Teams id is known from now on. */
  learned(tenantId: string, aadObjectId: string, fromId: string): void {
    this.known.set(`${tenantId}|${aadObjectId}`, { fromId, readAt: 0 });
  }

  private async knownFromId(tenantId: string, aadObjectId: string, now: number): Promise<string | undefined> {
    const key = `${tenantId}|${aadObjectId}`;
    const cached = this.known.get(key);
    if (cached && (cached.fromId !== undefined || now - cached.readAt < UNKNOWN_FOR_MS)) return cached.fromId;
    const record = await this.conversations.personalFor(tenantId, aadObjectId);
    const fromId = text((record?.reference as { user?: { id?: unknown } } | undefined)?.user?.id);
    if (this.known.size >= CACHE_LIMIT) this.known.delete(this.known.keys().next().value as string);
    this.known.set(key, { fromId, readAt: now });
    return fromId;
  }
}
