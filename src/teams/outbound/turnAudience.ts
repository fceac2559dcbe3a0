// The audience of the conversation a turn came from: the user of a personal chat (with their
// role, so a guest is seen as one), or every member of a channel or group chat. Any failure to
// read the roster makes the audience unknown, which the policy treats as external.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AudienceSource, ConversationRegistry } from '../../app/disclosure/ports.js';
import type { Audience, AudienceMember } from '../../domain/disclosure/audience.js';
import { conversationKindOf, tenantOf } from '../contextFromTurn.js';
import { toRole, type RosterCache } from './rosterCache.js';

async function readRoster(turn: TurnContext, tenantId: string): Promise<AudienceMember[]> {
  const members: AudienceMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(turn, 500, continuationToken);
    for (const m of page.members) {
      members.push({ aadObjectId: m.aadObjectId ?? '', tenantId: m.tenantId ?? tenantId, role: toRole(m.userRole) });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

export function turnAudience(turn: TurnContext, registry: ConversationRegistry, rosters: RosterCache, now: number): AudienceSource {
  let memo: Promise<Audience> | undefined;
  const resolve = async (): Promise<Audience> => {
    const tenantId = tenantOf(turn);
    const conversationId = turn.activity.conversation?.id ?? '';
    try {
      if (conversationKindOf(turn) === 'personal') {
        const from = turn.activity.from;
        const [member] = await rosters.get(`${conversationId}|${from.id}`, now, async () => {
          const account = await TeamsInfo.getMember(turn, from.id);
          return [{ aadObjectId: from.aadObjectId ?? account.aadObjectId ?? '', tenantId: account.tenantId ?? tenantId, role: toRole(account.userRole) }];
        });
        return member ? { kind: 'personal', member } : { kind: 'unknown', why: 'roster-unavailable' };
      }
      const [members, registeredTo] = await Promise.all([
        rosters.get(conversationId, now, () => readRoster(turn, tenantId)),
        registry.programmesOf(tenantId, conversationId),
      ]);
      return { kind: 'group', members, registeredTo };
    } catch {
      return { kind: 'unknown', why: 'roster-unavailable' };
    }
  };
  return { audience: () => (memo ??= resolve()) };
}
