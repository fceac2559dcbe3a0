// How the guard learns who is in a conversation, the same for a reply and for a proactive send.
// A personal chat has exactly one user, named by the conversation itself: that user is read
// with the single-member call (Teams' advice for one user), never by taking the first entry of
// the whole roster. A channel or group chat is read with the paged members call. A member that
// comes back without a tenant is counted in the conversation's own tenant, not in the tenant
// whose partition keeps the reference (a party person's chat is kept in the host's partition).
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AudienceMember } from '../../shared/disclosure/audience.js';
import { toRole } from '../outbound/rosterCache.js';

/** The one user of a personal chat: `user` as the conversation names it (its Teams id, and
 * the Entra object id when known). Throws when Teams cannot answer. */
export async function readPersonalMember(
  turn: TurnContext,
  user: { id: string; aadObjectId?: string | undefined },
  conversationTenant: string,
): Promise<AudienceMember> {
  const account = await TeamsInfo.getMember(turn, user.id);
  return {
    aadObjectId: user.aadObjectId || account.aadObjectId || '',
    tenantId: account.tenantId ?? conversationTenant,
    role: toRole(account.userRole),
  };
}

/** Everyone in a channel or group chat, page by page. Throws when Teams cannot answer. */
export async function readRoster(turn: TurnContext, conversationTenant: string): Promise<AudienceMember[]> {
  const members: AudienceMember[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(turn, 500, continuationToken);
    for (const m of page.members) {
      members.push({ aadObjectId: m.aadObjectId ?? '', tenantId: m.tenantId ?? conversationTenant, role: toRole(m.userRole) });
    }
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}
