// Skate's quarterly samlesak (seed 004 §5): one combined case per quarter of every measure's
// status report, AU's recommendation on it, Skate's advice and the director's decision on
// corrective actions, per measure.
//
// §5.1: «Skate skal behandle status i tiltakene kvartalsvis i en overordnet samlesak. Skate
// beslutter overordnede korreksjonstiltak ved vesentlige avvik. … Det skal ved neste rapportering
// gis tilbakemelding på om Skates beslutning er fulgt.» Skate's decisions are advice to the
// director (styringsmodellen: «Skate gir råd og anbefalinger til Difi direktør»), so Skate's
// advice and the director's decision are recorded side by side, per measure; the decision is what
// the next report is asked about (R37).
// §5.3: «Statusrapportene fra tiltakseierne skal vurderes av AU, som lager innstilling til Skate i
// en overordnet samlesak. Skatesekretariatet lager forslag til AUs innstilling.» So the
// secretariat (the programme office) and AU's members may both write the assessments — the
// office's are marked as the secretariat's proposal — but only a member of AU adopts them as AU's
// recommendation, and that is what goes to Skate.
// §3.5/§5.5: «AU skal da begrunne dette.» Where AU's assessment of a measure's status deviates
// from the measure owner's own (the status in the owner's report), AU must give its reason; the
// check is made when the assessment is written and again when the recommendation is adopted
// (a report corrected in between may have changed the owner's view).
//
// Pure: the caller passes the time, the person and the reports.
import { decisionRight, type DecisionRight } from '../../../shared/decision/director.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Body, Programme, SamlesakRule, Schedule } from '../../../shared/programme/schema.js';
import { periodAt, previousPeriod, type Period } from '../../../shared/schedule/period.js';

/** The owner's view and AU's assessment use the report's three statuses (report.ts). */
export const samlesakStatuses = ['green', 'yellow', 'red'] as const;
export type SamlesakStatus = (typeof samlesakStatuses)[number];

/** The measure owner's latest report of the quarter, as the samlesak shows it. */
export interface OwnerReport {
  /** The owner's own view of the measure's status. */
  status: SamlesakStatus;
  progress: string;
  /** Significant deviations marked, by area ('result', 'completionDate', 'cost'). */
  deviations: string[];
  correctiveActions: string;
  version: number;
  filedAt: number;
  author: PersonRef;
}

export interface SamlesakItem {
  /** A project number (the measure as a project) or a joint measure's id (T-003). */
  measureId: string;
  title: string;
  kind: 'project' | 'joint';
  owners: string[];
  /** Absent: no report filed for the quarter. */
  report?: OwnerReport;
}

/** Who wrote a part of the recommendation: an AU member, or the secretariat proposing it. */
export type Author = 'au' | 'secretariat';

export interface Assessment {
  status: SamlesakStatus;
  assessment: string;
  recommendation: string;
  /** Why AU deviates from the owner's view ('' when it does not). */
  reason: string;
  by: PersonRef;
  as: Author;
  at: number;
}

export interface Overall {
  assessment: string;
  recommendation: string;
  by: PersonRef;
  as: Author;
  at: number;
}

export interface SkateAdvice {
  text: string;
  by: PersonRef;
  at: number;
}

/** The director's decision on a measure's corrective actions. */
export interface CorrectiveDecision {
  text: string;
  by: PersonRef;
  at: number;
  /** Recorded by the programme office on the director's behalf, not clicked by the director. */
  onBehalf: boolean;
}

export type SamlesakEvent =
  | { kind: 'compiled'; measures: number; reports: number }
  | { kind: 'refreshed'; measures: number; reports: number }
  | { kind: 'assessed'; measureId: string; as: Author; deviates: boolean }
  | { kind: 'overall'; as: Author }
  | { kind: 'adopted' }
  | { kind: 'advice'; measureId: string }
  | { kind: 'decided'; measureId: string; onBehalf: boolean };

export interface Samlesak {
  programmeId: string;
  scheduleId: string;
  periodKey: string;
  items: SamlesakItem[];
  /** By measure id. */
  assessments: Record<string, Assessment>;
  overall?: Overall;
  /** AU's recommendation adopted, and the samlesak sent to Skate. */
  adopted?: { by: PersonRef; at: number };
  advice: Record<string, SkateAdvice>;
  decisions: Record<string, CorrectiveDecision>;
  compiledBy: PersonRef;
  compiledAt: number;
  history: { at: number; by: PersonRef; event: SamlesakEvent }[];
}

export type SamlesakStage = 'preparing' | 'at-skate';
export type SamlesakAction = 'compile' | 'read' | 'assess' | 'overall' | 'adopt' | 'advice' | 'decide';

