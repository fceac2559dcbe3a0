// Turns agreement revisions (Digi Rogaland §8) into card data and sentences in the reader's
// language: the office's opening form, the hearing card (the written feedback round's answer
// card, shared with Skate's final treatment), the revision's card with the hearing summary and
// its history, the vote card's part, and the refusals.
import { randomUUID } from 'node:crypto';
import type { AgreementRevisionError } from '../app/agreementRevision.js';
import {
  CHANGES_MAX,
  answeringParty,
  defaultHearingDeadline,
  hearingSummary,
  revisionStage,
  type AgreementRevision,
  type RevisionHistoryEntry,
} from '../domain/agreementRevision.js';
import { currentFeedback, TEXT_MAX } from '../../../shared/feedbackRound.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { AgreementRevisionRule, Programme } from '../../../shared/programme/schema.js';
import { defaultDeadline as defaultVoteDeadline } from '../../votes/domain/deadline.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { partyName } from '../../ideas/teams/ideaText.js';
import { formatDeadline } from '../../measures/teams/finalTreatmentViews.js';
import type { Fact, FinalTreatmentFeedbackView } from '../../measures/teams/finalTreatmentCardViews.js';
import { bodyName, voteErrorText } from '../../votes/teams/voteText.js';

type Params = Record<string, string | number>;
const t = (language: Language) => (key: MessageKey, params?: Params) => translate(language, key, params);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
/** Answers shown in full on the revision's card; the vote card shortens them more. */
const ANSWER_ON_CARD = 600;
const HISTORY_ON_CARD = 30;

