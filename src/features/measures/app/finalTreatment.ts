// Final treatment of a measure (seed 004 §6): the office opens a written feedback round among
// the Skate member organisations, each organisation answers through a card, the round is chased
// like reports, then the office records Skate's recommendation and the director the final
// decision. Proactive messages go through the FinalTreatmentMail port under keys that name
// exactly what they are, so every instance may run the chase sweep and each goes out once.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  adviceBody,
  cancelFinalTreatment,
  changeDeadline,
  chaseEventDue,
  compareTreatments,
  giveFeedback,
  memberOrganisations,
  openFinalTreatment,
  organisationMembers,
  outstandingOrganisations,
  recordDecision,
  recordRecommendation,
  stageOf,
  type FinalTreatment,
  type FinalTreatmentProblem,
  type Step,
  type Verdict,
} from '../domain/finalTreatment.js';
import type { Measure } from '../domain/measures.js';
import type { Body, Programme } from '../../../shared/programme/schema.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import { officePeople } from '../../reporting/app/reminders.js';
import { compareMeasureIds } from './measureOrder.js';
import { mapPool } from '../../../shared/pool.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { FinalTreatmentRepository } from './ports.js';
export type { FinalTreatmentRepository } from './ports.js';

export type FinalTreatmentError =
  | IdeaUseCaseError
  | FinalTreatmentProblem
  | { code: 'measure-not-found'; id: string }
  | { code: 'treatment-not-found'; id: string };

/** What a proactive message of the round is about. */
export type LetterKind = 'request' | 'reminder' | 'escalation' | 'recommended' | 'decided';

export interface Letter {
  /** The delivery key: one message per key, ever. */
  key: string;
  kind: LetterKind;
  programme: Programme;
  measure: Measure;
  treatment: FinalTreatment;
  /** Entra object id of the recipient. */
  to: string;
  /** request/reminder: the organisation asked. */
  party?: string;
  /** reminder: business days left before the deadline. */
  businessDaysBefore?: number;
  /** escalation: the organisations that have not answered. */
  missing?: string[];
}

/** Renders a letter in the recipient's language and hands it to proactive delivery. Must be
 * idempotent per key ('duplicate' the second time). */
export interface FinalTreatmentMail {
  send(letter: Letter): Promise<'queued' | 'duplicate'>;
}

const keyBase = (programme: Programme, t: FinalTreatment) => `${programme.tenantId}:${programme.id}:finaltreatment:${t.id}`;

export const letterKeys = {
  request: (p: Programme, t: FinalTreatment, person: string) => `${keyBase(p, t)}:request:${person}`,
  /** The deadline is part of the key, so a moved deadline is reminded of again. */
  reminder: (p: Programme, t: FinalTreatment, n: number, person: string) => `${keyBase(p, t)}:${t.deadline}:remind:${n}:${person}`,
  /** One escalation per office person and deadline, whoever is missing. */
  escalation: (p: Programme, t: FinalTreatment, person: string) => `${keyBase(p, t)}:${t.deadline}:escalation:${person}`,
  recommended: (p: Programme, t: FinalTreatment, person: string) => `${keyBase(p, t)}:recommended:${person}`,
  decided: (p: Programme, t: FinalTreatment, person: string) => `${keyBase(p, t)}:decided:${person}`,
};

const bodyOf = (programme: Programme, t: FinalTreatment): Body | undefined => programme.bodies.find((b) => b.id === t.body);

/** Who gets the request and reminders for an organisation: its members in the body. */
export function askedPeople(programme: Programme, t: FinalTreatment, party: string): PersonRef[] {
  const body = bodyOf(programme, t);
  return body ? organisationMembers(programme, body, party) : [];
}

/** §6.3: the recommendation goes to the measure owners and the director (the office when the
 * programme names no director); the decision to the owners and the office. */
export function noticeRecipients(programme: Programme, measure: Measure, t: FinalTreatment, kind: 'recommended' | 'decided'): string[] {
  const director = bodyOf(programme, t)?.decidedBy?.person;
  const deciders = kind === 'recommended' && director ? [director] : officePeople(programme);
  return [...new Set([...measure.owners, ...deciders])];
}

