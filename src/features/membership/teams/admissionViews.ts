// View models of the admission cards (cards/admission*.json): the application form, the list
// of applications and admitted parties, and the form that puts one to the vote. Pure.
import { randomUUID } from 'node:crypto';
import type { Access } from '../../../shared/access.js';
import type { AdmissionRecord } from '../app/admission.js';
import { admissionOf, unmetCriteria, type MembershipApplication } from '../domain/admission.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { defaultDeadline } from '../../votes/domain/deadline.js';
import { formatDate, pick, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { bodyName } from '../../votes/teams/voteText.js';
import { clip } from '../../votes/teams/voteViews.js';
import type { AdmissionFormView, AdmissionListView, AdmissionProposalView } from './admissionCardViews.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);

/** The form's text fields (the criteria are `met.<id>` and `note.<id>`). */
export const formFields = ['organisation', 'partyId', 'representative', 'representativeId', 'tenantIds', 'link'] as const;

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
  bannerStyle: AdmissionListView['bannerStyle'] = 'good',
): AdmissionListView {
  const t = tr(language);
  const { programme } = access;
  const admission = admissionOf(programme);
  const criteria = admission?.criteria ?? [];
  const newest = [...applications].reverse();
  const older = newest.length - APPLICATIONS_ON_CARD;
  return {
    banner,
    bannerStyle,
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
