// View models of the vote cards, built from the vote, the idea and the ballots. Pure: the
// caller passes the time, the reader's language and the refresh audience (Teams user ids).
import { type Choice, choices as allChoices } from '../../../shared/decision/ballot.js';
import { finalDecision, recordedOnBehalf } from '../../../shared/decision/director.js';
import { formatReason } from '../../../shared/decision/reason.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { Gate, Programme } from '../../../shared/programme/schema.js';
import { defaultDeadline } from '../domain/deadline.js';
import { eligibleVoters } from '../../../shared/decision/eligibility.js';
import { isAdvisory, mayReopen, outcomeIsAdvice, recordedBasis, type BallotRecord, type GateVote, type Viewer } from '../domain/gateVote.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import type { PreparationStep } from '../domain/preparation.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import type { VoteOutcomeView, VoteProposalView, VoteRefresh, VoteView } from './voteCardViews.js';
import { gateName, partyName, personName, phaseName } from '../../ideas/teams/ideaText.js';
import { recommendationApplied, recommendationNotes } from './recommendationText.js';
import { bodyName, choiceText, dayText, deliverableName, directorWho, matterName, outcomeStatusText, ruleText } from './voteText.js';
import type { VoteSubject } from './voteSubject.js';
import { admissionOf } from '../../membership/domain/admission.js';
import { proposedChangeText } from '../../roadmap/teams/roadmapText.js';
import { revisionVoteParts } from '../../agreementRevision/teams/agreementRevisionViews.js';

/** Ballot lines on the outcome card; the decision log has them all. */
export const BALLOTS_ON_CARD = 60;
const SUMMARY_CHARS = 400;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);

export interface Banner {
  text: string;
  style: 'good' | 'attention' | 'default';
}

export interface PersonalViewer {
  id: string;
  viewer: Viewer;
  own: BallotRecord | undefined;
}

export interface VoteViewInput {
  programme: Programme;
  vote: GateVote;
  subject: VoteSubject;
  /** Every voter's latest ballot. */
  latest: readonly BallotRecord[];
  language: Language;
  /** Teams user ids whose card refreshes to their own view. */
  refreshUserIds: readonly string[];
  /** Undefined: the shared card everyone sees in the channel. */
  personal?: PersonalViewer;
  banner?: Banner;
}

/** Cuts a text to `max` characters with an ellipsis; the full text stays in storage and the log. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const summary = (text: string) => clip(text, SUMMARY_CHARS);
/** Comments and reasons on a card; the decision log and its CSV have them whole. */
export const COMMENT_ON_CARD = 120;
const NOTE_ON_CARD = 400;

/** A link in card markdown: the address is re-serialised and its brackets encoded, so user
 * input cannot break out of the link. */
export function markdownLink(label: string, address: string): string {
  const href = new URL(address).href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return `[${label.replace(/[[\]]/g, '')}](${href})`;
}

/**
 * The card refreshes to each listed reader's own view, in their language, open or closed. With
 * no user id known the list is left out, so Teams refreshes everyone in a channel of up to 60
 * people (each then sees the card in their own language too).
 */
export const refreshOf = (vote: GateVote, userIds: readonly string[]): VoteRefresh => ({
  action: { type: 'Action.Execute', verb: 'gate.view', data: { programmeId: vote.programmeId, voteId: vote.id } },
  ...(userIds.length > 0 ? { userIds: [...userIds] } : {}),
});

/** Changes of a roadmap revision listed on its vote card; the revision card and the log have them all. */
export const CHANGES_ON_VOTE_CARD = 12;

/** What the card says about the matter: an idea's gate and its decision basis, an application
 * and its criteria (DSOP §2.3), or a roadmap revision and its changes (Digi Rogaland §4.7). */
