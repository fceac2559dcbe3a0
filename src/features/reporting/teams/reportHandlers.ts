// The report verbs (report.form, report.submit) and the commands `rapporter`/`report` (my due
// report forms) and `frister`/`deadlines` (what is due: mine, or for the office everyone's).
import { z } from 'zod';
import { previousSkateDecision } from '../app/previousDecision.js';
import type { SkateDecisionLookup } from '../app/samlesak.js';
import type { DeliveryLog } from '../../../shared/delivery.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { fileReport, resolveReport, type ReportDeps, type ReportError, type ReportRef } from '../app/fileReport.js';
import {
  asksPreviousDecision,
  decisionAnswers,
  previousPeriodKey,
  reportStatuses,
  type ReportContent,
} from '../app/report.js';
import { filedReports } from '../app/filedReports.js';
import { parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import { standingAt } from '../../../shared/schedule/offeredPeriod.js';
import { ideaNumberField, pageCursorField, programmeIdField } from '../../../platform/routing/fields.js';
import { deadlines, myReports } from '../app/reportQueries.js';
import type { AgreementRevisionCheck, RoadmapRevisionCheck } from '../app/reminders.js';
import { ideaContent, ideaDocuments, type Disclosed } from '../../../shared/disclosure/content.js';
import { formatDate, formatDateTime, pick } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { ideaErrorText } from '../../ideas/teams/ideaText.js';
import { defineVerb, type VerbDefinition } from '../../../platform/routing/verbRouter.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import type { ReportFormField } from './reportCardViews.js';
import { personName, type ReportCards } from './reportCards.js';

export interface ReportHandlerDeps extends ReportDeps {
  deliveryLog: DeliveryLog;
  /** A revised roadmap period has nobody left to act (`frister`, as for the reminders). */
  roadmapRevisions?: RoadmapRevisionCheck;
  agreementRevisions?: AgreementRevisionCheck;
  renderer: CardRenderer;
  reportCards: ReportCards;
  /** Skate's recorded decisions (samlesak), for the form's R37 question. */
  decisions?: SkateDecisionLookup;
}

const refShape = {
  programmeId: z.string().trim().min(1).max(64),
  scheduleId: z.string().trim().min(1).max(64),
  periodKey: z.string().trim().regex(/^\d{4}-(\d{2}|Q[1-4]|H\d{1,2})$/),
  ideaNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{3,6}$/),
};
const refSchema = z.object(refShape);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const flag = z.enum(['true', 'false']).optional().transform((v) => v === 'true');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? '');
const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** The fields the corrective-actions check reads: it runs whenever these parsed, so a form with
 * another problem (a blank progress field) lists the missing corrective actions at once too. */
const deviationFields: readonly PropertyKey[] = ['result', 'completionDate', 'cost', 'correctiveActions'];

/** The report form's fields. Corrective actions are required when any deviation is marked (Skate
 * §4.4 «Ved vesentlige avvik skal tiltakseier foreslå korrigerende tiltak»; the filing rule in
 * app/reports/report.ts holds it for the use case, this check names it on the form). */
export const reportFormSchema = z
  .object({
    ...refShape,
    status: z.enum(reportStatuses),
    progress: requiredText(3000),
    result: flag,
    resultText: optionalText(2000),
    completionDate: flag,
    completionDateText: optionalText(2000),
    cost: flag,
    costText: optionalText(2000),
    correctiveActions: optionalText(3000),
    nextMilestones: requiredText(2000),
    previousDecision: z.preprocess(blankToUndefined, z.enum(decisionAnswers).optional()),
    previousDecisionText: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if ((v.result || v.completionDate || v.cost) && v.correctiveActions === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['correctiveActions'],
        message: 'corrective actions are required when a deviation is marked',
        params: { messageKey: 'report.error.correctiveRequired' },
      });
    }
  }, { when: (payload) => payload.issues.every((issue) => !deviationFields.includes(issue.path?.[0] ?? '')) });
export type ReportForm = z.output<typeof reportFormSchema>;

