// Final treatment of a measure (sluttbehandling, Difi/Skate governance model, seed 004 §6).
//
// §6.1: «Tiltakene skal ha en sluttbehandling i Skate. Forbehandling skal omfatte AU-behandlinger
// og skriftlig tilbakemeldingsrunde i Skate-virksomhetene.» So the office opens a written
// feedback round: every organisation with a member in Skate is asked, by a deadline.
// §6.2: «Tilsvarende sluttbehandling kan … gjennomføres for sentrale delleveranser»: a treatment
// may be of a named part (delleveranse) instead of the whole measure.
// §6.3: «Skates beslutning er en anbefaling til både tiltakseier … og Difis direktør»: the office
// records Skate's recommendation once the round is over.
// §6.4: «Difis direktør tar endelig beslutning om ferdige tiltak har levert i samsvar med
// Digitaliseringsstrategiens målbilde, innhold og forventninger.» So both the recommendation and
// the decision are a verdict on that question, and the decision says whether it follows Skate.
//
// Every step is appended to the treatment's history (who, when, what). Pure: the caller passes
// the time, the person and the numbers issued.
import { decisionRight as directorRight, type DecisionRight } from '../../../shared/decision/director.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Body, Programme } from '../../../shared/programme/schema.js';
import {
  addAnswer,
  checkDeadline,
  deadlineAfter,
  outstandingOrganisations,
  roundChaseEvent,
  roundOver,
  REMIND_BUSINESS_DAYS_BEFORE,
  TEXT_MAX,
  type ChaseEvent,
  type FeedbackRound,
  type FeedbackVersion,
} from '../../../shared/feedbackRound.js';
import type { IsoDate } from '../../../shared/schedule/oslo.js';
import type { Measure } from './measures.js';

// The written feedback round itself is shared with other hearings (hearing/feedbackRound.ts).
export {
  currentFeedback,
  feedbackDueAt,
  MAX_DEADLINE_DAYS,
  MAX_VERSIONS_PER_ORGANISATION,
  outstandingOrganisations,
  REMIND_BUSINESS_DAYS_BEFORE,
  roundOver,
  TEXT_MAX,
  type ChaseEvent,
  type FeedbackVersion,
} from '../../../shared/feedbackRound.js';

/** §6.4: has the finished measure delivered in line with the strategy's target picture,
 * content and expectations? */
export const verdicts = ['in-accordance', 'not-in-accordance'] as const;
export type Verdict = (typeof verdicts)[number];

export type FinalTreatmentStage = 'feedback' | 'recommended' | 'decided' | 'cancelled';

export interface Recommendation {
  verdict: Verdict;
  /** §2.1: «Skate skal søke å finne konsensus i sine råd» — whether it did. */
  consensus: boolean;
  text: string;
  /** §6.1: the AU treatment that prepared the case (optional note). */
  auTreatment: string;
  /** Organisations that had not answered when the recommendation was recorded. */
  missing: string[];
  by: PersonRef;
  at: number;
}

export interface Decision {
  verdict: Verdict;
  text: string;
  followsRecommendation: boolean;
  /** Recorded by the programme office on the director's behalf (no director named in the
   * programme file). */
  onBehalf: boolean;
  by: PersonRef;
  at: number;
}

export type HistoryEvent =
  | { kind: 'opened'; deadline: IsoDate; organisations: string[]; part: string }
  | { kind: 'feedback'; party: string; version: number; late: boolean }
  | { kind: 'deadline-changed'; from: IsoDate; to: IsoDate }
  | { kind: 'recommended'; verdict: Verdict; consensus: boolean; missing: string[] }
  | { kind: 'decided'; verdict: Verdict; followsRecommendation: boolean; onBehalf: boolean }
  | { kind: 'cancelled'; reason: string };

export interface HistoryEntry {
  at: number;
  by: PersonRef;
  event: HistoryEvent;
}

export interface FinalTreatment extends FeedbackRound {
  /** Readable id, e.g. S-002. */
  id: string;
  measureId: string;
  /** '' for the whole measure, else the central part (delleveranse) being treated (§6.2). */
  part: string;
  /** The advisory body whose member organisations are asked (Skate). */
  body: string;
  /** What the organisations are asked to comment on (e.g. where the final report is). */
  request: string;
  /** Last day for written feedback (Oslo calendar day). */
  deadline: IsoDate;
  /** Party ids asked, fixed when the round opened. */
  organisations: string[];
  /** Every answer, oldest first. */
  feedback: FeedbackVersion[];
  recommendation?: Recommendation;
  decision?: Decision;
  cancelled?: { reason: string; by: PersonRef; at: number };
  openedBy: PersonRef;
  openedAt: number;
  /** Every step, oldest first. */
  history: HistoryEntry[];
}

