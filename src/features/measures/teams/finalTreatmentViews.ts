// Turns final treatments into card data and sentences in the reader's language: the opening
// form, the feedback card, the case card with its history, and the refusals.
import { randomUUID } from 'node:crypto';
import type { FinalTreatmentError } from '../app/finalTreatment.js';
import {
  adviceBody,
  answeringOrganisation,
  currentFeedback,
  decisionRight,
  defaultDeadline,
  outstandingOrganisations,
  REQUEST_MAX,
  roundOver,
  stageOf,
  TEXT_MAX,
  verdicts,
  type FinalTreatment,
  type HistoryEntry,
  type Verdict,
} from '../domain/finalTreatment.js';
import type { Measure } from '../domain/measures.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { Body, Programme } from '../../../shared/programme/schema.js';
import { osloTime, type IsoDate } from '../../../shared/schedule/oslo.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { ideaErrorText, partyName, personName } from '../../ideas/teams/ideaText.js';
import type { FinalTreatmentFeedbackView, FinalTreatmentFormView, FinalTreatmentView } from './finalTreatmentCardViews.js';

type Params = Record<string, string | number>;
const t = (language: Language) => (key: MessageKey, params?: Params) => translate(language, key, params);

/** A calendar deadline as the reader writes dates. */
export const formatDeadline = (date: IsoDate, language: Language): string => {
  try {
    return formatDate(osloTime(date, 12), language);
  } catch {
    return date;
  }
};

/** How much of a long text the case card shows (the full text is in storage, in the notice and on
 * the organisation's own card): the card must stay well under Teams' size limit. */
const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const HISTORY_ON_CARD = 20;
/** Characters of all the answers together on the case card, shared between the organisations. */
const ANSWERS_ON_CARD = 4500;

export const measureTitle = (measure: Pick<Measure, 'id' | 'title'> | undefined, id: string) => (measure ? `${measure.id} ${measure.title}` : id);

const bodyOf = (programme: Programme, treatment: FinalTreatment): Body | undefined =>
  programme.bodies.find((b) => b.id === treatment.body) ?? adviceBody(programme);

/** «Difis direktør» / "the Director of Difi": the decider's title from the programme file. */
export function deciderTitle(programme: Programme, treatment: FinalTreatment | undefined, language: Language): string {
  const body = treatment ? bodyOf(programme, treatment) : adviceBody(programme);
  return body?.decidedBy ? pick(body.decidedBy.title, language) : '';
}

export const partText = (treatment: FinalTreatment, language: Language) => (treatment.part ? treatment.part : translate(language, 'ft.whole'));

export function stageText(programme: Programme, treatment: FinalTreatment, language: Language): string {
  const stage = stageOf(treatment);
  return stage === 'recommended'
    ? translate(language, 'ft.stage.recommended', { title: deciderTitle(programme, treatment, language) })
    : translate(language, `ft.stage.${stage}`);
}

const verdictText = (verdict: Verdict, language: Language) => translate(language, `ft.verdict.${verdict}`);
const verdictShort = (verdict: Verdict, language: Language) => translate(language, `ft.verdictShort.${verdict}`);
const partyList = (programme: Programme, parties: readonly string[]) => parties.map((p) => partyName(programme, p)).join(', ');

export function historyText(programme: Programme, entry: HistoryEntry, language: Language): string {
  const tr = t(language);
  const e = entry.event;
  switch (e.kind) {
    case 'opened':
      return tr('ft.history.opened', {
        part: e.part ? tr('ft.part', { part: e.part }) : tr('ft.whole'),
        deadline: formatDeadline(e.deadline, language),
        organisations: partyList(programme, e.organisations),
      });
    case 'feedback': {
      const text = tr('ft.history.feedback', { party: partyName(programme, e.party), version: e.version });
      return e.late ? tr('ft.org.late', { text }) : text;
    }
    case 'deadline-changed':
      return tr('ft.history.deadline', { from: formatDeadline(e.from, language), to: formatDeadline(e.to, language) });
    case 'recommended':
      return tr('ft.history.recommended', { verdict: verdictShort(e.verdict, language) });
    case 'decided':
      return tr('ft.history.decided', { verdict: verdictShort(e.verdict, language), follows: tr(e.followsRecommendation ? 'ft.follows.yes' : 'ft.follows.no') });
    case 'cancelled':
      return tr('ft.history.cancelled', { reason: shorten(e.reason, 300) });
  }
}

