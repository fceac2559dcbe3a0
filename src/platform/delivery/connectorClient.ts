// The turn's ConnectorClient with its hidden retry policy taken out. Every request the delivery
// makes to Teams (sends, updates, roster reads, createConversation) goes through it, so each
// request is one the rate limiter granted: botbuilder's own pipeline (defaultRetryPolicy of
// @azure/core-rest-pipeline) would otherwise retry 429s, 5xx and network errors up to 3 more
// times unseen (measured with botbuilder 4.23.3; see sendToTeams.ts).

export interface RequestOptions {
  timeout?: number;
  abortSignal?: AbortSignal;
}

/** Private botbuilder internals (pinned 4.23.3); checked so a version bump fails loudly, not quietly. */
interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown[] } };
}

const RETRY_POLICY = 'defaultRetryPolicy';

/** The client's `conversations` operations, typed by the caller as the few it uses. */
export function withoutHiddenRetries<Operations>(connector: unknown): Operations {
  const pipeline = (connector as PipelineHolder | undefined)?.client?.pipeline;
  if (!pipeline || typeof (connector as { conversations?: unknown }).conversations !== 'object') {
    throw new Error('botbuilder ConnectorClient internals changed: cannot disable its retry policy');
  }
  pipeline.removePolicy({ name: RETRY_POLICY });
  return (connector as { conversations: Operations }).conversations;
}
