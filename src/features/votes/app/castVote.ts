// A member votes for, against or abstains, with an optional comment, and may change their
// vote until it closes. Observers, the secretary and anyone else get a clear refusal.
import type { Choice } from '../../../shared/decision/ballot.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { viewerOf, type BallotRecord, type GateVote, type Viewer } from '../domain/gateVote.js';
import { type Access, accessTo } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import { voteMetrics } from '../../../platform/observability/metrics.js';
import type { CastResult, VoteRef, VoteRepository } from './voteRepository.js';
import { departedVoter } from '../domain/departedVoters.js';
import { openVoteAt, withdrawalsFor } from './departures.js';

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
  deps: Pick<VoteDeps, 'votes' | 'departures'>,
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
  return ok({ access: access.value, ...seenAt(deps, access.value, vote, latest, ctx.now), own, latest });
}

/**
 * The vote and the reader's place in it as they stand at `now`: the electorate without the
 * voters whose party has left (departedVoters.ts); a departed voter sees that they vote no more.
 */
export function seenAt(deps: Pick<VoteDeps, 'departures'>, access: Access, vote: GateVote, latest: readonly BallotRecord[], now: number): Pick<VoteSeen, 'vote' | 'viewer'> {
  const current = openVoteAt(deps.departures, access.programme, vote, latest, now);
  const viewer = viewerOf(current, access.actor.id, access.roles.isOffice);
  const departed = vote.status === 'open' ? departedVoter(vote.electorate, access.programme, withdrawalsFor(deps.departures, vote), access.actor.id, now) : undefined;
  if (!departed) return { vote: current, viewer };
  return { vote: current, viewer: { ...viewer, standing: { standing: 'non-member', canVote: false }, departed: { partyId: departed.partyId, effective: departed.effective } } };
}

export interface CastRequest {
  programmeId: string;
  voteId: string;
  choice: Choice;
  comment?: string;
  after?: number;
}

export async function castVote(
  deps: Pick<VoteDeps, 'votes' | 'board' | 'departures'>,
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
  const departed = departedVoter(vote.electorate, access.value.programme, withdrawalsFor(deps.departures, vote), access.value.actor.id, ctx.now);
  if (departed) return err({ code: 'departed-voter', partyId: departed.partyId, effective: departed.effective });
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
