// A gate put to a body's vote: what the body is asked, who may vote (as the body was when the
// vote opened), the decision basis, the deadline, and how the vote ended. Pure data and rules;
// storage, Teams and the clock stay outside.
import type { Ballot, Choice, DirectorDecision, Electorate, Outcome } from '../../../shared/decision/index.js';
import { eligibleVoters, standingIn, type PersonStanding } from '../../../shared/decision/eligibility.js';
import { decisionRight } from '../../../shared/decision/director.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import type { Body, DecisionRule, Gate, LocalisedText } from '../../../shared/programme/schema.js';

export type VoteStatus = 'open' | 'closing' | 'closed';
export type VoteLanguage = keyof LocalisedText;

/** One deliverable of the gate and the link the office gave for it (none: missing). */
export interface BasisItem {
  deliverable: string;
  link?: string;
  /** Held in Samspill itself rather than linked: the office's qualification on the idea card. */
  recorded?: RecordedBasis;
}

export interface RecordedBasis {
  kind: 'qualification';
  by: PersonRef;
  at: number;
}

/** The office opened the vote although deliverables were missing; kept on the record. */
export interface BasisOverride {
  by: PersonRef;
  at: number;
  missing: string[];
  reason: string;
  /** Participating parties without a positive decision of their own (DSOP §4.3/§4.4); `['*']`
   * when no participants were recorded. */
  missingDecisions?: string[];
}

/** A preparing body's closed vote, as shown on the deciding body's card. */
export interface Recommendation {
  voteId: string;
  body: string;
  adopted: boolean;
  closedAt: number;
}

export interface Closing {
  at: number;
  by: PersonRef;
  how: 'deadline' | 'manual';
}

/** Recorded once the decision was applied to the idea (or could not be). */
export type Applied = { at: number; ok: true; toPhase?: string } | { at: number; ok: false; error: string };

/** Which follow-up steps are done; each one is idempotent and resumed after a crash. */
export interface VoteProgress {
  posted: boolean;
  outcomePosted: boolean;
  notified: boolean;
  decisionPosted: boolean;
  decisionNotified: boolean;
  /** The day-before reminder went to the members who had not voted (votersReminder.ts). */
  votersReminded?: boolean;
}

/**
 * What a body decides besides an idea's gate: admitting a new party (DSOP §2.3). Such a vote
 * runs through the same machinery; its `ideaNumber` is the matter's id (the application,
 * e.g. M-004), its `ideaTitle` the matter's title and its `gate` the matter's kind, so the
 * one-vote-at-a-time lock and the decision log work unchanged.
 */
export type VoteMatter =
  | { kind: 'admission'; applicationId: string }
  /** Thanking a party off (DSOP §3.1): `ideaNumber` is `retire-<party>`, `ideaTitle` its name. */
  | { kind: 'retirement'; partyId: string }
  /** A revision of the roadmap (Digi Rogaland §4.7: «styringsgruppen beslutter eventuelle
   * endringer»): `ideaNumber` is the revision's id. */
  | { kind: 'roadmap-revision'; revisionId: string }
  /** A revision of the agreement after its hearing (Digi Rogaland §8: «Styringsgruppen har
   * mandat til å beslutte endringer i avtalen etter en høringsperiode»): `ideaNumber` is the
   * revision's id. */
  | { kind: 'agreement-revision'; revisionId: string }
  /** A preparing body's recommendation on an idea's gate (DSOP §3.2: the steering group decides
   * what goes to Topplederforum): `ideaNumber` and `gate` are the idea's; nothing is applied to
   * the idea, the deciding body's vote shows it. */
  | { kind: 'recommendation'; to: string }
  /** An advising body's vote on a gate's decision basis (`advisedBy`; Skate seed 004 §3.4: «AU
   * kan gi råd til tiltakseier om forbedringer»): `ideaNumber` and `gate` are the idea's; it moves
   * nothing and holds nothing, and its outcome is written into the idea's history as advice. */
  | { kind: 'advice' };

/** The `gate` of an admission vote. Gate ids in programme files are upper-case by custom
 * (BP1, oppstart is lower-case but never "admission"); the schema forbids nothing, so the
 * closer goes by `matter`, never by this name. */
export const ADMISSION_GATE = 'admission';

/** The `gate` of a retirement vote (the closer goes by `matter`, as for admissions). */
export const RETIREMENT_GATE = 'retirement';

/** The `gate` of a roadmap revision's vote (the closer goes by `matter`, as for admissions). */
export const ROADMAP_REVISION_GATE = 'roadmap-revision';

/** The `gate` of an agreement revision's vote (the closer goes by `matter`). */
export const AGREEMENT_REVISION_GATE = 'agreement-revision';

