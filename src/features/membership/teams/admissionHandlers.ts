// New parties (DSOP §2.3): `opptak` / `admission` lists the applications and the parties
// admitted by decision; the office registers an application with the criteria assessed and
// puts it to the deciding body's vote (the same vote card and closer as a gate).
import { z } from 'zod';
import { officeAccess } from '../../../shared/access.js';
import {
  fileMembershipApplication,
  membershipApplications,
  type AdmissionError,
  type ApplicationRepository,
  type PartyRegistry,
} from '../app/admission.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { openAdmissionVote, type AdmissionVoteError } from '../../votes/app/openAdmissionVote.js';
import type { VoteDeps } from '../../votes/app/voteDeps.js';
import { admissionOf } from '../domain/admission.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { programmeIdField, textFields } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import { bodyName, voteErrorText } from '../../votes/teams/voteText.js';
import { admissionFormView, admissionListView, admissionProposalView } from './admissionViews.js';

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
/** Comma- or space-separated tenant ids. */
const tenantList = z
  .string()
  .max(2000)
  .default('')
  .transform((v) => v.split(/[\s,;]+/).filter(Boolean))
  .pipe(z.array(z.string().max(64)).max(20));

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

/** The criteria fields of the form (`met.<id>` toggles, `note.<id>` texts), validated: their
 * names depend on the programme, so the schema is built from its criteria. */
function criteriaOf(
  programme: Programme,
  data: Record<string, unknown>,
  language: Language,
): { ok: true; criteria: Record<string, { met: boolean; note: string }> } | { ok: false; problems: string[] } {
  const criteria = admissionOf(programme)?.criteria ?? [];
  const toggle = z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((v) => v === true || v === 'true');
  const schema = z.object(
    Object.fromEntries(criteria.flatMap((c) => [[`met.${c.id}`, toggle], [`note.${c.id}`, z.string().trim().max(1000).default('')]])),
  );
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const labelOf = (c: (typeof criteria)[number], key: MessageKey) => ({ nb: `${c.name.nb} – ${translate('nb', key)}`, en: `${c.name.en} – ${translate('en', key)}` });
    const labels = Object.fromEntries(
      criteria.flatMap((c) => [[`met.${c.id}`, labelOf(c, 'admission.field.met')], [`note.${c.id}`, labelOf(c, 'admission.field.note')]]),
    );
    return { ok: false, problems: describeIssues(parsed.error.issues, language, labels) };
  }
  const fields = parsed.data as Record<string, boolean | string>;
  return { ok: true, criteria: Object.fromEntries(criteria.map((c) => [c.id, { met: fields[`met.${c.id}`] === true, note: String(fields[`note.${c.id}`] ?? '') }])) };
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

export function admissionVerbs({ applications, registry, votes, cards }: AdmissionDependencies): Record<string, VerbDefinition> {
  const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];
  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const refusal = (ctx: RequestContext, error: AdmissionError | AdmissionVoteError, id: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: admissionErrorText(error, ctx.language, programmeOf(ctx, id)), details: [] }, []);
  const keptSubmission = (data: Record<string, string>) => (data.submissionId && data.submissionId.length >= 8 ? { submissionId: data.submissionId.slice(0, 64) } : {});

  const list = async (ctx: RequestContext, id: string, banner = '', bannerStyle: 'good' | 'attention' = 'good'): Promise<AdaptiveCard> => {
    const result = await membershipApplications({ applications, registry }, ctx, id);
    if (!result.ok) return refusal(ctx, result.error, id);
    const { access, applications: all, admitted } = result.value;
    return cards.render('admissionList', admissionListView(access, all, admitted, ctx.language, banner, bannerStyle), internal(id));
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
        const assessed = programme ? criteriaOf(programme, data, ctx.language) : { ok: true as const, criteria: {} };
        if (!assessed.ok) return form(ctx, data, assessed.problems) ?? refusal(ctx, { code: 'forbidden', needs: 'office' }, data.programmeId);
        const filed = await fileMembershipApplication({ applications }, ctx, {
          programmeId: data.programmeId,
          submissionId: data.submissionId,
          organisation: data.organisation,
          ...(data.partyId ? { partyId: data.partyId } : {}),
          tenantIds: data.tenantIds,
          representativeName: data.representative,
          ...(data.representativeId ? { representativeId: data.representativeId } : {}),
          ...(data.link ? { link: data.link } : {}),
          criteria: assessed.criteria,
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
          if (again.includes(opened.error.code)) return proposal(ctx, data, textFields(data), [text]);
          // Decided since the form was drawn (an old card): the list as it is now, with why.
          return opened.error.code === 'not-filed' ? list(ctx, data.programmeId, text, 'attention') : refusal(ctx, opened.error, data.programmeId);
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