/** The history as card rows: when, then who and what. The latest `limit` steps. */
export function historyRows(programme: Programme, treatment: FinalTreatment, language: Language, limit = HISTORY_ON_CARD): { when: string; text: string }[] {
  return treatment.history.slice(-limit).map((entry) => ({
    when: formatDateTime(entry.at, language),
    text: `${entry.by.name}: ${historyText(programme, entry, language)}`,
  }));
}

/** The measure list's lines for one measure: each treatment's state and its steps. */
export function measureTreatmentLines(programme: Programme, treatments: readonly FinalTreatment[], language: Language): string[] {
  const tr = t(language);
  return treatments.flatMap((treatment) => [
    tr('ft.measureLine', { id: treatment.id, part: partText(treatment, language), stage: stageText(programme, treatment, language) }),
    ...treatment.history
      .slice(-8)
      .map((entry) => tr('ft.measureHistory', { when: formatDate(entry.at, language), who: entry.by.name, text: historyText(programme, entry, language) })),
  ]);
}

export function finalTreatmentErrorText(error: FinalTreatmentError, language: Language, programme?: Programme, treatment?: FinalTreatment): string {
  const tr = t(language);
  switch (error.code) {
    case 'no-advice-body':
      return tr('ftError.no-advice-body');
    case 'no-organisations': {
      const body = programme?.bodies.find((b) => b.id === error.body);
      return tr('ftError.no-organisations', { body: body ? pick(body.name, language) : error.body });
    }
    case 'not-allowed': {
      if (error.needs !== 'decider') return tr(`ftError.not-allowed.${error.needs}`);
      const body = programme && (treatment ? bodyOf(programme, treatment) : adviceBody(programme));
      const title = programme ? deciderTitle(programme, treatment, language) : '';
      return tr(body?.decidedBy?.person ? 'ftError.not-allowed.decider.named' : 'ftError.not-allowed.decider.office', { title });
    }
    case 'out-of-order':
      if (error.stage === 'cancelled') return tr('ftError.cancelled');
      if (error.action === 'decide') return tr(error.stage === 'feedback' ? 'ftError.no-recommendation' : 'ftError.already-decided');
      if (error.action === 'recommend') return tr('ftError.already-recommended');
      if (error.action === 'cancel' || error.action === 'open') return tr('ftError.already-decided');
      return tr('ftError.round-closed');
    case 'already-open':
      return tr('ftError.already-open', { id: error.id });
    case 'feedback-round-open':
      return tr('ftError.feedback-round-open', {
        deadline: formatDeadline(error.deadline, language),
        names: programme ? partyList(programme, error.outstanding) : error.outstanding.join(', '),
      });
    case 'deadline-not-in-future':
      return tr('ftError.deadline-not-in-future', { deadline: formatDeadline(error.deadline, language) });
    case 'deadline-too-far':
      return tr('ftError.deadline-too-far', { latest: formatDeadline(error.latest, language) });
    case 'too-many-versions':
      return tr('ftError.too-many-versions', { party: programme ? partyName(programme, error.party) : error.party, max: error.max });
    case 'invalid': {
      if (error.field === 'deadline') return tr('ftError.invalidDeadline', { field: tr('ft.field.deadline') });
      const label: Record<typeof error.field, MessageKey> = {
        request: 'ft.field.request',
        part: 'ft.field.part',
        text: 'ft.field.text',
        reason: 'ft.field.reason',
        auTreatment: 'ft.field.auTreatment',
      };
      const max = error.field === 'request' ? REQUEST_MAX : error.field === 'part' ? 200 : TEXT_MAX;
      return tr('ftError.invalid', { field: tr(label[error.field]), max });
    }
    case 'measure-not-found':
      return tr('measureError.measure-not-found', { id: error.id });
    case 'treatment-not-found':
      return tr('ftError.treatment-not-found', { id: error.id });
    default:
      return ideaErrorText(error, language);
  }
}

