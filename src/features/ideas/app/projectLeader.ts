// DSOP §3.3: the programme office staffs a started initiative, «inkludert prosjektleder». The
// office names (or changes) the project leader; the idea's history records who did it and when,
// and the new leader is told in their personal chat.
import type { Idea, PersonRef } from '../domain/idea.js';
import { ok } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { assignLeader, type IdeaRef } from './changeIdea.js';
import { officeAccess } from './ideaAccess.js';
import type { IdeaRepository } from './ideaRepository.js';

export interface LeaderNotice {
  tenantId: string;
  programme: Programme;
  idea: Idea;
  leader: string;
  by: PersonRef;
  at: number;
}

/** Tells a new project leader (the Teams edge writes it in their language). */
export interface LeaderNotices {
  assigned(notice: LeaderNotice): Promise<void>;
}

export async function assignProjectLeader(
  deps: { ideas: IdeaRepository; notices: LeaderNotices },
  ctx: RequestContext,
  ref: IdeaRef,
  person: string,
) {
  const access = officeAccess(ctx, ref.programmeId);
  if (!access.ok) return access;
  // Already the leader (a second click, a retried invoke): nothing changes and nobody is told twice.
  const current = await deps.ideas.get(access.value.key, ref.number);
  if (current?.projectLeader === person) return ok(current);
  const result = await assignLeader(deps.ideas, ctx, ref, person);
  if (result.ok) {
    await deps.notices.assigned({ tenantId: access.value.key.tenantId, programme: access.value.programme, idea: result.value, leader: person, by: access.value.actor, at: ctx.now });
  }
  return result;
}
