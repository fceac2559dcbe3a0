// The help card lists what this person can do given their roles in the tenant's programmes.
import type { RequestContext } from '../../app/requestContext.js';
import { pick } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import { roleLines } from '../rolesText.js';
import { startActions } from '../startActions.js';
import { commandCatalogue, type Audience } from './catalogue.js';

function audiencesOf(ctx: RequestContext): Set<Audience> {
  const audiences = new Set<Audience>(['everyone']);
  if (ctx.memberships.length > 0) audiences.add('member');
  if (ctx.memberships.some((m) => m.isOffice)) audiences.add('office');
  if (ctx.memberships.some((m) => m.bodies.length > 0)) audiences.add('body');
  return audiences;
}

export function helpCard(ctx: RequestContext, cards: CardRenderer): AdaptiveCard {
  const { language } = ctx;
  const audiences = audiencesOf(ctx);
  const commands = Object.values(commandCatalogue)
    .filter((def) => audiences.has(def.audience))
    .map((def) => ({ word: def.words[language][0] ?? '', description: pick(def.description, language) }));
  return cards.render('help', {
    title: translate(language, 'help.title'),
    programmes: ctx.memberships.map((roles) => ({
      heading: translate(language, 'help.rolesIn', { programme: roles.programme.name }),
      roles: roleLines(roles, language),
    })),
    notice: ctx.memberships.length === 0 ? translate(language, 'help.noProgramme') : '',
    commandsHeading: translate(language, 'help.commands'),
    commands,
    actions: startActions(ctx),
  }, []);
}
