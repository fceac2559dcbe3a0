// The data the fee card (cards/fee.json) is bound with: the year's table, if calculated, and
// the form of inhabitant counts.
export interface FeeRowView {
  name: string;
  inhabitants: string;
  fixed: string;
  variable: string;
  total: string;
}

export interface FeeView {
  heading: string;
  rule: string;
  basis: string;
  notes: string[];
  banner: string;
  problemsHeading: string;
  problems: string[];
  hasTable: boolean;
  tableHeading: string;
  columns: FeeRowView;
  rows: FeeRowView[];
  total: FeeRowView;
  computed: string;
  formHeading: string;
  formIntro: string;
  inputs: { id: string; label: string; value: string }[];
  programmeId: string;
  year: number;
  submitLabel: string;
}
