// Skate's quarterly samlesak (seed 004 §5.1, §5.3) as use cases over ports: the secretariat (or
// AU) opens the quarter's combined case of every measure's latest report — projects under way
// and joint measures, whichever channel a report was filed in, since every report is stored in
// one place — AU writes its assessments and adopts its recommendation, which goes to Skate's
// channel as one card and its CSV through proactive delivery (and so the disclosure guard);
// then the secretariat records Skate's advice and the director the decision on corrective
// actions, per measure. The rules are in domain/measures/samlesak.ts.
import type { Idea } from '../../ideas/domain/idea.js';
import { compareIdeaNumbers } from '../../ideas/domain/ideaNumber.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  adoptRecommendation,
  assessMeasure,
  assessOverall,
  compileSamlesak,
  defaultPeriod,
  mayRead,
  recordAdvice,
  recordCorrectiveDecision,
  samlesakRoles,
  samlesakRule,
  samlesakSchedule,
  type CorrectiveDecision,
  type OwnerReport,
  type Samlesak,
  type SamlesakItem,
  type SamlesakProblem,
  type SamlesakRoles,
  type SamlesakStatus,
  type Step,
} from '../domain/samlesak.js';
import type { Measure } from '../../measures/domain/measures.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { periodByKey, type Period } from '../../../shared/schedule/period.js';
import type { Language } from '../../../shared/language.js';
import { enqueueAll, type Delivery, type DeliveryJob } from '../../../shared/delivery.js';
import { type Access, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { activeIdeas, ideasNumbered } from '../../ideas/app/jobIdeas.js';
import { compareMeasureIds } from '../../measures/app/measureOrder.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { deviationAreas, reportingIdeas, type ReportRepository, type StatusReport } from './report.js';
import type { SamlesakRepository } from './ports.js';

/** The recorded decision the next report on a measure is asked about (R37). */
export interface SkateDecisionLookup {
  decisionFor(key: ProgrammeKey, scheduleId: string, periodKey: string, measureId: string): Promise<CorrectiveDecision | undefined>;
}

/** Renders what goes to Skate's channel, in the channel's language. */
export interface SamlesakPost {
  card(input: { programme: Programme; period: Period; samlesak: Samlesak; ideas: readonly Idea[]; language: Language }): RenderedCard;
  /** The CSV, or — past the size a Teams message takes — a line saying so (the card still goes). */
  csv(input: { programme: Programme; samlesak: Samlesak; language: Language }): string;
}

export interface SamlesakDeps {
  samlesak: SamlesakRepository;
  ideas: Pick<IdeaRepository, 'page' | 'get'>;
  reports: Pick<ReportRepository, 'forPeriod'>;
  /** Joint measures (T-003); absent where the programme keeps none. */
  measures?: { measures(key: ProgrammeKey): Promise<Measure[]> };
  channels: { get(key: ProgrammeKey, bodyId: string): Promise<{ conversationId: string; language: Language } | undefined> };
  delivery: Delivery;
  post: SamlesakPost;
}

export type SamlesakError = IdeaUseCaseError | SamlesakProblem | { code: 'no-skate-channel'; body: string };

export interface SamlesakCase {
  access: Access;
  schedule: Schedule;
  period: Period;
  samlesak: Samlesak;
  roles: SamlesakRoles;
  /** The projects the samlesak lists (for what a card of it discloses). */
  ideas: Idea[];
}

interface Target {
  access: Access;
  schedule: Schedule;
  period: Period;
  roles: SamlesakRoles;
}

function resolve(ctx: RequestContext, programmeId: string, periodKey: string | undefined): Result<Target, SamlesakError> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { programme } = access.value;
  const rule = samlesakRule(programme);
  const schedule = rule && samlesakSchedule(programme, rule);
  if (!rule || !schedule) return err({ code: 'no-samlesak' });
  const period = periodKey === undefined ? defaultPeriod(schedule, ctx.now) : periodByKey(schedule, periodKey);
  if (!period) return err({ code: 'unknown-period', periodKey: periodKey ?? '' });
  return ok({ access: access.value, schedule, period, roles: samlesakRoles(programme, rule, ctx.actor.aadObjectId) });
}

const ownerReport = (r: StatusReport): OwnerReport => ({
  status: r.content.status as SamlesakStatus,
  progress: r.content.progress,
  deviations: deviationAreas.filter((area) => r.content.deviations[area].deviates),
  correctiveActions: r.content.correctiveActions,
  version: r.version,
  filedAt: r.filedAt,
  author: r.author,
});

