// The data each card template in cards/ is bound with. One entry per template file; the
// renderer refuses a name that has no type here.
import type { VoteLogView, VoteOutcomeView, VoteProposalView, VoteView } from '../../features/votes/teams/voteCardViews.js';
import type { ChecklistView } from '../../features/checklist/teams/checklistCardView.js';
import type { AdmissionFormView, AdmissionListView, AdmissionProposalView } from '../../features/membership/teams/admissionCardViews.js';
import type { DeviationFormView, DeviationListView, MeasureFormView } from '../../features/measures/teams/measureCardViews.js';
import type { FinalTreatmentFeedbackView, FinalTreatmentFormView, FinalTreatmentView } from '../../features/measures/teams/finalTreatmentCardViews.js';
import type { AgreementRevisionFormView, AgreementRevisionView } from '../../features/agreementRevision/teams/agreementRevisionViews.js';
import type { FeeView } from '../../features/membership/teams/feeCardView.js';
import type { RoadmapView } from '../../features/roadmap/teams/roadmapCardView.js';
import type { RoadmapRevisionView } from '../../features/roadmap/teams/roadmapRevisionCardView.js';
import type { ReportFormView } from '../../features/reporting/teams/reportCardViews.js';
import type { SamlesakMeasureView, SamlesakView } from '../../features/reporting/teams/samlesakCardViews.js';
import type { ActionButton, Choice } from './cardParts.js';

export interface WelcomeView {
  title: string;
  intro: string;
  rolesHeading: string;
  roleLines: string[];
  nextStep: string;
  helpButton: string;
  actions: ActionButton[];
}

export interface HelpView {
  title: string;
  programmes: { heading: string; roles: string[] }[];
  notice: string;
  commandsHeading: string;
  commands: { word: string; description: string }[];
  actions: ActionButton[];
}

export interface ErrorView {
  title: string;
  message: string;
  details: string[];
}

export type { ActionButton, Choice } from './cardParts.js';

export interface ChoiceView {
  heading: string;
  text: string;
  options: ActionButton[];
}

export interface IdeaFormView {
  heading: string;
  intro: string;
  problemsHeading: string;
  problems: string[];
  labels: Record<'title' | 'titleError' | 'description' | 'descriptionError' | 'party' | 'expectedBenefit' | 'links', string>;
  values: Record<'title' | 'description' | 'party' | 'expectedBenefit' | 'links', string>;
  parties: Choice[];
  programmeId: string;
  submissionId: string;
  submitLabel: string;
}

export interface IdeaDetailView {
  banner: string;
  /** 'good' for what just happened, 'attention' for a refusal shown on the card as it is now. */
  bannerStyle: 'good' | 'attention';
  programmeId: string;
  number: string;
  title: string;
  facts: { title: string; value: string }[];
  description: string;
  benefitHeading: string;
  benefit: string;
  links: string[];
  /** Qualification, lessons learned, disputes: a heading and a text each. */
  notes: { heading: string; text: string }[];
  scoreHeading: string;
  scoreLines: string[];
  historyHeading: string;
  history: { when: string; text: string }[];
  office: {
    canAssess: boolean;
    canPrioritise: boolean;
    canQualify: boolean;
    assessTitle: string;
    prioritiseTitle: string;
    qualifyTitle: string;
    criteria: { id: string; label: string; value: string }[];
    commentLabel: string;
    rankLabel: string;
    suggestedRank: number;
    qualificationLabel: string;
    recommendationLabel: string;
    saveLabel: string;
  };
  /** The office's button to put the idea's next gate to its body (empty when none). */
  propose: ActionButton[];
  /** The steps the office takes on a running project (issue 16): the project leader, disputes. */
  steps: {
    canAssignLeader: boolean;
    leaderTitle: string;
    leaderIntro: string;
    leaderLabel: string;
    leaderValue: string;
    leaderChoices: { title: string; value: string }[];
    leaderSubmit: string;
    canDispute: boolean;
    disputeTitle: string;
    disputeIntro: string;
    subjectLabel: string;
    dataOwnerLabel: string;
    decisionLabel: string;
    parties: { title: string; value: string }[];
    disputeSubmit: string;
    canAnswer: boolean;
    answerTitle: string;
    whichLabel: string;
    disputes: { title: string; value: string }[];
    partyLabel: string;
    answerLabel: string;
    answers: { title: string; value: string }[];
    answerSubmit: string;
    /** Everyone may read the project's filed status reports (DSOP §3.5). */
    reportsTitle: string;
  };
  canStop: boolean;
  stopTitle: string;
  stopHelp: string;
  lessonsLabel: string;
}

