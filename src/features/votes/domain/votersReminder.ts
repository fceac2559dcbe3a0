// One reminder to the members who have not voted, a day before a vote closes: chief executives
// vote between meetings, and a card in a busy channel is easy to miss. Pure: the caller passes
// the time.
import type { GateVote } from './gateVote.js';

/** How long before the deadline the reminder goes out. */
export const REMIND_VOTERS_BEFORE_MS = 24 * 60 * 60 * 1000;

/** When the reminder is due (stored as a column so the closer's query finds the vote). */
export const votersReminderAt = (vote: Pick<GateVote, 'deadline'>): number => vote.deadline - REMIND_VOTERS_BEFORE_MS;

/**
 * The reminder is due: the vote is open, the deadline is less than a day away but not passed,
 * and it has not gone out. A vote opened less than a day before its deadline gets none: its
 * card has only just been posted.
 */
export function votersReminderDue(vote: Pick<GateVote, 'status' | 'deadline' | 'openedAt' | 'progress'>, now: number): boolean {
  const at = votersReminderAt(vote);
  return vote.status === 'open' && vote.progress.votersReminded !== true && vote.openedAt < at && now >= at && now < vote.deadline;
}
