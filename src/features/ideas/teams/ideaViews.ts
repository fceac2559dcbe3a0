// Builds the view models of the idea cards from use-case results.
import { randomUUID } from 'node:crypto';
import type { IdeaDetail } from '../app/ideaQueries.js';
import { isChecklistInProgress, type Share } from '../../checklist/domain/difiChecklist.js';
import { type Access, isChairForIdea } from '../app/ideaAccess.js';
import { classify } from '../../../shared/disclosure/classify.js';
import { ideaContent, ideaDocuments, type Disclosed } from '../../../shared/disclosure/content.js';
import type { Idea } from '../domain/idea.js';
import { assessable } from '../domain/assessment.js';
import { nextGate } from '../domain/lifecycle.js';
import { phaseAge } from '../domain/phaseAge.js';
import type { IdeaScore } from '../domain/ranking.js';
import type { Gate, Programme } from '../../../shared/programme/schema.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { ActionButton, IdeaDetailView, IdeaFormView, IdeaListItem } from '../../../platform/cards/views.js';
import { disputeChoicesText, gateName, historyText, partyName, personName, phaseName, statusText } from './ideaText.js';

/** At most this many history lines on a card; the full log stays in storage. */
const HISTORY_ON_CARD = 15;

const round = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

export type IdeaFormValues = IdeaFormView['values'];

export function ideaFormView(
  access: Access,
  language: Language,
  options: { values?: Partial<IdeaFormValues>; problems?: string[]; submissionId?: string } = {},
): IdeaFormView {
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const { programme, roles } = access;
  return {
    heading: translate(language, 'idea.form.heading', { programme: programme.name }),
    intro: t('idea.form.intro'),
    problemsHeading: t('idea.form.problems'),
    problems: options.problems ?? [],
    labels: {
      title: t('idea.field.title'),
      titleError: t('idea.field.titleError'),
      description: t('idea.field.description'),
      descriptionError: t('idea.field.descriptionError'),
      party: t('idea.field.party'),
      expectedBenefit: t('idea.field.expectedBenefit'),
      links: t('idea.field.links'),
    },
    values: {
      title: '',
      description: '',
      expectedBenefit: '',
      links: '',
      ...options.values,
      party: options.values?.party || roles.person.party,
    },
    parties: programme.parties.map((p) => ({ title: p.name, value: p.id })),
    programmeId: programme.id,
    submissionId: options.submissionId ?? randomUUID(),
    submitLabel: t('idea.form.submit'),
  };
}

export function listItem(programme: Programme, idea: Idea, language: Language, subtitle?: string): IdeaListItem {
  return {
    programmeId: programme.id,
    number: idea.number,
    title: idea.title,
    subtitle:
      subtitle ??
      translate(language, 'list.itemSubtitle', {
        status: statusText(idea.status, language),
        phase: phaseName(programme, idea.phase, language),
      }),
  };
}

function scoreLines(programme: Programme, score: IdeaScore | undefined, language: Language): string[] {
  if (!score) return [];
  const criterion = (id: string) => {
    const c = programme.criteria.find((x) => x.id === id);
    return c ? pick(c.name, language) : id;
  };
  return [
    translate(language, 'idea.scoreSummary', { score: round(score.weightedScore), assessors: score.assessors }),
    ...score.criteria.map((c) =>
      translate(language, 'idea.criterionSummary', { criterion: criterion(c.criterion), mean: round(c.mean), spread: c.spread }),
    ),
    ...(score.disagreement
      ? [translate(language, 'idea.disagreement', { criteria: score.disagreements.map(criterion).join(', ') })]
      : []),
  ];
}

export interface DetailAudience {
  language: Language;
  now: number;
  conversation: { kind: 'personal' | 'channel' | 'groupChat' };
}

/** Working documents (links, qualification, disputes) of a project in a restricted phase are
 * for its participants only (DSOP §6): a non-participant asking in personal chat gets the card
 * without them. Elsewhere they are declared and the disclosure guard decides for the audience. */
function showsDocuments(detail: IdeaDetail, audience: DetailAudience): boolean {
  if (audience.conversation.kind !== 'personal') return true;
  const { classification } = classify(detail.access.programme, ideaDocuments(detail.access.programme.id, detail.idea));
  return classification.level !== 'participants-only' || classification.participants.has(detail.access.actor.id);
}

/** What other features add to the idea card. */
export interface DetailExtras {
  /** The project's collaboration checklist, overall (read while it is being worked on). */
  checklist?: Share;
  /** The banner is a refusal (default: it reports what was done). */
  bannerStyle?: 'good' | 'attention';
}