export interface FormInput {
  programme: Programme;
  body: Body;
  organisations: readonly string[];
  measures: readonly Measure[];
  language: Language;
  now: number;
  values?: Partial<FinalTreatmentFormView['values']>;
  problems?: string[];
  submissionId?: string;
}

export function finalTreatmentFormView(input: FormInput): FinalTreatmentFormView {
  const tr = t(input.language);
  const { programme, body } = input;
  const asked = input.organisations
    .map((party) => {
      const members = [...new Set([...(body.chair ? [body.chair] : []), ...body.members])]
        .filter((id) => programme.people.find((p) => p.aadObjectId === id)?.party === party)
        .map((id) => personName(programme, id));
      return `${partyName(programme, party)} (${members.join(', ')})`;
    })
    .join('; ');
  return {
    heading: tr('ft.form.heading', { programme: programme.name }),
    intro: tr('ft.form.intro', { body: pick(body.name, input.language) }),
    asked: tr('ft.form.asked', { organisations: asked }),
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    hasMeasures: input.measures.length > 0,
    emptyText: tr('ft.form.noMeasures'),
    labels: { measure: tr('ft.field.measure'), part: tr('ft.field.part'), request: tr('ft.field.request'), deadline: tr('ft.field.deadline') },
    values: {
      measureId: input.measures.length === 1 ? (input.measures[0]?.id ?? '') : '',
      part: '',
      request: '',
      deadline: defaultDeadline(input.now),
      ...input.values,
    },
    measures: input.measures.map((m) => ({ title: shorten(`${m.id} ${m.title}`, 120), value: m.id })),
    programmeId: programme.id,
    submissionId: input.submissionId ?? randomUUID(),
    submitLabel: tr('ft.form.submit'),
  };
}

export interface FeedbackInput {
  programme: Programme;
  measure: Measure;
  treatment: FinalTreatment;
  party: string;
  language: Language;
  banner?: string;
  problems?: string[];
  /** What the person typed (kept when the card comes back with problems). */
  value?: string;
}

export function feedbackCardView(input: FeedbackInput): FinalTreatmentFeedbackView {
  const { programme, measure, treatment, party, language } = input;
  const tr = t(language);
  const current = currentFeedback(treatment).get(party);
  const name = partyName(programme, party);
  const deadline = formatDeadline(treatment.deadline, language);
  return {
    banner: input.banner ?? '',
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    heading: tr('ft.feedback.heading', { measure: measureTitle(measure, treatment.measureId) }),
    intro: tr('ft.feedback.intro', { id: treatment.id, programme: programme.name, party: name, deadline }),
    facts: [
      { title: tr('ft.fact.owners'), value: measure.owners.map((o) => personName(programme, o)).join(', ') },
      { title: tr('ft.field.measure'), value: partText(treatment, language) },
      { title: tr('ft.fact.deadline'), value: deadline },
    ],
    requestHeading: tr('ft.requestHeading'),
    request: treatment.request,
    current: current
      ? tr('ft.feedback.current', { party: name, version: current.version, when: formatDateTime(current.at, language), who: current.by.name })
      : '',
    canAnswer: stageOf(treatment) === 'feedback',
    closedText: tr('ft.feedback.closed', { stage: stageText(programme, treatment, language) }),
    label: tr('ft.field.feedback', { party: name }),
    value: input.value ?? current?.text ?? '',
    submitLabel: tr('ft.feedback.submit'),
    showLabel: tr('ft.show'),
    submitVerb: 'finalTreatment.feedback',
    showVerb: 'finalTreatment.show',
    actionData: { programmeId: programme.id, treatmentId: treatment.id },
  };
}