export type FinalTreatmentAction = 'open' | 'feedback' | 'deadline' | 'recommend' | 'decide' | 'cancel';

export type FinalTreatmentProblem =
  | { code: 'no-advice-body' }
  | { code: 'no-organisations'; body: string }
  | { code: 'not-allowed'; action: FinalTreatmentAction; needs: 'office' | 'asked-organisation' | 'decider' }
  | { code: 'out-of-order'; action: FinalTreatmentAction; stage: FinalTreatmentStage }
  | { code: 'already-open'; id: string }
  | { code: 'feedback-round-open'; outstanding: string[]; deadline: IsoDate }
  | { code: 'deadline-not-in-future'; deadline: IsoDate }
  | { code: 'deadline-too-far'; deadline: IsoDate; latest: IsoDate }
  | { code: 'too-many-versions'; party: string; max: number }
  | { code: 'invalid'; field: 'request' | 'part' | 'deadline' | 'text' | 'reason' | 'auTreatment' };

/** What a successful step returns: the treatment, and whether anything changed (a repeated
 * submission of the same answer changes nothing). */
export interface Step {
  treatment: FinalTreatment;
  changed: boolean;
}

export const REQUEST_MAX = 2000;
export const PART_MAX = 200;
/** Seed 004 names no length for the round; two working weeks is what the form suggests. */
export const DEFAULT_FEEDBACK_BUSINESS_DAYS = 10;

export const formatFinalTreatmentId = (n: number) => `S-${String(n).padStart(3, '0')}`;

const nonBlank = (s: string) => s.trim() !== '';
const personOf = (programme: Programme, id: string) => programme.people.find((p) => p.aadObjectId === id);
const isOffice = (programme: Programme, id: string) => personOf(programme, id)?.roles.includes('office') ?? false;

/**
 * The advisory body whose member organisations give written feedback and whose advice a
 * director decides on: Skate (seed 004: «Skate gir råd og anbefalinger til Difi direktør»). It is
 * the first body with `decidedBy`; a programme without one has no final treatment.
 */
export function adviceBody(programme: Programme): Body | undefined {
  return programme.bodies.find((b) => b.decidedBy !== undefined);
}

const seatsOf = (body: Body) => [...new Set([...(body.chair ? [body.chair] : []), ...body.members])];

/** «Skate-virksomhetene»: the organisations (parties) of the body's members — not of its
 * observers or secretary — in the programme file's party order. */
export function memberOrganisations(programme: Programme, body: Body): string[] {
  const parties = new Set(seatsOf(body).flatMap((id) => personOf(programme, id)?.party ?? []));
  return programme.parties.map((p) => p.id).filter((id) => parties.has(id));
}

/** An organisation's members of the body: who its feedback card and reminders go to. */
export function organisationMembers(programme: Programme, body: Body, party: string): PersonRef[] {
  return seatsOf(body).flatMap((id) => {
    const person = personOf(programme, id);
    return person && person.party === party ? [{ id, name: person.name }] : [];
  });
}

export function stageOf(t: FinalTreatment): FinalTreatmentStage {
  if (t.cancelled) return 'cancelled';
  if (t.decision) return 'decided';
  if (t.recommendation) return 'recommended';
  return 'feedback';
}

/** The deadline the opening form suggests. */
export const defaultDeadline = (now: number): IsoDate => deadlineAfter(now, DEFAULT_FEEDBACK_BUSINESS_DAYS);

/**
 * Who may record the director's decision, and as what: the person the programme file names as
 * the decider, or — when it names nobody — the programme office on the director's behalf (the
 * same rule as for gate votes).
 */
export function decisionRight(programme: Programme, body: Pick<Body, 'decidedBy'>, personId: string): DecisionRight | undefined {
  return directorRight(body, personId, isOffice(programme, personId));
}

/** The organisation a person answers for, when it was asked. Anyone of an asked organisation
 * may answer for it (the card goes to its Skate members, who may delegate to a colleague). */
