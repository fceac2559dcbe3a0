// Builds the report form (also the reminder: the form with a banner), the escalation to the
// office, the phase-length warning and the filed report as posted to participants.
import { randomUUID } from 'node:crypto';
import { ideaDocuments, type Disclosed } from '../../../shared/disclosure/content.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import type { ScheduleEvent } from '../../../shared/schedule/due.js';
import type { PeriodStanding } from '../../../shared/schedule/offeredPeriod.js';
import type { Period } from '../../../shared/schedule/period.js';
import type { FiledReportCards } from '../app/fileReport.js';
import type { ReminderCards } from '../app/reminders.js';
import { decisionAnswers, deviationAreas, reportStatuses, type StatusReport } from '../app/report.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { FiledReports } from '../app/filedReports.js';
import { disclosuresOf, type AdaptiveCard, type CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';
import type { ReportFormField, ReportFormView } from './reportCardViews.js';
import { phaseName } from '../../ideas/teams/ideaText.js';
import { roadmapBodyOf } from '../../roadmap/domain/revision.js';
import type { ActionButton } from '../../../platform/cards/views.js';
import { pagerButtons, positionText } from '../../../platform/cards/pager.js';
import type { CorrectiveDecision } from '../domain/samlesak.js';
import { decisionWho } from './samlesakViews.js';

export const personName = (programme: Programme, id: string): string => programme.people.find((p) => p.aadObjectId === id)?.name ?? id;

export interface FormInput {
  programme: Programme;
  schedule: Schedule;
  period: Pick<Period, 'key' | 'deadline'> & { closes?: number; opens?: number };
  /** How the period stands (offeredPeriod.ts); absent: due (a reminder sent in its period). */
  standing?: PeriodStanding;
  idea: Idea;
  report?: StatusReport;
  askPreviousDecision: boolean;
  /** R37: the decision recorded in last quarter's samlesak, which the question names. */
  previousDecision?: CorrectiveDecision;
  banner?: string;
  bannerStyle?: string;
  problems?: string[];
  /** Values typed in a rejected submission, kept so nothing is lost. */
  values?: Partial<Record<ReportFormField, string>>;
  /** The rejected submission's id, kept so its retry is still the same submission; otherwise a fresh one. */
  submissionId?: string;
  others?: { idea: Idea }[];
}

const emptyValues: Record<ReportFormField, string> = {
  status: '',
  progress: '',
  result: 'false',
  resultText: '',
  completionDate: 'false',
  completionDateText: '',
  cost: 'false',
  costText: '',
  correctiveActions: '',
  nextMilestones: '',
  previousDecision: '',
  previousDecisionText: '',
};

function valuesOf(report: StatusReport | undefined): Record<ReportFormField, string> {
  if (!report) return emptyValues;
  const c = report.content;
  return {
    status: c.status,
    progress: c.progress,
    result: String(c.deviations.result.deviates),
    resultText: c.deviations.result.text,
    completionDate: String(c.deviations.completionDate.deviates),
    completionDateText: c.deviations.completionDate.text,
    cost: String(c.deviations.cost.deviates),
    costText: c.deviations.cost.text,
    correctiveActions: c.correctiveActions,
    nextMilestones: c.nextMilestones,
    previousDecision: c.previousDecision?.answer ?? '',
    previousDecisionText: c.previousDecision?.text ?? '',
  };
}

function introFor(standing: PeriodStanding, params: Record<string, string>, language: Language): string {
  switch (standing) {
    case 'due':
      return translate(language, 'report.form.intro', params);
    case 'late':
      return translate(language, 'report.form.introLate', params);
    case 'upcoming':
      return translate(language, 'report.form.introUpcoming', params);
  }
}

export function reportFormView(input: FormInput, language: Language): ReportFormView {
  const { programme, schedule, period, idea, report } = input;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const intro = report
    ? t('report.form.introFiled', {
        number: idea.number,
        period: period.key,
        filed: formatDateTime(report.updatedAt, language),
        version: report.version,
        closes: period.closes !== undefined ? formatDateTime(period.closes, language) : '–',
      })
    : introFor(input.standing ?? 'due', { number: idea.number, period: period.key, deadline: formatDate(period.deadline, language), opens: period.opens !== undefined ? formatDate(period.opens, language) : '–' }, language);
  return {
    banner: input.banner ?? '',
    bannerStyle: input.bannerStyle ?? 'accent',
    heading: t('report.form.heading', { schedule: pick(schedule.name, language), idea: idea.title }),
    intro,
    problemsHeading: t('report.form.problems'),
    problems: input.problems ?? [],
    // A period not open yet cannot be filed (report.ts): the card says when it opens.
    hasForm: input.standing !== 'upcoming',
    askPreviousDecision: input.askPreviousDecision,
    labels: {
      status: t('report.field.status'),
      progress: t('report.field.progress'),
      deviations: t('report.field.deviations'),
      result: t('report.field.result'),
      completionDate: t('report.field.completionDate'),
      cost: t('report.field.cost'),
      deviationText: t('report.field.deviationText'),
      correctiveActions: t('report.field.correctiveActions'),
      correctiveHint: t('report.field.correctiveHint'),
      nextMilestones: t('report.field.nextMilestones'),
      previousDecision: input.previousDecision
        ? t('report.field.previousDecisionNamed', {
            who: decisionWho(programme, input.previousDecision, language),
            date: formatDate(input.previousDecision.at, language),
            decision: input.previousDecision.text,
          })
        : t('report.field.previousDecision'),
      previousDecisionNote: input.previousDecision ? '' : t('report.field.previousDecisionNote'),
      previousDecisionText: t('report.field.previousDecisionText'),
    },
    statuses: reportStatuses.map((s) => ({ title: t(`report.status.${s}`), value: s })),
    answers: decisionAnswers.map((a) => ({ title: t(`report.answer.${a}`), value: a })),
    values: { ...valuesOf(report), ...input.values },
    data: { programmeId: programme.id, scheduleId: schedule.id, periodKey: period.key, ideaNumber: idea.number, submissionId: input.submissionId ?? randomUUID() },
    submitLabel: report ? t('report.form.correct') : t('report.form.submit'),
    footer: t('reminder.mandatory'),
    othersHeading: t('reminder.others'),
    others: (input.others ?? []).map(({ idea: other }) => ({
      title: t('reminder.openForm', { number: other.number }),
      verb: 'report.form',
      data: { programmeId: programme.id, scheduleId: schedule.id, periodKey: period.key, ideaNumber: other.number },
    })),
  };
}

const reportLines = (report: StatusReport, language: Language): { title: string; lines: string[] }[] => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const c = report.content;
  const records = [
    { title: t('report.field.status'), lines: [t(`report.status.${c.status}`)] },
    { title: t('report.field.progress'), lines: [c.progress] },
    ...deviationAreas.map((area) => ({
      title: t(`report.field.${area}`),
      lines: [c.deviations[area].deviates ? t('report.filed.yes', { text: c.deviations[area].text || '–' }) : t('report.filed.none')],
    })),
  ];
  if (c.correctiveActions) records.push({ title: t('report.field.correctiveActions'), lines: [c.correctiveActions] });
  records.push({ title: t('report.field.nextMilestones'), lines: [c.nextMilestones] });
  if (c.previousDecision) {
    records.push({
      title: t('report.field.previousDecision'),
      lines: [t(`report.answer.${c.previousDecision.answer}`), ...(c.previousDecision.text ? [c.previousDecision.text] : [])],
    });
  }
  return records;
};