export type SamlesakProblem =
  | { code: 'no-samlesak' }
  | { code: 'unknown-period'; periodKey: string }
  | { code: 'period-not-open'; periodKey: string }
  | { code: 'not-compiled'; periodKey: string }
  | { code: 'not-allowed'; action: SamlesakAction; needs: 'office' | 'au-member' | 'office-or-au' | 'decider' | 'reader' }
  | { code: 'out-of-order'; action: SamlesakAction; stage: SamlesakStage }
  | { code: 'unknown-measure'; measureId: string }
  | { code: 'invalid'; field: 'assessment' | 'recommendation' | 'reason' | 'text' }
  | { code: 'reason-required'; measures: string[] }
  | { code: 'unassessed'; measures: string[] }
  | { code: 'no-overall' }
  | { code: 'advice-missing'; measureId: string }
  | { code: 'already-decided'; measureId: string };

export interface Step {
  samlesak: Samlesak;
  changed: boolean;
}

export const TEXT_MAX = 2000;

const nonBlank = (s: string) => s.trim() !== '';
const personOf = (programme: Programme, id: string) => programme.people.find((p) => p.aadObjectId === id);
const isOffice = (programme: Programme, id: string) => personOf(programme, id)?.roles.includes('office') ?? false;
const seats = (body: Body | undefined) => (body ? [...(body.chair ? [body.chair] : []), ...body.members] : []);

export const samlesakRule = (programme: Programme): SamlesakRule | undefined => programme.samlesak;
export const samlesakSchedule = (programme: Programme, rule: SamlesakRule): Schedule | undefined => programme.schedules.find((s) => s.id === rule.schedule);
export const bodyById = (programme: Programme, id: string): Body | undefined => programme.bodies.find((b) => b.id === id);

/** What a person may do with the samlesak. */
export interface SamlesakRoles {
  office: boolean;
  /** A member (or the chair) of the preparing body, AU. */
  auMember: boolean;
  /** A member, chair or observer of the advisory body, Skate. */
  skate: boolean;
  /** As what they may record the director's decision, if at all. */
  decision?: DecisionRight;
}

export function samlesakRoles(programme: Programme, rule: SamlesakRule, personId: string): SamlesakRoles {
  const skate = bodyById(programme, rule.advisedBy);
  const office = isOffice(programme, personId);
  const decision = skate ? decisionRight(skate, personId, office) : undefined;
  return {
    office,
    auMember: seats(bodyById(programme, rule.preparedBy)).includes(personId),
    skate: [...seats(skate), ...(skate?.observers ?? [])].includes(personId),
    ...(decision ? { decision } : {}),
  };
}

export const stageOf = (s: Samlesak): SamlesakStage => (s.adopted ? 'at-skate' : 'preparing');

/** The office and AU read it while it is prepared; Skate and the director once it is at Skate. */
export function mayRead(roles: SamlesakRoles, s: Samlesak | undefined): boolean {
  if (roles.office || roles.auMember) return true;
  return s !== undefined && stageOf(s) === 'at-skate' && (roles.skate || roles.decision !== undefined);
}

/** The quarter a samlesak is of by default: the latest one whose reports are due (its deadline
 * has passed), i.e. the reporting round just ended. */
export function defaultPeriod(schedule: Schedule, now: number): Period | null {
  const current = periodAt(schedule, now);
  if (!current) return null;
  return now > current.deadline ? current : previousPeriod(schedule, current);
}

/** Whether AU's status deviates from the owner's own view (none without a report). */
export const deviatesFromOwner = (item: SamlesakItem, status: SamlesakStatus): boolean => item.report !== undefined && item.report.status !== status;

const reasonMissing = (s: Pick<Samlesak, 'items' | 'assessments'>): string[] =>
  s.items.filter((item) => {
    const a = s.assessments[item.measureId];
    return a !== undefined && deviatesFromOwner(item, a.status) && !nonBlank(a.reason);
  }).map((i) => i.measureId);

const counts = (items: readonly SamlesakItem[]) => ({ measures: items.length, reports: items.filter((i) => i.report).length });

