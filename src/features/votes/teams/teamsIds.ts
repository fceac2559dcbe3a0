// Teams user ids (the "29:…" MRIs that Universal Actions' refresh.userIds wants) for people the
// programme knows by Entra object id. Teams gives a person's MRI on every activity they send;
// the bot keeps it with their personal chat's conversation reference, so it is read from there.
// People who never chatted with the bot have none: they see the shared card until they click,
// and their click's answer is their own view.
import type { ConversationStore } from '../../../shared/ports.js';
import { mapPool } from '../../../shared/pool.js';
import { systemClock } from '../../../shared/clocks.js';

const FOUND_TTL_MS = 10 * 60_000;
const MISSING_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

export class TeamsIds {
  private readonly cache = new Map<string, { id: Promise<string | undefined>; until: number }>();

  constructor(
    private readonly conversations: Pick<ConversationStore, 'personalFor'>,
    private readonly now: () => number = systemClock.now,
  ) {}

  /** The MRIs of these people, in their order, skipping those without one. */
  async of(tenantId: string, people: readonly string[]): Promise<string[]> {
    // Up to REFRESH_LIMIT (60) people: a few reads at a time, not 60 sockets (issue 25).
    const ids = await mapPool(people, 8, (p) => this.one(tenantId, p));
    return ids.filter((id): id is string => typeof id === 'string' && id !== '');
  }

  /** Concurrent asks for one person share one read (a burst of 200 voters costs 60 reads, not 12,000). */
  private one(tenantId: string, person: string): Promise<string | undefined> {
    const key = `${tenantId}|${person}`;
    const now = this.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.id;
    const id = this.conversations.personalFor(tenantId, person).then((record) => {
      const user = (record?.reference as { user?: { id?: unknown } } | undefined)?.user;
      return typeof user?.id === 'string' ? user.id : undefined;
    });
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    const entry = { id, until: now + MISSING_TTL_MS };
    this.cache.set(key, entry);
    id.then(
      (found) => {
        if (found) entry.until = this.now() + FOUND_TTL_MS;
      },
      () => this.cache.delete(key),
    );
    return id;
  }
}
