// View models of the vote cards (cards/vote*.json). views.ts lists them with the other cards.
import type { ActionButton } from '../../../platform/cards/cardParts.js';

export interface FactLine {
  title: string;
  value: string;
}

/** Universal Actions refresh: the listed users' cards call `gate.view` for their own view. */
export interface VoteRefresh {
  action: { type: 'Action.Execute'; verb: 'gate.view'; data: { programmeId: string; voteId: string } };
  /** Teams user ids (MRIs), at most 60. Omitted when none are known. */
  userIds?: string[];
}

export type BoxStyle = 'good' | 'attention' | 'warning' | 'default';

export interface VoteView {
  banner: string;
  bannerStyle: BoxStyle;
  programmeId: string;
  programmeName: string;
  voteId: string;
  refresh: VoteRefresh;
  heading: string;
  subheading: string;
  ideaLine: string;
  ideaSummary: string;
  facts: FactLine[];
  basisHeading: string;
  /** One markdown line per deliverable: a link, or "missing". */
  basis: string[];
  notes: string[];
  progress: string;
  /** The viewer's own standing and vote; '' on the shared card. */
  personal: string;
  personalStyle: BoxStyle;
  canVote: boolean;
  commentLabel: string;
  choices: { title: string; choice: string; style: 'positive' | 'destructive' | 'default' }[];
  /** The viewer's latest ballot sequence number (0 on the shared card): makes a replayed click recognisable. */
  after: number;
  canClose: boolean;
  closeTitle: string;
  closeText: string;
  closeConfirm: string;
}

export interface VoteOutcomeView {
  banner: string;
  bannerStyle: BoxStyle;
  programmeId: string;
  voteId: string;
  refresh: VoteRefresh;
  heading: string;
  subheading: string;
  ideaLine: string;
  status: string;
  statusStyle: BoxStyle;
  reason: string;
  facts: FactLine[];
  basisHeading: string;
  basis: string[];
  notes: string[];
  ballotsHeading: string;
  ballots: string[];
  didNotVote: string;
  director: string;
  applied: string;
  /** Closed without quorum: the office may reopen it with a new deadline. */
  canReopen: boolean;
  reopen: { title: string; help: string; dateLabel: string; date: string; timeLabel: string; time: string; submitLabel: string; submissionId: string };
  canDecide: boolean;
  decide: { title: string; help: string; commentLabel: string; adoptTitle: string; rejectTitle: string };
}

export interface VoteProposalView {
  heading: string;
  intro: string;
  ideaLine: string;
  facts: FactLine[];
  warning: string;
  problemsHeading: string;
  problems: string[];
  /** Deliverables Samspill holds already (the qualification on the idea card), one line each. */
  recorded: string[];
  deliverables: { id: string; label: string; value: string }[];
  deadlineDateLabel: string;
  deadlineDate: string;
  deadlineTimeLabel: string;
  deadlineTime: string;
  showBudget: boolean;
  budgetLabel: string;
  budget: 'true' | 'false';
  showOverride: boolean;
  overrideLabel: string;
  override: 'true' | 'false';
  overrideReasonLabel: string;
  overrideReason: string;
  submitLabel: string;
  programmeId: string;
  number: string;
  gate: string;
  submissionId: string;
  /** 'true': the form asks the gate's advising body (Skate §3.4), not its deciding body. */
  advice: 'true' | 'false';
}

export interface VoteLogView {
  heading: string;
  subheading: string;
  emptyText: string;
  votes: { heading: string; facts: FactLine[]; lines: string[] }[];
  /** Disputes about the solution in the ideas the log covers (DSOP §5), empty when none. */
  disputesHeading: string;
  disputes: string[];
  footer: string;
  pager: ActionButton[];
}
