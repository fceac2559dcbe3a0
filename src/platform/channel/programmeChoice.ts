// Which programme a command is about: the one named in the command, the only one the user is
// in, or a card asking them to pick.
import type { RequestContext } from '../../shared/requestContext.js';
import { translate } from '../i18n/messages.js';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { normaliseCommandText } from '../routing/normaliseText.js';
import { cardReply, textReply, type Reply } from './reply.js';

export type ProgrammeChoice = { programmeId: string } | { reply: Reply };

export function chooseProgramme(ctx: RequestContext, args: string, verb: string, cards: CardRenderer): ProgrammeChoice {
  const candidates = ctx.memberships.map((m) => m.programme);
  if (candidates.length === 0) return { reply: textReply(translate(ctx.language, 'help.noProgramme')) };
  const wanted = normaliseCommandText(args);
  const named = wanted
    ? candidates.find((p) => normaliseCommandText(p.id) === wanted || normaliseCommandText(p.name) === wanted)
    : undefined;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  const chosen = named ?? only;
  if (chosen) return { programmeId: chosen.id };
  return {
    reply: cardReply(
      cards.render('choice', {
        heading: translate(ctx.language, 'idea.pickProgramme'),
        text: '',
        options: candidates.map((p) => ({ title: p.name, verb, data: { programmeId: p.id } })),
      }, []),
    ),
  };
}
