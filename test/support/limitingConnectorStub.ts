// A local Bot Connector that enforces Teams' rate limits the way the real service is documented
// to: per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/3,600 s, and about 50 requests/s per app
// (one bot here, so one global window). Beyond them it answers 429 with Retry-After. It can be
// told to fail the next N requests, to be slow (take an activity at once but answer only after a
// delay, as a Connector under strain does), and it counts what it accepted per conversation.
// Written independently of src/platform/delivery/rateLimits.ts so it can catch that module's slips.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubWindow {
  limit: number;
  windowMs: number;
}

export interface StubRequest {
  at: number;
  method: string;
  conversationId: string;
  status: number;
  retryAfter?: string;
}

export interface AcceptedActivity {
  at: number;
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

export interface LimitingConnectorStub {
  url: string;
  /** Every request, in arrival order, with the status it got. */
  requests: StubRequest[];
  /** Every accepted send (POST) and update (PUT). */
  accepted: AcceptedActivity[];
  /** Accepted new activities (POST) per conversation. */
  deliveriesTo(conversationId: string): number;
  /** Conversation ids that received more than one new activity. */
  duplicates(): string[];
  /** 429s the stub gave because a window was full (not the injected ones). */
  throttled(): number;
  /** The next `count` requests get `status` (with Retry-After when given), whatever the windows say. */
  failNext(count: number, status: number, retryAfter?: string): void;
  /** From now, an accepted send or update is answered only after `ms` (0: at once). */
  answerAfter(ms: number): void;
  /** People (Entra object ids) whose personal chat the bot may open (createConversation); others get 403. */
  openableChats: Set<string>;
  /** What the next requests to one conversation get, in order (then the ordinary rules). */
  script(conversationId: string, steps: StubStep[]): void;
  /** Resolves once `count` activities were accepted. */
  waitForAccepted(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** One scripted answer: an error status; or take the activity and answer late, or cut the connection. */
export type StubStep = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'late'; ms: number } | { kind: 'cut' };

export interface LimitingStubOptions {
  conversationWindows?: StubWindow[];
  globalWindows?: StubWindow[];
  /** Keep each accepted activity's body (off for big benchmarks). */
  keepBodies?: boolean;
  /** Answer accepted sends only after this many ms (see answerAfter). */
  answerDelayMs?: number;
}

const TEAMS_CONVERSATION: StubWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
const TEAMS_GLOBAL: StubWindow[] = [{ limit: 50, windowMs: 1_000 }];

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Milliseconds until one more request fits every window, 0 when it fits now. Naive on purpose. */
const waitFor = (times: number[], windows: StubWindow[], now: number): number => {
  let wait = 0;
  for (const { limit, windowMs } of windows) {
    const inside = times.filter((t) => t > now - windowMs);
    if (inside.length >= limit) wait = Math.max(wait, (inside[inside.length - limit] as number) + windowMs - now);
  }
  return wait;
};

export async function startLimitingConnectorStub(options: LimitingStubOptions = {}): Promise<LimitingConnectorStub> {
  const conversationWindows = options.conversationWindows ?? TEAMS_CONVERSATION;
  const globalWindows = options.globalWindows ?? TEAMS_GLOBAL;
  const keepFor = Math.max(...conversationWindows.map((w) => w.windowMs));
  const keepGlobalFor = Math.max(...globalWindows.map((w) => w.windowMs));
  const keepBodies = options.keepBodies ?? true;

  const requests: StubRequest[] = [];
  const accepted: AcceptedActivity[] = [];
  const perConversation = new Map<string, number[]>();
  const posts = new Map<string, number>();
  let global: number[] = [];
  let injected: { count: number; status: number; retryAfter?: string } | undefined;
  let throttled = 0;
  let counter = 0;
  let answerDelayMs = options.answerDelayMs ?? 0;
  const scripts = new Map<string, StubStep[]>();
  const openableChats = new Set<string>();
  let waiters: { count: number; resolve: () => void }[] = [];

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const now = Date.now(); // when the request arrived, as Teams would count it
    const body = await readBody(req);
    // Rosters for the disclosure guard: a personal chat "a:personal-<aadObjectId>" has that one
    // user as its member; other conversations are read as empty (fail closed).
    const roster = /^\/v3\/conversations\/([^/]+)\/pagedmembers/.exec(req.url ?? '');
    if (req.method === 'GET' && roster) {
      const personal = /^a:personal-(.+)$/.exec(decodeURIComponent(roster[1] ?? ''))?.[1];
      return answer(res, 200, { members: personal ? [{ id: `29:${personal}`, aadObjectId: personal, userRole: 'user' }] : [] });
    }
    // The single-member call the guard makes for a personal chat's one user.
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/.exec(req.url ?? '');
    if (req.method === 'GET' && member) {
      const personal = /^a:personal-(.+)$/.exec(decodeURIComponent(member[1] ?? ''))?.[1];
      if (!personal) return answer(res, 404, { error: { code: 'NotFound' } });
      return answer(res, 200, { id: decodeURIComponent(member[2] ?? ''), aadObjectId: personal, userRole: 'user' });
    }
    // createConversation: a request like a send for the tenant's budget (logged as "create:<person>",
    // counted in the global windows, open to injected failures); no conversation's windows yet.
    if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(req.url ?? '')) {
      const person = ((body ? JSON.parse(body) : {}) as { members?: { id?: string }[] }).members?.[0]?.id ?? '';
      const logCreate = (status: number, retryAfter?: string) =>
        requests.push({ at: now, method: 'POST', conversationId: `create:${person}`, status, ...(retryAfter ? { retryAfter } : {}) });
      if (injected && injected.count > 0) {
        const { status, retryAfter } = injected;
        injected.count -= 1;
        logCreate(status, retryAfter);
        return answer(res, status, { error: { code: 'Injected', message: 'injected' } }, retryAfter ? { 'retry-after': retryAfter } : {});
      }
      global = global.filter((t) => t > now - keepGlobalFor);
      const wait = waitFor(global, globalWindows, now);
      if (wait > 0) {
        throttled += 1;
        const retryAfter = String(Math.max(1, Math.ceil(wait / 1_000)));
        logCreate(429, retryAfter);
        return answer(res, 429, { error: { code: 'TooManyRequests', message: 'rate limit' } }, { 'retry-after': retryAfter });
      }
      global.push(now);
      if (!openableChats.has(person)) {
        logCreate(403);
        return answer(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'not installed for this user' } });
      }
      logCreate(201);
      return answer(res, 201, { id: `a:personal-${person}` });
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    const method = req.method ?? '';
    if (!match || (method !== 'POST' && method !== 'PUT')) return answer(res, 404, { error: { code: 'NotFound' } });
    const conversationId = decodeURIComponent(match[1] ?? '');
    const log = (status: number, retryAfter?: string) =>
      requests.push({ at: now, method, conversationId, status, ...(retryAfter ? { retryAfter } : {}) });

