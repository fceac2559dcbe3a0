// The data the samlesak cards (cards/samlesak.json, cards/samlesakMeasure.json) are bound with.
import type { ActionButton, Choice } from '../../../platform/cards/cardParts.js';
import type { Fact } from '../../measures/teams/finalTreatmentCardViews.js';

/** The quarter's combined case: every measure with the owner's view and AU's assessment, AU's
 * overall assessment, and — for those who prepare it — the overall form and the adopt button. */
export interface SamlesakView {
  banner: string;
  problemsHeading: string;
  problems: string[];
  heading: string;
  subheading: string;
  facts: Fact[];
  /** Each measure's lines joined by blank lines (one block per measure keeps the card small). */
  measures: { title: string; text: string; attention: boolean; open: ActionButton[] }[];
  emptyText: string;
  overallHeading: string;
  overall: string[];
  overallForm: {
    show: boolean;
    title: string;
    assessmentLabel: string;
    recommendationLabel: string;
    values: { assessment: string; recommendation: string };
    submitLabel: string;
  };
  adopt: ActionButton[];
  data: { programmeId: string; periodKey: string };
}

/** One measure of the samlesak, with the form of whoever may take its next step. */
export interface SamlesakMeasureView {
  banner: string;
  problemsHeading: string;
  problems: string[];
  heading: string;
  subheading: string;
  lines: string[];
  assess: {
    show: boolean;
    title: string;
    note: string;
    statusLabel: string;
    statuses: Choice[];
    assessmentLabel: string;
    recommendationLabel: string;
    reasonLabel: string;
    values: { status: string; assessment: string; recommendation: string; reason: string };
    submitLabel: string;
  };
  advice: { show: boolean; title: string; label: string; value: string; submitLabel: string };
  decide: { show: boolean; title: string; label: string; value: string; submitLabel: string };
  back: ActionButton[];
  data: { programmeId: string; periodKey: string; measureId: string };
}
