// The data the report form (cards/reportForm.json) is bound with. A reminder is the same card
// with a banner on top: it carries the form itself.
import type { ActionButton, Choice } from '../../../platform/cards/cardParts.js';

export type ReportFormField =
  | 'status'
  | 'progress'
  | 'result'
  | 'resultText'
  | 'completionDate'
  | 'completionDateText'
  | 'cost'
  | 'costText'
  | 'correctiveActions'
  | 'nextMilestones'
  | 'previousDecision'
  | 'previousDecisionText';

export interface ReportFormView {
  /** Reminder or confirmation text above the form ('' for none). */
  banner: string;
  /** Container style of the banner: 'good', 'attention', 'warning' or 'accent'. */
  bannerStyle: string;
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  /** false for a reminder of something not filed in Samspill (e.g. a roadmap revision). */
  hasForm: boolean;
  /** Skate §5.1: ask whether last quarter's decision was followed (only when there was a report). */
  askPreviousDecision: boolean;
  labels: Record<
    | 'status'
    | 'progress'
    | 'deviations'
    | 'result'
    | 'completionDate'
    | 'cost'
    | 'deviationText'
    | 'correctiveActions'
    | 'correctiveHint'
    | 'nextMilestones'
    | 'previousDecision'
    | 'previousDecisionNote'
    | 'previousDecisionText',
    string
  >;
  statuses: Choice[];
  answers: Choice[];
  /** Toggle values are 'true' / 'false'. */
  values: Record<ReportFormField, string>;
  /** `submissionId`: fresh per rendering, so a double click or a retry of this card files once. */
  data: { programmeId: string; scheduleId: string; periodKey: string; ideaNumber: string; submissionId: string };
  submitLabel: string;
  footer: string;
  othersHeading: string;
  others: ActionButton[];
}