export function ideaDetailView(
  detail: IdeaDetail,
  audience: DetailAudience,
  banner = '',
  extras: DetailExtras = {},
): { view: IdeaDetailView; discloses: Disclosed[] } {
  const { language, now } = audience;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { access } = detail;
  const { programme, roles } = access;
  const documents = showsDocuments(detail, audience);
  const idea = documents ? detail.idea : { ...detail.idea, links: [], disputes: [], qualification: undefined };
  const discloses: Disclosed[] = [
    ideaContent(programme.id, idea),
    ...(documents ? [ideaDocuments(programme.id, idea)] : []),
    ...(roles.isOffice && detail.score ? [{ kind: 'programme-internal' as const, programmeId: programme.id }] : []),
  ];
  const gate = nextGate(programme, idea);
  const age = phaseAge(programme, idea, now);
  const facts = [
    { title: t('idea.fact.status'), value: statusText(idea.status, language) },
    { title: t('idea.fact.phase'), value: phaseName(programme, idea.phase, language) },
    { title: t('idea.fact.party'), value: partyName(programme, idea.party) },
    { title: t('idea.fact.submittedBy'), value: idea.submittedBy.name },
    { title: t('idea.fact.registered'), value: formatDate(idea.registeredAt, language) },
    ...(idea.phaseStartedAt !== idea.registeredAt ? [{ title: t('idea.fact.phaseSince'), value: formatDate(idea.phaseStartedAt, language) }] : []),
    ...(idea.rank !== undefined ? [{ title: t('idea.fact.rank'), value: String(idea.rank) }] : []),
    ...(idea.projectLeader ? [{ title: t('idea.fact.projectLeader'), value: personName(programme, idea.projectLeader) }] : []),
    // The checklist is the project's working material: shown with its documents, to whoever may
    // see those (declared as ideaDocuments above), and only while it is being worked on.
    ...(documents && extras.checklist && isChecklistInProgress(idea.status)
      ? [{ title: t('checklist.heading'), value: t('checklist.progress', { ...extras.checklist }) }]
      : []),
    ...(gate ? [{ title: t('idea.fact.nextGate'), value: gateName(programme, gate.id, language) }] : []),
    // Seed 004 §3.1/§3.4: who approves the next gate, and whose advice is recorded beside it.
    ...(gate?.approvedBy === 'owner'
      ? [
          {
            title: t('owner.fact.approver'),
            value: idea.projectLeader ? t('owner.fact.approverValue', { name: personName(programme, idea.projectLeader) }) : t('owner.fact.noOwner'),
          },
        ]
      : []),
    ...(gate?.advisedBy ? [{ title: t('owner.fact.advice'), value: bodyLabel(programme, gate.advisedBy, language) }] : []),
  ];
  const notes = [
    ...(age.exceeded && age.guidelineMonths !== undefined
      ? [{ heading: '⚠', text: t('idea.phaseOverdue', { months: age.months, guideline: age.guidelineMonths }) }]
      : []),
    ...(idea.qualification
      ? [
          {
            heading: t('idea.qualification', { gate: gateName(programme, idea.qualification.gate, language) }),
            text: `${idea.qualification.assessment}\n\n${idea.qualification.recommendation}`,
          },
        ]
      : []),
    ...(idea.stop ? [{ heading: t('idea.lessons'), text: idea.stop.lessonsLearned }] : []),
    ...(documents ? [] : [{ heading: '🔒', text: t('idea.documentsWithheld') }]),
    ...idea.disputes.map((d) => ({
      heading: t('idea.dispute', { n: d.number, subject: d.subject }),
      text: t('idea.disputeText', {
        owner: partyName(programme, d.dataOwner),
        decision: d.decision,
        choices: disputeChoicesText(programme, d, language),
      }),
    })),
    // DSOP §5: a consumer that withdrew is out of the project; said plainly on the card.
    ...withdrawals(programme, idea, language),
  ];
  const open = idea.status !== 'stopped' && idea.status !== 'completed';
  const mine = detail.assessments.find((a) => a.assessor.id === access.actor.id);
  const firstGate = programme.gates.find((g) => g.from === programme.initialPhase);
  const view: IdeaDetailView = {
    banner,
    bannerStyle: extras.bannerStyle ?? 'good',
    programmeId: programme.id,
    number: idea.number,
    title: idea.title,
    facts,
    description: idea.description,
    benefitHeading: t('idea.benefit'),
    benefit: idea.expectedBenefit ?? '',
    links: idea.links,
    notes,
    scoreHeading: t('idea.scores'),
    scoreLines: roles.isOffice ? scoreLines(programme, detail.score, language) : [],
    historyHeading: t('idea.history'),
    history: detail.history
      .slice(-HISTORY_ON_CARD)
      .reverse()
      .map((entry) => ({ when: formatDateTime(entry.at, language), text: historyText(programme, entry, language) })),
    office: {
      canAssess: roles.isOffice && assessable(programme, idea).ok,
      canPrioritise: roles.isOffice && ['registered', 'prioritised', 'qualified'].includes(idea.status),
      canQualify: roles.isOffice && idea.status === 'prioritised',
      assessTitle: t('idea.action.assess'),
      prioritiseTitle: t(idea.status === 'registered' ? 'idea.action.prioritise' : 'idea.action.rerank'),
      qualifyTitle: t('idea.action.qualify'),
      criteria: programme.criteria.map((c) => ({
        id: c.id,
        label: `${pick(c.name, language)} (1–5)`,
        value: mine?.scores[c.id] !== undefined ? String(mine.scores[c.id]) : '',
      })),
      commentLabel: t('idea.field.comment'),
      rankLabel: t('idea.field.rank'),
      suggestedRank: idea.rank ?? 1,
      qualificationLabel: t('idea.field.assessment'),
      recommendationLabel: t('idea.field.recommendation', { gate: firstGate ? gateName(programme, firstGate.id, language) : '' }),
      saveLabel: t('idea.action.save'),
    },
    propose: gateActions(programme, idea, gate, { isOffice: roles.isOffice, actor: access.actor.id }, language),
    steps: stepsView(programme, idea, roles.isOffice, language),
    canStop: open && (roles.isOffice || isChairForIdea(access, idea)),
    stopTitle: t('idea.action.stop'),
    stopHelp: t('idea.stopHelp'),
    lessonsLabel: t('idea.field.lessonsLearned'),
  };
  return { view, discloses };
}

