// A local stand-in for the Bot Connector service: records every activity the bot sends to
// a conversation and answers like the real service. Tests point activities' serviceUrl here.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  method: string;
  path: string;
  activity: Record<string, unknown>;
}

export interface RosterMember {
  id: string;
  aadObjectId: string;
  name?: string;
  tenantId: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

export interface ConnectorStub {
  url: string;
  sent: SentActivity[];
  /** Members per conversation id, served by the paged members and member APIs. A personal
   * chat's user not listed here is answered as an ordinary user of the conversation's tenant. */
  rosters: Map<string, RosterMember[]>;
  /** Conversations whose roster calls fail (the bot must then fail closed). */
  brokenRosters: Set<string>;
  /** Conversations whose next N roster or member reads are throttled (429, Retry-After 1), as
   * Teams throttles roster fetches under the same limits as sends. */
  throttledRosters: Map<string, number>;
  /** People (Entra object ids) whose personal chat Teams lets the bot open (createConversation):
   * the app is installed for them or in a team of theirs. Anyone else: 403. */
  openableChats: Set<string>;
  /** The createConversation requests received. */
  created: Record<string, unknown>[];
  /** As Teams: an activity larger than this (UTF-16 bytes of its JSON) is refused with 413. */
  maxActivityBytes: number;
  /** The activities refused as too large. */
  tooLarge: { conversationId: string; bytes: number }[];
  /** Resolves when at least `count` activities have been sent (or rejects after a timeout). */
  waitFor(count: number, timeoutMs?: number): Promise<SentActivity[]>;
  clear(): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startConnectorStub(): Promise<ConnectorStub> {
  const sent: SentActivity[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  let counter = 0;
  const rosters = new Map<string, RosterMember[]>();
  const brokenRosters = new Set<string>();
  const throttledRosters = new Map<string, number>();
  const openableChats = new Set<string>();
  const tooLarge: { conversationId: string; bytes: number }[] = [];
  const created: Record<string, unknown>[] = [];
  const json = (res: import('node:http').ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const members = /\/v3\/conversations\/([^/]+)\/(pagedmembers|members\/([^/?]+))/.exec(req.url ?? '');
    if (req.method === 'GET' && members) {
      const conversationId = decodeURIComponent(members[1] ?? '');
      if (brokenRosters.has(conversationId)) return json(res, 503, { error: { code: 'ServiceUnavailable' } });
      const throttled = throttledRosters.get(conversationId) ?? 0;
      if (throttled > 0) {
        throttledRosters.set(conversationId, throttled - 1);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        return res.end(JSON.stringify({ error: { code: 'TooManyRequests' } }));
      }
      // A personal chat built by test/support/activities.ts is "a:personal-<aadObjectId>": its
      // one member is that user, unless a test set a roster for it.
      const personal = /^a:personal-(.+)$/.exec(conversationId)?.[1];
      const roster = rosters.get(conversationId) ?? (personal ? [{ id: `29:${personal}`, aadObjectId: personal, userRole: 'user' as const }] : []);
      if (members[2] === 'pagedmembers') return json(res, 200, { members: roster });
      const id = decodeURIComponent(members[3] ?? '');
      // Teams reads a member by their 29: id or by their Entra object id.
      const member = roster.find((m) => m.id === id || m.aadObjectId === id) ?? { id, aadObjectId: '', userRole: 'user' };
      return json(res, 200, member);
    }
    if (req.method === 'POST' && /^\/v3\/conversations\/?(\?.*)?$/.test(req.url ?? '')) {
      const parameters = (body ? JSON.parse(body) : {}) as { members?: { id?: string }[] };
      created.push(parameters);
      const person = parameters.members?.[0]?.id ?? '';
      if (!openableChats.has(person)) return json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'the app is not installed for this user' } });
      return json(res, 201, { id: `a:personal-${person}` });
    }
    const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    // Teams measures the activity in UTF-16: two bytes per code unit of its JSON.
    if (2 * body.length > stub.maxActivityBytes) {
      tooLarge.push({ conversationId: decodeURIComponent(match[1] ?? ''), bytes: 2 * body.length });
      return json(res, 413, { error: { code: 'MessageSizeTooBig', message: 'Message size too large' } });
    }
    sent.push({
      conversationId: decodeURIComponent(match[1] ?? ''),
      method: req.method ?? '',
      path: req.url ?? '',
      activity: body ? (JSON.parse(body) as Record<string, unknown>) : {},
    });
    waiters = waiters.filter((w) => (sent.length >= w.count ? (w.resolve(), false) : true));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `activity-${++counter}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub: ConnectorStub = {
    url: `http://127.0.0.1:${port}`,
    maxActivityBytes: 100 * 1024,
    tooLarge,
    sent,
    rosters,
    brokenRosters,
    throttledRosters,
    openableChats,
    created,
    waitFor(count, timeoutMs = 5_000) {
      if (sent.length >= count) return Promise.resolve(sent);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} sent activities, got ${sent.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(sent)) });
      });
    },
    clear: () => void sent.splice(0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return stub;
}
