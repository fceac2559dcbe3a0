// The single send path: what a 429 looks like through botbuilder, and why the plain
// continueConversationAsync + sendActivity route cannot be used for exactly-once delivery.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/shared/ports.js';
import { createSendToTeams } from '../../src/platform/channel/sendToTeams.js';
import { startLimitingConnectorStub, type LimitingConnectorStub } from '../support/limitingConnectorStub.js';
import { guardWithoutProgrammes } from '../support/openGuard.js';

let stub: LimitingConnectorStub;
let adapter: CloudAdapter;
let turnErrors: unknown[];

const record = (serviceUrl: string, conversationId = 'a:personal-1'): ConversationRecord => ({
  tenantId: 't',
  conversationId,
  kind: 'personal',
  userAadObjectId: 'aad-1',
  updatedAt: 0,
  reference: {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 't' },
    bot: { id: '28:bot', name: 'Samspill' },
    user: { id: '29:user', aadObjectId: 'aad-1' },
  },
});
const card = { kind: 'card' as const, card: { type: 'AdaptiveCard', version: '1.5', body: [] } };

beforeAll(async () => {
  stub = await startLimitingConnectorStub();
});
afterAll(async () => stub.close());
beforeEach(() => {
  stub.requests.splice(0);
  stub.accepted.splice(0);
  turnErrors = [];
  adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (turn, error) => {
    turnErrors.push(error);
    await turn.sendActivity('Beklager, prøv igjen.').catch(() => undefined); // as app.ts does
  };
});

describe('createSendToTeams', () => {
  it('sends a card and returns the activity id', async () => {
    const send = createSendToTeams(adapter, '', guardWithoutProgrammes());
    const result = await send({ tenantId: 't', key: 'k', conversation: record(stub.url), message: card, discloses: [], timeoutMs: 5_000 });
    expect(result).toEqual({ kind: 'ok', activityId: expect.stringMatching(/^activity-/) });
    const sent = stub.accepted[0]?.activity as Record<string, unknown>;
    expect(sent).toMatchObject({ type: 'message', from: { id: '28:bot' }, recipient: { id: '29:user' }, conversation: { id: 'a:personal-1' } });
    expect(sent.replyToId).toBeUndefined();
  });

  it('sends text as plain text', async () => {
    const send = createSendToTeams(adapter, '', guardWithoutProgrammes());
    await send({ tenantId: 't', key: 'k', conversation: record(stub.url), message: { kind: 'text', text: 'Hei' }, discloses: [], timeoutMs: 5_000 });
    expect(stub.accepted[0]?.activity).toMatchObject({ text: 'Hei', textFormat: 'plain' });
  });

  it('shows a 429 with its Retry-After after exactly one HTTP request, and nothing reaches onTurnError', async () => {
    stub.failNext(1, 429, '1');
    const send = createSendToTeams(adapter, '', guardWithoutProgrammes());
    const started = Date.now();
    const result = await send({ tenantId: 't', key: 'k', conversation: record(stub.url), message: card, discloses: [], timeoutMs: 5_000 });
    expect(result).toEqual({ kind: 'rejected', status: 429, retryAfter: '1', code: 'TooManyRequests' });
    expect(stub.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(900); // no hidden wait for the Retry-After either
    expect(turnErrors).toEqual([]);
  });

  it('reports a 5xx without retrying it itself', async () => {
    stub.failNext(1, 502);
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({ tenantId: 't', key: 'k', conversation: record(stub.url), message: card, discloses: [], timeoutMs: 5_000 });
    expect(result).toMatchObject({ kind: 'rejected', status: 502 });
    expect(stub.requests).toHaveLength(1);
  });

  it('reports a Connector it cannot connect to as not sent (safe to repeat), even after `leaving`', async () => {
    let asked = false;
    const leaving = async () => (asked = true);
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({ tenantId: 't', key: 'k', conversation: record('http://127.0.0.1:9'), message: card, discloses: [], timeoutMs: 2_000, leaving });
    expect(result).toMatchObject({ kind: 'not-sent', error: expect.stringContaining('ECONNREFUSED') });
    expect(asked).toBe(true); // nothing disclosed: no roster to read, so the post was the first request
    expect(turnErrors).toEqual([]);
  });

  /** A Connector that reads rosters but takes posts without ever answering (or cuts them off). */
  const takesPostsSilently = async (onPost: (req: IncomingMessage, res: ServerResponse) => void) => {
    const server = createServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ members: [{ id: '29:user', aadObjectId: 'aad-1', userRole: 'user' }] }));
      } else onPost(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) };
  };

  it('a post with no answer after timeoutMs is `no-answer` (Teams may have it), within the timeout (the lease relies on it)', async () => {
    const silent = await takesPostsSilently(() => undefined);
    const started = Date.now();
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({ tenantId: 't', key: 'k', conversation: record(silent.url), message: card, discloses: [], timeoutMs: 300, leaving: async () => true });
    expect(result).toMatchObject({ kind: 'no-answer', error: expect.stringContaining('Abort') });
    expect(Date.now() - started).toBeLessThan(2_000);
    await silent.close();
  });

  it('a post whose connection is cut after it was written is `no-answer` too', async () => {
    const cutting = await takesPostsSilently((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({ tenantId: 't', key: 'k', conversation: record(cutting.url), message: card, discloses: [], timeoutMs: 2_000 });
    expect(result).toMatchObject({ kind: 'no-answer' });
    await cutting.close();
  });

  it('`leaving` is asked after the disclosure check and before the post; false sends nothing', async () => {
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({ tenantId: 't', key: 'k', conversation: record(stub.url), message: card, discloses: [], timeoutMs: 2_000, leaving: async () => false });
    expect(result).toEqual({ kind: 'kept' });
    expect(stub.requests).toEqual([]); // the stub's roster reads are not requests it counts
    expect(stub.accepted).toEqual([]);
  });

  it('updates an activity with PUT to its id', async () => {
    const result = await createSendToTeams(adapter, '', guardWithoutProgrammes())({
      tenantId: 't',
      key: 'k',
      conversation: record(stub.url, '19:ch@thread.tacv2'),
      message: card,
      discloses: [],
      update: { activityId: 'act-9' },
      timeoutMs: 5_000,
    });
    expect(result).toEqual({ kind: 'ok', activityId: 'act-9' });
    expect(stub.accepted.map((a) => [a.method, a.activityId])).toEqual([['PUT', 'act-9']]);
  });
});

describe('why not turn.sendActivity inside continueConversationAsync (botbuilder 4.23.3 behaviour)', () => {
  it('hides the 429: three silent retries, then onTurnError apologises into the chat, and the call resolves', async () => {
    stub.failNext(8, 429, '0');
    let threw = false;
    try {
      await adapter.continueConversationAsync('', record(stub.url).reference, async (turn) => {
        await turn.sendActivity('Påminnelse');
      });
    } catch {
      threw = true;
    }
    expect(threw).toBe(false); // looks like success to the caller
    expect(turnErrors).toHaveLength(1);
    const texts = stub.requests.length;
    expect(texts).toBe(8); // 4 tries of the reminder + 4 tries of the apology
  });
});