export const contentOf = (form: ReportForm): ReportContent => ({
  status: form.status,
  progress: form.progress,
  deviations: {
    result: { deviates: form.result, text: form.resultText },
    completionDate: { deviates: form.completionDate, text: form.completionDateText },
    cost: { deviates: form.cost, text: form.costText },
  },
  correctiveActions: form.correctiveActions,
  nextMilestones: form.nextMilestones,
  ...(form.previousDecision ? { previousDecision: { answer: form.previousDecision, text: form.previousDecisionText } } : {}),
});

const fieldKeys: Partial<Record<ReportFormField, MessageKey>> = {
  status: 'report.field.status',
  progress: 'report.field.progress',
  result: 'report.field.result',
  completionDate: 'report.field.completionDate',
  cost: 'report.field.cost',
  correctiveActions: 'report.field.correctiveActions',
  nextMilestones: 'report.field.nextMilestones',
  previousDecision: 'report.field.previousDecision',
};
const labels: FieldLabels = Object.fromEntries(
  Object.entries(fieldKeys).map(([field, key]) => [field, { nb: translate('nb', key), en: translate('en', key) }]),
);

/** Problems in the reader's language; a refinement names its own message by key. */
export function reportProblems(issues: readonly z.core.$ZodIssue[], language: 'nb' | 'en'): string[] {
  return issues.map((issue) => {
    const key = issue.code === 'custom' ? (issue.params as { messageKey?: MessageKey } | undefined)?.messageKey : undefined;
    return key ? translate(language, key) : (describeIssues([issue], language, labels)[0] ?? '');
  });
}

const formFields: readonly ReportFormField[] = [
  'status',
  'progress',
  'result',
  'resultText',
  'completionDate',
  'completionDateText',
  'cost',
  'costText',
  'correctiveActions',
  'nextMilestones',
  'previousDecision',
  'previousDecisionText',
];
const typedValues = (data: Record<string, unknown>): Partial<Record<ReportFormField, string>> =>
  Object.fromEntries(formFields.flatMap((f) => (typeof data[f] === 'string' ? [[f, data[f].slice(0, 3000)]] : [])));

export function reportErrorText(error: ReportError, language: 'nb' | 'en'): string {
  switch (error.code) {
    case 'unknown-schedule':
      return translate(language, 'report.error.unknown-schedule');
    case 'unknown-period':
    case 'period-not-open':
      return translate(language, `report.error.${error.code}`, { period: error.periodKey });
    case 'period-closed':
      return translate(language, 'report.error.period-closed', { period: error.periodKey, closed: formatDateTime(error.closedAt, language) });
    case 'idea-not-found':
    case 'not-reporting':
    case 'not-project-leader':
      return translate(language, `report.error.${error.code}`, { number: error.number });
    case 'not-author':
      return translate(language, 'report.error.not-author', { author: error.author });
    case 'corrective-actions-required':
      return translate(language, 'report.error.correctiveRequired');
    default:
      return ideaErrorText(error as IdeaUseCaseError, language);
  }
}

