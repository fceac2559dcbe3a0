// The data the roadmap card (cards/roadmap.json) is bound with.
import type { ActionButton } from '../../../platform/cards/cardParts.js';

export interface RoadmapItemView {
  /** "DSOP-2026-001 Title". */
  title: string;
  /** Period, phase and the note (shortened). */
  detail: string;
}

export interface RoadmapView {
  banner: string;
  heading: string;
  subheading: string;
  rule: string;
  groups: { heading: string; items: RoadmapItemView[] }[];
  missingHeading: string;
  missing: RoadmapItemView[];
  /** Changes not in force yet (where a body decides them): put to the vote, then pending. */
  changesHeading: string;
  changes: RoadmapItemView[];
  /** "… and n more" ('' for none). */
  changesMore: string;
  emptyText: string;
  canEdit: boolean;
  form: {
    title: string;
    ideaLabel: string;
    ideaPlaceholder: string;
    startLabel: string;
    endLabel: string;
    quarters: { title: string; value: string }[];
    start: string;
    end: string;
    noteLabel: string;
    submitLabel: string;
  };
  logLabel: string;
  /** The button to the revision card (empty where no body decides roadmap changes). */
  revision: ActionButton[];
  programmeId: string;
  pager: ActionButton[];
}