function matterParts(input: VoteViewInput, t: T, body: string) {
  const { programme, vote, subject, language } = input;
  const override = vote.override ? clip(vote.override.reason, NOTE_ON_CARD) : '';
  if (subject.kind === 'roadmap-revision') {
    const { revision, ideas } = subject;
    const titles = new Map(ideas.map((i) => [i.number, i.title]));
    const shown = revision.changes.slice(0, CHANGES_ON_VOTE_CARD);
    const more = revision.changes.length - shown.length;
    return {
      heading: t('roadmap.revision.voteHeading', { id: revision.id }),
      line: t('roadmap.revision.voteLine', { id: revision.id, n: revision.changes.length }),
      summary: t('roadmap.revision.summary', { who: revision.proposedBy.name, body }),
      basisHeading: t('roadmap.revision.changes'),
      basis: [
        ...shown.map((c) => {
          const title = titles.get(c.ideaNumber);
          const named = title ? `**${c.ideaNumber}** ${clip(title, COMMENT_ON_CARD)}` : `**${c.ideaNumber}**`;
          return `${named}: ${proposedChangeText(c, language, COMMENT_ON_CARD)}`;
        }),
        ...(more > 0 ? [t('roadmap.revision.moreChanges', { n: more })] : []),
      ],
      notes: [],
    };
  }
  if (subject.kind === 'agreement-revision') return revisionVoteParts(programme, subject.revision, language, COMMENT_ON_CARD);
  if (subject.kind === 'retirement') {
    // DSOP §3.1: the party and the people who lose their seats if the body adopts it.
    const people = programme.people.filter((p) => p.party === subject.partyId).map((p) => p.name);
    return {
      heading: t('retirement.heading', { party: subject.partyName }),
      line: `${vote.ideaNumber} ${subject.partyName}`,
      summary: t('retirement.summary', { body, party: subject.partyName }),
      basisHeading: t('retirement.people'),
      basis: people.length > 0 ? people.map((name) => clip(name, COMMENT_ON_CARD)) : [t('withdrawal.nobody')],
      notes: [],
    };
  }
  if (subject.kind === 'admission') {
    const { application } = subject;
    const criteria = admissionOf(programme)?.criteria ?? [];
    return {
      heading: t('admission.heading', { organisation: application.organisation }),
      line: `${application.id} ${application.organisation}`,
      summary: t('admission.summary', { body, representative: application.representative.name }),
      basisHeading: t('admission.criteria'),
      basis: [
        ...criteria.map((c) => {
          const assessed = application.criteria[c.id];
          const line = t(assessed?.met ? 'admission.criterionMet' : 'admission.criterionUnmet', { criterion: pick(c.name, language) });
          return assessed?.note ? `${line} — ${clip(assessed.note, COMMENT_ON_CARD)}` : line;
        }),
        ...(application.link ? [`📄 ${markdownLink(t('admission.document'), application.link)}`] : []),
      ],
      notes: vote.override ? [t('admission.override', { name: vote.override.by.name, reason: override })] : [],
    };
  }
  const { idea } = subject;
  const gate = programme.gates.find((g) => g.id === vote.gate);
  return {
    // Skate §3.4: an advising body's vote says it is advice, not the gate's decision.
    heading: vote.matter?.kind === 'advice' ? matterName(programme, vote, language) : gateName(programme, vote.gate, language),
    line: `${idea.number} ${idea.title}`,
    summary: idea.description,
    basisHeading: t('vote.basis'),
    basis: vote.basis.map((b) => {
      const name = deliverableName(programme, vote.gate, b.deliverable, language);
      if (b.recorded) return `✅ ${t('vote.basisRecorded', { deliverable: name, name: b.recorded.by.name, date: formatDate(b.recorded.at, language) })}`;
      return b.link ? `✅ ${markdownLink(name, b.link)}` : t('vote.basisMissing', { deliverable: name });
    }),
    notes: [
      ...(gate?.from === programme.initialPhase && idea.qualification
        ? [t('vote.qualification', { text: clip(idea.qualification.recommendation, NOTE_ON_CARD) })]
        : []),
      ...(vote.override ? [t('vote.override', { name: vote.override.by.name, reason: override })] : []),
      ...(vote.override?.missingDecisions
        ? [t('vote.overrideDecisions', { parties: vote.override.missingDecisions.map((p) => (p === '*' ? t('vote.noParticipants') : partyName(programme, p))).join(', ') })]
        : []),
      ...recommendationNotes(programme, vote, language),
    ],
  };
}

