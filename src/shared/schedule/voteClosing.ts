// Closing-soon reminder for a vote: 09:00 Oslo on the last business day before the day the vote
// closes. A fixed "24 h before" would land on weekends and holidays and at odd hours; the
// business morning before gives members a working day to vote whatever hour the deadline is.
import { addBusinessDays, businessMorning } from './businessDays.js';
import { osloDate } from './oslo.js';

export interface VoteWindow {
  voteId: string;
  openedAt: number;
  deadline: number;
}

export interface ClosingSoon {
  /** `${voteId}:closing-soon` */
  key: string;
  /** When the reminder goes out; null when the vote opened after that (its card is reminder enough). */
  at: number | null;
  /** at ≤ now < deadline. */
  due: boolean;
}

export function closingSoon(vote: VoteWindow, now: number): ClosingSoon {
  const candidate = businessMorning(addBusinessDays(osloDate(vote.deadline), -1));
  const at = candidate > vote.openedAt ? candidate : null;
  return { key: `${vote.voteId}:closing-soon`, at, due: at !== null && at <= now && now < vote.deadline };
}
