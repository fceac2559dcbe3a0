// The day before a vote closes, the members who have not voted get one personal reminder
// (votersReminder.ts says when). Recorded on the vote, so each sweep and instance sends it
// once; the delivery keys make a repeat after a crash a no-op.
import { eligibleVoters } from '../../../shared/decision/eligibility.js';
import type { GateVote } from '../domain/gateVote.js';
import { refOf, type VoteDeps } from './voteDeps.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { openVoteAt } from './departures.js';

export async function remindVoters(deps: Pick<VoteDeps, 'votes' | 'board' | 'departures'>, programme: Programme, vote: GateVote, now: number): Promise<string[]> {
  const ref = refOf(vote);
  const latest = await deps.votes.latest(ref);
  const voted = new Set(latest.map((b) => b.voter));
  // A voter whose party has left is not reminded (departedVoters.ts).
  const waiting = eligibleVoters(openVoteAt(deps.departures, programme, vote, latest, now).electorate).filter((voter) => !voted.has(voter));
  if (waiting.length > 0) await deps.board.remindVoters(vote, waiting);
  await deps.votes.update(ref, (v) => (v.progress.votersReminded ? undefined : { ...v, progress: { ...v.progress, votersReminded: true } }));
  return waiting;
}
