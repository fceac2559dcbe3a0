// The measure owner approves their own governance documentation at a gate marked
// `approvedBy: "owner"` and so moves the measure to the next phase (Skate seed 004 §3.1). Any
// participant may ask; the domain lets only the idea's owner (its project leader) through. Advice
// of the advising body is not read: it can never hold the measure (§3.4).
import type { Idea } from '../domain/idea.js';
import { approveAsOwner } from '../domain/ownerApproval.js';
import type { Result } from '../../../shared/result.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { IdeaRef } from './changeIdea.js';
import { accessTo } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository } from './ideaRepository.js';

export async function approveGateAsOwner(ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef & { gate: string }): Promise<Result<Idea, IdeaUseCaseError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  return ideas.apply(key, ref.number, (idea) => approveAsOwner(programme, idea, { by: actor, at: ctx.now, gate: ref.gate }));
}