function common(input: VoteViewInput) {
  const { programme, vote, language } = input;
  const t = tr(language);
  const body = bodyName(programme, vote.body, language);
  const matter = matterParts(input, t, body);
  return {
    t,
    body,
    heading: matter.heading,
    subheading: vote.decidedBy
      ? t('vote.subheadingAdvice', { body, title: pick(vote.decidedBy.title, language) })
      : vote.matter?.kind === 'advice'
        ? t('advice.subheading', { body })
        : t('vote.subheading', { body }),
    ideaLine: matter.line,
    summary: matter.summary,
    basisHeading: matter.basisHeading,
    basis: matter.basis,
    notes: matter.notes,
    ruleFact: { title: t('vote.fact.rule'), value: ruleText(vote.rule, vote.decidedBy, language) },
    budgetFacts: vote.budgetMatter ? [{ title: t('vote.fact.budget'), value: t('vote.fact.budgetYes') }] : [],
  };
}

const eligibleCount = (vote: GateVote) => eligibleVoters(vote.electorate).length;

/** The card of an open vote: shared (in the channel) or one person's own view. */
/** What the open and the outcome card share at the top: banner, ids, refresh list, headings. */
function header(input: VoteViewInput, c: ReturnType<typeof common>) {
  const { vote } = input;
  return {
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.style ?? ('default' as const),
    programmeId: vote.programmeId,
    voteId: vote.id,
    refresh: refreshOf(vote, input.refreshUserIds),
    heading: c.heading,
    subheading: c.subheading,
    ideaLine: c.ideaLine,
  };
}

export function openVoteView(input: VoteViewInput): VoteView {
  const { programme, vote, language, personal } = input;
  const c = common(input);
  const { t } = c;
  const eligible = new Set(eligibleVoters(vote.electorate));
  const voted = input.latest.filter((b) => eligible.has(b.voter)).length;
  const canVote = vote.status === 'open' && (!personal || personal.viewer.standing.canVote);
  let personalText = '';
  let personalStyle: Banner['style'] = 'default';
  if (personal) {
    const s = personal.viewer.standing;
    if (personal.viewer.departed) {
      const { partyId, effective } = personal.viewer.departed;
      personalText = t('vote.departedNote', { party: partyName(programme, partyId), date: dayText(effective, language) });
      personalStyle = 'attention';
    } else if (s.canVote && personal.own) {
      personalText = t('vote.yours', { choice: choiceText(personal.own.choice, language), when: formatDateTime(personal.own.castAt, language) });
      personalStyle = 'good';
    } else if (s.canVote) personalText = t('vote.notYet');
    else if (s.standing === 'observer') personalText = t('vote.observerNote', { body: c.body });
    else if (s.standing === 'secretary') personalText = t('vote.secretaryNote', { body: c.body });
    else personalText = t('vote.outsiderNote', { body: c.body });
  }
  return {
    ...header(input, c),
    ideaSummary: summary(c.summary),
    facts: [
      { title: t('vote.fact.body'), value: c.body },
      c.ruleFact,
      { title: t('vote.fact.deadline'), value: formatDateTime(vote.deadline, language) },
      { title: t('vote.fact.openedBy'), value: `${vote.openedBy.name}, ${formatDateTime(vote.openedAt, language)}` },
      ...c.budgetFacts,
    ],
    basisHeading: c.basisHeading,
    basis: c.basis,
    notes: c.notes,
    progress: t('vote.progress', { voted, eligible: eligibleCount(vote) }),
    personal: personalText,
    personalStyle,
    canVote,
    commentLabel: t('vote.comment'),
    choices: canVote ? allChoices.map((choice) => ({ title: choiceText(choice, language), choice, style: choiceStyle(choice) })) : [],
    after: personal?.own?.seq ?? 0,
    canClose: vote.status === 'open' && (personal?.viewer.mayClose ?? false),
    closeTitle: t('vote.close'),
    closeText: t('vote.closeConfirm'),
    closeConfirm: t('vote.closeNow'),
    programmeName: programme.name,
  };
}

const choiceStyle = (choice: Choice): 'positive' | 'destructive' | 'default' =>
  choice === 'for' ? 'positive' : choice === 'against' ? 'destructive' : 'default';

