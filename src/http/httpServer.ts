// The restify service: POST /api/messages into botbuilder's CloudAdapter and GET /healthz.
// Bodies are size-limited and parsed before the adapter sees them, so malformed or oversized
// requests get a 4xx from here and never reach a handler.
import restify from 'restify';
import { z } from 'zod';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { HealthProbe } from '../app/ports.js';
import type { Logger } from 'pino';
import { inTurnSpan, outcomeOf, turnIds } from '../observability/turn.js';

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

export interface HttpServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  health: HealthProbe;
  maxBodyBytes: number;
  log: Logger;
}

/** Who an activity is from or to: strings where the bot reads them, when present. */
const account = z.looseObject({ id: z.string().nullish(), aadObjectId: z.string().nullish(), name: z.string().nullish() }).nullish();

/** The least an activity must carry before the adapter may see it, and the types of the fields
 * the bot reads (a field of the wrong type would otherwise fail inside the turn). */
const activityEnvelope = z
  .looseObject({
    type: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversation: z.looseObject({
      id: z.string().min(1).max(1024),
      tenantId: z.string().nullish(),
      conversationType: z.string().nullish(),
    }),
    from: account,
    recipient: account,
    text: z.string().nullish(),
    locale: z.string().nullish(),
    name: z.string().nullish(),
    membersAdded: z.array(z.looseObject({ id: z.string() })).nullish(),
    membersRemoved: z.array(z.looseObject({ id: z.string() })).nullish(),
  })
  .refine(
    (a) =>
      a.type !== 'invoke' ||
      a.name !== 'adaptiveCard/action' ||
      z.looseObject({ action: z.looseObject({ type: z.string(), verb: z.string() }) }).safeParse(a.value).success,
    'an adaptiveCard/action invoke needs value.action with a type and a verb',
  );

export function createHttpServer({ adapter, bot, health, maxBodyBytes, log }: HttpServerOptions): restify.Server {
  const server = restify.createServer({ name: 'samspill', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req, res) => {
    const started = performance.now();
    if (!activityEnvelope.safeParse(req.body).success) {
      res.send(400, { error: 'expected a JSON Bot Framework activity (type, serviceUrl, conversation.id)' });
      log.info({ status: 400, durationMs: elapsed(started) }, 'turn rejected: not an activity');
      return;
    }
    const ids = turnIds(req.body);
    const status = await inTurnSpan(ids, async () => {
      try {
        await adapter.process(req, res, (turn) => bot.run(turn));
      } catch (error) {
        // The adapter answers auth and activity errors itself; anything else is ours.
        log.error({ err: error }, 'activity processing failed');
        if (!res.headersSent) res.send(500, { error: 'internal error' });
      }
      return res.statusCode;
    });
    // One line per turn: ids and how it ended, never the text or card data.
    log.info({ status, durationMs: elapsed(started), outcome: outcomeOf(status), activity: ids }, 'turn');
  });

  // Clients (the Agents Playground among them) probe the endpoint with HEAD before posting.
  server.head('/api/messages', async (_req, res) => {
    res.send(200);
  });

  server.get('/healthz', async (_req, res) => {
    const storage = await health.healthy();
    res.send(storage ? 200 : 503, { status: storage ? 'ok' : 'unavailable', storage: storage ? 'ok' : 'unreachable' });
  });

  server.on('restifyError', (req, _res, error, callback) => {
    log.warn({ method: req.method, url: req.url, status: (error as { statusCode?: number }).statusCode }, 'request rejected');
    callback();
  });
  return server;
}
