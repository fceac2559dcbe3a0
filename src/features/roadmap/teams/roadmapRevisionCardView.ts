// The data the revision card (cards/roadmapRevision.json) is bound with.
import type { ActionButton, Choice } from '../../../platform/cards/cardParts.js';
import type { RoadmapItemView } from './roadmapCardView.js';

export interface RoadmapRevisionView {
  banner: string;
  /** 'good', 'attention' or 'default'. */
  bannerStyle: string;
  heading: string;
  intro: string;
  /** The body has no channel to vote in yet ('' when it has). */
  warning: string;
  /** The revision being voted on ('' heading: none). */
  openHeading: string;
  openBy: string;
  open: RoadmapItemView[];
  openMore: string;
  pendingHeading: string;
  pending: RoadmapItemView[];
  pendingEmpty: string;
  decidedHeading: string;
  decided: string[];
  /** Why nothing can be put forward now ('' when it can, or for a reader who cannot). */
  waitText: string;
  canPropose: boolean;
  propose: {
    title: string;
    deadlineDateLabel: string;
    deadlineDate: string;
    deadlineTimeLabel: string;
    deadlineTime: string;
    submitLabel: string;
  };
  canWithdraw: boolean;
  withdraw: { title: string; label: string; choices: Choice[]; submitLabel: string };
  programmeId: string;
  submissionId: string;
  actions: ActionButton[];
}