const rendered = (card: AdaptiveCard): RenderedCard => ({ card, discloses: disclosuresOf(card) });

export class ReportCards implements ReminderCards, FiledReportCards {
  constructor(private readonly cards: CardRenderer) {}

  form(input: FormInput, language: Language): AdaptiveCard {
    return this.cards.render('reportForm', reportFormView(input, language), [ideaDocuments(input.programme.id, input.idea)]);
  }

  reminder(input: Parameters<ReminderCards['reminder']>[0]): RenderedCard {
    return rendered(this.reminderCard(input));
  }

  reminderCard({ programme, schedule, event, items, language }: Parameters<ReminderCards['reminder']>[0]): AdaptiveCard {
    const period = periodStub(event);
    const banner = translate(language, `reminder.${event.kind}`, {
      schedule: pick(schedule.name, language).toLocaleLowerCase(language === 'nb' ? 'nb-NO' : 'en-GB'),
      period: period.key,
      deadline: formatDate(event.deadline, language),
    });
    const bannerStyle = event.kind === 'overdue' ? 'attention' : 'accent';
    const [first, ...rest] = items;
    if (!first) {
      // Not a project report: the reminder, and for a roadmap revision the way to do it.
      return this.cards.render(
        'reportForm',
        {
          ...reportFormView(
            { programme, schedule, period: periodStub(event), idea: placeholderIdea(programme), askPreviousDecision: false, banner, bannerStyle },
            language,
          ),
          heading: pick(schedule.name, language),
          hasForm: false,
          ...(schedule.kind === 'roadmap-revision'
            ? roadmapRevisionAction(programme, language)
            : schedule.kind === 'agreement-revision'
              ? agreementRevisionAction(programme, language)
              : { intro: translate(language, 'reminder.noForm') }),
        },
        [],
      );
    }
    return this.form(
      {
        programme,
        schedule,
        period: periodStub(event),
        idea: first.idea,
        askPreviousDecision: first.askPreviousDecision,
        ...(first.previousDecision ? { previousDecision: first.previousDecision } : {}),
        banner,
        bannerStyle,
        others: rest,
      },
      language,
    );
  }

