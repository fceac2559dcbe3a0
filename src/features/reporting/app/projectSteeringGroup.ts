// DSOP §3.5: «Dersom det er etablert egen styringsgruppe for prosjektet …» the project leader
// reports to it; otherwise «til programkontoret». The office records the project's own steering
// group by linking its channel (`koble til prosjekt <nr>` in that channel): the idea is flagged
// and the channel is registered like a body's, so the disclosure guard knows it belongs to the
// programme.
import { markOwnSteeringGroup } from '../../ideas/domain/ownSteeringGroup.js';
import { err, type Result } from '../../../shared/result.js';
import type { Idea } from '../../ideas/domain/idea.js';
import { officeAccess } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ConversationStore } from '../../../shared/ports.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { channelRoot } from '../../votes/app/linkChannel.js';
import type { BodyChannelRepository } from '../../votes/app/voteRepository.js';

/** The channel row of a project's own steering group, kept next to the bodies' channels. */
export const projectSteeringGroupId = (ideaNumber: string): string => `prosjekt-${ideaNumber.toLowerCase()}`;

export type ProjectLinkError = IdeaUseCaseError | { code: 'not-in-channel' };

export async function linkProjectSteeringGroup(
  deps: { ideas: IdeaRepository; channels: BodyChannelRepository; conversations: Pick<ConversationStore, 'byId' | 'save'> },
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
): Promise<Result<Idea, ProjectLinkError>> {
  if (ctx.conversation.kind !== 'channel') return err({ code: 'not-in-channel' });
  const access = officeAccess(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { key, actor } = access.value;
  const here = await deps.conversations.byId(ctx.actor.tenantId, ctx.conversation.id);
  if (!here) return err({ code: 'not-in-channel' });
  const flagged = await deps.ideas.apply(key, ref.number, (idea) => markOwnSteeringGroup(access.value.programme, idea, { by: actor, at: ctx.now }));
  if (!flagged.ok) return flagged;
  // Reports go to the channel itself, as new posts (as votes do).
  const root = channelRoot(ctx.conversation.id);
  const conversation = (here.reference.conversation ?? {}) as Record<string, unknown>;
  await deps.conversations.save({ ...here, conversationId: root, kind: 'channel', reference: { ...here.reference, conversation: { ...conversation, id: root } }, updatedAt: ctx.now });
  await deps.channels.link(key, { bodyId: projectSteeringGroupId(ref.number), conversationId: root, language: ctx.language, linkedBy: actor, linkedAt: ctx.now });
  return flagged;
}