export interface GateVote {
  id: string;
  tenantId: string;
  programmeId: string;
  /** The idea whose gate is decided, or the id of another matter (see VoteMatter). */
  ideaNumber: string;
  ideaTitle: string;
  gate: string;
  /** Absent: an idea's gate. */
  matter?: VoteMatter;
  body: string;
  /** Who may vote, as the body was when the vote opened: later changes to the programme
   * file do not move the goalposts of a running vote. */
  electorate: Electorate;
  rule: DecisionRule;
  /** Set for advisory bodies (Skate): the vote is advice and this person decides. */
  decidedBy?: Body['decidedBy'];
  /** Digi Rogaland §4.2: without consensus in a budget matter the chair decides. */
  budgetMatter: boolean;
  basis: BasisItem[];
  override?: BasisOverride;
  /** The preparing body's recommendation the deciding body votes on (see preparation.ts). */
  recommendation?: Recommendation;
  openedBy: PersonRef;
  openedAt: number;
  deadline: number;
  /** The body's channel and the language its shared card is written in. */
  channel: { conversationId: string; language: VoteLanguage };
  status: VoteStatus;
  closing?: Closing;
  outcome?: Outcome;
  /** Every ballot as cast, changes included, kept when the vote closed (the ballots are final
   * once sealed), so the decision log shows a closed vote without reading its ballots (issue
   * 25.1, "a per-vote tally row so the log need not read ballots"). Absent on open votes and on
   * votes closed before it was kept: the log reads their ballots. */
  ballotLog?: BallotRecord[];
  director?: DirectorDecision & { name: string };
  applied?: Applied;
  /** Delivery key of the last channel-card job enqueued for this vote (ordering of updates). */
  cardKey?: string;
  /** This vote is a new round of one that closed without quorum (its id). */
  reopens?: string;
  /** Closed without quorum and put to the vote again: the new round's id. */
  reopenedAs?: string;
  progress: VoteProgress;
}

/** One ballot as stored: the choice, when, and its place in the voter's own sequence. */
export interface BallotRecord {
  voter: string;
  choice: Choice;
  castAt: number;
  comment?: string;
  /** 1 for the voter's first ballot, 2 for the first change … */
  seq: number;
  /** The sequence number of the ballot the voter's card showed when they clicked (0: none). */
  after?: number;
}

export const isAdvisory = (vote: Pick<GateVote, 'decidedBy'>): boolean => vote.decidedBy !== undefined;

/** The vote's outcome is advice, not a decision: a body whose vote a named person decides on
 * (Skate), or an advising body's vote on a gate (`advisedBy`, matter "advice"). */
export const outcomeIsAdvice = (vote: Pick<GateVote, 'decidedBy' | 'matter'>): boolean => isAdvisory(vote) || vote.matter?.kind === 'advice';

/** What the decision is for the idea, once there is one: the body's outcome, or for an
 * advisory body the director's decision. Undefined while it is still open or awaited. */
export function finalAdoption(vote: GateVote): boolean | undefined {
  if (vote.status !== 'closed' || !vote.outcome) return undefined;
  // Advice is recorded whatever it came to, no quorum included (the advising body did not meet).
  if (vote.matter?.kind === 'advice') return vote.outcome.adopted;
  if (isAdvisory(vote)) return vote.director?.adopted;
  // Without quorum the body decided nothing: neither adopted nor rejected, and the matter
  // stays where it was until the vote is reopened.
  if (vote.outcome.status === 'no-quorum') return undefined;
  return vote.outcome.adopted;
}

/** A vote the office may put to the body again: closed without quorum, with no director to
 * decide instead, and not reopened yet. */
export function mayReopen(vote: Pick<GateVote, 'status' | 'outcome' | 'decidedBy' | 'reopenedAs'>): boolean {
  return vote.status === 'closed' && vote.outcome?.status === 'no-quorum' && !isAdvisory(vote) && vote.reopenedAs === undefined;
}

/** The new round of a vote that closed without quorum: the same matter, decision basis and
 * budget flag; the body's electorate and rule as they are now, a new deadline, no ballots. */
export function reopenedVote(
  previous: GateVote,
  body: Body,
  opening: { by: PersonRef; at: number; deadline: number; channel: { conversationId: string; language: VoteLanguage } },
  rule: DecisionRule = body.rule,
): GateVote {
  return {
    id: voteIdFor(previous.ideaNumber, previous.gate, opening.at),
    tenantId: previous.tenantId,
    programmeId: previous.programmeId,
    ideaNumber: previous.ideaNumber,
    ideaTitle: previous.ideaTitle,
    gate: previous.gate,
    ...(previous.matter ? { matter: previous.matter } : {}),
    ...voteBefore(body, opening),
    rule,
    budgetMatter: previous.budgetMatter,
    basis: previous.basis,
    ...(previous.override ? { override: previous.override } : {}),
    reopens: previous.id,
  };
}

/** Follow-up work left after a crash or a failed step; the closer resumes it. */
export function pendingWork(vote: GateVote): boolean {
  const p = vote.progress;
  if (!p.posted) return true;
  if (vote.status === 'closing') return true;
  if (vote.status !== 'closed') return false;
  if (!p.outcomePosted || !p.notified) return true;
  if (finalAdoption(vote) !== undefined && !vote.applied) return true;
  if (vote.director && (!p.decisionPosted || !p.decisionNotified)) return true;
  return false;
}