export interface CaseInput {
  programme: Programme;
  measure: Measure;
  treatment: FinalTreatment;
  /** Entra object id of the reader (the forms shown depend on who they are). */
  viewer: string;
  language: Language;
  now: number;
  banner?: string;
  problems?: string[];
  /** What was typed into a form that came back with problems. */
  values?: { verdict?: string; consensus?: string; text?: string; auTreatment?: string; deadline?: string; reason?: string };
}

export function finalTreatmentView(input: CaseInput): FinalTreatmentView {
  const { programme, measure, treatment, viewer, language, now } = input;
  const tr = t(language);
  const stage = stageOf(treatment);
  const body = bodyOf(programme, treatment);
  const title = deciderTitle(programme, treatment, language);
  const isOffice = rolesIn(programme, viewer)?.isOffice ?? false;
  const answering = answeringOrganisation(programme, treatment, viewer);
  const right = body ? decisionRight(programme, body, viewer) : undefined;
  const answers = currentFeedback(treatment);
  const outstanding = outstandingOrganisations(treatment);
  // Many organisations: less of each answer, so the card stays small; less still (and less
  // history) when the card comes back with a form's text typed into it.
  const budget = input.problems?.length ? ANSWERS_ON_CARD / 3 : ANSWERS_ON_CARD;
  const answerOnCard = Math.max(100, Math.min(600, Math.floor(budget / Math.max(1, treatment.organisations.length))));
  const values = input.values ?? {};
  const verdictChoices = verdicts.map((v) => ({ title: tr(`ft.choice.${v}`), value: v }));

  const { recommendation: rec, decision, cancelled } = treatment;
  const recommendation = rec
    ? [
        verdictText(rec.verdict, language),
        tr(rec.consensus ? 'ft.consensus.yes' : 'ft.consensus.no'),
        shorten(rec.text, 1200),
        ...(rec.auTreatment ? [tr('ft.au', { text: shorten(rec.auTreatment, 400) })] : []),
        ...(rec.missing.length > 0 ? [tr('ft.missingAtRecommendation', { names: partyList(programme, rec.missing) })] : []),
        tr('ft.recordedBy', { when: formatDateTime(rec.at, language), who: rec.by.name }),
      ]
    : [];
  const decisionLines = decision
    ? [
        verdictText(decision.verdict, language),
        tr(decision.followsRecommendation ? 'ft.follows.yes' : 'ft.follows.no'),
        shorten(decision.text, 1200),
        decision.onBehalf
          ? tr('ft.onBehalf', { when: formatDateTime(decision.at, language), who: decision.by.name, title })
          : tr('ft.recordedBy', { when: formatDateTime(decision.at, language), who: decision.by.name }),
      ]
    : [];

  return {
    banner: input.banner ?? '',
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    heading: tr('ft.heading', { id: treatment.id, measure: measureTitle(measure, treatment.measureId) }),
    subheading: [
      treatment.part ? tr('ft.part', { part: treatment.part }) : tr('ft.whole'),
      ...(cancelled ? [tr('ft.cancelledLine', { when: formatDateTime(cancelled.at, language), who: cancelled.by.name, reason: shorten(cancelled.reason, 600) })] : []),
    ].join(' · '),
    facts: [
      { title: tr('ft.fact.stage'), value: stageText(programme, treatment, language) },
      { title: tr('ft.fact.deadline'), value: formatDeadline(treatment.deadline, language) },
      { title: tr('ft.fact.answered'), value: tr('ft.fact.answeredValue', { answered: answers.size, asked: treatment.organisations.length }) },
      { title: tr('ft.fact.owners'), value: measure.owners.map((o) => personName(programme, o)).join(', ') },
      { title: tr('ft.fact.opened'), value: tr('ft.byWhom', { when: formatDateTime(treatment.openedAt, language), who: treatment.openedBy.name }) },
    ],
    requestHeading: tr('ft.requestHeading'),
    request: shorten(treatment.request, 600),
    organisationsHeading: tr('ft.organisationsHeading'),
    organisations: treatment.organisations.map((party) => {
      const answer = answers.get(party);
      if (!answer) return { name: partyName(programme, party), status: tr('ft.org.missing'), text: '', answered: false };
      const status = tr('ft.org.answered', { when: formatDateTime(answer.at, language), who: answer.by.name, version: answer.version });
      return { name: partyName(programme, party), status: answer.late ? tr('ft.org.late', { text: status }) : status, text: shorten(answer.text, answerOnCard), answered: true };
    }),
    recommendationHeading: tr('ft.recommendationHeading'),
    recommendation,
    decisionHeading: tr('ft.decisionHeading', { title }),
    decision: decisionLines,
    historyHeading: tr('ft.historyHeading'),
    history: historyRows(programme, treatment, language, input.problems?.length ? HISTORY_ON_CARD / 2 : HISTORY_ON_CARD),
    feedbackButton:
      answering !== undefined && stage === 'feedback'
        ? [{ title: tr('ft.giveFeedback', { party: partyName(programme, answering) }), verb: 'finalTreatment.feedbackForm', data: { programmeId: programme.id, treatmentId: treatment.id } }]
        : [],
    recommend: {
      // Before the round is over the form is shown only to give back what was typed into it.
      show: isOffice && stage === 'feedback' && (roundOver(treatment, now) || values.text !== undefined || values.verdict !== undefined),
      note:
        isOffice && stage === 'feedback' && !roundOver(treatment, now)
          ? `${tr('ft.recommend.notYet', { deadline: formatDeadline(treatment.deadline, language) })} ${tr('ft.missingAtRecommendation', { names: partyList(programme, outstanding) })}`
          : '',
      title: tr('ft.recommend.title'),
      intro: tr('ft.recommend.intro', { title }),
      verdictLabel: tr('ft.field.verdict'),
      verdicts: verdictChoices,
      consensusLabel: tr('ft.field.consensus'),
      textLabel: tr('ft.field.recommendation'),
      auLabel: tr('ft.field.auTreatment'),
      values: { verdict: values.verdict ?? '', consensus: values.consensus ?? 'true', text: values.text ?? '', auTreatment: values.auTreatment ?? '' },
      submitLabel: tr('ft.save'),
    },
    decide: {
      show: right !== undefined && stage === 'recommended',
      title: tr('ft.decide.title'),
      intro: [tr('ft.decide.intro', { title }), ...(right === 'office-on-behalf' ? [tr('ft.decide.onBehalf', { title })] : [])].join(' '),
      verdictLabel: tr('ft.field.verdict'),
      verdicts: verdictChoices,
      textLabel: tr('ft.field.decision'),
      values: { verdict: values.verdict ?? rec?.verdict ?? '', text: values.text ?? '' },
      submitLabel: tr('ft.save'),
    },
    deadline: {
      show: isOffice && stage === 'feedback',
      title: tr('ft.deadline.title'),
      label: tr('ft.field.deadline'),
      value: values.deadline ?? treatment.deadline,
      submitLabel: tr('ft.save'),
    },
    cancel: {
      show: isOffice && (stage === 'feedback' || stage === 'recommended'),
      title: tr('ft.cancel.title'),
      label: tr('ft.field.reason'),
      value: values.reason ?? '',
      submitLabel: tr('ft.cancel.title'),
    },
    programmeId: programme.id,
    treatmentId: treatment.id,
  };
}
