// The data each card template in cards/ is bound with. One entry per template file; the
// renderer refuses a name that has no type here.

export interface WelcomeView {
  title: string;
  intro: string;
  rolesHeading: string;
  roleLines: string[];
  nextStep: string;
  helpButton: string;
}

export interface HelpView {
  title: string;
  programmes: { heading: string; roles: string[] }[];
  notice: string;
  commandsHeading: string;
  commands: { word: string; description: string }[];
}

export interface ErrorView {
  title: string;
  message: string;
  details: string[];
}

export interface CardViews {
  welcome: WelcomeView;
  help: HelpView;
  error: ErrorView;
}

export type CardName = keyof CardViews;
export const cardNames: readonly CardName[] = ['welcome', 'help', 'error'];
