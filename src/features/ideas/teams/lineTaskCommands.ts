// `linjeoppgave <nr>` / `line task <no>` (the Director of Difi, or the office on the director's
// behalf): the measure is Difi's line task and leaves the programme's follow-up (Skate seed 004
// §2.2 «Difis direktør avgjør hvilke tiltak som er Difis linjeoppgaver og hvilke som skal følges
// opp gjennom Skate og AU»). Text reply in the reader's language; the number is checked with zod.
import { z } from 'zod';
import type { IdeaRepository } from '../app/ideaRepository.js';
import { recordLineTask } from '../app/lineTask.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { parseIdeaNumber } from '../domain/ideaNumber.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { textReply } from '../../../platform/channel/reply.js';
import { ideaErrorText, lineTaskWho } from './ideaText.js';

const lineTaskArgs = z.object({ number: z.string().trim().toUpperCase().min(1).max(40) });

const programmeOf = (ctx: RequestContext, number: string) => {
  const prefix = parseIdeaNumber(number)?.prefix;
  return ctx.memberships.find((m) => m.programme.ideaPrefix === prefix)?.programme;
};

export function lineTaskCommands(ideas: IdeaRepository) {
  const lineTask: CommandHandler = async (ctx, args) => {
    const parsed = lineTaskArgs.safeParse({ number: args.trim().split(/\s+/)[0] ?? '' });
    const programme = parsed.success ? programmeOf(ctx, parsed.data.number) : undefined;
    if (!parsed.success || !programme) return textReply(translate(ctx.language, 'lineTask.usage'));
    const result = await recordLineTask(ideas, ctx, { programmeId: programme.id, number: parsed.data.number });
    if (!result.ok) return textReply(ideaErrorText(result.error, ctx.language));
    const idea = result.value;
    const decision = idea.lineTask!;
    return textReply(
      translate(ctx.language, 'lineTask.recorded', { who: lineTaskWho(programme, decision.by.name, decision.onBehalf, ctx.language), number: idea.number, title: idea.title }),
    );
  };
  return { lineTask } satisfies Record<string, CommandHandler>;
}