export function reportVerbs(deps: ReportHandlerDeps): Record<string, VerbDefinition> {
  const errorCard = (ctx: RequestContext, error: ReportError) =>
    deps.renderer.render('error', { title: translate(ctx.language, 'error.title'), message: reportErrorText(error, ctx.language), details: [] }, []);

  const formCard = async (
    ctx: RequestContext,
    ref: ReportRef,
    extra: { problems?: string[]; values?: Partial<Record<ReportFormField, string>>; banner?: string; bannerStyle?: string; submissionId?: string } = {},
  ): Promise<AdaptiveCard> => {
    const target = await resolveReport(deps, ctx, ref);
    if (!target.ok) return errorCard(ctx, target.error);
    const { programme, schedule, period, idea, key } = target.value;
    const report = await deps.reports.get(key, schedule.id, period.key, idea.number);
    const previousKey = asksPreviousDecision(programme) ? previousPeriodKey(schedule, period.key) : undefined;
    const previousDecision = await previousSkateDecision(deps.decisions, key, programme, schedule, period.key, idea.number);
    const askPreviousDecision = previousDecision !== undefined || (previousKey ? (await deps.reports.get(key, schedule.id, previousKey, idea.number)) !== undefined : false);
    const standing = standingAt(period, ctx.now);
    return deps.reportCards.form(
      { programme, schedule, period, standing, idea, ...(report ? { report } : {}), askPreviousDecision, ...(previousDecision ? { previousDecision } : {}), ...extra },
      ctx.language,
    );
  };

  return {
    // DSOP §3.5: a project's filed reports, readable by every person of the programme.
    'idea.reports': defineVerb({
      schema: z.object({ programmeId: programmeIdField, number: ideaNumberField, cursor: pageCursorField }),
      handle: async (ctx, data) => {
        const list = await filedReports(deps, ctx, data, data.cursor);
        return list.ok ? deps.reportCards.filedListCard(list.value, ctx.language) : errorCard(ctx, list.error);
      },
    }),
    'report.form': defineVerb({ schema: refSchema, handle: (ctx, data) => formCard(ctx, data) }),
    'report.submit': defineVerb({
      // The reference is checked here; the form itself in the handler, so a rejected form comes
      // back with what was typed and the problems in the reader's language.
      // The card's submission id (cards rendered before it existed have none: their repeats
      // are caught by the content alone).
      schema: z.looseObject({ ...refShape, submissionId: z.string().trim().min(8).max(64).optional() }),
      handle: async (ctx, data) => {
        const ref: ReportRef = { programmeId: data.programmeId, scheduleId: data.scheduleId, periodKey: data.periodKey, ideaNumber: data.ideaNumber };
        // A refused form keeps its submission id: it filed nothing, so its retry is the same submission.
        const again = { values: typedValues(data), ...(data.submissionId ? { submissionId: data.submissionId } : {}) };
        const parsed = reportFormSchema.safeParse(data);
        if (!parsed.success) return formCard(ctx, ref, { problems: reportProblems(parsed.error.issues, ctx.language), ...again });
        const filed = await fileReport(deps, ctx, ref, contentOf(parsed.data), data.submissionId);
        if (!filed.ok) {
          const problem = ['corrective-actions-required', 'not-author', 'not-project-leader', 'period-closed'].includes(filed.error.code);
          return problem ? formCard(ctx, ref, { problems: [reportErrorText(filed.error, ctx.language)], ...again }) : errorCard(ctx, filed.error);
        }
        const { report, outcome } = filed.value;
        return formCard(ctx, ref, {
          banner: translate(ctx.language, outcome === 'unchanged' ? 'report.unchanged.banner' : 'report.filed.banner', { version: report.version }),
          bannerStyle: 'good',
        });
      },
    }),
  };
}

