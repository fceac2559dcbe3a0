// The turn's ConnectorClient with its hidden retry policy taken out. Every request the delivery
// makes to Teams (sends, updates, roster reads, createConversation) goes through it, so each
// request is one the rate limiter granted: botbuilder's own pipeline (defaultRetryPolicy of
// @azure/core-rest-pipeline) would otherwise retry 429s, 5xx and network errors up to 3 more
// times unseen (measured with botbuilder 4.23.3; see sendToTeams.ts).
import type { Activity, ConversationParameters } from 'botbuilder';

export interface RequestOptions {
  timeout?: number;
  abortSignal?: AbortSignal;
}

export interface ConnectorOperations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
  createConversation(parameters: ConversationParameters, options?: RequestOptions): Promise<{ id?: string; serviceUrl?: string }>;
}

/** Private botbuilder internals (pinned 4.23.3); checked so a version bump fails loudly, not quietly. */
interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown[] } };
}

const RETRY_POLICY = 'defaultRetryPolicy';

export function withoutHiddenRetries(connector: unknown): ConnectorOperations {
  const pipeline = (connector as PipelineHolder | undefined)?.client?.pipeline;
  if (!pipeline || typeof (connector as { conversations?: unknown }).conversations !== 'object') {
    throw new Error('botbuilder ConnectorClient internals changed: cannot disable its retry policy');
  }
  pipeline.removePolicy({ name: RETRY_POLICY });
  return (connector as { conversations: ConnectorOperations }).conversations;
}
