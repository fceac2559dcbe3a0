// The data the measure and deviation cards (cards/measureForm.json, deviationForm.json,
// deviationList.json) are bound with.
import type { ActionButton, Choice } from '../../../platform/cards/cardParts.js';

export interface MeasureFormView {
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  labels: Record<'title' | 'description' | 'owners' | 'parties', string>;
  values: Record<'title' | 'description' | 'owners' | 'parties', string>;
  people: Choice[];
  parties: Choice[];
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

export interface DeviationFormView {
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  hasMeasures: boolean;
  emptyText: string;
  labels: Record<'measure' | 'what' | 'impact' | 'proposal', string>;
  values: Record<'measureId' | 'what' | 'impact' | 'proposal', string>;
  measures: Choice[];
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

export interface DeviationListView {
  banner: string;
  heading: string;
  subheading: string;
  groups: { heading: string; items: { id: string; title: string; lines: string[]; canClose: boolean }[] }[];
  emptyText: string;
  closeLabel: string;
  resolutionLabel: string;
  programmeId: string;
  pager: ActionButton[];
}
