// View models of the admission cards (cards/admission*.json). views.ts lists them with the
// other cards.

export interface AdmissionFormView {
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  labels: {
    organisation: string;
    partyId: string;
    representative: string;
    representativeId: string;
    tenantIds: string;
    link: string;
    met: string;
    note: string;
  };
  values: { organisation: string; partyId: string; representative: string; representativeId: string; tenantIds: string; link: string };
  /** One per criterion of the programme: its text, and what the form last held for it. */
  criteria: { id: string; name: string; met: 'true' | 'false'; note: string }[];
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

export interface AdmissionListView {
  banner: string;
  /** 'good' for what was just done, 'attention' for why an old card's action was refused. */
  bannerStyle: 'good' | 'attention';
  heading: string;
  emptyText: string;
  /** "… and n older applications" when the card shows only the newest. */
  olderText: string;
  applications: {
    line: string;
    details: string[];
    canPropose: boolean;
    proposeTitle: string;
    applicationId: string;
  }[];
  admittedHeading: string;
  admitted: string[];
  canFile: boolean;
  newTitle: string;
  programmeId: string;
}

export interface AdmissionProposalView {
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  criteriaHeading: string;
  criteria: string[];
  warning: string;
  deadlineDateLabel: string;
  deadlineDate: string;
  deadlineTimeLabel: string;
  deadlineTime: string;
  /** Shown when some criteria are not met: the office must say why it goes to the vote. */
  needsReason: boolean;
  reasonLabel: string;
  reason: string;
  submitLabel: string;
  programmeId: string;
  applicationId: string;
  submissionId: string;
}