export interface Viewer {
  standing: PersonStanding;
  mayClose: boolean;
  /** May record the director's decision once the advice is in. */
  mayDecide: boolean;
  /** The office, on a vote that closed without quorum. */
  mayReopen: boolean;
  /** A voter whose party has left the programme: they vote no more from `effective` (departedVoters.ts). */
  departed?: { partyId: string; effective: string };
}

/** The chair and the secretary may close a vote early. */
export function mayClose(vote: Pick<GateVote, 'electorate'>, person: string): boolean {
  return vote.electorate.chair === person || vote.electorate.secretary === person;
}

/**
 * Who may record the director's decision: the named person, or, when the programme does not
 * name one, the programme office on the director's behalf.
 */
export function mayRecordDecision(vote: Pick<GateVote, 'decidedBy'>, person: string, isOffice: boolean): boolean {
  return decisionRight(vote, person, isOffice) !== undefined;
}

export function viewerOf(vote: GateVote, person: string, isOffice: boolean): Viewer {
  return {
    standing: standingIn(vote.electorate, person),
    mayClose: mayClose(vote, person),
    mayDecide: mayRecordDecision(vote, person, isOffice),
    mayReopen: isOffice && mayReopen(vote),
  };
}

/** Teams shows per-user views to at most 60 listed users. */
export const REFRESH_LIMIT = 60;

/**
 * The people whose card should refresh to their own view, most important first: the chair
 * and the secretary (they hold the close button), a named decider, the voting members, then
 * the observers. At most REFRESH_LIMIT; the rest see the shared card and get their own view
 * as soon as they click.
 */
export function refreshAudience(vote: Pick<GateVote, 'electorate' | 'decidedBy'>): string[] {
  const { electorate } = vote;
  const ordered = [
    electorate.chair,
    electorate.secretary,
    vote.decidedBy?.person,
    ...eligibleVoters(electorate),
    ...electorate.observers,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return [...new Set(ordered)].slice(0, REFRESH_LIMIT);
}

/** The gate's deliverables Samspill already holds for this idea, by deliverable id: one marked
 * `recorded: "qualification"` is the qualification the office wrote on the idea card for this
 * gate (DSOP §4.1). */
export function recordedBasis(gate: Pick<Gate, 'id' | 'deliverables'>, idea: Pick<Idea, 'qualification'>): Record<string, RecordedBasis> {
  const q = idea.qualification;
  if (!q || q.gate !== gate.id) return {};
  const held: RecordedBasis = { kind: 'qualification', by: q.by, at: q.at };
  return Object.fromEntries(gate.deliverables.filter((d) => d.recorded === 'qualification').map((d) => [d.id, held]));
}

/** The gate's deliverables that have neither a link nor a record in Samspill. */
export function missingDeliverables(
  gate: Pick<Gate, 'deliverables'>,
  links: Readonly<Record<string, string | undefined>>,
  recorded: Readonly<Record<string, RecordedBasis>> = {},
): string[] {
  return gate.deliverables.filter((d) => !links[d.id]?.trim() && !recorded[d.id]).map((d) => d.id);
}

/** The counted state as one number that only ever grows: the sum of every voter's latest
 * sequence number. Two different states of one vote never share it. */
export function revisionOf(latest: readonly Pick<BallotRecord, 'seq'>[]): number {
  return latest.reduce((sum, b) => sum + b.seq, 0);
}

export const asBallot = (b: BallotRecord): Ballot => ({
  voter: b.voter,
  choice: b.choice,
  castAt: b.castAt,
  ...(b.comment ? { comment: b.comment } : {}),
});

/**
 * What every new vote starts with, whatever it decides: the body's electorate and rule as they
 * are now, who opened it when, the deadline and the channel; open, nothing done yet.
 */
export function voteBefore(
  body: Body,
  opening: { by: PersonRef; at: number; deadline: number; channel: { conversationId: string; language: VoteLanguage } },
): Pick<GateVote, 'body' | 'electorate' | 'rule' | 'decidedBy' | 'openedBy' | 'openedAt' | 'deadline' | 'channel' | 'status' | 'progress'> {
  return {
    body: body.id,
    electorate: { members: body.members, chair: body.chair, observers: body.observers, secretary: body.secretary },
    rule: body.rule,
    ...(body.decidedBy ? { decidedBy: body.decidedBy } : {}),
    openedBy: opening.by,
    openedAt: opening.at,
    deadline: opening.deadline,
    channel: { conversationId: opening.channel.conversationId, language: opening.channel.language },
    status: 'open',
    progress: { posted: false, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false },
  };
}

/** A readable, unique id: idea, gate and the opening instant in base 36. */
export function voteIdFor(ideaNumber: string, gate: string, openedAt: number): string {
  return `${ideaNumber}.${gate}.${Math.trunc(openedAt).toString(36)}`;
}
