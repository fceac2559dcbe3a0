// The decision log: every gate vote of a programme (or of one idea or one body), with every
// ballot as cast, changes included, the rule and the reason. Open to the programme's
// participants: the programme's decisions are transparent inside it.
import { ok, type Result } from '../../domain/idea/result.js';
import type { BallotRecord, GateVote } from '../../domain/vote/gateVote.js';
import { accessTo, type Access } from '../ideas/ideaAccess.js';
import type { RequestContext } from '../requestContext.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';

export interface LoggedVote {
  vote: GateVote;
  ballots: BallotRecord[];
}

export interface DecisionLog {
  access: Access;
  filter: { ideaNumber?: string; body?: string };
  votes: LoggedVote[];
}

export async function decisionLog(
  deps: Pick<VoteDeps, 'votes'>,
  ctx: RequestContext,
  input: { programmeId: string; ideaNumber?: string; body?: string },
): Promise<Result<DecisionLog, VoteError>> {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const filter = {
    ...(input.ideaNumber ? { ideaNumber: input.ideaNumber } : {}),
    ...(input.body ? { body: input.body } : {}),
  };
  const votes = await deps.votes.list(access.value.key, filter);
  const logged = await Promise.all(
    votes.map(async (vote) => ({ vote, ballots: await deps.votes.ballots({ ...access.value.key, voteId: vote.id }) })),
  );
  return ok({ access: access.value, filter, votes: logged });
}

