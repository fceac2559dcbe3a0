// The data the checklist card (cards/checklist.json) is bound with.
export interface ChecklistItemView {
  /** Input id: "item.<checklist item id>". */
  inputId: string;
  text: string;
  /** 'true' or 'false', the toggle's value. */
  value: string;
  /** ☑ or ☐ and the text, for the read-only view. */
  line: string;
  detail: string;
}

export interface ChecklistView {
  banner: string;
  /** 'good' for what was just done, 'attention' for why an old card's change was refused. */
  bannerStyle: 'good' | 'attention';
  heading: string;
  subheading: string;
  intro: string;
  progress: string;
  phaseFacts: { title: string; value: string }[];
  themeHeading: string;
  themeFacts: { title: string; value: string }[];
  sections: { heading: string; items: ChecklistItemView[] }[];
  canTick: boolean;
  readOnlyNote: string;
  saveLabel: string;
  canSend: boolean;
  sendLabel: string;
  programmeId: string;
  number: string;
  /** Items shown as done, comma-separated: the tick verb applies only what the user changed. */
  seen: string;
  requestKey: string;
}
