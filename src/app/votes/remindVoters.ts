// The day before a vote closes, the members who have not voted get one personal reminder
// (votersReminder.ts says when). Recorded on the vote, so each sweep and instance sends it
// once; the delivery keys make a repeat after a crash a no-op.
import { eligibleVoters } from '../../domain/decision/eligibility.js';
import type { GateVote } from '../../domain/vote/gateVote.js';
import { refOf, type VoteDeps } from './voteDeps.js';

export async function remindVoters(deps: Pick<VoteDeps, 'votes' | 'board'>, vote: GateVote): Promise<string[]> {
  const ref = refOf(vote);
  const voted = new Set((await deps.votes.latest(ref)).map((b) => b.voter));
  const waiting = eligibleVoters(vote.electorate).filter((voter) => !voted.has(voter));
  if (waiting.length > 0) await deps.board.remindVoters(vote, waiting);
  await deps.votes.update(ref, (v) => (v.progress.votersReminded ? undefined : { ...v, progress: { ...v.progress, votersReminded: true } }));
  return waiting;
}