async function sendAll(mail: FinalTreatmentMail, letters: readonly Letter[]): Promise<void> {
  for (const letter of letters) await mail.send(letter);
}

function requestLetters(programme: Programme, measure: Measure, t: FinalTreatment): Letter[] {
  return t.organisations.flatMap((party) =>
    askedPeople(programme, t, party).map((person) => ({
      key: letterKeys.request(programme, t, person.id),
      kind: 'request' as const,
      programme,
      measure,
      treatment: t,
      to: person.id,
      party,
    })),
  );
}

function noticeLetters(programme: Programme, measure: Measure, t: FinalTreatment, kind: 'recommended' | 'decided'): Letter[] {
  return noticeRecipients(programme, measure, t, kind).map((to) => ({ key: letterKeys[kind](programme, t, to), kind, programme, measure, treatment: t, to }));
}

// ---- use cases ----

export interface OpeningChoices {
  access: Access;
  body: Body;
  organisations: string[];
  measures: Measure[];
}

/** What the opening form offers: the measures and the organisations that will be asked. */
export async function openingChoices(repo: FinalTreatmentRepository, ctx: RequestContext, programmeId: string): Promise<Result<OpeningChoices, FinalTreatmentError>> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  const body = adviceBody(access.value.programme);
  if (!body) return err({ code: 'no-advice-body' });
  const measures = (await repo.measures(access.value.key)).sort((a, b) => compareMeasureIds(a.id, b.id));
  return ok({ access: access.value, body, organisations: memberOrganisations(access.value.programme, body), measures });
}

export interface OpenInput {
  programmeId: string;
  submissionId: string;
  measureId: string;
  part: string;
  request: string;
  deadline: string;
}

/** Opens the round and sends each organisation's Skate members the feedback card. A repeated
 * submission returns the first treatment and sends again (idempotent keys), so a crash between
 * storing and sending is healed by the retry. */
export async function openTreatment(
  repo: FinalTreatmentRepository,
  mail: FinalTreatmentMail,
  ctx: RequestContext,
  input: OpenInput,
): Promise<Result<{ access: Access; measure: Measure; treatment: FinalTreatment; created: boolean }, FinalTreatmentError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const measure = await repo.measure(key, input.measureId);
  if (!measure) return err({ code: 'measure-not-found', id: input.measureId });
  const opened = await repo.openFinalTreatment(key, `${actor.id}|${input.submissionId}`, (sequence, existing) =>
    openFinalTreatment(programme, measure, existing, sequence, { part: input.part, request: input.request, deadline: input.deadline, by: actor, at: ctx.now }),
  );
  if (!opened.ok) return opened;
  await sendAll(mail, requestLetters(programme, measure, opened.value.treatment));
  return ok({ access: access.value, measure, ...opened.value });
}

export interface TreatmentCase {
  access: Access;
  measure: Measure;
  treatment: FinalTreatment;
}

/** One treatment with its measure; every participant of the programme may read it (the
 * measures are programme-internal). */
export async function treatmentCase(repo: FinalTreatmentRepository, ctx: RequestContext, programmeId: string, id: string): Promise<Result<TreatmentCase, FinalTreatmentError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const treatment = await repo.finalTreatment(access.value.key, id);
  if (!treatment) return err({ code: 'treatment-not-found', id });
  const measure = await repo.measure(access.value.key, treatment.measureId);
  if (!measure) return err({ code: 'measure-not-found', id: treatment.measureId });
  return ok({ access: access.value, measure, treatment });
}

/** The first `limit` treatments of the programme with their measures: those under way first,
 * then the rest, newest first. The order needs every treatment's state (one row each, without
 * the answers' texts); only the measures of those shown are read (issue 25). */
