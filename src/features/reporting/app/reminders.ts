// Reminder planning (DSOP §3.5, Skate §4.4): on every tick, for every programme and schedule,
// works out what is due now and hands each message to the Delivery port under a key that names
// exactly what it is. The key is the exactly-once record: a second tick, a restart or a second
// instance planning the same message gets 'duplicate' and nothing more is sent. So this code
// keeps no state of its own and any number of instances may tick at the same time.
import type { Idea } from '../../ideas/domain/idea.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { dueEvents, type ScheduleEvent } from '../../../shared/schedule/due.js';
import { periodByKey } from '../../../shared/schedule/period.js';
import { checkPhaseDuration, type PhaseWarning } from '../../../shared/schedule/phaseDuration.js';
import { enqueueAll, type Delivery, type DeliveryJob } from '../../../shared/delivery.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import type { Language } from '../../../shared/language.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { activeIdeas } from '../../ideas/app/jobIdeas.js';
import { asksPreviousDecision, isProjectSchedule, previousPeriodKey, reportingIdeas, type ReportRepository } from './report.js';
import type { CorrectiveDecision } from '../domain/samlesak.js';
import { previousSkateDecision } from './previousDecision.js';
import type { SkateDecisionLookup } from './samlesak.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';

type Card = RenderedCard;

/** One person's part of a reminder: the projects they still have to report on (empty for a
 * schedule that is not about projects, e.g. a roadmap revision by the secretariat). */
export interface ReminderItem {
  idea: Idea;
  /** Skate §5.1: a report for the previous period exists, so the form asks whether the decision made on it was followed. */
  askPreviousDecision: boolean;
  /** R37: the decision on the measure recorded in last quarter's samlesak, which the form names. */
  previousDecision?: CorrectiveDecision;
}

/** Renders the proactive cards; the Teams edge implements it with the card templates. */
export interface ReminderCards {
  reminder(input: { programme: Programme; schedule: Schedule; event: ScheduleEvent; recipient: string; items: ReminderItem[]; language: Language }): Card;
  escalation(input: { programme: Programme; schedule: Schedule; event: ScheduleEvent; missing: { person: string; ideas: Idea[] }[]; language: Language }): Card;
  phaseWarning(input: { programme: Programme; idea: Idea; warning: PhaseWarning; exceededAt: number; guidelineMonths: number; language: Language }): Card;
}

/** Whether the roadmap was revised in [from, until): a revision put to the deciding body's
 * vote, or, where no body decides, an edit that took effect (the roadmap storage answers). */
export interface RoadmapRevisionCheck {
  revisedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean>;
}

/** Whether a revision of the agreement was opened in [from, until) (Digi Rogaland §8: «revideres
 * årlig»): the yearly reminder to the office stops once one was. */
export interface AgreementRevisionCheck {
  openedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean>;
}

export interface ReminderDeps {
  programmes: readonly Programme[];
  /** Ends a year's agreement-revision reminders once a revision was opened in it. */
  agreementRevisions?: AgreementRevisionCheck;
  /** Ends a roadmap-revision period's reminders once the roadmap was revised in it. */
  roadmapRevisions?: RoadmapRevisionCheck;
  ideas: IdeaRepository;
  reports: ReportRepository;
  delivery: Delivery;
  cards: ReminderCards;
  /** Each card is written in its recipient's language. */
  languages: RecipientLanguage;
  /** Skate's recorded decisions (samlesak), for the report form's R37 question. */
  decisions?: SkateDecisionLookup;
  log?: { error(details: Record<string, unknown>, message: string): void };
}

export interface TickReport {
  queued: string[];
  duplicates: number;
  /** Programmes whose planning failed this tick (retried on the next one: nothing is lost). */
  failedProgrammes: string[];
}

/** `${tenantId}:${programmeId}:${scheduleId}:${periodKey}:${recipientId}:${kind}[:n]` */
export function reminderKey(key: ProgrammeKey, event: ScheduleEvent, recipientId: string): string {
  const base = `${key.tenantId}:${key.programmeId}:${event.scheduleId}:${event.periodKey}:${recipientId}:${event.kind}`;
  return event.kind === 'remind' ? `${base}:${event.businessDaysBefore ?? 0}` : base;
}