/** Every measure of the quarter: each project under way or that reported in it, and each joint
 * measure, with its latest report of the quarter if it filed one. Joint measures first. */
async function gather(deps: SamlesakDeps, key: ProgrammeKey, schedule: Schedule, period: Period): Promise<{ items: SamlesakItem[]; ideas: Idea[] }> {
  // The projects under way from the active ideas' index, and those that reported in the quarter
  // (active or not) by number: never the programme's every idea.
  const [active, filed, joint] = await Promise.all([activeIdeas(deps.ideas, key), deps.reports.forPeriod(key, schedule.id, period.key), deps.measures?.measures(key) ?? []]);
  const byIdea = new Map(filed.map((r) => [r.ideaNumber, r]));
  const reporting = reportingIdeas(active);
  const known = new Set(reporting.map((i) => i.number));
  const ideas = [...reporting, ...(await ideasNumbered(deps.ideas, key, [...byIdea.keys()].filter((n) => !known.has(n))))].sort((a, b) =>
    compareIdeaNumbers(a.number, b.number),
  );
  const items: SamlesakItem[] = [
    ...joint.map((m): SamlesakItem => ({ measureId: m.id, title: m.title, kind: 'joint', owners: m.owners })),
    ...ideas.map((idea): SamlesakItem => {
      const report = byIdea.get(idea.number);
      return {
        measureId: idea.number,
        title: idea.title,
        kind: 'project',
        owners: idea.projectLeader ? [idea.projectLeader] : [],
        ...(report ? { report: ownerReport(report) } : {}),
      };
    }),
  ];
  return { items: items.sort((a, b) => compareMeasureIds(a.measureId, b.measureId)), ideas };
}

async function listedIdeas(deps: SamlesakDeps, key: ProgrammeKey, s: Samlesak): Promise<Idea[]> {
  const numbers = new Set(s.items.filter((i) => i.kind === 'project').map((i) => i.measureId));
  return ideasNumbered(deps.ideas, key, numbers);
}

/**
 * The samlesak of a quarter (default: the reporting round just ended). The office and AU open —
 * and so compile, or refresh while it is prepared — it; Skate's members and the director read it
 * once it is at Skate.
 */
export async function openSamlesak(deps: SamlesakDeps, ctx: RequestContext, input: { programmeId: string; periodKey?: string }): Promise<Result<SamlesakCase, SamlesakError>> {
  const target = resolve(ctx, input.programmeId, input.periodKey);
  if (!target.ok) return target;
  const { access, schedule, period, roles } = target.value;
  const { key, programme, actor } = access;
  if (roles.office || roles.auMember) {
    const { items, ideas } = await gather(deps, key, schedule, period);
    const compiled = await deps.samlesak.change(key, schedule.id, period.key, (current) =>
      compileSamlesak(programme, current, { scheduleId: schedule.id, period, items, by: actor, at: ctx.now }),
    );
    if (!compiled.ok) return compiled;
    const samlesak = compiled.value.samlesak;
    return ok({ ...target.value, samlesak, ideas: samlesak.adopted ? await listedIdeas(deps, key, samlesak) : ideas });
  }
  const stored = await deps.samlesak.get(key, schedule.id, period.key);
  if (!mayRead(roles, stored)) return err({ code: 'not-allowed', action: 'read', needs: 'reader' });
  if (!stored) return err({ code: 'not-compiled', periodKey: period.key });
  return ok({ ...target.value, samlesak: stored, ideas: await listedIdeas(deps, key, stored) });
}

async function step(
  deps: SamlesakDeps,
  ctx: RequestContext,
  ids: { programmeId: string; periodKey: string },
  change: (programme: Programme, current: Samlesak, by: Access['actor']) => Result<Step, SamlesakProblem>,
): Promise<Result<SamlesakCase & { changed: boolean }, SamlesakError>> {
  const target = resolve(ctx, ids.programmeId, ids.periodKey);
  if (!target.ok) return target;
  const { access, schedule, period } = target.value;
  const result = await deps.samlesak.change(access.key, schedule.id, period.key, (current) =>
    current ? change(access.programme, current, access.actor) : err({ code: 'not-compiled', periodKey: period.key }),
  );
  if (!result.ok) return result;
  return ok({ ...target.value, ...result.value, ideas: await listedIdeas(deps, access.key, result.value.samlesak) });
}