export async function treatmentList(
  repo: FinalTreatmentRepository,
  ctx: RequestContext,
  programmeId: string,
  limit: number,
): Promise<Result<{ access: Access; body: Body | undefined; items: { measure: Measure | undefined; treatment: FinalTreatment }[] }, FinalTreatmentError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { key } = access.value;
  const underWay = (t: FinalTreatment) => stageOf(t) === 'feedback' || stageOf(t) === 'recommended';
  const shown = (await repo.finalTreatments(key, { texts: false }))
    .sort((a, b) => Number(underWay(b)) - Number(underWay(a)) || compareTreatments(b, a))
    .slice(0, Math.max(0, limit));
  const ids = [...new Set(shown.map((t) => t.measureId))];
  const found = await mapPool(ids, 4, (id) => repo.measure(key, id));
  const measures = new Map(ids.map((id, i) => [id, found[i]]));
  const items = shown.map((treatment) => ({ treatment, measure: measures.get(treatment.measureId) }));
  return ok({ access: access.value, body: adviceBody(access.value.programme), items });
}

type StepResult = Promise<Result<TreatmentCase & { changed: boolean }, FinalTreatmentError>>;

async function step<S extends Step>(
  repo: FinalTreatmentRepository,
  ctx: RequestContext,
  programmeId: string,
  id: string,
  change: (access: Access, current: FinalTreatment) => Result<S, FinalTreatmentProblem>,
): Promise<Result<TreatmentCase & S, FinalTreatmentError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const result = await repo.changeFinalTreatment(access.value.key, id, (current) => change(access.value, current));
  if (!result.ok) return result;
  const measure = await repo.measure(access.value.key, result.value.treatment.measureId);
  if (!measure) return err({ code: 'measure-not-found', id: result.value.treatment.measureId });
  return ok({ access: access.value, measure, ...result.value });
}

/** An organisation's written feedback (its latest answer counts; every version is kept). */
export function submitFeedback(repo: FinalTreatmentRepository, ctx: RequestContext, input: { programmeId: string; treatmentId: string; text: string }) {
  return step(repo, ctx, input.programmeId, input.treatmentId, (access, current) =>
    giveFeedback(access.programme, current, { text: input.text, by: access.actor, at: ctx.now }),
  );
}

export function moveDeadline(repo: FinalTreatmentRepository, ctx: RequestContext, input: { programmeId: string; treatmentId: string; deadline: string }): StepResult {
  return step(repo, ctx, input.programmeId, input.treatmentId, (access, current) =>
    changeDeadline(access.programme, current, { deadline: input.deadline, by: access.actor, at: ctx.now }),
  );
}

export function cancelTreatment(repo: FinalTreatmentRepository, ctx: RequestContext, input: { programmeId: string; treatmentId: string; reason: string }): StepResult {
  return step(repo, ctx, input.programmeId, input.treatmentId, (access, current) =>
    cancelFinalTreatment(access.programme, current, { reason: input.reason, by: access.actor, at: ctx.now }),
  );
}

/** Skate's recommendation (office), sent to the measure owners and the director. */
export async function recommend(
  repo: FinalTreatmentRepository,
  mail: FinalTreatmentMail,
  ctx: RequestContext,
  input: { programmeId: string; treatmentId: string; verdict: Verdict; consensus: boolean; text: string; auTreatment: string },
): StepResult {
  const result = await step(repo, ctx, input.programmeId, input.treatmentId, (access, current) =>
    recordRecommendation(access.programme, current, { ...input, by: access.actor, at: ctx.now }),
  );
  if (result.ok) await sendAll(mail, noticeLetters(result.value.access.programme, result.value.measure, result.value.treatment, 'recommended'));
  return result;
}

/** Carries a decided treatment over to what it was about: a project passes (or not) its final
 * gate (projectsAsMeasures.ts). Idempotent: the sweep repeats it after a crash. */
export interface TreatmentConclusions {
  conclude(programme: Programme, treatment: FinalTreatment): Promise<void>;
}

/** The director's final decision (or the office's on the director's behalf), sent to the
 * measure owners and the office. */
export async function decide(
  repo: FinalTreatmentRepository,
  mail: FinalTreatmentMail,
  ctx: RequestContext,
  input: { programmeId: string; treatmentId: string; verdict: Verdict; text: string },
  conclusions?: TreatmentConclusions,
): StepResult {
  const result = await step(repo, ctx, input.programmeId, input.treatmentId, (access, current) =>
    recordDecision(access.programme, current, { verdict: input.verdict, text: input.text, by: access.actor, at: ctx.now }),
  );
  if (result.ok) {
    await conclusions?.conclude(result.value.access.programme, result.value.treatment);
    await sendAll(mail, noticeLetters(result.value.access.programme, result.value.measure, result.value.treatment, 'decided'));
  }
  return result;
}