export interface IdeaListItem {
  programmeId: string;
  number: string;
  title: string;
  subtitle: string;
}

export interface IdeaListView {
  heading: string;
  subheading: string;
  chartTitle: string;
  chart: { x: string; y: number }[];
  chartFallback: string;
  facts: { title: string; value: string }[];
  sections: { heading: string; items: IdeaListItem[] }[];
  emptyText: string;
  pager: ActionButton[];
}

export interface PrioritisedListView {
  /** The confidentiality label (DSOP §6), always the first element of the card. */
  label: { nb: string; en: string };
  heading: string;
  /** The page's place in the list ("21–40 of 1,034"), or '' when it is all on one page. */
  position: string;
  items: (IdeaListItem & { rank: number })[];
  emptyText: string;
  pager: ActionButton[];
}

export interface RecordsView {
  heading: string;
  subheading: string;
  records: { title: string; lines: string[] }[];
  emptyText: string;
  /** Previous/Next, where the records are a page of a longer list. */
  pager?: ActionButton[];
}

export interface NdaFormView {
  heading: string;
  intro: string;
  labels: Record<'person' | 'covers' | 'scope' | 'handling' | 'signedOn', string>;
  people: Choice[];
  topics: Choice[];
  programmeId: string;
  submitLabel: string;
}

export interface CardViews {
  welcome: WelcomeView;
  help: HelpView;
  error: ErrorView;
  choice: ChoiceView;
  ideaForm: IdeaFormView;
  ideaDetail: IdeaDetailView;
  ideaList: IdeaListView;
  prioritisedList: PrioritisedListView;
  records: RecordsView;
  ndaForm: NdaFormView;
  vote: VoteView;
  voteOutcome: VoteOutcomeView;
  voteProposal: VoteProposalView;
  voteLog: VoteLogView;
  fee: FeeView;
  checklist: ChecklistView;
  roadmap: RoadmapView;
  roadmapRevision: RoadmapRevisionView;
  measureForm: MeasureFormView;
  deviationForm: DeviationFormView;
  deviationList: DeviationListView;
  finalTreatmentForm: FinalTreatmentFormView;
  finalTreatmentFeedback: FinalTreatmentFeedbackView;
  finalTreatment: FinalTreatmentView;
  agreementRevisionForm: AgreementRevisionFormView;
  agreementRevision: AgreementRevisionView;
  reportForm: ReportFormView;
  admissionForm: AdmissionFormView;
  admissionList: AdmissionListView;
  admissionProposal: AdmissionProposalView;
  samlesak: SamlesakView;
  samlesakMeasure: SamlesakMeasureView;
}

export type CardName = keyof CardViews;
export const cardNames: readonly CardName[] = [
  'welcome',
  'help',
  'error',
  'choice',
  'ideaForm',
  'ideaDetail',
  'ideaList',
  'prioritisedList',
  'records',
  'ndaForm',
  'vote',
  'voteOutcome',
  'voteProposal',
  'voteLog',
  'fee',
  'checklist',
  'roadmap',
  'roadmapRevision',
  'measureForm',
  'deviationForm',
  'deviationList',
  'finalTreatmentForm',
  'finalTreatmentFeedback',
  'finalTreatment',
  'agreementRevisionForm',
  'agreementRevision',
  'reportForm',
  'admissionForm',
  'admissionList',
  'admissionProposal',
  'samlesak',
  'samlesakMeasure',
];