  escalation({ programme, schedule, event, missing, language }: Parameters<ReminderCards['escalation']>[0]): RenderedCard {
    const discloses: Disclosed[] = missing.flatMap((m) => m.ideas.map((i) => ideaDocuments(programme.id, i)));
    return rendered(this.cards.render(
      'records',
      {
        heading: translate(language, 'escalation.heading', { schedule: pick(schedule.name, language), period: event.periodKey }),
        subheading: translate(language, 'escalation.subheading', { deadline: formatDate(event.deadline, language) }),
        records: missing.map((m) => ({ title: personName(programme, m.person), lines: m.ideas.map((i) => `${i.number} ${i.title}`) })),
        emptyText: '',
      },
      discloses,
    ));
  }

  phaseWarning({ programme, idea, warning, exceededAt, guidelineMonths, language }: Parameters<ReminderCards['phaseWarning']>[0]): RenderedCard {
    return rendered(this.cards.render(
      'records',
      {
        heading: translate(language, `phase.heading.${warning.kind}`, { number: idea.number }),
        subheading: '',
        records: [
          {
            title: idea.title,
            lines: [
              translate(language, 'phase.text', {
                title: idea.number,
                phase: phaseName(programme, idea.phase, language),
                since: formatDate(idea.phaseStartedAt, language),
                months: guidelineMonths,
                until: formatDate(exceededAt, language),
              }),
            ],
          },
        ],
        emptyText: '',
      },
      [ideaDocuments(programme.id, idea)],
    ));
  }

  filed({ programme, idea, report, language }: Parameters<FiledReportCards['filed']>[0]): RenderedCard {
    return rendered(this.filedCard(programme, idea, report, language));
  }

