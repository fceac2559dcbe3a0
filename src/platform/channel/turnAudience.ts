// The audience of the conversation a turn came from: the user of a personal chat (with their
// role, so a guest is seen as one), or every member of a channel or group chat. Any failure to
// read the roster makes the audience unknown, which the policy treats as external.
import type { TurnContext } from 'botbuilder';
import type { AudienceSource, ConversationRegistry } from '../../features/confidentiality/app/ports.js';
import type { Audience } from '../../shared/disclosure/audience.js';
import { conversationKindOf, tenantOf } from './contextFromTurn.js';
import type { RosterCache } from '../outbound/rosterCache.js';
import { readPersonalMember, readRoster } from './rosterReads.js';

export function turnAudience(turn: TurnContext, registry: ConversationRegistry, rosters: RosterCache, now: number): AudienceSource {
  let memo: Promise<Audience> | undefined;
  const resolve = async (): Promise<Audience> => {
    const tenantId = tenantOf(turn);
    const conversationId = turn.activity.conversation?.id ?? '';
    try {
      if (conversationKindOf(turn) === 'personal') {
        const from = turn.activity.from;
        const [member] = await rosters.get(`${conversationId}|${from.id}`, now, async () => [await readPersonalMember(turn, from, tenantId)]);
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