const sameItems = (a: readonly SamlesakItem[], b: readonly SamlesakItem[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The samlesak of a quarter from the measures and their reports (office or AU). While it is being
 * prepared, opening it again takes in reports filed or corrected since; once adopted and sent to
 * Skate it no longer changes. Assessments of measures still listed are kept.
 */
export function compileSamlesak(
  programme: Programme,
  current: Samlesak | undefined,
  input: { scheduleId: string; period: Pick<Period, 'key' | 'opens'>; items: SamlesakItem[]; by: PersonRef; at: number },
): Result<Step, SamlesakProblem> {
  const rule = samlesakRule(programme);
  if (!rule) return err({ code: 'no-samlesak' });
  const roles = samlesakRoles(programme, rule, input.by.id);
  if (!roles.office && !roles.auMember) return err({ code: 'not-allowed', action: 'compile', needs: 'office-or-au' });
  if (input.at < input.period.opens) return err({ code: 'period-not-open', periodKey: input.period.key });
  if (!current) {
    return ok({
      samlesak: {
        programmeId: programme.id,
        scheduleId: input.scheduleId,
        periodKey: input.period.key,
        items: input.items,
        assessments: {},
        advice: {},
        decisions: {},
        compiledBy: input.by,
        compiledAt: input.at,
        history: [{ at: input.at, by: input.by, event: { kind: 'compiled', ...counts(input.items) } }],
      },
      changed: true,
    });
  }
  if (stageOf(current) !== 'preparing' || sameItems(current.items, input.items)) return ok({ samlesak: current, changed: false });
  const listed = new Set(input.items.map((i) => i.measureId));
  const assessments = Object.fromEntries(Object.entries(current.assessments).filter(([id]) => listed.has(id)));
  return ok({
    samlesak: {
      ...current,
      items: input.items,
      assessments,
      history: [...current.history, { at: input.at, by: input.by, event: { kind: 'refreshed', ...counts(input.items) } }],
    },
    changed: true,
  });
}

const author = (roles: SamlesakRoles): Author => (roles.auMember ? 'au' : 'secretariat');

function preparing(programme: Programme, s: Samlesak, by: string, action: 'assess' | 'overall'): Result<{ roles: SamlesakRoles }, SamlesakProblem> {
  const rule = samlesakRule(programme);
  if (!rule) return err({ code: 'no-samlesak' });
  const roles = samlesakRoles(programme, rule, by);
  if (!roles.office && !roles.auMember) return err({ code: 'not-allowed', action, needs: 'office-or-au' });
  if (stageOf(s) !== 'preparing') return err({ code: 'out-of-order', action, stage: stageOf(s) });
  return ok({ roles });
}

const tooLong = (text: string) => text.trim().length > TEXT_MAX;

export interface AssessmentInput {
  measureId: string;
  status: SamlesakStatus;
  assessment: string;
  recommendation: string;
  reason: string;
  by: PersonRef;
  at: number;
}

/** AU's assessment and recommendation on one measure (an AU member, or the secretariat's
 * proposal). A deviation from the owner's view needs its reason (§3.5/§5.5). */
export function assessMeasure(programme: Programme, s: Samlesak, input: AssessmentInput): Result<Step, SamlesakProblem> {
  const allowed = preparing(programme, s, input.by.id, 'assess');
  if (!allowed.ok) return allowed;
  const item = s.items.find((i) => i.measureId === input.measureId);
  if (!item) return err({ code: 'unknown-measure', measureId: input.measureId });
  const assessment = input.assessment.trim();
  const recommendation = input.recommendation.trim();
  const reason = input.reason.trim();
  if (!nonBlank(assessment) || tooLong(assessment)) return err({ code: 'invalid', field: 'assessment' });
  if (!nonBlank(recommendation) || tooLong(recommendation)) return err({ code: 'invalid', field: 'recommendation' });
  if (tooLong(reason)) return err({ code: 'invalid', field: 'reason' });
  const deviates = deviatesFromOwner(item, input.status);
  if (deviates && !nonBlank(reason)) return err({ code: 'reason-required', measures: [item.measureId] });
  const as = author(allowed.value.roles);
  const previous = s.assessments[item.measureId];
  const next: Assessment = { status: input.status, assessment, recommendation, reason: deviates ? reason : '', by: input.by, as, at: input.at };
  if (previous && previous.status === next.status && previous.assessment === assessment && previous.recommendation === recommendation && previous.reason === next.reason && previous.as === as) {
    return ok({ samlesak: s, changed: false });
  }
  return ok({
    samlesak: {
      ...s,
      assessments: { ...s.assessments, [item.measureId]: next },
      history: [...s.history, { at: input.at, by: input.by, event: { kind: 'assessed', measureId: item.measureId, as, deviates } }],
    },
    changed: true,
  });
}

/** AU's overall assessment and recommendation on the quarter. */
export function assessOverall(programme: Programme, s: Samlesak, input: { assessment: string; recommendation: string; by: PersonRef; at: number }): Result<Step, SamlesakProblem> {
  const allowed = preparing(programme, s, input.by.id, 'overall');
  if (!allowed.ok) return allowed;
  const assessment = input.assessment.trim();
  const recommendation = input.recommendation.trim();
  if (!nonBlank(assessment) || tooLong(assessment)) return err({ code: 'invalid', field: 'assessment' });
  if (!nonBlank(recommendation) || tooLong(recommendation)) return err({ code: 'invalid', field: 'recommendation' });
  const as = author(allowed.value.roles);
  const previous = s.overall;
  if (previous && previous.assessment === assessment && previous.recommendation === recommendation && previous.as === as) return ok({ samlesak: s, changed: false });
  return ok({
    samlesak: {
      ...s,
      overall: { assessment, recommendation, by: input.by, as, at: input.at },
      history: [...s.history, { at: input.at, by: input.by, event: { kind: 'overall', as } }],
    },
    changed: true,
  });
}

/** AU adopts its recommendation (a member of AU; not the secretariat, which only proposes): every
 * measure assessed, the overall assessment written, every deviation from an owner's view
 * reasoned. The samlesak then goes to Skate and is fixed. */
export function adoptRecommendation(programme: Programme, s: Samlesak, input: { by: PersonRef; at: number }): Result<Step, SamlesakProblem> {
  const rule = samlesakRule(programme);
  if (!rule) return err({ code: 'no-samlesak' });
  if (!samlesakRoles(programme, rule, input.by.id).auMember) return err({ code: 'not-allowed', action: 'adopt', needs: 'au-member' });
  if (stageOf(s) !== 'preparing') return err({ code: 'out-of-order', action: 'adopt', stage: stageOf(s) });
  const unassessed = s.items.filter((i) => !s.assessments[i.measureId]).map((i) => i.measureId);
  if (unassessed.length > 0) return err({ code: 'unassessed', measures: unassessed });
  if (!s.overall) return err({ code: 'no-overall' });
  const missing = reasonMissing(s);
  if (missing.length > 0) return err({ code: 'reason-required', measures: missing });
  return ok({
    samlesak: { ...s, adopted: { by: input.by, at: input.at }, history: [...s.history, { at: input.at, by: input.by, event: { kind: 'adopted' } }] },
    changed: true,
  });
}

function atSkate(s: Samlesak, measureId: string, action: 'advice' | 'decide'): Result<SamlesakItem, SamlesakProblem> {
  if (stageOf(s) !== 'at-skate') return err({ code: 'out-of-order', action, stage: stageOf(s) });
  const item = s.items.find((i) => i.measureId === measureId);
  if (!item) return err({ code: 'unknown-measure', measureId });
  if (s.decisions[measureId]) return err({ code: 'already-decided', measureId });
  return ok(item);
}

/** Skate's advice on a measure, recorded by the secretariat after Skate's meeting (as for the
 * final treatment's recommendation); it may be corrected until the director has decided. */
export function recordAdvice(programme: Programme, s: Samlesak, input: { measureId: string; text: string; by: PersonRef; at: number }): Result<Step, SamlesakProblem> {
  if (!samlesakRule(programme)) return err({ code: 'no-samlesak' });
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'advice', needs: 'office' });
  const item = atSkate(s, input.measureId, 'advice');
  if (!item.ok) return item;
  const text = input.text.trim();
  if (!nonBlank(text) || tooLong(text)) return err({ code: 'invalid', field: 'text' });
  if (s.advice[input.measureId]?.text === text) return ok({ samlesak: s, changed: false });
  return ok({
    samlesak: {
      ...s,
      advice: { ...s.advice, [input.measureId]: { text, by: input.by, at: input.at } },
      history: [...s.history, { at: input.at, by: input.by, event: { kind: 'advice', measureId: input.measureId } }],
    },
    changed: true,
  });
}

