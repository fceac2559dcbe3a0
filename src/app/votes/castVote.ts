// A member votes for, against or abstains, with an optional comment, and may change their
// vote until it closes. Observers, the secretary and anyone else get a clear refusal.
import type { Choice } from '../../domain/decision/ballot.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import { viewerOf, type BallotRecord, type GateVote, type Viewer } from '../../domain/vote/gateVote.js';
import { accessTo, type Access } from '../ideas/ideaAccess.js';
import type { RequestContext } from '../requestContext.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import { voteMetrics } from '../../observability/metrics.js';
import type { CastResult, VoteRef, VoteRepository } from './voteRepository.js';

export interface VoteSeen {
  access: Access;
  vote: GateVote;
  viewer: Viewer;
  /** The viewer's own latest ballot, if they voted. */
  own: BallotRecord | undefined;
  /** Every voter's latest ballot (for the progress line). */
  latest: BallotRecord[];
}

/** The vote as this person sees it: for their own card (refresh, and after every action). */
export async function viewVote(
  deps: Pick<VoteDeps, 'votes'>,
  ctx: RequestContext,
  target: { programmeId: string; voteId: string },
  /** Where the progress line's list comes from; by default storage, fresh. */
  progress: Pick<VoteRepository, 'latest'> = deps.votes,
): Promise<Result<VoteSeen, VoteError>> {
  const access = accessTo(ctx, target.programmeId);
  if (!access.ok) return access;
  const ref: VoteRef = { ...access.value.key, voteId: target.voteId };
  const vote = await deps.votes.get(ref);
  if (!vote) return err({ code: 'vote-not-found', voteId: target.voteId });
  const me = access.value.actor.id;
  // The reader's own ballot is read on its own, always fresh; the others only feed the
  // progress line (and may come from the instance's aggregate, see voteModule.ts).
  const [own, latest] = await Promise.all([deps.votes.latestOf(ref, me), progress.latest(ref)]);
  return ok({
    access: access.value,
    vote,
    viewer: viewerOf(vote, me, access.value.roles.isOffice),
    own,
    latest,
  });
}

export interface CastRequest {
  programmeId: string;
  voteId: string;
  choice: Choice;
  comment?: string;
  after?: number;
}

export async function castVote(
  deps: Pick<VoteDeps, 'votes' | 'board'>,
  ctx: RequestContext,
  request: CastRequest,
): Promise<Result<{ access: Access; vote: GateVote; result: CastResult }, VoteError>> {
  const access = accessTo(ctx, request.programmeId);
  if (!access.ok) return access;
  const ref: VoteRef = { ...access.value.key, voteId: request.voteId };
  const vote = await deps.votes.get(ref);
  if (!vote) return err({ code: 'vote-not-found', voteId: request.voteId });
  const { standing } = viewerOf(vote, access.value.actor.id, access.value.roles.isOffice);
  if (!standing.canVote) return err({ code: 'not-voter', standing: standing.standing, body: vote.body });
  if (vote.status !== 'open') return err({ code: 'vote-closed' });
  if (ctx.now >= vote.deadline) return err({ code: 'deadline-passed' });

  const comment = request.comment?.trim();
  const result = await deps.votes.cast(ref, {
    voter: access.value.actor.id,
    choice: request.choice,
    ...(comment ? { comment } : {}),
    castAt: ctx.now,
    ...(request.after !== undefined ? { after: request.after } : {}),
  });
  if (result.kind === 'sealed') return err({ code: 'vote-closed' });
  if (result.kind === 'recorded') deps.board.changed(ref);
  if (result.kind === 'recorded') voteMetrics.cast(request.programmeId);
  return ok({ access: access.value, vote, result });
}