/** The card of a closed vote: the outcome, who voted what, and (Skate) the director's decision. */
export function outcomeView(input: VoteViewInput): VoteOutcomeView {
  const { programme, vote, language, personal } = input;
  const c = common(input);
  const { t } = c;
  const outcome = vote.outcome;
  const advisory = isAdvisory(vote);
  const status = outcome ? outcomeStatusText(outcome.status, outcomeIsAdvice(vote), language) : t('log.running');
  const name = (id: string) => personName(programme, id);
  const ballots = (outcome?.effective ?? []).slice(0, BALLOTS_ON_CARD).map((b) => {
    const comment = b.comment ? ` — ${clip(b.comment, COMMENT_ON_CARD)}` : '';
    return `${name(b.voter)}: **${choiceText(b.choice, language)}** · ${formatDateTime(b.castAt, language)}${comment}`;
  });
  const hidden = (outcome?.effective.length ?? 0) - ballots.length;
  const closedValue = vote.closing
    ? vote.closing.how === 'deadline'
      ? t('vote.closedBy.deadline', { when: formatDateTime(vote.closing.at, language) })
      : t('vote.closedBy.manual', { name: vote.closing.by.name, when: formatDateTime(vote.closing.at, language) })
    : '';
  let director = '';
  if (advisory && vote.decidedBy && outcome) {
    const title = pick(vote.decidedBy.title, language);
    const decision = finalDecision(outcome, vote.director);
    director = decision.decided
      ? t(recordedOnBehalf(vote, decision.director) ? 'vote.director.decidedOnBehalf' : 'vote.director.decided', {
          who: directorWho(vote, language),
          when: formatDateTime(decision.director.at, language),
          decision: t(decision.adopted ? 'vote.status.adopted' : 'vote.status.rejected'),
          followed: t(`vote.director.followed.${decision.followedAdvice}`),
        }) + (vote.director?.comment ? ` ${clip(vote.director.comment, NOTE_ON_CARD)}` : '')
      : t('vote.director.pending', { title });
  }
  const canDecide = advisory && !!outcome && !vote.director && (personal ? personal.viewer.mayDecide : vote.decidedBy?.person === undefined);
  const adopted = advisory ? vote.director?.adopted : outcome?.adopted;
  // Not decided for want of quorum: the office may put it to the body again. The shared card
  // shows the button too (the verb refuses anyone but the office, in their language).
  const canReopen = mayReopen(vote) && (personal ? personal.viewer.mayReopen : true);
  const reopenDeadline = defaultDeadline(vote.closing?.at ?? vote.deadline);
  const rounds = [
    ...(vote.reopens ? [t('vote.reopens', { id: vote.reopens })] : []),
    ...(vote.reopenedAs ? [t('vote.reopenedAs', { id: vote.reopenedAs })] : []),
  ];
  return {
    ...header(input, c),
    status,
    statusStyle: !outcome ? 'default' : outcome.status === 'no-quorum' ? 'warning' : outcome.adopted ? 'good' : 'attention',
    reason: outcome ? formatReason(outcome.reason, language) : '',
    facts: [
      { title: t('vote.fact.body'), value: c.body },
      c.ruleFact,
      ...(outcome
        ? [{ title: t('vote.fact.counts'), value: t('vote.counts', { ...outcome.counts }) }]
        : []),
      ...(closedValue ? [{ title: t('vote.fact.closed'), value: closedValue }] : []),
      ...c.budgetFacts,
    ],
    basisHeading: c.basisHeading,
    basis: c.basis,
    notes: [...c.notes, ...rounds],
    ballotsHeading: t('vote.ballots'),
    ballots: hidden > 0 ? [...ballots, `… +${hidden}`] : ballots,
    didNotVote:
      outcome && outcome.didNotVote.length > 0 ? t('vote.didNotVote', { names: outcome.didNotVote.map(name).join(', ') }) : '',
    director,
    applied: appliedText(programme, vote, adopted, language),
    canReopen,
    reopen: {
      title: t('vote.reopen.title'),
      help: t('vote.reopen.help'),
      dateLabel: t('vote.propose.deadlineDate'),
      date: reopenDeadline.date,
      timeLabel: t('vote.propose.deadlineTime'),
      time: reopenDeadline.time,
      submitLabel: t('vote.reopen.submit'),
      submissionId: `reopen:${vote.id}`,
    },
    canDecide,
    decide: {
      title: t('vote.director.record'),
      help: t('vote.director.help'),
      commentLabel: t('vote.director.comment'),
      adoptTitle: t('vote.director.adopt'),
      rejectTitle: t('vote.director.reject'),
    },
  };
}