// ---- chasing ----

/** Notices of a recommendation or decision are sent again by the sweep for this long, so a
 * crash between recording and sending is healed by the next tick (the keys prevent repeats). */
export const NOTICE_RETRY_MS = 2 * 24 * 60 * 60 * 1000;

export interface ChaseDeps {
  programmes: readonly Programme[];
  treatments: Pick<FinalTreatmentRepository, 'finalTreatments' | 'measures'>;
  mail: FinalTreatmentMail;
  conclusions?: TreatmentConclusions;
  log: { error(details: Record<string, unknown>, message: string): void };
}

/** The letters due at `now` for one programme. */
export function chaseLetters(programme: Programme, measures: readonly Measure[], treatments: readonly FinalTreatment[], now: number): Letter[] {
  const letters: Letter[] = [];
  for (const t of treatments) {
    const measure = measures.find((m) => m.id === t.measureId);
    if (!measure) continue;
    const event = chaseEventDue(t, now);
    const missing = outstandingOrganisations(t);
    if (event?.kind === 'remind') {
      for (const party of missing) {
        for (const person of askedPeople(programme, t, party)) {
          const key = letterKeys.reminder(programme, t, event.businessDaysBefore, person.id);
          letters.push({ key, kind: 'reminder', programme, measure, treatment: t, to: person.id, party, businessDaysBefore: event.businessDaysBefore });
        }
      }
    }
    // Escalate once: whoever is still missing at the first tick after the deadline is the list.
    if (event?.kind === 'overdue' && missing.length > 0) {
      for (const office of officePeople(programme)) {
        letters.push({ key: letterKeys.escalation(programme, t, office), kind: 'escalation', programme, measure, treatment: t, to: office, missing });
      }
    }
    if (t.recommendation && now - t.recommendation.at < NOTICE_RETRY_MS) letters.push(...noticeLetters(programme, measure, t, 'recommended'));
    if (t.decision && now - t.decision.at < NOTICE_RETRY_MS) letters.push(...noticeLetters(programme, measure, t, 'decided'));
  }
  return letters;
}

/** The chase sweep (runs on the reminder ticker, on every instance): reminders to organisations
 * that have not answered, one escalation to the office once the deadline has passed. A failing
 * programme is logged and does not stop the others (nor the ticker's other sweeps); the next
 * tick retries it, and the keys keep anything already sent from going twice. */
export function finalTreatmentSweep(deps: ChaseDeps): (now: number) => Promise<void> {
  return async (now) => {
    for (const programme of deps.programmes) {
      if (!adviceBody(programme)) continue;
      try {
        const key = { tenantId: programme.tenantId, programmeId: programme.id };
        // Reminders go only to organisations that have not answered, so no answer text is needed.
        const treatments = (await deps.treatments.finalTreatments(key, { texts: false })).filter((t) => stageOf(t) !== 'cancelled');
        if (treatments.length === 0) continue;
        const measures = await deps.treatments.measures(key);
        // A decision whose conclusion a crash cut short is carried over now.
        for (const t of treatments) if (t.decision && now - t.decision.at < NOTICE_RETRY_MS) await deps.conclusions?.conclude(programme, t);
        await sendAll(deps.mail, chaseLetters(programme, measures, treatments, now));
      } catch (error) {
        deps.log.error({ err: error, programmeId: programme.id }, 'final treatments: chasing failed');
      }
    }
  };
}

/** For the measure list: each measure's treatments, oldest first. */
export function treatmentsByMeasure(treatments: readonly FinalTreatment[]): Map<string, FinalTreatment[]> {
  const out = new Map<string, FinalTreatment[]>();
  for (const t of [...treatments].sort(compareTreatments)) out.set(t.measureId, [...(out.get(t.measureId) ?? []), t]);
  return out;
}
