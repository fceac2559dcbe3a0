// New parties (DSOP §2.3): `opptak` / `admission` lists the applications and the parties
// admitted by decision; the office registers an application with the criteria assessed and
// puts it to the deciding body's vote (the same vote card and closer as a gate).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { officeAccess, type Access } from '../../app/ideas/ideaAccess.js';
import {
  fileMembershipApplication,
  membershipApplications,
  type AdmissionError,
  type AdmissionRecord,
  type ApplicationRepository,
  type PartyRegistry,
} from '../../app/membership/admission.js';
import type { RequestContext } from '../../app/requestContext.js';
import { openAdmissionVote, type AdmissionVoteError } from '../../app/votes/openAdmissionVote.js';
import type { VoteDeps } from '../../app/votes/voteDeps.js';
import { admissionOf, unmetCriteria, type MembershipApplication } from '../../domain/membership/admission.js';
import type { Programme } from '../../domain/programme/schema.js';
import { defaultDeadline } from '../../domain/vote/deadline.js';
import { formatDate, formatDateTime, pick, type Language } from '../../i18n/language.js';
import { translate, type MessageKey } from '../../i18n/messages.js';
import type { FieldLabels } from '../../i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import type { CommandHandler } from '../commands/commandRouter.js';
import { programmeIdField, textFields } from '../invoke/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../invoke/verbRouter.js';
import { chooseProgramme } from '../programmeChoice.js';
import { cardReply } from '../reply.js';
import { bodyName, voteErrorText } from '../votes/voteText.js';
import { clip } from '../votes/voteViews.js';
import type { AdmissionFormView, AdmissionListView, AdmissionProposalView } from './admissionCardViews.js';

export interface AdmissionDependencies {
  applications: ApplicationRepository;
  registry: PartyRegistry;
  votes: VoteDeps;
  cards: CardRenderer;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);
const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });

const programmeId = programmeIdField;
const submissionId = z.string().trim().min(8).max(64);
const applicationId = z.string().trim().toUpperCase().regex(/^M-\d{3,6}$/);
const toggle = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'true');
/** Comma- or space-separated tenant ids. */
const tenantList = z
  .string()
  .max(2000)
  .default('')
  .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
  .pipe(z.array(z.string().max(64)).max(20));

const formFields = ['organisation', 'partyId', 'representative', 'representativeId', 'tenantIds', 'link'] as const;

const fileSchema = z.looseObject({
  programmeId,
  submissionId,
  organisation: z.string().trim().min(1).max(200),
  partyId: z.string().trim().max(40).default(''),
  representative: z.string().trim().min(1).max(200),
  representativeId: z.string().trim().max(64).default(''),
  tenantIds: tenantList,
  link: z.string().trim().max(2000).default(''),
});

const proposeSchema = z.object({
  programmeId,
  applicationId,
  submissionId,
  deadlineDate: z.string().trim().min(1).max(20),
  deadlineTime: z.string().trim().max(10).default('16:00'),
  reason: z.string().max(2000).default(''),
});

/** The criteria as the form sent them: `met.<id>` toggles and `note.<id>` texts. */
function criteriaOf(programme: Programme, data: Record<string, unknown>): Record<string, { met: boolean; note: string }> {
  return Object.fromEntries(
    (admissionOf(programme)?.criteria ?? []).map((c) => {
      const met = data[`met.${c.id}`];
      const note = data[`note.${c.id}`];
      return [c.id, { met: met === true || met === 'true', note: typeof note === 'string' ? note.slice(0, 1000) : '' }];
    }),
  );
}

export function admissionErrorText(error: AdmissionError | AdmissionVoteError, language: Language, programme?: Programme): string {
  const t = tr(language);
  switch (error.code) {
    case 'no-admission':
      return t('admissionError.no-admission');
    case 'invalid':
      return t(`admissionError.invalid.${error.field}`);
    case 'party-exists':
      return t('admissionError.party-exists', { party: error.partyId });
    case 'person-exists':
      return t('admissionError.person-exists');
    case 'not-filed':
      return t('admissionError.not-filed', { id: error.id, status: t(`admission.status.${error.status}`) });
    case 'criteria-unmet-reason':
      return t('admissionError.criteria-unmet-reason');
    case 'application-not-found':
      return t('admissionError.application-not-found', { id: error.id });
    default:
      return voteErrorText(error, language, programme);
  }
}

