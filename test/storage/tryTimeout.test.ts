// A storage try that gives no answer within the per-try limit: a read is tried once more (the
// SDK alone gives up on an aborted try at once, which failed whole turns when Azurite was slow
// for a moment), a write is not (it may have happened). A local HTTP stub stands where the Table
// service would be: it swallows the first requests it is told to and answers the rest.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';

const TRY_MS = 150;
let server: Server;
let port: number;
let seen: { method: string; at: number }[] = [];
/** How many of the next requests get no answer at all. */
let swallow = 0;

const answer = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
  seen.push({ method: req.method ?? '', at: Date.now() });
  req.resume();
  if (swallow > 0) {
    swallow--;
    return; // no answer: the client's try timeout must end it
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json;odata=minimalmetadata', etag: 'W/"datetime\'2026-12-07T10%3A00%3A00Z\'"' });
    res.end(JSON.stringify({ 'odata.etag': 'W/"datetime\'2026-12-07T10%3A00%3A00Z\'"', PartitionKey: 'p', RowKey: 'r', title: 'found' }));
    return;
  }
  res.writeHead(204, { etag: 'W/"datetime\'2026-12-07T10%3A00%3A01Z\'"' });
  res.end();
};

const table = () =>
  storageClients({
    kind: 'connection-string',
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
    requests: { maxRetries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 20, tryTimeoutInMs: TRY_MS },
  }).table('ideas');

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  swallow = 0;
});

describe('a storage try that times out', () => {
  it('a read is tried again and its answer used', async () => {
    swallow = 1;
    const entity = await table().getEntity<{ title: string }>('p', 'r');
    expect(entity.title).toBe('found');
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
  });

  it('a read is tried again only once: two timed-out tries end the request', async () => {
    swallow = 3;
    const started = Date.now();
    await expect(table().getEntity('p', 'r')).rejects.toThrow();
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
    expect(Date.now() - started).toBeLessThan(TRY_MS * 2 + 1_000);
  });

  it('a write that timed out is not sent again (it may have happened)', async () => {
    swallow = 1;
    await expect(table().updateEntity({ partitionKey: 'p', rowKey: 'r', title: 'x' }, 'Merge', { etag: '*' })).rejects.toThrow();
    expect(seen.map((s) => s.method)).toEqual(['PATCH']);
  });

  it("the caller's own abort is not turned into a retry", async () => {
    swallow = 5;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), TRY_MS / 3);
    await expect(table().getEntity('p', 'r', { abortSignal: controller.signal })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, TRY_MS * 2));
    expect(seen.map((s) => s.method)).toEqual(['GET']);
  });
});