function appliedText(programme: Programme, vote: GateVote, adopted: boolean | undefined, language: Language): string {
  const applied = vote.applied;
  if (!applied || adopted === undefined) return '';
  if (vote.matter?.kind === 'roadmap-revision') {
    if (!applied.ok) return translate(language, 'roadmap.revision.applied.failed', { error: applied.error });
    return translate(language, adopted ? 'roadmap.revision.applied.adopted' : 'roadmap.revision.applied.rejected', { id: vote.ideaNumber });
  }
  if (vote.matter?.kind === 'agreement-revision') {
    if (!applied.ok) return translate(language, 'ar.applied.failed', { error: applied.error });
    return translate(language, adopted ? 'ar.applied.adopted' : 'ar.applied.rejected', { id: vote.ideaNumber });
  }
  if (vote.matter?.kind === 'retirement') {
    if (!applied.ok) return translate(language, 'retirement.applied.failed', { error: applied.error });
    const params = { party: vote.ideaTitle, programme: programme.name };
    return translate(language, adopted ? 'retirement.applied.retired' : 'retirement.applied.kept', params);
  }
  if (vote.matter?.kind === 'admission') {
    if (!applied.ok) return translate(language, 'admission.applied.failed', { error: applied.error });
    const params = { organisation: vote.ideaTitle, programme: programme.name };
    return translate(language, adopted ? 'admission.applied.admitted' : 'admission.applied.rejected', params);
  }
  if (!applied.ok) return translate(language, 'vote.applied.failed', { error: applied.error });
  if (vote.matter?.kind === 'recommendation') return recommendationApplied(programme, vote, adopted, language);
  if (vote.matter?.kind === 'advice') return translate(language, 'advice.applied', { number: vote.ideaNumber });
  if (adopted && applied.toPhase) {
    return translate(language, 'vote.applied.moved', { number: vote.ideaNumber, phase: phaseName(programme, applied.toPhase, language) });
  }
  const gate = programme.gates.find((g) => g.id === vote.gate);
  return translate(language, 'vote.applied.stays', { number: vote.ideaNumber, phase: phaseName(programme, gate?.from ?? '', language) });
}

export interface ProposalFormInput {
  programme: Programme;
  idea: Idea;
  gate: Gate;
  /** The vote the gate needs now (preparation.ts); without it, the deciding body's. */
  step?: PreparationStep;
  channelMissing: boolean;
  language: Language;
  now: number;
  submissionId: string;
  values?: Partial<Record<string, string>>;
  problems?: string[];
}

