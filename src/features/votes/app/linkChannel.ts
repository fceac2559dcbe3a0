// `koble til <organ>` in a team channel: the programme office or the body's secretary binds
// the body to this channel, so its votes are posted here. A later link moves it.
import { err, ok, type Result } from '../../../shared/result.js';
import type { Body, Programme } from '../../../shared/programme/schema.js';
import { accessTo } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import type { BodyChannel } from './voteRepository.js';
import { channelRoot } from '../../../shared/conversationIds.js';

export { channelRoot } from '../../../shared/conversationIds.js';

export interface Linked {
  programme: Programme;
  body: Body;
  previous?: BodyChannel;
}

export async function linkChannel(
  deps: Pick<VoteDeps, 'channels' | 'conversations'>,
  ctx: RequestContext,
  target: { programmeId: string; bodyId: string },
): Promise<Result<Linked, VoteError>> {
  if (ctx.conversation.kind !== 'channel') return err({ code: 'not-in-channel' });
  const access = accessTo(ctx, target.programmeId);
  if (!access.ok) return access;
  const { programme, roles, key, actor } = access.value;
  const body = programme.bodies.find((b) => b.id === target.bodyId);
  if (!body) return err({ code: 'unknown-body', name: target.bodyId, bodies: programme.bodies.map((b) => b.id) });
  if (!roles.isOffice && body.secretary !== actor.id) return err({ code: 'may-not-link', body: body.id });
  // Votes, rosters and channel registrations live in the host tenant's partition; a channel in a
  // party's own tenant would never get the body's votes. A shared channel hosted by the host works.
  if (ctx.actor.tenantId !== programme.tenantId) return err({ code: 'channel-not-in-host', body: body.id });

  // The edge stored this turn's conversation reference before routing the command.
  const here = await deps.conversations.byId(ctx.actor.tenantId, ctx.conversation.id);
  if (!here) return err({ code: 'not-in-channel' });
  const root = channelRoot(ctx.conversation.id);
  const conversation = (here.reference.conversation ?? {}) as Record<string, unknown>;
  await deps.conversations.save({
    ...here,
    conversationId: root,
    kind: 'channel',
    reference: { ...here.reference, conversation: { ...conversation, id: root } },
    updatedAt: ctx.now,
  });
  const previous = await deps.channels.link(key, {
    bodyId: body.id,
    conversationId: root,
    language: ctx.language,
    linkedBy: actor,
    linkedAt: ctx.now,
  });
  return ok({ programme, body, ...(previous && previous.conversationId !== root ? { previous } : {}) });
}