/** The director's decision on a measure's corrective actions, on Skate's advice: the director
 * named in the programme file, or the office on the director's behalf where it names nobody. */
export function recordCorrectiveDecision(programme: Programme, s: Samlesak, input: { measureId: string; text: string; by: PersonRef; at: number }): Result<Step, SamlesakProblem> {
  const rule = samlesakRule(programme);
  if (!rule) return err({ code: 'no-samlesak' });
  const right = samlesakRoles(programme, rule, input.by.id).decision;
  if (!right) return err({ code: 'not-allowed', action: 'decide', needs: 'decider' });
  const item = atSkate(s, input.measureId, 'decide');
  if (!item.ok) return item;
  if (!s.advice[input.measureId]) return err({ code: 'advice-missing', measureId: input.measureId });
  const text = input.text.trim();
  if (!nonBlank(text) || tooLong(text)) return err({ code: 'invalid', field: 'text' });
  const onBehalf = right === 'office-on-behalf';
  return ok({
    samlesak: {
      ...s,
      decisions: { ...s.decisions, [input.measureId]: { text, by: input.by, at: input.at, onBehalf } },
      history: [...s.history, { at: input.at, by: input.by, event: { kind: 'decided', measureId: input.measureId, onBehalf } }],
    },
    changed: true,
  });
}

/** The decision the next report on this measure is asked about (§5.1, R37), if one was recorded. */
export const decisionFor = (s: Samlesak | undefined, measureId: string): CorrectiveDecision | undefined => s?.decisions[measureId];
