// What a turn is, for its span and its log line: the activity's kind and ids, the verb or
// command it asked for, how it ended. Never the message text or card data.
import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

export const TRACER_NAME = 'samspill';

/** Span and attribute names, one place (docs/operations.md lists the same). */
export const TURN = {
  spanPrefix: 'turn ',
  activityType: 'samspill.activity.type',
  activityName: 'samspill.activity.name',
  activityId: 'samspill.activity.id',
  conversationId: 'samspill.conversation.id',
  conversationType: 'samspill.conversation.type',
  tenantId: 'samspill.tenant.id',
  verb: 'samspill.verb',
  command: 'samspill.command',
  outcome: 'samspill.outcome',
  status: 'http.response.status_code',
} as const;

export type TurnOutcome = 'ok' | 'rejected' | 'error';

export interface TurnIds {
  type: string;
  id?: string;
  name?: string;
  conversationId: string;
  conversationType?: string;
  tenantId?: string;
  verb?: string;
  command?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Names the command a message's text asks for (undefined: none). Passed in, so tracing knows no Teams code. */
export type CommandNamer = (text: string) => string | undefined;

/** The ids of an activity the envelope check has accepted. The text is read only to name the
 * command it matches ('unknown' when none), and not kept. */
export function turnIds(activity: unknown, commandOf: CommandNamer): TurnIds {
  const a = obj(activity);
  const conversation = obj(a.conversation);
  const type = str(a.type) ?? 'unknown';
  const ids: TurnIds = { type, conversationId: str(conversation.id) ?? '' };
  const id = str(a.id);
  const name = str(a.name);
  const conversationType = str(conversation.conversationType);
  const tenantId = str(conversation.tenantId) ?? str(obj(obj(a.channelData).tenant).id);
  if (id) ids.id = id;
  if (name) ids.name = name;
  if (conversationType) ids.conversationType = conversationType;
  if (tenantId) ids.tenantId = tenantId;
  if (type === 'invoke' && name === 'adaptiveCard/action') {
    const verb = str(obj(obj(a.value).action).verb);
    if (verb) ids.verb = verb.slice(0, 64);
  }
  if (type === 'message' && typeof a.text === 'string') ids.command = commandOf(a.text) ?? 'unknown';
  return ids;
}

export const outcomeOf = (status: number): TurnOutcome => (status >= 500 ? 'error' : status >= 400 ? 'rejected' : 'ok');

function attributesOf(ids: TurnIds): Attributes {
  const attributes: Attributes = { [TURN.activityType]: ids.type, [TURN.conversationId]: ids.conversationId };
  if (ids.id) attributes[TURN.activityId] = ids.id;
  if (ids.name) attributes[TURN.activityName] = ids.name;
  if (ids.conversationType) attributes[TURN.conversationType] = ids.conversationType;
  if (ids.tenantId) attributes[TURN.tenantId] = ids.tenantId;
  if (ids.verb) attributes[TURN.verb] = ids.verb;
  if (ids.command) attributes[TURN.command] = ids.command;
  return attributes;
}

/**
 * Runs one turn inside its span ('turn message', 'turn invoke', …), a child of the HTTP request's
 * span. `run` resolves with the HTTP status the turn answered. Without telemetry the span is a
 * no-op and only `run` matters.
 */
export async function inTurnSpan(ids: TurnIds, run: () => Promise<number>): Promise<number> {
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(`${TURN.spanPrefix}${ids.type}`, { kind: SpanKind.INTERNAL, attributes: attributesOf(ids) }, async (span) => {
    try {
      const status = await run();
      const outcome = outcomeOf(status);
      span.setAttributes({ [TURN.status]: status, [TURN.outcome]: outcome });
      if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      return status;
    } catch (error) {
      span.setAttributes({ [TURN.outcome]: 'error' });
      span.setStatus({ code: SpanStatusCode.ERROR });
      if (error instanceof Error) span.recordException({ name: error.name, message: 'turn failed' });
      throw error;
    } finally {
      span.end();
    }
  });
}
