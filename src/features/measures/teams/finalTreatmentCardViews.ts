// The data the final-treatment cards (cards/finalTreatmentForm.json, finalTreatmentFeedback.json,
// finalTreatment.json) are bound with.
import type { ActionButton, Choice } from '../../../platform/cards/cardParts.js';

export interface Fact {
  title: string;
  value: string;
}

/** The office's form that opens the written feedback round. */
export interface FinalTreatmentFormView {
  heading: string;
  intro: string;
  asked: string;
  problemsHeading: string;
  problems: string[];
  hasMeasures: boolean;
  emptyText: string;
  labels: Record<'measure' | 'part' | 'request' | 'deadline', string>;
  values: Record<'measureId' | 'part' | 'request' | 'deadline', string>;
  measures: Choice[];
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

/** The card an organisation's Skate members get (and get again as a reminder). */
export interface FinalTreatmentFeedbackView {
  banner: string;
  problemsHeading: string;
  problems: string[];
  heading: string;
  intro: string;
  facts: Fact[];
  requestHeading: string;
  request: string;
  /** The organisation's current answer, described; '' when it has not answered. */
  current: string;
  canAnswer: boolean;
  closedText: string;
  label: string;
  value: string;
  submitLabel: string;
  showLabel: string;
  /** The card is the written feedback round's answer card, shared by every round (Skate's final
   * treatment, Digi Rogaland's hearing on the agreement): the verbs it sends and their data. */
  submitVerb: string;
  showVerb: string;
  actionData: Record<string, string>;
}

/** The case: status, every organisation's answer, the recommendation, the decision, the history,
 * and the forms of whoever may take the next step. */
export interface FinalTreatmentView {
  banner: string;
  problemsHeading: string;
  problems: string[];
  heading: string;
  subheading: string;
  facts: Fact[];
  requestHeading: string;
  request: string;
  organisationsHeading: string;
  organisations: { name: string; status: string; text: string; answered: boolean }[];
  recommendationHeading: string;
  recommendation: string[];
  decisionHeading: string;
  decision: string[];
  historyHeading: string;
  history: { when: string; text: string }[];
  /** The "give feedback" button for a person of an asked organisation (empty otherwise). */
  feedbackButton: ActionButton[];
  recommend: {
    show: boolean;
    /** Why the office cannot record it yet ('' when it can or is not the office). */
    note: string;
    title: string;
    intro: string;
    verdictLabel: string;
    verdicts: Choice[];
    consensusLabel: string;
    textLabel: string;
    auLabel: string;
    values: { verdict: string; consensus: string; text: string; auTreatment: string };
    submitLabel: string;
  };
  decide: {
    show: boolean;
    title: string;
    intro: string;
    verdictLabel: string;
    verdicts: Choice[];
    textLabel: string;
    values: { verdict: string; text: string };
    submitLabel: string;
  };
  deadline: { show: boolean; title: string; label: string; value: string; submitLabel: string };
  cancel: { show: boolean; title: string; label: string; value: string; submitLabel: string };
  programmeId: string;
  treatmentId: string;
}