/** One escalation per office person and period, whoever is missing. */
export const escalationKey = (key: ProgrammeKey, event: ScheduleEvent, officeId: string): string =>
  `${key.tenantId}:${key.programmeId}:${event.scheduleId}:${event.periodKey}:escalation:${officeId}`;

export const phaseWarningKey = (key: ProgrammeKey, warning: PhaseWarning, personId: string): string =>
  `${key.tenantId}:${key.programmeId}:${warning.key}:${personId}`;

/** Keys of this programme's jobs start with this (for the office's list of failures). */
export const programmeKeyPrefix = (key: ProgrammeKey): string => `${key.tenantId}:${key.programmeId}:`;

export const officePeople = (programme: Programme): string[] =>
  programme.people.filter((p) => p.roles.includes('office')).map((p) => p.aadObjectId);

/**
 * The events of a schedule to act on now: 'overdue' once it is due (the reminders before it are
 * then moot), otherwise the latest 'open'/'remind'. Older reminders a stopped bot missed are not
 * sent in a burst after a restart; the latest one says the same, later.
 */
export function eventsToSend(schedule: Schedule, now: number): ScheduleEvent[] {
  const due = dueEvents(schedule, now);
  const overdue = due.find((e) => e.kind === 'overdue');
  if (overdue) return [overdue];
  const latest = due.filter((e) => e.kind !== 'overdue').pop();
  return latest ? [latest] : [];
}

/** Who must act on a schedule, with the projects each still has to report on in the period. */
export async function outstanding(
  deps: Pick<ReminderDeps, 'reports'> & Partial<Pick<ReminderDeps, 'roadmapRevisions' | 'agreementRevisions' | 'decisions'>>,
  key: ProgrammeKey,
  programme: Programme,
  schedule: Schedule,
  periodKey: string,
  ideas: readonly Idea[],
): Promise<Map<string, ReminderItem[]>> {
  const out = new Map<string, ReminderItem[]>();
  if (isProjectSchedule(schedule)) {
    const filed = new Set((await deps.reports.forPeriod(key, schedule.id, periodKey)).map((r) => r.ideaNumber));
    const previousKey = asksPreviousDecision(programme) ? previousPeriodKey(schedule, periodKey) : undefined;
    const previous = previousKey
      ? new Set((await deps.reports.forPeriod(key, schedule.id, previousKey)).map((r) => r.ideaNumber))
      : new Set<string>();
    for (const idea of reportingIdeas(ideas)) {
      if (filed.has(idea.number)) continue;
      const items = out.get(idea.projectLeader) ?? [];
      const previousDecision = await previousSkateDecision(deps.decisions, key, programme, schedule, periodKey, idea.number);
      items.push({ idea, askPreviousDecision: previousDecision !== undefined || previous.has(idea.number), ...(previousDecision ? { previousDecision } : {}) });
      out.set(idea.projectLeader, items);
    }
    return out;
  }
  // Digi Rogaland §4.7: «Veikartet revideres minst to ganger årlig.» A period in which the
  // roadmap was revised is done: nobody is reminded of it any more, and nobody is escalated.
  if (schedule.kind === 'roadmap-revision' && deps.roadmapRevisions) {
    const period = periodByKey(schedule, periodKey);
    if (period && (await deps.roadmapRevisions.revisedBetween(key, period.opens, period.closes))) return out;
  }
  // Digi Rogaland §8: «revideres årlig». A year in which a revision was opened is done.
  if (schedule.kind === 'agreement-revision' && deps.agreementRevisions) {
    const period = periodByKey(schedule, periodKey);
    if (period && (await deps.agreementRevisions.openedBetween(key, period.opens, period.closes))) return out;
  }
  // Not about projects: the bodies' secretaries or the office, who are reminded until the
  // period closes or, for a roadmap revision, until the revision is put to the vote.
  const people =
    schedule.recipients === 'secretariat'
      ? programme.bodies.flatMap((b) => (b.secretary ? [b.secretary] : []))
      : officePeople(programme);
  for (const person of new Set(people)) out.set(person, []);
  return out;
}