/** The buttons for the idea's next gate: the office puts it to its body (or asks the advising
 * body for advice, `advisedBy`); at a gate the measure owner approves (Skate seed 004 §3.1) the
 * owner gets the approval and the office only the request for advice (§3.4). */
function gateActions(programme: Programme, idea: Idea, gate: Gate | undefined, who: { isOffice: boolean; actor: string }, language: Language): ActionButton[] {
  if (!gate) return [];
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const ref = { programmeId: programme.id, number: idea.number };
  const advising = gate.advisedBy && who.isOffice
    ? [{ title: t('advice.action', { body: bodyLabel(programme, gate.advisedBy, language), gate: gate.id }), verb: 'gate.proposeForm', data: { ...ref, advice: 'true' } }]
    : [];
  if (gate.approvedBy === 'owner') {
    const owner = idea.projectLeader !== undefined && idea.projectLeader === who.actor;
    return [...(owner ? [{ title: t('owner.approve.action', { gate: gateName(programme, gate.id, language) }), verb: 'idea.ownerApprove', data: { ...ref, gate: gate.id } }] : []), ...advising];
  }
  return who.isOffice ? [{ title: t('vote.propose.action', { gate: gate.id }), verb: 'gate.proposeForm', data: ref }, ...advising] : [];
}

const bodyLabel = (programme: Programme, bodyId: string, language: Language) => {
  const body = programme.bodies.find((b) => b.id === bodyId);
  return body ? pick(body.name, language) : bodyId;
};

/** The office's project steps on the idea card: naming the leader (a picker over the
 * programme's people) and recording a dispute and each consumer's answer (DSOP §3.3, §5). */
function stepsView(programme: Programme, idea: Idea, isOffice: boolean, language: Language): IdeaDetailView['steps'] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const running = idea.status === 'qualified' || idea.status === 'active';
  return {
    canAssignLeader: isOffice && running,
    leaderTitle: t('leader.action'),
    leaderIntro: t('leader.intro'),
    leaderLabel: t('leader.person'),
    leaderValue: idea.projectLeader ?? '',
    leaderChoices: programme.people.map((p) => ({ title: p.name, value: p.aadObjectId })),
    leaderSubmit: t('leader.submit'),
    canDispute: isOffice && idea.status === 'active',
    disputeTitle: t('dispute.action'),
    disputeIntro: t('dispute.intro'),
    subjectLabel: t('dispute.subject'),
    dataOwnerLabel: t('dispute.dataOwner'),
    decisionLabel: t('dispute.decision'),
    parties: programme.parties.map((p) => ({ title: p.name, value: p.id })),
    disputeSubmit: t('dispute.submit'),
    canAnswer: isOffice && idea.status === 'active' && idea.disputes.length > 0,
    answerTitle: t('dispute.answerHeading'),
    whichLabel: t('dispute.which'),
    disputes: idea.disputes.map((d) => ({ title: `${d.number}: ${d.subject}`, value: String(d.number) })),
    partyLabel: t('dispute.party'),
    answerLabel: t('dispute.answer'),
    answers: [
      { title: t('dispute.choice.accept'), value: 'accept' },
      { title: t('dispute.choice.withdraw'), value: 'withdraw' },
    ],
    answerSubmit: t('dispute.answerSubmit'),
    reportsTitle: t('reports.action'),
  };
}

function withdrawals(programme: Programme, idea: Idea, language: Language): { heading: string; text: string }[] {
  const parties = [...new Set(idea.disputes.flatMap((d) => d.consumers.filter((c) => c.choice === 'withdraw').map((c) => partyName(programme, c.party))))];
  return parties.length > 0 ? [{ heading: translate(language, 'dispute.action'), text: translate(language, 'dispute.withdrawn', { parties: parties.join(', ') }) }] : [];
}