export interface AgreementRevisionFormView {
  heading: string;
  intro: string;
  asked: string;
  problemsHeading: string;
  problems: string[];
  labels: Record<'changes' | 'link' | 'deadline', string>;
  values: Record<'changes' | 'link' | 'deadline', string>;
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

export interface AgreementRevisionView {
  banner: string;
  problemsHeading: string;
  problems: string[];
  heading: string;
  subheading: string;
  facts: Fact[];
  changesHeading: string;
  changes: string;
  answersHeading: string;
  answers: string[];
  missing: string;
  canClose: boolean;
  close: { heading: string; help: string; dateLabel: string; timeLabel: string; date: string; time: string; submit: string };
  historyHeading: string;
  history: string[];
  canAnswer: boolean;
  answerLabel: string;
  programmeId: string;
  revisionId: string;
}

/** What the vote record calls a revision: "Revision of the agreement 2027". */
export const agreementRevisionTitle = (language: Language, r: AgreementRevision): string => translate(language, 'ar.voteTitle', { year: r.year });

export const partyList = (programme: Programme, parties: readonly string[], language: Language) =>
  parties.length === 0 ? t(language)('ar.nobody') : parties.map((p) => partyName(programme, p)).join(', ');

export function stageText(programme: Programme, r: AgreementRevision, language: Language): string {
  const body = bodyName(programme, r.body, language);
  const stage = revisionStage(r);
  return stage === 'hearing' ? t(language)('ar.stage.hearing', { deadline: formatDeadline(r.deadline, language) }) : t(language)(`ar.stage.${stage}`, { body });
}

export function revisionFormView(input: {
  programme: Programme;
  rule: AgreementRevisionRule;
  parties: readonly string[];
  language: Language;
  now: number;
  values?: Partial<Record<'changes' | 'link' | 'deadline', string>>;
  problems?: string[];
  submissionId?: string;
}): AgreementRevisionFormView {
  const { programme, rule, language } = input;
  const tr = t(language);
  const body = bodyName(programme, rule.body, language);
  return {
    heading: tr('ar.form.heading', { programme: programme.name }),
    intro: tr('ar.form.intro', { body }),
    asked: tr('ar.form.asked', { parties: partyList(programme, input.parties, language) }),
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    labels: { changes: tr('ar.field.changes'), link: tr('ar.field.link'), deadline: tr('ar.field.deadline') },
    values: {
      changes: input.values?.changes ?? '',
      link: input.values?.link ?? '',
      deadline: input.values?.deadline ?? defaultHearingDeadline(rule, input.now),
    },
    programmeId: programme.id,
    submissionId: input.submissionId ?? randomUUID(),
    submitLabel: tr('ar.form.submit'),
  };
}

/** The hearing card a party's representatives get (and get again as a reminder). */
export function hearingCardView(input: {
  programme: Programme;
  revision: AgreementRevision;
  party: string;
  language: Language;
  banner?: string;
  problems?: string[];
  value?: string;
}): FinalTreatmentFeedbackView {
  const { programme, revision: r, party, language } = input;
  const tr = t(language);
  const name = partyName(programme, party);
  const deadline = formatDeadline(r.deadline, language);
  const current = currentFeedback(r).get(party);
  return {
    banner: input.banner ?? '',
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    heading: tr('ar.answer.heading', { id: r.id }),
    intro: tr('ar.answer.intro', { programme: programme.name, body: bodyName(programme, r.body, language), party: name, deadline }),
    facts: [
      { title: tr('ar.fact.deadline'), value: deadline },
      ...(r.link ? [{ title: tr('ar.fact.link'), value: r.link }] : []),
    ],
    requestHeading: tr('ar.changesHeading'),
    request: r.changes,
    current: current ? tr('ar.answer.current', { party: name, version: current.version, when: formatDateTime(current.at, language), who: current.by.name }) : '',
    canAnswer: revisionStage(r) === 'hearing',
    closedText: tr('ar.answer.closed', { stage: stageText(programme, r, language) }),
    label: tr('ar.field.answer', { party: name }),
    value: input.value ?? current?.text ?? '',
    submitLabel: tr('ar.answer.submit'),
    showLabel: tr('ar.show'),
    submitVerb: 'agreementRevision.answer',
    showVerb: 'agreementRevision.show',
    actionData: { programmeId: programme.id, revisionId: r.id },
  };
}

/** The hearing's answers as lines: party, version, who, when, late or not, the text. */
export function answerLines(programme: Programme, r: AgreementRevision, language: Language, max = ANSWER_ON_CARD): string[] {
  const tr = t(language);
  return hearingSummary(r).answers.map(({ party, version }) =>
    tr('ar.answerLine', {
      party: partyName(programme, party),
      version: version.version,
      who: version.by.name,
      when: formatDateTime(version.at, language),
      late: version.late ? tr('ar.late') : '',
      text: clip(version.text, max),
    }),
  );
}

export function missingText(programme: Programme, r: AgreementRevision, language: Language): string {
  const { missing } = hearingSummary(r);
  return missing.length === 0 ? t(language)('ar.noneMissing') : t(language)('ar.missing', { parties: partyList(programme, missing, language) });
}

function historyLine(programme: Programme, entry: RevisionHistoryEntry, language: Language): string {
  const tr = t(language);
  const body = (id: string) => bodyName(programme, id, language);
  const e = entry.event;
  const what = (() => {
    switch (e.kind) {
      case 'opened':
        return tr('ar.event.opened', { n: e.organisations.length, deadline: formatDeadline(e.deadline, language) });
      case 'answer':
        return tr('ar.event.answer', { party: partyName(programme, e.party), version: e.version, late: e.late ? tr('ar.late') : '' });
      case 'hearing-closed':
        return tr(e.early ? 'ar.event.closedEarly' : 'ar.event.closed', { missing: partyList(programme, e.missing, language) });
      case 'voting':
        return tr('ar.event.voting', { body: body(programme.agreementRevision?.body ?? '') });
      case 'decided':
        return tr(e.adopted ? 'ar.event.adopted' : 'ar.event.rejected', { body: body(programme.agreementRevision?.body ?? '') });
    }
  })();
  return `${formatDateTime(entry.at, language)} · ${entry.by.name}: ${what}`;
}

export function revisionView(input: {
  programme: Programme;
  revision: AgreementRevision;
  viewer: string;
  language: Language;
  now: number;
  banner?: string;
  problems?: string[];
  values?: Partial<Record<'deadlineDate' | 'deadlineTime', string>>;
}): AgreementRevisionView {
  const { programme, revision: r, language, viewer } = input;
  const tr = t(language);
  const summary = hearingSummary(r);
  const stage = revisionStage(r);
  const isOffice = rolesIn(programme, viewer)?.isOffice ?? false;
  const body = bodyName(programme, r.body, language);
  const vote = defaultVoteDeadline(input.now);
  return {
    banner: input.banner ?? '',
    problemsHeading: tr('ft.problems'),
    problems: input.problems ?? [],
    heading: tr('ar.case.heading', { id: r.id, year: r.year }),
    subheading: tr('ar.case.subheading', { programme: programme.name, who: r.openedBy.name }),
    facts: [
      { title: tr('ar.fact.stage'), value: stageText(programme, r, language) },
      { title: tr('ar.fact.deadline'), value: formatDeadline(r.deadline, language) },
      { title: tr('ar.fact.answered'), value: tr('ar.answered', { n: summary.answers.length, total: summary.asked }) },
      ...(r.link ? [{ title: tr('ar.fact.link'), value: r.link }] : []),
    ],
    changesHeading: tr('ar.changesHeading'),
    changes: clip(r.changes, CHANGES_MAX),
    answersHeading: tr('ar.answersHeading'),
    answers: answerLines(programme, r, language),
    missing: missingText(programme, r, language),
    canClose: isOffice && (stage === 'hearing' || stage === 'closed'),
    close: {
      heading: tr('ar.close.heading', { body }),
      help: tr('ar.close.help', { days: programme.agreementRevision?.voteBusinessDays ?? 0 }),
      dateLabel: tr('ar.field.voteDate'),
      timeLabel: tr('ar.field.voteTime'),
      date: input.values?.deadlineDate ?? vote.date,
      time: input.values?.deadlineTime ?? vote.time,
      submit: tr('ar.close.submit'),
    },
    historyHeading: tr('ar.historyHeading'),
    history: r.history.slice(-HISTORY_ON_CARD).map((h) => historyLine(programme, h, language)),
    canAnswer: stage === 'hearing' && answeringParty(programme, r, viewer) !== undefined,
    answerLabel: tr('ar.answerAction'),
    programmeId: programme.id,
    revisionId: r.id,
  };
}

/** What the vote card says about the revision: the changes and the hearing summary. */
export function revisionVoteParts(programme: Programme, r: AgreementRevision, language: Language, max: number) {
  const tr = t(language);
  const summary = hearingSummary(r);
  return {
    heading: tr('ar.voteHeading', { id: r.id }),
    line: tr('ar.voteLine', { id: r.id }),
    summary: tr('ar.voteSummary', { body: bodyName(programme, r.body, language), who: r.openedBy.name, changes: clip(r.changes, max * 4) }),
    basisHeading: tr('ar.hearingHeading', { n: summary.answers.length, total: summary.asked }),
    basis: [...answerLines(programme, r, language, max), missingText(programme, r, language), ...(r.link ? [`📄 ${r.link}`] : [])],
    notes: [],
  };
}

export function revisionErrorText(error: AgreementRevisionError, language: Language, programme?: Programme): string {
  const tr = t(language);
  switch (error.code) {
    case 'no-agreement-revision':
      return tr('arError.none');
    case 'no-parties-to-hear':
      return tr('arError.noParties');
    case 'not-allowed':
      return error.needs === 'office' ? tr('ftError.not-allowed.office') : tr('arError.notHeard');
    case 'out-of-order': {
      if (error.action !== 'answer') return tr('arError.hearingClosed');
      const body = programme?.agreementRevision ? bodyName(programme, programme.agreementRevision.body, language) : '';
      return tr('ar.answer.closed', { stage: tr(`ar.stage.${error.stage === 'hearing' ? 'closed' : error.stage}`, { body }) });
    }
    case 'revision-under-way':
      return tr('arError.underWay', { id: error.id });
    case 'revision-not-found':
      return tr('arError.notFound', { id: error.id });
    case 'deadline-not-in-future':
      return tr('ftError.deadline-not-in-future', { deadline: formatDeadline(error.deadline, language) });
    case 'deadline-too-far':
      return tr('ftError.deadline-too-far', { latest: formatDeadline(error.latest, language) });
    case 'too-many-versions':
      return tr('ftError.too-many-versions', { party: programme ? partyName(programme, error.party) : error.party, max: error.max });
    case 'invalid':
      if (error.field === 'deadline') return tr('ftError.invalidDeadline', { field: tr('ar.field.deadline') });
      if (error.field === 'link') return tr('arError.invalidLink', { field: tr('ar.field.link') });
      return tr('ftError.invalid', { field: tr(error.field === 'changes' ? 'ar.field.changes' : 'ar.field.text'), max: error.field === 'changes' ? CHANGES_MAX : TEXT_MAX });
    default:
      return voteErrorText(error, language, programme);
  }
}
