// Matches a message to a command from the catalogue (longest word first) and runs its
// handler. Unknown text gets a short hint, never silence.
import type { RequestContext } from '../../shared/requestContext.js';
import { translate } from '../i18n/messages.js';
import { textReply, type Reply } from '../channel/reply.js';
import { commandCatalogue, type CommandName } from './catalogue.js';
import { normaliseCommandText } from './normaliseText.js';

export type CommandHandler = (ctx: RequestContext, args: string) => Promise<Reply>;
export type CommandHandlers = Record<CommandName, CommandHandler>;

interface WordEntry {
  word: string;
  command: CommandName;
}

const entries: WordEntry[] = Object.entries(commandCatalogue)
  .flatMap(([command, def]) =>
    [...def.words.nb, ...def.words.en].map((w) => ({ word: normaliseCommandText(w), command: command as CommandName })),
  )
  .sort((a, b) => b.word.length - a.word.length);

export function matchCommand(text: string): { command: CommandName; args: string } | undefined {
  const normalised = normaliseCommandText(text);
  for (const { word, command } of entries) {
    if (normalised === word) return { command, args: '' };
    if (normalised.startsWith(`${word} `)) return { command, args: normalised.slice(word.length + 1) };
  }
  return undefined;
}

export class CommandRouter {
  constructor(private readonly handlers: CommandHandlers) {}

  async route(ctx: RequestContext, text: string): Promise<Reply> {
    const match = matchCommand(text);
    if (!match) {
      const shown = normaliseCommandText(text).slice(0, 60);
      return textReply(translate(ctx.language, 'hint.unknownCommand', { text: shown }));
    }
    return this.handlers[match.command](ctx, match.args);
  }
}
