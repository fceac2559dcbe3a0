// Every text command the bot understands, with its words in Bokmål and English. The command
// router matches these words; the Teams manifest's command lists are checked against them.
import type { LocalisedText } from '../../domain/programme/schema.js';

export type Scope = 'personal' | 'team' | 'groupChat';

/** Who the help card offers a command to (the handler still checks roles itself). */
export type Audience = 'everyone' | 'member' | 'office' | 'body';

export interface CommandDefinition {
  /** Words that start the command, per language; matched case- and accent-insensitively. */
  words: { nb: readonly string[]; en: readonly string[] };
  /** One line for the help card and the Teams command menu. */
  description: LocalisedText;
  scopes: readonly Scope[];
  audience: Audience;
}

const everywhere: readonly Scope[] = ['personal', 'team', 'groupChat'];

export const commandCatalogue = {
  help: {
    words: { nb: ['hjelp'], en: ['help'] },
    description: { nb: 'Vis hva du kan gjøre', en: 'Show what you can do' },
    scopes: everywhere,
    audience: 'everyone',
  },
  newIdea: {
    words: { nb: ['ny idé', 'ny ide'], en: ['new idea'] },
    description: { nb: 'Meld inn en ny idé', en: 'Register a new idea' },
    scopes: ['personal'],
    audience: 'member',
  },
  myIdeas: {
    words: { nb: ['mine idéer', 'mine ideer'], en: ['my ideas'] },
    description: { nb: 'Idéene du har meldt inn, med status og fase', en: 'The ideas you submitted, with state and phase' },
    scopes: ['personal'],
    audience: 'member',
  },
  showIdea: {
    words: { nb: ['idé', 'ide'], en: ['idea'] },
    description: { nb: 'Vis én idé med historikk, f.eks. «idé DSOP-2026-001»', en: 'Show one idea with its history, e.g. "idea DSOP-2026-001"' },
    scopes: ['personal'],
    audience: 'member',
  },
  portfolio: {
    words: { nb: ['portefølje', 'portefolje'], en: ['portfolio'] },
    description: { nb: 'Programmets idéer og prosjekter per fase', en: "The programme's ideas and projects by phase" },
    scopes: ['personal'],
    audience: 'member',
  },
  ranking: {
    words: { nb: ['vurdering', 'rangering'], en: ['ranking'] },
    description: { nb: 'Registrerte idéer rangert etter vektet poengsum', en: 'Registered ideas ranked by weighted score' },
    scopes: ['personal'],
    audience: 'office',
  },
  prioritisedList: {
    words: { nb: ['prioritert liste'], en: ['prioritised list', 'prioritized list'] },
    description: { nb: 'Den prioriterte listen, med merknaden om hva den ikke er', en: 'The prioritised list, with its caveat label' },
    scopes: ['personal', 'team', 'groupChat'],
    audience: 'member',
  },
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof commandCatalogue;