export function admissionFormView(
  programme: Programme,
  language: Language,
  options: { values?: Record<string, string>; problems?: string[]; submissionId?: string } = {},
): AdmissionFormView {
  const t = tr(language);
  const admission = admissionOf(programme);
  const body = admission ? bodyName(programme, admission.body, language) : '';
  const values = options.values ?? {};
  return {
    heading: t('admission.form.heading', { programme: programme.name }),
    intro: t('admission.form.intro', { body }),
    problemsHeading: t('error.invalidInput'),
    problems: options.problems ?? [],
    labels: {
      organisation: t('admission.field.organisation'),
      partyId: t('admission.field.partyId'),
      representative: t('admission.field.representative', { body }),
      representativeId: t('admission.field.representativeId'),
      tenantIds: t('admission.field.tenantIds'),
      link: t('admission.field.link'),
      met: t('admission.field.met'),
      note: t('admission.field.note'),
    },
    values: Object.fromEntries(formFields.map((f) => [f, values[f] ?? ''])) as AdmissionFormView['values'],
    criteria: (admission?.criteria ?? []).map((c) => ({
      id: c.id,
      name: pick(c.name, language),
      met: values[`met.${c.id}`] === 'true' ? 'true' : 'false',
      note: values[`note.${c.id}`] ?? '',
    })),
    programmeId: programme.id,
    submissionId: options.submissionId ?? randomUUID(),
    submitLabel: t('admission.form.submit'),
  };
}

const criteriaLines = (programme: Programme, application: MembershipApplication, language: Language): string[] => {
  const t = tr(language);
  return (admissionOf(programme)?.criteria ?? []).map((c) =>
    t(application.criteria[c.id]?.met ? 'admission.criterionMet' : 'admission.criterionUnmet', { criterion: pick(c.name, language) }),
  );
};

/** Newest applications on the list card; the card must stay under Teams' size limit. */
export const APPLICATIONS_ON_CARD = 20;

export function admissionListView(
  access: Access,
  applications: readonly MembershipApplication[],
  admitted: readonly AdmissionRecord[],
  language: Language,
  banner = '',
): AdmissionListView {
  const t = tr(language);
  const { programme } = access;
  const admission = admissionOf(programme);
  const criteria = admission?.criteria ?? [];
  const newest = [...applications].reverse();
  const older = newest.length - APPLICATIONS_ON_CARD;
  return {
    banner,
    heading: t('admission.list.heading', { programme: programme.name }),
    emptyText: applications.length === 0 ? t('admission.list.empty') : '',
    olderText: older > 0 ? t('admission.list.older', { n: older }) : '',
    applications: newest.slice(0, APPLICATIONS_ON_CARD).map((a) => ({
      line: t('admission.list.line', {
        id: a.id,
        organisation: a.organisation,
        status: t(`admission.status.${a.status}`),
        when: formatDate(a.filedAt, language),
        by: a.filedBy.name,
      }),
      details: [
        `${t('admission.field.representative', { body: admission ? bodyName(programme, admission.body, language) : '' })}: ${clip(a.representative.name, 200)}`,
        t('admission.list.criteriaMet', { met: criteria.length - (admission ? unmetCriteria(admission, a).length : 0), of: criteria.length }),
      ],
      canPropose: access.roles.isOffice && a.status === 'filed',
      proposeTitle: t('admission.propose.action', { id: a.id }),
      applicationId: a.id,
    })),
    admittedHeading: admitted.length > 0 ? t('admission.list.admittedHeading') : '',
    admitted: admitted.map((r) =>
      t('admission.list.admitted', { organisation: clip(r.party.name, 120), party: r.party.id, when: formatDate(r.decidedAt, language), vote: r.voteId }),
    ),
    canFile: access.roles.isOffice,
    newTitle: t('admission.list.new'),
    programmeId: programme.id,
  };
}