export function answeringOrganisation(programme: Programme, t: FinalTreatment, personId: string): string | undefined {
  const party = personOf(programme, personId)?.party;
  return party !== undefined && t.organisations.includes(party) ? party : undefined;
}

const normalisedPart = (part: string) => part.trim().toLocaleLowerCase('nb');

export interface OpenInput {
  part: string;
  request: string;
  deadline: string;
  by: PersonRef;
  at: number;
}

/**
 * Opens the written feedback round (office only). At most one treatment of the same measure
 * (or the same part of it) is under way at a time; a decided or cancelled one may be followed
 * by a new one.
 */
export function openFinalTreatment(
  programme: Programme,
  measure: Measure,
  existing: readonly FinalTreatment[],
  sequence: number,
  input: OpenInput,
): Result<FinalTreatment, FinalTreatmentProblem> {
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'open', needs: 'office' });
  const body = adviceBody(programme);
  if (!body) return err({ code: 'no-advice-body' });
  const organisations = memberOrganisations(programme, body);
  if (organisations.length === 0) return err({ code: 'no-organisations', body: body.id });
  if (!nonBlank(input.request) || input.request.trim().length > REQUEST_MAX) return err({ code: 'invalid', field: 'request' });
  const part = input.part.trim();
  if (part.length > PART_MAX) return err({ code: 'invalid', field: 'part' });
  const deadline = checkDeadline(input.deadline, input.at);
  if (!deadline.ok) return deadline;
  const ongoing = existing.find(
    (t) => t.measureId === measure.id && normalisedPart(t.part) === normalisedPart(part) && (stageOf(t) === 'feedback' || stageOf(t) === 'recommended'),
  );
  if (ongoing) return err({ code: 'already-open', id: ongoing.id });
  return ok({
    id: formatFinalTreatmentId(sequence),
    measureId: measure.id,
    part,
    body: body.id,
    request: input.request.trim(),
    deadline: deadline.value,
    organisations,
    feedback: [],
    openedBy: input.by,
    openedAt: input.at,
    history: [{ at: input.at, by: input.by, event: { kind: 'opened', deadline: deadline.value, organisations, part } }],
  });
}

/** An organisation's written feedback. Accepted until the recommendation is recorded; after the
 * deadline day it is marked late. The same text again changes nothing (a double click). */
export function giveFeedback(
  programme: Programme,
  t: FinalTreatment,
  input: { text: string; by: PersonRef; at: number },
): Result<Step & { version: FeedbackVersion }, FinalTreatmentProblem> {
  const party = answeringOrganisation(programme, t, input.by.id);
  if (party === undefined) return err({ code: 'not-allowed', action: 'feedback', needs: 'asked-organisation' });
  const stage = stageOf(t);
  if (stage !== 'feedback') return err({ code: 'out-of-order', action: 'feedback', stage });
  const added = addAnswer(t, party, input);
  if (!added.ok) return added;
  const { changed, version, feedback } = added.value;
  if (!changed) return ok({ treatment: t, changed: false, version });
  return ok({
    treatment: {
      ...t,
      feedback,
      history: [...t.history, { at: input.at, by: input.by, event: { kind: 'feedback', party, version: version.version, late: version.late } }],
    },
    changed: true,
    version,
  });
}

/** Moves the deadline (office only, while the round is open). Reminders follow the new date. */
export function changeDeadline(
  programme: Programme,
  t: FinalTreatment,
  input: { deadline: string; by: PersonRef; at: number },
): Result<Step, FinalTreatmentProblem> {
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'deadline', needs: 'office' });
  const stage = stageOf(t);
  if (stage !== 'feedback') return err({ code: 'out-of-order', action: 'deadline', stage });
  const deadline = checkDeadline(input.deadline, input.at);
  if (!deadline.ok) return deadline;
  if (deadline.value === t.deadline) return ok({ treatment: t, changed: false });
  return ok({
    treatment: {
      ...t,
      deadline: deadline.value,
      history: [...t.history, { at: input.at, by: input.by, event: { kind: 'deadline-changed', from: t.deadline, to: deadline.value } }],
    },
    changed: true,
  });
}

export interface RecommendationInput {
  verdict: Verdict;
  consensus: boolean;
  text: string;
  auTreatment: string;
  by: PersonRef;
  at: number;
}

