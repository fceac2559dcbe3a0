// A written feedback round (skriftlig tilbakemeldingsrunde / høring): a fixed list of parties is
// asked in writing by a deadline; anyone of an asked party may answer for it, a later answer
// replaces the earlier one as the party's answer and every version is kept; an answer given after
// the deadline day is marked late. Skate's final treatment (seed 004 §6.1) and Digi Rogaland's
// yearly revision of the agreement (seed 003 §8: «etter en høringsperiode hos alle
// medlemskommunene») both run one. Pure: the caller passes the time and the person.
import type { PersonRef } from './personRef.js';
import { err, ok, type Result } from './result.js';
import { addBusinessDays, businessMorning } from './schedule/businessDays.js';
import { addDays, checkIsoDate, osloDate, osloEndOfDay, type IsoDate } from './schedule/oslo.js';

/** One written answer from a party. */
export interface FeedbackVersion {
  party: string;
  /** 1, 2, … per party. */
  version: number;
  text: string;
  by: PersonRef;
  at: number;
  /** Given after the deadline day. */
  late: boolean;
}

/** What every feedback round has. */
export interface FeedbackRound {
  /** Last day for written answers (Oslo calendar day). */
  deadline: IsoDate;
  /** Party ids asked, fixed when the round opened, in the order they were asked. */
  organisations: string[];
  /** Every answer, oldest first. */
  feedback: FeedbackVersion[];
  openedAt: number;
}

export const TEXT_MAX = 4000;
/** A revision limit keeps the record (and the card) bounded; ample for real use. */
export const MAX_VERSIONS_PER_ORGANISATION = 20;
/** A deadline more than a year out is a typing mistake. */
export const MAX_DEADLINE_DAYS = 366;
/** Reminders to parties that have not answered, in business days before the deadline. */
export const REMIND_BUSINESS_DAYS_BEFORE: readonly number[] = [3, 1];

export type DeadlineProblem =
  | { code: 'invalid'; field: 'deadline' }
  | { code: 'deadline-not-in-future'; deadline: IsoDate }
  | { code: 'deadline-too-far'; deadline: IsoDate; latest: IsoDate };

export type AnswerProblem = { code: 'invalid'; field: 'text' } | { code: 'too-many-versions'; party: string; max: number };

const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/** The end of the deadline day, Oslo time. */
export const feedbackDueAt = (round: Pick<FeedbackRound, 'deadline'>): number => osloEndOfDay(round.deadline);

/** The deadline `businessDays` business days after `now`'s day. */
export const deadlineAfter = (now: number, businessDays: number): IsoDate => addBusinessDays(osloDate(now), businessDays);

/** Each party's current answer: its latest version. */
export function currentFeedback(round: Pick<FeedbackRound, 'feedback'>): Map<string, FeedbackVersion> {
  const out = new Map<string, FeedbackVersion>();
  for (const f of round.feedback) out.set(f.party, f);
  return out;
}

/** Parties asked that have not answered, in the order they were asked. */
export function outstandingOrganisations(round: Pick<FeedbackRound, 'feedback' | 'organisations'>): string[] {
  const answered = currentFeedback(round);
  return round.organisations.filter((p) => !answered.has(p));
}

/** The round is over when every party has answered or the deadline day has passed. */
export const roundOver = (round: FeedbackRound, now: number): boolean => outstandingOrganisations(round).length === 0 || now > feedbackDueAt(round);

/** A deadline typed on a form: a day after today, at most a year out. */
export function checkDeadline(deadline: string, at: number): Result<IsoDate, DeadlineProblem> {
  const date = deadline.trim();
  try {
    checkIsoDate(date);
  } catch {
    return err({ code: 'invalid', field: 'deadline' });
  }
  const today = osloDate(at);
  if (date <= today) return err({ code: 'deadline-not-in-future', deadline: date });
  const latest = addDays(today, MAX_DEADLINE_DAYS);
  if (date > latest) return err({ code: 'deadline-too-far', deadline: date, latest });
  return ok(date);
}

/**
 * A party's answer added to the round (the caller has checked that the person may answer for the
 * party and that the round still takes answers). The same text again changes nothing (a double
 * click): `changed` is false and `version` is the party's current one.
 */
export function addAnswer(
  round: FeedbackRound,
  party: string,
  input: { text: string; by: PersonRef; at: number },
): Result<{ changed: boolean; version: FeedbackVersion; feedback: FeedbackVersion[] }, AnswerProblem> {
  const text = input.text.trim();
  if (text === '' || text.length > TEXT_MAX) return err({ code: 'invalid', field: 'text' });
  const latest = currentFeedback(round).get(party);
  if (latest && sameText(latest.text, text)) return ok({ changed: false, version: latest, feedback: round.feedback });
  const count = round.feedback.filter((f) => f.party === party).length;
  if (count >= MAX_VERSIONS_PER_ORGANISATION) return err({ code: 'too-many-versions', party, max: MAX_VERSIONS_PER_ORGANISATION });
  const version: FeedbackVersion = { party, version: count + 1, text, by: input.by, at: input.at, late: input.at > feedbackDueAt(round) };
  return ok({ changed: true, version, feedback: [...round.feedback, version] });
}

/** What chasing the round asks for now ("chased like reports"). */
export type ChaseEvent =
  | { kind: 'remind'; businessDaysBefore: number; at: number }
  | { kind: 'overdue'; at: number };

/**
 * The chasing event to act on at `now` for a round that still takes answers (the caller checks
 * that): once the deadline has passed, the escalation (09:00 the business day after the deadline
 * day); before that, the latest due reminder (09:00, n business days before the deadline day;
 * none on or before the day the round opened, when the request itself went out). Older reminders
 * a stopped bot missed are not sent in a burst.
 */
export function roundChaseEvent(round: Pick<FeedbackRound, 'deadline' | 'openedAt'>, now: number, remindBefore: readonly number[] = REMIND_BUSINESS_DAYS_BEFORE): ChaseEvent | undefined {
  const overdueAt = businessMorning(addBusinessDays(round.deadline, 1));
  if (now >= overdueAt) return { kind: 'overdue', at: overdueAt };
  const opened = osloDate(round.openedAt);
  let due: ChaseEvent | undefined;
  for (const n of [...new Set(remindBefore)].sort((a, b) => b - a)) {
    const day = addBusinessDays(round.deadline, -n);
    if (day <= opened) continue;
    const at = businessMorning(day);
    if (at <= now) due = { kind: 'remind', businessDaysBefore: n, at };
  }
  return due;
}
