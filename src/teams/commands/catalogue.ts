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
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof commandCatalogue;