/** Skate's recommendation (§6.3), recorded by the office once the round is over: after the
 * deadline day, or as soon as every organisation has answered. */
export function recordRecommendation(programme: Programme, t: FinalTreatment, input: RecommendationInput): Result<Step, FinalTreatmentProblem> {
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'recommend', needs: 'office' });
  const stage = stageOf(t);
  if (stage !== 'feedback') return err({ code: 'out-of-order', action: 'recommend', stage });
  if (!roundOver(t, input.at)) return err({ code: 'feedback-round-open', outstanding: outstandingOrganisations(t), deadline: t.deadline });
  const text = input.text.trim();
  if (!nonBlank(text) || text.length > TEXT_MAX) return err({ code: 'invalid', field: 'text' });
  const auTreatment = input.auTreatment.trim();
  if (auTreatment.length > TEXT_MAX) return err({ code: 'invalid', field: 'auTreatment' });
  const missing = outstandingOrganisations(t);
  const recommendation: Recommendation = { verdict: input.verdict, consensus: input.consensus, text, auTreatment, missing, by: input.by, at: input.at };
  return ok({
    treatment: {
      ...t,
      recommendation,
      history: [...t.history, { at: input.at, by: input.by, event: { kind: 'recommended', verdict: input.verdict, consensus: input.consensus, missing } }],
    },
    changed: true,
  });
}

/** The director's final decision (§6.4), after Skate's recommendation. */
export function recordDecision(
  programme: Programme,
  t: FinalTreatment,
  input: { verdict: Verdict; text: string; by: PersonRef; at: number },
): Result<Step, FinalTreatmentProblem> {
  const body = programme.bodies.find((b) => b.id === t.body);
  if (!body?.decidedBy) return err({ code: 'no-advice-body' });
  const right = decisionRight(programme, body, input.by.id);
  if (!right) return err({ code: 'not-allowed', action: 'decide', needs: 'decider' });
  const stage = stageOf(t);
  if (stage !== 'recommended' || !t.recommendation) return err({ code: 'out-of-order', action: 'decide', stage });
  const text = input.text.trim();
  if (!nonBlank(text) || text.length > TEXT_MAX) return err({ code: 'invalid', field: 'text' });
  const followsRecommendation = input.verdict === t.recommendation.verdict;
  const onBehalf = right === 'office-on-behalf';
  return ok({
    treatment: {
      ...t,
      decision: { verdict: input.verdict, text, followsRecommendation, onBehalf, by: input.by, at: input.at },
      history: [...t.history, { at: input.at, by: input.by, event: { kind: 'decided', verdict: input.verdict, followsRecommendation, onBehalf } }],
    },
    changed: true,
  });
}

/** Stops a treatment that is under way (office only), e.g. opened on the wrong measure; a new
 * one may then be opened. */
export function cancelFinalTreatment(
  programme: Programme,
  t: FinalTreatment,
  input: { reason: string; by: PersonRef; at: number },
): Result<Step, FinalTreatmentProblem> {
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'cancel', needs: 'office' });
  const stage = stageOf(t);
  if (stage !== 'feedback' && stage !== 'recommended') return err({ code: 'out-of-order', action: 'cancel', stage });
  const reason = input.reason.trim();
  if (!nonBlank(reason) || reason.length > TEXT_MAX) return err({ code: 'invalid', field: 'reason' });
  return ok({
    treatment: {
      ...t,
      cancelled: { reason, by: input.by, at: input.at },
      history: [...t.history, { at: input.at, by: input.by, event: { kind: 'cancelled', reason } }],
    },
    changed: true,
  });
}

/**
 * The chasing event to act on at `now` (feedbackRound.ts: the escalation once the deadline has
 * passed, else the latest due reminder). Nothing once the recommendation is recorded or the
 * treatment is cancelled.
 */
export function chaseEventDue(t: FinalTreatment, now: number, remindBefore: readonly number[] = REMIND_BUSINESS_DAYS_BEFORE): ChaseEvent | undefined {
  return stageOf(t) === 'feedback' ? roundChaseEvent(t, now, remindBefore) : undefined;
}

/** Orders S-999 before S-1000. */
export const compareTreatments = (a: FinalTreatment, b: FinalTreatment): number =>
  Number(a.id.slice(2)) - Number(b.id.slice(2)) || a.openedAt - b.openedAt;