export function reportCommands(deps: ReportHandlerDeps) {
  const reports: CommandHandler = async (ctx, args) => {
    // `rapporter DSOP-2026-001`: that project's filed reports (anyone of the programme).
    if (args.trim() !== '') {
      const number = args.trim().toUpperCase();
      const parts = parseIdeaNumber(number);
      const programme = parts && ctx.memberships.find((m) => m.programme.ideaPrefix === parts.prefix)?.programme;
      if (!programme) return textReply(translate(ctx.language, 'reports.which'));
      const list = await filedReports(deps, ctx, { programmeId: programme.id, number });
      return list.ok ? cardReply(deps.reportCards.filedListCard(list.value, ctx.language)) : textReply(ideaErrorText(list.error, ctx.language));
    }
    const mine = await myReports(deps, ctx);
    const [first] = mine;
    if (!first) return textReply(translate(ctx.language, 'report.mine.none'));
    if (mine.length === 1) {
      const { programme, schedule, period, standing, idea, report, askPreviousDecision, previousDecision } = first;
      return cardReply(
        deps.reportCards.form({ programme, schedule, period, standing, idea, ...(report ? { report } : {}), askPreviousDecision, ...(previousDecision ? { previousDecision } : {}) }, ctx.language),
      );
    }
    const discloses: Disclosed[] = mine.map((m) => ideaContent(m.programme.id, m.idea));
    return cardReply(
      deps.renderer.render(
        'choice',
        {
          heading: translate(ctx.language, 'report.mine.heading'),
          text: translate(ctx.language, 'report.mine.text'),
          options: mine.map((m) => ({
            title:
              m.standing === 'upcoming'
                ? translate(ctx.language, 'report.mine.upcoming', { number: m.idea.number, period: m.period.key, opens: formatDate(m.period.opens, ctx.language) })
                : translate(ctx.language, m.report ? 'report.mine.filed' : 'report.mine.open', { number: m.idea.number, period: m.period.key }),
            verb: 'report.form',
            data: { programmeId: m.programme.id, scheduleId: m.schedule.id, periodKey: m.period.key, ideaNumber: m.idea.number },
          })),
        },
        discloses,
      ),
    );
  };

  const due: CommandHandler = async (ctx) => {
    const { language } = ctx;
    const all = await deadlines(deps, ctx);
    if (all.length === 0) return textReply(translate(language, 'deadlines.none'));
    const records: { title: string; lines: string[] }[] = [];
    const discloses: Disclosed[] = [];
    for (const p of all) {
      for (const s of p.schedules) {
        const relevant = p.isOffice || s.mine.length > 0;
        if (!relevant) continue;
        const late = s.standing === 'late';
        const lines = [
          s.standing === 'upcoming'
            ? translate(language, 'deadlines.upcoming', { opens: formatDate(s.period.opens, language), deadline: formatDate(s.period.deadline, language) })
            : translate(language, 'deadlines.due', {
                deadline: formatDate(s.period.deadline, language),
                late: late ? translate(language, 'deadlines.passed') : '',
              }),
        ];
        for (const m of s.mine) {
          discloses.push(ideaDocuments(p.programme.id, m.idea));
          lines.push(
            m.report
              ? translate(language, 'deadlines.mine.filed', { number: m.idea.number, at: formatDateTime(m.report.updatedAt, language) })
              : translate(language, 'deadlines.mine.open', { number: m.idea.number }),
          );
        }
        if (s.filedCount !== undefined) lines.push(translate(language, 'deadlines.filedCount', { count: s.filedCount }));
        if (s.missing) {
          if (s.missing.length === 0) lines.push(translate(language, 'deadlines.nobodyMissing'));
          for (const m of s.missing) {
            m.ideas.forEach((i) => discloses.push(ideaContent(p.programme.id, i)));
            const projects = m.ideas.length > 0 ? ` (${m.ideas.map((i) => i.number).join(', ')})` : '';
            lines.push(translate(language, late ? 'deadlines.late' : 'deadlines.missing', { person: personName(p.programme, m.person), projects }));
          }
        }
        records.push({
          title: translate(language, 'deadlines.schedule', { programme: p.programme.name, schedule: pick(s.schedule.name, language), period: s.period.key }),
          lines,
        });
      }
      if (p.isOffice && (p.withheld?.length ?? 0) > 0) {
        discloses.push({ kind: 'programme-internal', programmeId: p.programme.id });
        records.push({
          title: translate(language, 'deadlines.withheldHeading', { programme: p.programme.name }),
          lines: (p.withheld ?? []).map((w) =>
            translate(language, 'deadlines.withheld', {
              recipient: w.target.kind === 'person' ? personName(p.programme, w.target.aadObjectId) : translate(language, 'withheld.someone'),
              at: formatDateTime(w.at, language),
            }),
          ),
        });
      }
      if (p.isOffice && (p.waiting?.length ?? 0) > 0) {
        discloses.push({ kind: 'programme-internal', programmeId: p.programme.id });
        records.push({
          title: translate(language, 'deadlines.waitingHeading', { programme: p.programme.name }),
          lines: (p.waiting ?? []).map((w) => translate(language, 'deadlines.waiting', { person: personName(p.programme, w.person), since: formatDateTime(w.since, language) })),
        });
      }
      if (p.isOffice && ((p.unreachable?.length ?? 0) > 0 || (p.otherFailures ?? 0) > 0)) {
        discloses.push({ kind: 'programme-internal', programmeId: p.programme.id });
        records.push({
          title: translate(language, 'deadlines.unreachableHeading', { programme: p.programme.name }),
          lines: [
            ...(p.unreachable ?? []).map((u) =>
              translate(language, 'deadlines.unreachable', { person: personName(p.programme, u.person), at: formatDateTime(u.at, language) }),
            ),
            ...(p.otherFailures ? [translate(language, 'deadlines.otherFailures', { count: p.otherFailures })] : []),
          ],
        });
      }
    }
    return cardReply(
      deps.renderer.render(
        'records',
        { heading: translate(language, 'deadlines.heading'), subheading: '', records, emptyText: records.length === 0 ? translate(language, 'deadlines.nothing') : '' },
        discloses,
      ),
    );
  };

  return { reports, deadlines: due };
}
