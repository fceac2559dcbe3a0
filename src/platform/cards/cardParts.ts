// The parts every card view is built of (a choice in a list, a button with its verb): their own
// module so the feature views and the card catalogue (views.ts), which names every view, do not
// import each other.

export interface Choice {
  title: string;
  value: string;
}

export interface ActionButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}