export function admissionProposalView(
  programme: Programme,
  application: MembershipApplication,
  input: { language: Language; now: number; channelMissing: boolean; values?: Record<string, string>; problems?: string[]; submissionId?: string },
): AdmissionProposalView {
  const { language } = input;
  const t = tr(language);
  const admission = admissionOf(programme);
  const body = admission ? bodyName(programme, admission.body, language) : '';
  const unmet = admission ? unmetCriteria(admission, application) : [];
  const unmetNames = unmet.map((id) => pick(admission?.criteria.find((c) => c.id === id)?.name ?? { nb: id, en: id }, language));
  const deadline = defaultDeadline(input.now);
  const values = input.values ?? {};
  return {
    heading: t('admission.propose.heading', { id: application.id, organisation: application.organisation, body }),
    intro: t('admission.summary', { body, representative: application.representative.name }),
    problemsHeading: t('vote.propose.problems'),
    problems: input.problems ?? [],
    criteriaHeading: t('admission.criteria'),
    criteria: criteriaLines(programme, application, language),
    warning: input.channelMissing && admission ? t('voteError.no-channel', { body, bodyId: admission.body }) : '',
    deadlineDateLabel: t('vote.propose.deadlineDate'),
    deadlineDate: values.deadlineDate || deadline.date,
    deadlineTimeLabel: t('vote.propose.deadlineTime'),
    deadlineTime: values.deadlineTime || deadline.time,
    needsReason: unmet.length > 0,
    reasonLabel: t('admission.propose.reason', { criteria: unmetNames.join('; ') }),
    reason: values.reason ?? '',
    submitLabel: t('admission.propose.submit'),
    programmeId: programme.id,
    applicationId: application.id,
    submissionId: input.submissionId ?? randomUUID(),
  };
}