  /** Every filed report of a project, newest first, for any participant (DSOP §3.5). */
  filedListCard(list: FiledReports, language: Language): AdaptiveCard {
    const { programme, idea } = list;
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
    return this.cards.render(
      'records',
      {
        heading: t('reports.heading', { number: idea.number, title: idea.title }),
        subheading: [
          [t('reports.subheading'), ...(idea.ownSteeringGroup ? [t('reports.ownSteeringGroup')] : [])].join(' '),
          ...(positionText(list.page, language) ? [positionText(list.page, language)] : []),
        ].join(' · '),
        pager: pagerButtons(list.page, 'idea.reports', { programmeId: programme.id, number: idea.number }, language),
        records: list.reports.map(({ schedule, report }) => ({
          title: t('reports.item', {
            schedule: pick(schedule.name, language),
            period: report.periodKey,
            version: report.version,
            author: report.author.name,
            at: formatDateTime(report.updatedAt, language),
          }),
          lines: reportLines(report, language).map((r) => `**${r.title}:** ${r.lines.join(' ')}`),
        })),
        emptyText: list.reports.length === 0 ? t('reports.none', { number: idea.number }) : '',
      },
      [ideaDocuments(programme.id, idea)],
    );
  }

  filedCard(programme: Programme, idea: Idea, report: StatusReport, language: Language): AdaptiveCard {
    return this.cards.render(
      'records',
      {
        heading: translate(language, 'report.filed.heading', { period: report.periodKey, idea: report.ideaTitle }),
        subheading: translate(language, 'report.filed.by', {
          number: report.ideaNumber,
          author: report.author.name,
          at: formatDateTime(report.updatedAt, language),
          version: report.version,
        }),
        records: reportLines(report, language),
        emptyText: '',
      },
      [ideaDocuments(programme.id, idea)],
    );
  }
}

/**
 * What a roadmap-revision reminder offers (Digi Rogaland §4.7): the revision card, where the
 * pending changes are put to the deciding body, or the roadmap itself where edits take effect at
 * once. The reminders stop once the roadmap was revised in the period (reminders.ts).
 */
function roadmapRevisionAction(programme: Programme, language: Language): { intro: string; othersHeading: string; others: ActionButton[] } {
  const body = roadmapBodyOf(programme);
  const bodyLabel = body ? pick(programme.bodies.find((b) => b.id === body)?.name ?? { nb: body, en: body }, language) : '';
  const data = { programmeId: programme.id };
  return {
    intro: body ? translate(language, 'roadmap.reminder.intro', { body: bodyLabel }) : translate(language, 'roadmap.reminder.introDirect'),
    othersHeading: translate(language, 'roadmap.reminder.how'),
    others: body
      ? [{ title: translate(language, 'roadmap.reminder.openRevision'), verb: 'roadmap.revision', data }]
      : [{ title: translate(language, 'roadmap.reminder.openRoadmap'), verb: 'roadmap.show', data }],
  };
}

/** What the yearly agreement-revision reminder offers (Digi Rogaland §8): the form that sends
 * the proposed changes to the hearing. The reminders stop once a revision was opened that year. */
function agreementRevisionAction(programme: Programme, language: Language): { intro: string; othersHeading: string; others: ActionButton[] } {
  const body = programme.agreementRevision?.body ?? '';
  const bodyLabel = pick(programme.bodies.find((b) => b.id === body)?.name ?? { nb: body, en: body }, language);
  return {
    intro: translate(language, 'ar.reminder.intro', { body: bodyLabel }),
    othersHeading: translate(language, 'roadmap.reminder.how'),
    others: [{ title: translate(language, 'ar.list.new'), verb: 'agreementRevision.form', data: { programmeId: programme.id } }],
  };
}

/** The parts of a period a reminder card shows (the event carries them). */
function periodStub(event: ScheduleEvent): Pick<Period, 'key' | 'deadline'> {
  return { key: event.periodKey, deadline: event.deadline };
}

/** Stands in for the project on a reminder that has no form (nothing of it is shown). */
function placeholderIdea(programme: Programme): Idea {
  return {
    programmeId: programme.id,
    number: '',
    title: '',
    description: '',
    party: '',
    links: [],
    submittedBy: { id: '', name: '' },
    registeredAt: 0,
    phase: '',
    phaseStartedAt: 0,
    status: 'active',
    disputes: [],
  };
}