export interface Ids {
  programmeId: string;
  periodKey: string;
}

export function assess(deps: SamlesakDeps, ctx: RequestContext, input: Ids & { measureId: string; status: SamlesakStatus; assessment: string; recommendation: string; reason: string }) {
  return step(deps, ctx, input, (programme, current, by) => assessMeasure(programme, current, { ...input, by, at: ctx.now }));
}

export function assessQuarter(deps: SamlesakDeps, ctx: RequestContext, input: Ids & { assessment: string; recommendation: string }) {
  return step(deps, ctx, input, (programme, current, by) => assessOverall(programme, current, { ...input, by, at: ctx.now }));
}

export function adviseOn(deps: SamlesakDeps, ctx: RequestContext, input: Ids & { measureId: string; text: string }) {
  return step(deps, ctx, input, (programme, current, by) => recordAdvice(programme, current, { ...input, by, at: ctx.now }));
}

export function decideCorrectiveActions(deps: SamlesakDeps, ctx: RequestContext, input: Ids & { measureId: string; text: string }) {
  return step(deps, ctx, input, (programme, current, by) => recordCorrectiveDecision(programme, current, { ...input, by, at: ctx.now }));
}

/** The jobs that post the samlesak to Skate's channel: the card, then its CSV. One key each per
 * quarter, so a repeat (or the retry after a crash) posts nothing twice. */
function skateJobs(deps: SamlesakDeps, c: SamlesakCase, channel: { conversationId: string; language: Language }): DeliveryJob[] {
  const { programme } = c.access;
  const base = `${programme.tenantId}:${programme.id}:samlesak:${c.schedule.id}:${c.period.key}:skate`;
  const target = { kind: 'conversation' as const, conversationId: channel.conversationId };
  const { card, discloses } = deps.post.card({ programme, period: c.period, samlesak: c.samlesak, ideas: c.ideas, language: channel.language });
  return [
    { key: `${base}:card`, tenantId: programme.tenantId, target, message: { kind: 'card', card }, discloses },
    { key: `${base}:csv`, tenantId: programme.tenantId, target, message: { kind: 'text', text: deps.post.csv({ programme, samlesak: c.samlesak, language: channel.language }) }, discloses },
  ];
}

/** AU adopts its recommendation (an AU member) and the samlesak goes to Skate's channel. Skate's
 * channel must be linked first. Adopting again posts again under the same keys (taken once),
 * which heals a crash between storing and posting. */
export async function adoptAndSend(deps: SamlesakDeps, ctx: RequestContext, input: Ids): Promise<Result<SamlesakCase & { changed: boolean; posted: number }, SamlesakError>> {
  const target = resolve(ctx, input.programmeId, input.periodKey);
  if (!target.ok) return target;
  const { access, schedule, period } = target.value;
  const rule = samlesakRule(access.programme);
  if (!rule) return err({ code: 'no-samlesak' });
  // Whether AU may adopt it (who, and what is missing) before whether it can be posted.
  const current = await deps.samlesak.get(access.key, schedule.id, period.key);
  if (!current) return err({ code: 'not-compiled', periodKey: period.key });
  if (!current.adopted) {
    const check = adoptRecommendation(access.programme, current, { by: access.actor, at: ctx.now });
    if (!check.ok) return check;
  }
  const channel = await deps.channels.get(access.key, rule.advisedBy);
  if (!channel) return err({ code: 'no-skate-channel', body: rule.advisedBy });
  const adopted = await step(deps, ctx, input, (programme, current, by) =>
    current.adopted && current.adopted.by.id === by.id ? ok({ samlesak: current, changed: false }) : adoptRecommendation(programme, current, { by, at: ctx.now }),
  );
  if (!adopted.ok) return adopted;
  const posted = (await enqueueAll(deps.delivery, skateJobs(deps, adopted.value, channel))).filter((a) => a === 'queued').length;
  return ok({ ...adopted.value, posted });
}

/** R37 (§5.1 «Det skal ved neste rapportering gis tilbakemelding på om Skates beslutning er
 * fulgt»): the decision on the measure recorded in the previous quarter's samlesak. */
export function skateDecisions(repo: Pick<SamlesakRepository, 'get'>): SkateDecisionLookup {
  return {
    async decisionFor(key, scheduleId, periodKey, measureId) {
      return (await repo.get(key, scheduleId, periodKey))?.decisions[measureId];
    },
  };
}