/** The office's form to put a gate to its body. */
export function proposalView(input: ProposalFormInput): VoteProposalView {
  const { programme, idea, gate, language } = input;
  const t = tr(language);
  const step: PreparationStep = input.step ?? { stage: 'decision' as const, body: gate.body ?? '' };
  const body = programme.bodies.find((b) => b.id === step.body);
  const bodyLabel = bodyName(programme, step.body, language);
  const values = input.values ?? {};
  // DSOP §3.2: the preparing body recommends first; the deciding body's form shows the recommendation.
  const preparation =
    step.stage === 'advice'
      ? [t(gate.approvedBy === 'owner' ? 'advice.ownerIntro' : 'advice.proposeIntro', { body: bodyLabel })]
      : step.stage === 'recommendation'
      ? [
          t('prep.proposeIntro', { body: bodyLabel, to: bodyName(programme, step.to, language) }),
          ...(step.last ? [t('prep.lastNotRecommended', { body: bodyLabel, date: formatDate(step.last.closedAt, language) })] : []),
        ]
      : step.recommendation
        ? [t(step.recommendation.adopted ? 'prep.recommended' : 'prep.notRecommended', { body: bodyName(programme, step.recommendation.body, language), date: formatDate(step.recommendation.closedAt, language) })]
        : [];
  const deadline = defaultDeadline(input.now);
  const recorded = recordedBasis(gate, idea);
  const budgetRule = body?.rule.kind === 'consensus-then-majority' && body.rule.chairDecidesBudgetMatters;
  return {
    heading: t('vote.propose.heading', { gate: gateName(programme, gate.id, language) }),
    intro: [t('vote.propose.intro', { body: bodyLabel }), ...preparation].join('\n\n'),
    ideaLine: `${idea.number} ${idea.title}`,
    facts: [
      { title: t('vote.fact.body'), value: bodyLabel },
      ...(body ? [{ title: t('vote.fact.rule'), value: ruleText(body.rule, body.decidedBy, language) }] : []),
    ],
    warning: input.channelMissing ? t('voteError.no-channel', { body: bodyLabel, bodyId: step.body }) : '',
    problemsHeading: t('vote.propose.problems'),
    problems: input.problems ?? [],
    // A deliverable Samspill holds (the qualification on the idea card) is named, not asked for.
    recorded: Object.entries(recorded).map(([id, held]) => {
      const d = gate.deliverables.find((item) => item.id === id);
      return `✅ ${t('vote.basisRecorded', { deliverable: d ? pick(d.name, language) : id, name: held.by.name, date: formatDate(held.at, language) })}`;
    }),
    deliverables: gate.deliverables
      .filter((d) => !recorded[d.id])
      .map((d) => ({
        id: d.id,
        label: t('vote.propose.link', { deliverable: pick(d.name, language) }),
        value: values[`link.${d.id}`] ?? '',
      })),
    deadlineDateLabel: t('vote.propose.deadlineDate'),
    deadlineDate: values.deadlineDate || deadline.date,
    deadlineTimeLabel: t('vote.propose.deadlineTime'),
    deadlineTime: values.deadlineTime || deadline.time,
    showBudget: budgetRule,
    budgetLabel: t('vote.propose.budget'),
    budget: values.budgetMatter === 'true' ? 'true' : 'false',
    showOverride: gate.deliverables.length > 0,
    overrideLabel: t('vote.propose.override'),
    override: values.override === 'true' ? 'true' : 'false',
    overrideReasonLabel: t('vote.propose.overrideReason'),
    overrideReason: values.overrideReason ?? '',
    submitLabel: t('vote.propose.submit'),
    programmeId: programme.id,
    number: idea.number,
    gate: gate.id,
    submissionId: input.submissionId,
    advice: step.stage === 'advice' ? 'true' : 'false',
  };
}

/** The personal-chat message telling the project leader and the office what was decided. */
export function notificationText(programme: Programme, vote: GateVote, what: 'outcome' | 'decision', language: Language): string {
  const t = tr(language);
  const common = {
    gate: matterName(programme, vote, language),
    number: vote.ideaNumber,
    title: vote.ideaTitle,
    body: bodyName(programme, vote.body, language),
  };
  const outcome = vote.outcome;
  const reason = outcome ? formatReason(outcome.reason, language) : '';
  const applied = appliedText(programme, vote, isAdvisory(vote) ? vote.director?.adopted : outcome?.adopted, language);
  if (what === 'decision' && vote.director && outcome && vote.decidedBy) {
    const decision = finalDecision(outcome, vote.director);
    return [
      t('vote.notify.decision', {
        ...common,
        director: directorWho(vote, language),
        decision: t(vote.director.adopted ? 'vote.status.adopted' : 'vote.status.rejected'),
        followed: decision.decided ? t(`vote.director.followed.${decision.followedAdvice}`) : '',
      }),
      applied,
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (!outcome) return '';
  if (isAdvisory(vote) && vote.decidedBy) {
    return t('vote.notify.advice', {
      ...common,
      status: outcomeStatusText(outcome.status, true, language),
      reason,
      director: pick(vote.decidedBy.title, language),
    });
  }
  const status = outcomeStatusText(outcome.status, outcomeIsAdvice(vote), language);
  const said =
    vote.matter?.kind === 'admission' || vote.matter?.kind === 'retirement'
      ? t('admission.notify', { matter: common.gate, organisation: vote.ideaTitle, body: common.body, status, reason })
      : vote.matter?.kind === 'roadmap-revision' || vote.matter?.kind === 'agreement-revision'
        ? t('roadmap.revision.notify', { matter: common.gate, id: vote.ideaNumber, body: common.body, status, reason })
        : t('vote.notify.outcome', { ...common, status, reason });
  return [said, applied]
    .filter(Boolean)
    .join(' ');
}

