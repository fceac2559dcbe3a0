// The restify service: POST /api/messages into botbuilder's CloudAdapter and GET /healthz.
// What a client may cost before it is authenticated is bounded in requestLimits.ts; the body is
// read and parsed by restify's JSON parser only (no multipart, no files, no content codings), and
// checked against the activity envelope, so malformed or oversized requests get a 4xx here and
// never reach a handler. Authentication is its own step (authenticatedTurn.ts).
import restify from 'restify';
import { z } from 'zod';
import type { ActivityHandler } from 'botbuilder';
import type { HealthProbe } from '../../shared/ports.js';
import type { Logger } from 'pino';
import { inTurnSpan, outcomeOf, turnIds, type CommandNamer } from '../observability/turn.js';
import { OncePerWindow, runAuthenticatedTurn, type Authenticator } from '../channel/authenticatedTurn.js';
import type { AuthenticatedTurns } from '../channel/turnAdapter.js';
import { applyNodeTimeouts, BodyBudget, DEFAULT_HTTP_LIMITS, guardBody, type HttpLimits } from './requestLimits.js';

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/** The HTTP server as the composition and tests hold it (restify's, named here so nothing else imports restify). */
export type HttpServer = restify.Server;

export interface HttpServerOptions {
  adapter: AuthenticatedTurns;
  /** Checks the channel's token (ChannelAuthentication); unauthenticated mode accepts anyone. */
  auth: Authenticator;
  /** True when a bot app id is configured: a request without a Bearer token is refused unread. */
  requireBearer: boolean;
  bot: ActivityHandler;
  health: HealthProbe;
  /** Names a message's command for the turn's span and metrics. */
  commandOf: CommandNamer;
  maxBodyBytes: number;
  /** Overrides of the slow-client and in-flight limits (tests). */
  limits?: Partial<Omit<HttpLimits, 'maxBodyBytes'>>;
  log: Logger;
}

/** The restify server, and the switch that makes /healthz answer 503 while the service drains. */
export interface HttpService {
  server: restify.Server;
  /** From now on /healthz answers 503, so a load balancer stops sending before the server closes. */
  drain(): void;
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

export function createHttpServer({ adapter, auth, requireBearer, bot, health, commandOf, maxBodyBytes, limits: overrides, log }: HttpServerOptions): HttpService {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...overrides, maxBodyBytes };
  const server = restify.createServer({ name: 'samspill', handleUncaughtExceptions: false });
  applyNodeTimeouts(server.server, limits);
  // A socket error, a malformed request or a timeout is answered by Node itself (400, 408, 431)
  // and the socket destroyed: no 'clientError' listener, so nothing of it reaches the process.
  const budget = new BodyBudget(limits.inFlightBodyBytes);
  const outage = new OncePerWindow(60_000, () => performance.now());
  let draining = false;

  const refused = guardBody({
    limits,
    budget,
    requireBearer,
    onRefused: ({ status }) => log.info({ status }, 'turn rejected before reading the body'),
  });
  // restify's typings omit it, but jsonBodyParser hands its options to its bodyReader.
  const readJson = restify.plugins.jsonBodyParser({ maxBodySize: maxBodyBytes, mapParams: false } as restify.plugins.JsonBodyParserOptions);

  server.post('/api/messages', refused, ...readJson, async (req, res) => {
    const started = performance.now();
    if (res.headersSent) return; // refused while its body was still arriving
    if (!activityEnvelope.safeParse(req.body).success) {
      res.send(400, { error: 'expected a JSON Bot Framework activity (type, serviceUrl, conversation.id)' });
      log.info({ status: 400, durationMs: elapsed(started) }, 'turn rejected: not an activity');
      return;
    }
    const ids = turnIds(req.body, commandOf);
    const status = await inTurnSpan(ids, async () => {
      const answer = await runAuthenticatedTurn({ auth, adapter, bot, log, outage }, req.body, String(req.headers.authorization ?? ''));
      if (answer.status === 503) res.setHeader('Retry-After', '5');
      if (!res.headersSent) res.send(answer.status, answer.body);
      return answer.status;
    });
    // One line per turn: ids and how it ended, never the text or card data.
    log.info({ status, durationMs: elapsed(started), outcome: outcomeOf(status), activity: ids }, 'turn');
  });

  // Clients (the Agents Playground among them) probe the endpoint with HEAD before posting.
  server.head('/api/messages', async (_req, res) => {
    res.send(200);
  });

  server.get('/healthz', async (_req, res) => {
    if (draining) {
      res.send(503, { status: 'draining' });
      return;
    }
    const storage = await health.healthy();
    res.send(storage ? 200 : 503, { status: storage ? 'ok' : 'unavailable', storage: storage ? 'ok' : 'unreachable' });
  });

  server.on('restifyError', (req, _res, error, callback) => {
    log.warn({ method: req.method, url: req.url, status: (error as { statusCode?: number }).statusCode }, 'request rejected');
    callback();
  });
  return { server, drain: () => (draining = true) };
}
