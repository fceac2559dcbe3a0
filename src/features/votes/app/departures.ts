// A running vote as it stands now for everyone who shows or counts it (the personal and the
// shared card, the day-before reminder): the programme's withdrawals applied by the pure rule
// in departedVoters.ts. A vote no longer open is shown as it was counted.
import type { Programme } from '../../../shared/programme/schema.js';
import { voteAt } from '../domain/departedVoters.js';
import type { BallotRecord, GateVote } from '../domain/gateVote.js';
import type { DepartureSource } from './voteDeps.js';

export const withdrawalsFor = (departures: DepartureSource, vote: Pick<GateVote, 'tenantId' | 'programmeId'>) =>
  departures.withdrawalsOf({ tenantId: vote.tenantId, programmeId: vote.programmeId });

export function openVoteAt(departures: DepartureSource, programme: Pick<Programme, 'people'>, vote: GateVote, latest: readonly BallotRecord[], now: number): GateVote {
  if (vote.status !== 'open') return vote;
  return voteAt(vote, programme, withdrawalsFor(departures, vote), latest, now);
}
