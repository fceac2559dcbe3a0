// Reads who, where and which language from a Teams activity, once per turn.
import type { TurnContext } from 'botbuilder';
import type { ConversationKind } from '../../shared/ports.js';
import type { ProgrammeDirectory } from '../../shared/programmeDirectory.js';
import type { RequestContext } from '../../shared/requestContext.js';
import { languageOf } from '../../shared/language.js';

export function tenantOf(turn: TurnContext): string {
  const activity = turn.activity;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return activity.conversation?.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : '');
}

export function conversationKindOf(turn: TurnContext): ConversationKind {
  const type = turn.activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

export function contextFromTurn(turn: TurnContext, directory: ProgrammeDirectory, now: number): RequestContext {
  const { activity } = turn;
  const tenantId = tenantOf(turn);
  const aadObjectId = activity.from?.aadObjectId ?? '';
  return {
    language: languageOf(activity.locale),
    actor: { tenantId, aadObjectId, name: activity.from?.name ?? '' },
    conversation: { id: activity.conversation?.id ?? '', kind: conversationKindOf(turn) },
    tenantProgrammes: directory.servedTo(tenantId),
    memberships: directory.membershipsOf(tenantId, aadObjectId),
    now,
  };
}
