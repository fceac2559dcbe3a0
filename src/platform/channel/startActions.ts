// The buttons on the welcome and help cards: register an idea in each programme one is in.
import type { RequestContext } from '../../shared/requestContext.js';
import { translate } from '../i18n/messages.js';
import type { ActionButton } from '../cards/views.js';

export function startActions(ctx: RequestContext): ActionButton[] {
  if (ctx.conversation.kind !== 'personal') return [];
  const several = ctx.memberships.length > 1;
  return ctx.memberships.map(({ programme }) => ({
    title: several ? `${translate(ctx.language, 'idea.form.submit')} (${programme.name})` : translate(ctx.language, 'idea.form.submit'),
    verb: 'idea.form',
    data: { programmeId: programme.id },
  }));
}