async function planProgramme(deps: ReminderDeps, programme: Programme, now: number, report: TickReport): Promise<void> {
  const key: ProgrammeKey = { tenantId: programme.tenantId, programmeId: programme.id };
  const jobs: DeliveryJob[] = [];
  const job = (jobKey: string, person: string, rendered: Card): DeliveryJob => ({
    key: jobKey,
    tenantId: key.tenantId,
    target: { kind: 'person', aadObjectId: person },
    message: { kind: 'card', card: rendered.card },
    discloses: rendered.discloses,
  });
  // Reminders and phase warnings are about projects under way: the active ideas' index, not the programme.
  const ideas = await activeIdeas(deps.ideas, key);
  const office = officePeople(programme);
  // One lookup per person and tick, however many cards they get.
  const languages = new Map<string, Promise<Language>>();
  const languageOf = (person: string): Promise<Language> => {
    let language = languages.get(person);
    if (!language) languages.set(person, (language = deps.languages.of(key.tenantId, person)));
    return language;
  };

  for (const schedule of programme.schedules) {
    for (const event of eventsToSend(schedule, now)) {
      const waiting = await outstanding(deps, key, programme, schedule, event.periodKey, ideas);
      for (const [recipient, items] of waiting) {
        const card = deps.cards.reminder({ programme, schedule, event, recipient, items, language: await languageOf(recipient) });
        jobs.push(job(reminderKey(key, event, recipient), recipient, card));
      }
      // Escalate once: the keys have no reporting person in them, so whoever is still missing at
      // the first tick after the deadline is the list, and later ticks are duplicates.
      // An undone roadmap revision is escalated too: the overdue reminder says the office is told.
      if (event.kind === 'overdue' && (isProjectSchedule(schedule) || schedule.kind === 'roadmap-revision') && waiting.size > 0) {
        const missing = [...waiting].map(([person, items]) => ({ person, ideas: items.map((i) => i.idea) }));
        for (const officeId of office) {
          const card = deps.cards.escalation({ programme, schedule, event, missing, language: await languageOf(officeId) });
          jobs.push(job(escalationKey(key, event, officeId), officeId, card));
        }
      }
    }
  }

  // Phase-length guideline (DSOP §4): project leader and office, once per warning.
  for (const idea of ideas) {
    if (idea.status !== 'active') continue;
    const phase = programme.phases.find((p) => p.id === idea.phase);
    if (!phase?.guidelineMonths) continue;
    const check = checkPhaseDuration(
      { subjectId: `${idea.number}:${idea.phase}`, phaseStartedAt: idea.phaseStartedAt, guidelineMonths: phase.guidelineMonths },
      now,
    );
    for (const warning of check.due) {
      const people = new Set([...(idea.projectLeader ? [idea.projectLeader] : []), ...office]);
      for (const person of people) {
        const card = deps.cards.phaseWarning({
          programme,
          idea,
          warning,
          exceededAt: check.exceededAt,
          guidelineMonths: phase.guidelineMonths,
          language: await languageOf(person),
        });
        jobs.push(job(phaseWarningKey(key, warning, person), person, card));
      }
    }
  }

  const answers = await enqueueAll(deps.delivery, jobs);
  jobs.forEach((j, i) => (answers[i] === 'queued' ? report.queued.push(j.key) : report.duplicates++));
}

/** Plans and enqueues everything due at `now`. Safe to run any number of times, anywhere. */
export async function runReminderTick(deps: ReminderDeps, now: number): Promise<TickReport> {
  const report: TickReport = { queued: [], duplicates: 0, failedProgrammes: [] };
  for (const programme of deps.programmes) {
    try {
      await planProgramme(deps, programme, now, report);
    } catch (error) {
      report.failedProgrammes.push(programme.id);
      deps.log?.error({ err: error, programmeId: programme.id }, 'reminders: planning failed');
    }
  }
  return report;
}
