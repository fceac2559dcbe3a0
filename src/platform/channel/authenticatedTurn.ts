// Runs one activity through the adapter with authentication as its own step, so each way it can
// end gets its own answer: a token the channel did not sign is the caller's fault (401); the
// sign-in metadata or keys being unreachable is ours and temporary (503, no internal detail, one
// log line per outage rather than a stack per request); a failure inside the turn is 500. This
// replaces CloudAdapter.process, which answers 500 with the error's message for an unreachable
// metadata endpoint and writes every refused token to console.error.
import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';
import type { AuthenticatedTurns } from './turnAdapter.js';

export interface Authenticator {
  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult>;
}

export interface TurnAnswer {
  status: number;
  body?: unknown;
}

/** Logs a recurring failure once per window, with how many were suppressed since. */
export class OncePerWindow {
  private last = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Calls `write` with the count suppressed since the last write, or counts this one. */
  maybe(write: (suppressed: number) => void): void {
    const now = this.now();
    if (now - this.last < this.windowMs) {
      this.suppressed++;
      return;
    }
    this.last = now;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    write(suppressed);
  }
}

/** botbuilder's own conversion of the wire timestamps (CloudAdapter.process does the same). */
function withDates(body: Record<string, unknown>): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      body[raw] = value;
      body[field] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

export interface AuthenticatedTurnDeps {
  auth: Authenticator;
  adapter: AuthenticatedTurns;
  bot: Pick<ActivityHandler, 'run'>;
  log: Pick<Logger, 'warn' | 'error'>;
  /** One log line per auth outage window. */
  outage: OncePerWindow;
}

export async function runAuthenticatedTurn(deps: AuthenticatedTurnDeps, body: Record<string, unknown>, authHeader: string): Promise<TurnAnswer> {
  const activity = withDates(body);
  let authenticated: AuthenticateRequestResult;
  try {
    authenticated = await deps.auth.authenticateRequest(activity, authHeader);
  } catch (error) {
    // botframework-connector marks its own failure to load the metadata or keys with a 5xx status.
    if (error instanceof AuthenticationError && (error.statusCode ?? 401) < 500) return { status: 401, body: { error: 'unauthorized' } };
    // Not the token: the OpenID metadata, the signing keys or the network to them.
    deps.outage.maybe((suppressed) =>
      deps.log.error(
        { reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error), suppressedSinceLast: suppressed },
        'authentication unavailable: cannot check Bot Framework tokens; answering 503',
      ),
    );
    return { status: 503, body: { error: 'authentication is temporarily unavailable; retry later' } };
  }
  try {
    const invoke = await deps.adapter.processAuthenticated(authenticated, activity, (turn) => deps.bot.run(turn));
    return { status: invoke?.status ?? 200, ...(invoke?.body !== undefined ? { body: invoke.body } : {}) };
  } catch (error) {
    deps.log.error({ err: error }, 'activity processing failed');
    return { status: 500, body: { error: 'internal error' } };
  }
}
