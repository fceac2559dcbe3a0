// What the internet may cost Samspill before a request is authenticated. Bot Framework sends one
// thing: a JSON activity of a few kilobytes, with a Content-Length, no content coding, and a
// Bearer token. Anything else is refused from its headers, before a byte of the body is read:
// a content coding (a gzip bomb, a broken gzip stream) gets 415, multipart and other types 415
// (nothing is ever written to disk), a declared length over the limit 413, a missing token 401.
// What is read is bounded three ways: per request by the body limit, in total by the in-flight
// budget (so many slow bodies at once cannot fill the heap), and in time by Node's own header,
// request and keep-alive timeouts. The body itself is read and parsed by restify's jsonBodyParser.
import type { Server as NodeServer } from 'node:http';
import type { Next, Request, Response } from 'restify';

export interface HttpLimits {
  /** Largest accepted body, in bytes (the request's own bytes: no content coding is accepted). */
  maxBodyBytes: number;
  /** Bytes of bodies being received at once, across all connections; more waits for 503 + Retry-After. */
  inFlightBodyBytes: number;
  /** The headers must have arrived this long after the connection's request began. */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must have arrived this long after it began. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past their timeouts (its default, 30 s, lets them linger). */
  timeoutCheckIntervalMs: number;
  /** Open connections at most; more are refused by Node (each one costs a socket and a file). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: Omit<HttpLimits, 'maxBodyBytes'> = {
  inFlightBodyBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 2_048,
};

/** Node's own settings for slow clients; set before `listen` (the check interval is read then). */
export function applyNodeTimeouts(server: NodeServer, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  (server as NodeServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval = limits.timeoutCheckIntervalMs;
}

/** Why a request was refused from its headers: the status and a short reason for the client. */
export interface Refusal {
  status: 401 | 411 | 413 | 415 | 503;
  reason: string;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The header checks, pure: what Bot Framework never sends is refused before the body is read. */
export function refusalFor(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  limits: Pick<HttpLimits, 'maxBodyBytes'>,
  requireBearer: boolean,
): Refusal | undefined {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && String(encoding).trim().toLowerCase() !== 'identity') {
    return { status: 415, reason: 'content codings are not accepted; send the activity as plain application/json' };
  }
  const type = headers['content-type'];
  if (typeof type !== 'string' || !JSON_TYPE.test(type)) return { status: 415, reason: 'expected Content-Type: application/json' };
  const length = headers['content-length'];
  if (length !== undefined) {
    const declared = Number(length);
    if (!Number.isSafeInteger(declared) || declared < 0) return { status: 411, reason: 'Content-Length is not a number' };
    if (declared > limits.maxBodyBytes) return { status: 413, reason: `the body exceeds ${limits.maxBodyBytes} bytes` };
  }
  if (requireBearer && !/^Bearer\s+\S/i.test(String(headers.authorization ?? ''))) return { status: 401, reason: 'unauthorized' };
  return undefined;
}

/** Bytes reserved for bodies being received now. One per server; a request holds its share until it ends. */
export class BodyBudget {
  private used = 0;
  constructor(private readonly total: number) {}

  /** Reserves `bytes`; false when the budget has no room (the caller answers 503). */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.total) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

/** Answers and closes the connection: the client's unread body is not read. */
function refuse(res: Response, refusal: Refusal): void {
  res.setHeader('Connection', 'close');
  if (refusal.status === 503) res.setHeader('Retry-After', '1');
  if (refusal.status === 415) res.setHeader('Accept-Encoding', 'identity');
  res.send(refusal.status, { error: refusal.reason });
}

export interface GuardedBodyOptions {
  limits: Pick<HttpLimits, 'maxBodyBytes'>;
  budget: BodyBudget;
  requireBearer: boolean;
  onRefused(refusal: Refusal): void;
}

/**
 * The first handler of POST /api/messages: refuses from the headers, reserves the body's bytes in
 * the budget, and stops a body without a declared length (chunked) the moment it passes the limit.
 */
export function guardBody({ limits, budget, requireBearer, onRefused }: GuardedBodyOptions) {
  return (req: Request, res: Response, next: Next): void => {
    const refusal = refusalFor(req.headers, limits, requireBearer);
    // restify's body reader refuses any coding it does not unzip, 'identity' (no coding) included.
    if (!refusal && req.headers['content-encoding'] !== undefined) delete req.headers['content-encoding'];
    if (refusal) {
      onRefused(refusal);
      refuse(res, refusal);
      return next(false);
    }
    const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
    const reserved = declared ?? limits.maxBodyBytes;
    if (!budget.reserve(reserved)) {
      const busy: Refusal = { status: 503, reason: 'too many requests in progress; retry shortly' };
      onRefused(busy);
      refuse(res, busy);
      return next(false);
    }
    res.once('close', () => budget.release(reserved));
    if (declared === undefined) {
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBodyBytes && !res.headersSent) {
          const tooLarge: Refusal = { status: 413, reason: `the body exceeds ${limits.maxBodyBytes} bytes` };
          onRefused(tooLarge);
          refuse(res, tooLarge);
          req.destroy();
        }
      });
    }
    return next();
  };
}