export function admissionVerbs({ applications, registry, votes, cards }: AdmissionDependencies): Record<string, VerbDefinition> {
  const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];
  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const refusal = (ctx: RequestContext, error: AdmissionError | AdmissionVoteError, id: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: admissionErrorText(error, ctx.language, programmeOf(ctx, id)), details: [] }, []);
  const keptSubmission = (data: Record<string, string>) => (data.submissionId && data.submissionId.length >= 8 ? { submissionId: data.submissionId.slice(0, 64) } : {});

  const list = async (ctx: RequestContext, id: string, banner = ''): Promise<AdaptiveCard> => {
    const result = await membershipApplications({ applications, registry }, ctx, id);
    if (!result.ok) return refusal(ctx, result.error, id);
    const { access, applications: all, admitted } = result.value;
    return cards.render('admissionList', admissionListView(access, all, admitted, ctx.language, banner), internal(id));
  };

  const form = (ctx: RequestContext, data: unknown, problems: string[]): AdaptiveCard | undefined => {
    const values = textFields(data);
    const access = officeAccess(ctx, values.programmeId ?? '');
    if (!access.ok) return undefined;
    return cards.render('admissionForm', admissionFormView(access.value.programme, ctx.language, { values, problems, ...keptSubmission(values) }), []);
  };

  const proposal = async (ctx: RequestContext, data: { programmeId: string; applicationId: string }, values?: Record<string, string>, problems?: string[]) => {
    const access = officeAccess(ctx, data.programmeId);
    if (!access.ok) return refusal(ctx, access.error, data.programmeId);
    const { programme, key } = access.value;
    const admission = admissionOf(programme);
    if (!admission) return refusal(ctx, { code: 'no-admission' }, data.programmeId);
    const application = await applications.get(key, data.applicationId);
    if (!application) return refusal(ctx, { code: 'application-not-found', id: data.applicationId }, data.programmeId);
    const channel = await votes.channels.get(key, admission.body);
    const view = admissionProposalView(programme, application, {
      language: ctx.language,
      now: ctx.now,
      channelMissing: !channel,
      ...(values ? { values, ...keptSubmission(values) } : {}),
      ...(problems ? { problems } : {}),
    });
    return cards.render('admissionProposal', view, internal(programme.id));
  };

  const fileLabels: FieldLabels = {
    organisation: label('admission.field.organisation'),
    partyId: label('admission.field.partyId'),
    representative: { nb: translate('nb', 'admission.field.representative', { body: '' }), en: translate('en', 'admission.field.representative', { body: '' }) },
    representativeId: label('admission.field.representativeId'),
    tenantIds: label('admission.field.tenantIds'),
    link: label('admission.field.link'),
  };

  return {
    'admission.list': defineVerb({ schema: z.object({ programmeId }), handle: (ctx, data) => list(ctx, data.programmeId) }),
    'admission.form': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => form(ctx, data, []) ?? refusal(ctx, { code: 'forbidden', needs: 'office' }, data.programmeId),
    }),
    'admission.file': defineVerb({
      schema: fileSchema,
      labels: fileLabels,
      invalid: form,
      handle: async (ctx, data) => {
        const programme = programmeOf(ctx, data.programmeId);
        const filed = await fileMembershipApplication({ applications }, ctx, {
          programmeId: data.programmeId,
          submissionId: data.submissionId,
          organisation: data.organisation,
          ...(data.partyId ? { partyId: data.partyId } : {}),
          tenantIds: data.tenantIds,
          representativeName: data.representative,
          ...(data.representativeId ? { representativeId: data.representativeId } : {}),
          ...(data.link ? { link: data.link } : {}),
          criteria: programme ? criteriaOf(programme, data) : {},
        });
        if (!filed.ok) {
          const again = form(ctx, data, [admissionErrorText(filed.error, ctx.language, programme)]);
          return again ?? refusal(ctx, filed.error, data.programmeId);
        }
        const { application, created } = filed.value;
        const banner = translate(ctx.language, created ? 'admission.filed' : 'admission.filedAgain', { organisation: application.organisation, id: application.id });
        return list(ctx, data.programmeId, banner);
      },
    }),
    'admission.proposeForm': defineVerb({
      schema: z.object({ programmeId, applicationId }),
      handle: (ctx, data) => proposal(ctx, data),
    }),
    'admission.propose': defineVerb({
      schema: proposeSchema,
      labels: {
        deadlineDate: label('vote.propose.deadlineDate'),
        deadlineTime: label('vote.propose.deadlineTime'),
        reason: { nb: translate('nb', 'admission.propose.reason', { criteria: '' }), en: translate('en', 'admission.propose.reason', { criteria: '' }) },
      },
      handle: async (ctx, data) => {
        const opened = await openAdmissionVote({ ...votes, applications }, ctx, data);
        if (!opened.ok) {
          const again = ['criteria-unmet-reason', 'bad-deadline', 'no-channel'];
          const text = admissionErrorText(opened.error, ctx.language, programmeOf(ctx, data.programmeId));
          return again.includes(opened.error.code) ? proposal(ctx, data, textFields(data), [text]) : refusal(ctx, opened.error, data.programmeId);
        }
        const { vote, created } = opened.value;
        const programme = programmeOf(ctx, data.programmeId);
        const params = {
          id: data.applicationId,
          body: programme ? bodyName(programme, vote.body, ctx.language) : vote.body,
          deadline: formatDateTime(vote.deadline, ctx.language),
        };
        return list(ctx, data.programmeId, translate(ctx.language, created ? 'admission.opened' : 'admission.running', params));
      },
    }),
  };
}

export function admissionCommands(cards: CardRenderer, verbs: VerbRouter) {
  const admission: CommandHandler = async (ctx, args) => {
    const choice = chooseProgramme(ctx, args, 'admission.list', cards);
    if ('reply' in choice) return choice.reply;
    return cardReply(await verbs.route(ctx, 'admission.list', { programmeId: choice.programmeId }));
  };
  return { admission } satisfies Record<string, CommandHandler>;
}
