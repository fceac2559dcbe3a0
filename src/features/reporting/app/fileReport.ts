// Filing (and correcting) a status report, and posting it to the project's participants: the
// submitter's and the project leader's personal chats and, when the body that decides the
// project's next gate has a linked channel and the phase is not restricted to the project's
// participants, that channel (DSOP §3.5: "available to all participants"); and the programme
// office, or the project's own steering group where it has one.
import type { Idea } from '../../ideas/domain/idea.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { periodByKey, type Period } from '../../../shared/schedule/period.js';
import { enqueueAll, type Delivery, type DeliveryJob } from '../../../shared/delivery.js';
import { accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import type { Language } from '../../../shared/language.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { decideFiling, isProjectSchedule, type ReportContent, type ReportProblem, type ReportRepository, type SavedReport, type StatusReport } from './report.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';
import { projectSteeringGroupId } from './projectSteeringGroup.js';

export interface FiledReportCards {
  /** The filed report as posted to participants. */
  filed(input: { programme: Programme; schedule: Schedule; idea: Idea; report: StatusReport; language: Language }): RenderedCard;
}

export interface ReportDeps {
  ideas: IdeaRepository;
  reports: ReportRepository;
  delivery: Delivery;
  channels: { get(key: ProgrammeKey, bodyId: string): Promise<{ conversationId: string; language: Language } | undefined> };
  cards: FiledReportCards;
  languages: RecipientLanguage;
}

export type ReportError = IdeaUseCaseError | ReportProblem;

export interface ReportRef {
  programmeId: string;
  scheduleId: string;
  periodKey: string;
  ideaNumber: string;
}

export interface ReportTarget {
  programme: Programme;
  schedule: Schedule;
  period: Period;
  idea: Idea;
  key: ProgrammeKey;
}

/** Resolves a report reference for the actor: a programme they are in, a project schedule, a
 * period of it, an idea of the programme. */
export async function resolveReport(deps: Pick<ReportDeps, 'ideas'>, ctx: RequestContext, ref: ReportRef): Promise<Result<ReportTarget, ReportError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key } = access.value;
  const schedule = programme.schedules.find((s) => s.id === ref.scheduleId);
  if (!schedule || !isProjectSchedule(schedule)) return err({ code: 'unknown-schedule', scheduleId: ref.scheduleId });
  const period = periodByKey(schedule, ref.periodKey);
  if (!period) return err({ code: 'unknown-period', periodKey: ref.periodKey });
  const idea = await deps.ideas.get(key, ref.ideaNumber);
  if (!idea) return err({ code: 'idea-not-found', number: ref.ideaNumber });
  return ok({ programme, schedule, period, idea, key });
}

/** The body that decides the project's next gate (its steering body), if any; at a gate the
 * measure owner approves, the body advising on it (Skate: AU «følger opp kvartalsvis rapportering
 * fra tiltakseierne», seed 004 §3.1/§3.4). */
export function responsibleBody(programme: Programme, idea: Idea): string | undefined {
  const gate = programme.gates.find((g) => g.from === idea.phase);
  return gate?.body ?? gate?.advisedBy;
}

/**
 * Files the next version. `submissionId` is the form card's (fresh per rendering): a repeat of
 * it stores nothing and answers the version it filed (`repeated`); content the current version
 * already says is no new version (`unchanged`) and is posted to nobody. A repeat posts again
 * under the same delivery keys, which the ledger takes once: nobody gets a version twice, and
 * a crash between storing and posting is healed by the retry.
 */
export async function fileReport(
  deps: ReportDeps,
  ctx: RequestContext,
  ref: ReportRef,
  content: ReportContent,
  submissionId?: string,
): Promise<Result<{ report: StatusReport; outcome: SavedReport['outcome']; posted: number }, ReportError>> {
  const target = await resolveReport(deps, ctx, ref);
  if (!target.ok) return target;
  const { programme, schedule, period, idea, key } = target.value;
  const access = accessTo(ctx, programme.id);
  if (!access.ok) return access;
  const by = access.value.actor;
  const reportRef = { scheduleId: schedule.id, periodKey: period.key, ideaNumber: idea.number };
  const saved = await deps.reports.save(key, reportRef, submissionId === undefined ? undefined : `${by.id}|${submissionId}`, (current) =>
    decideFiling({ programme, schedule, period, idea, by, at: ctx.now, content }, current),
  );
  if (!saved.ok) return saved;
  const { report, outcome } = saved.value;
  if (outcome === 'unchanged') return ok({ report, outcome, posted: 0 });

  // Each copy in its reader's language: the filer's as they wrote, the others' as they last did.
  const filedIn = (language: Language) => deps.cards.filed({ programme, schedule, idea, report, language });
  const base = `${key.tenantId}:${programme.id}:${schedule.id}:${period.key}:${idea.number}:filed:v${report.version}`;
  const jobs: DeliveryJob[] = [];
  // DSOP §3.5: a project without a steering group of its own reports «til programkontoret»; one
  // with its own reports to that group's channel (projectSteeringGroup.ts).
  const office = idea.ownSteeringGroup ? [] : programme.people.filter((p) => p.roles.includes('office')).map((p) => p.aadObjectId);
  for (const person of new Set([by.id, ...(idea.projectLeader ? [idea.projectLeader] : []), ...office])) {
    const { card, discloses } = filedIn(person === by.id ? ctx.language : await deps.languages.of(key.tenantId, person));
    jobs.push({ key: `${base}:${person}`, tenantId: key.tenantId, target: { kind: 'person', aadObjectId: person }, message: { kind: 'card', card }, discloses });
  }
  const phase = programme.phases.find((p) => p.id === idea.phase);
  const bodyId = responsibleBody(programme, idea);
  if (bodyId && !phase?.restrictedToParticipants) {
    const channel = await deps.channels.get(key, bodyId);
    if (channel) {
      const { card, discloses } = filedIn(channel.language);
      jobs.push({
        key: `${base}:body:${bodyId}`,
        tenantId: key.tenantId,
        target: { kind: 'conversation', conversationId: channel.conversationId },
        message: { kind: 'card', card },
        discloses,
      });
    }
  }
  if (idea.ownSteeringGroup) {
    const own = await deps.channels.get(key, projectSteeringGroupId(idea.number));
    if (own) {
      const { card, discloses } = filedIn(own.language);
      jobs.push({ key: `${base}:project-steering-group`, tenantId: key.tenantId, target: { kind: 'conversation', conversationId: own.conversationId }, message: { kind: 'card', card }, discloses });
    }
  }
  const posted = (await enqueueAll(deps.delivery, jobs)).filter((answer) => answer === 'queued').length;
  return ok({ report, outcome, posted });
}
