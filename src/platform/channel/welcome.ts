import type { RequestContext } from '../../shared/requestContext.js';
import { translate } from '../i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import { roleLines } from './rolesText.js';
import { startActions } from './startActions.js';

/** The card sent when the app is installed: what Samspill is and who you are in it. */
export function welcomeCard(ctx: RequestContext, cards: CardRenderer): AdaptiveCard {
  const { language } = ctx;
  const personal = ctx.conversation.kind === 'personal';
  return cards.render('welcome', {
    title: translate(language, 'welcome.title'),
    intro: translate(language, personal ? 'welcome.intro' : 'welcome.teamIntro'),
    rolesHeading: ctx.memberships.map((m) => translate(language, 'help.rolesIn', { programme: m.programme.name })).join(', '),
    roleLines: personal ? ctx.memberships.flatMap((m) => roleLines(m, language)) : [],
    nextStep: translate(language, 'welcome.nextStep'),
    helpButton: translate(language, 'help.title'),
    actions: startActions(ctx),
  }, []);
}
