// Skate (seed 004 §2, §5, §6.3): the body's vote is advice; the Difi director decides. The
// decision is one more action, recorded beside the advice (never merged into it), and only it
// moves the idea.
import { err, ok, type Result } from '../../../shared/result.js';
import { decisionRight } from '../../../shared/decision/director.js';
import { isAdvisory, type GateVote } from '../domain/gateVote.js';
import { accessTo } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { finishVote } from './closeVote.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import type { VoteRef } from './voteRepository.js';

export async function recordDirectorDecision(
  deps: VoteDeps,
  ctx: RequestContext,
  input: { programmeId: string; voteId: string; adopted: boolean; comment?: string },
): Promise<Result<GateVote, VoteError>> {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, actor, roles } = access.value;
  const ref: VoteRef = { ...access.value.key, voteId: input.voteId };
  const vote = await deps.votes.get(ref);
  if (!vote) return err({ code: 'vote-not-found', voteId: input.voteId });
  if (!isAdvisory(vote) || !vote.decidedBy) return err({ code: 'not-advisory' });
  const right = decisionRight(vote, actor.id, roles.isOffice);
  if (!right) return err({ code: 'may-not-decide', title: vote.decidedBy.title[ctx.language] });
  if (vote.status !== 'closed') return err({ code: 'advice-pending' });
  if (vote.director) return err({ code: 'already-decided' });
  const comment = input.comment?.trim();
  const decided = await deps.votes.update(ref, (v) =>
    v.director
      ? undefined
      : {
          ...v,
          // §6.4: the decision is the director's; the record says who wrote it down, and whether on their behalf.
          director: { adopted: input.adopted, by: actor.id, name: actor.name, at: ctx.now, onBehalf: right === 'office-on-behalf', ...(comment ? { comment } : {}) },
        },
  );
  if (!decided?.changed) return err({ code: 'already-decided' });
  return ok(await finishVote(deps, programme, decided.vote));
}