    const step = scripts.get(conversationId)?.shift();
    if (step?.kind === 'status') {
      log(step.status, step.retryAfter);
      return answer(res, step.status, { error: { code: 'Scripted', message: 'scripted' } }, step.retryAfter ? { 'retry-after': step.retryAfter } : {});
    }

    if (injected && injected.count > 0) {
      const { status, retryAfter } = injected;
      injected.count -= 1;
      log(status, retryAfter);
      return answer(res, status, { error: { code: status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'injected' } }, retryAfter ? { 'retry-after': retryAfter } : {});
    }

    const times = perConversation.get(conversationId) ?? [];
    global = global.filter((t) => t > now - keepGlobalFor);
    const wait = Math.max(waitFor(times, conversationWindows, now), waitFor(global, globalWindows, now));
    if (wait > 0) {
      throttled += 1;
      const retryAfter = String(Math.max(1, Math.ceil(wait / 1_000)));
      log(429, retryAfter);
      return answer(res, 429, { error: { code: 'TooManyRequests', message: 'rate limit' } }, { 'retry-after': retryAfter });
    }

    perConversation.set(conversationId, [...times.filter((t) => t > now - keepFor), now]);
    global.push(now);
    const activityId = method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `activity-${++counter}`;
    if (method === 'POST') posts.set(conversationId, (posts.get(conversationId) ?? 0) + 1);
    accepted.push({
      at: now,
      method: method as 'POST' | 'PUT',
      conversationId,
      activityId,
      activity: keepBodies && body ? (JSON.parse(body) as Record<string, unknown>) : {},
    });
    log(method === 'POST' ? 201 : 200);
    waiters = waiters.filter((w) => (accepted.length >= w.count ? (w.resolve(), false) : true));
    // Taken now (the person sees it), answered when the Connector gets round to it, or never.
    if (step?.kind === 'cut') res.socket?.destroy();
    else if (step?.kind === 'late') setTimeout(() => !res.destroyed && answer(res, method === 'POST' ? 201 : 200, { id: activityId }), step.ms);
    else if (answerDelayMs > 0) setTimeout(() => !res.destroyed && answer(res, method === 'POST' ? 201 : 200, { id: activityId }), answerDelayMs);
    else answer(res, method === 'POST' ? 201 : 200, { id: activityId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    deliveriesTo: (conversationId) => posts.get(conversationId) ?? 0,
    duplicates: () => [...posts].filter(([, n]) => n > 1).map(([id]) => id),
    throttled: () => throttled,
    answerAfter(ms) {
      answerDelayMs = ms;
    },
    openableChats,
    script(conversationId, steps) {
      scripts.set(conversationId, [...steps]);
    },
    failNext(count, status, retryAfter) {
      injected = { count, status, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    },
    waitForAccepted(count, timeoutMs = 20_000) {
      if (accepted.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} accepted activities, got ${accepted.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
