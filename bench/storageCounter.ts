// A counting forwarder in front of Azurite's table and queue endpoints: the bot under test
// talks to it instead of Azurite, so a benchmark can say how many storage round trips a vote
// or a text turn cost without any counting code in the bot. A batch (entity group
// transaction) is one round trip, as it is one HTTP request.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../src/platform/storage/connection.js';

export interface StorageCounter {
  connectionString: string;
  /** Requests since the last reset. */
  count(): number;
  /** Response body bytes since the last reset (what the bot read from storage). */
  bytes(): number;
  /** Requests since the last reset by method and resource (table or queue name). */
  breakdown(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const portsOf = (connectionString: string) => ({
  table: Number(/TableEndpoint=http:\/\/[^:]+:(\d+)/.exec(connectionString)?.[1]),
  queue: Number(/QueueEndpoint=http:\/\/[^:]+:(\d+)/.exec(connectionString)?.[1]),
});

export async function startStorageCounter(azuriteConnection: string): Promise<StorageCounter> {
  const target = portsOf(azuriteConnection);
  let requests = 0;
  let bytes = 0;
  let byResource = new Map<string, number>();
  const forwarder = (port: number): Server =>
    createServer((req, res) => {
      requests++;
      const resource = `${req.method} ${(req.url ?? '').split('?')[0]!.split('/')[2]?.replace(/\(.*$/, '') ?? ''}`;
      byResource.set(resource, (byResource.get(resource) ?? 0) + 1);
      const upstream = httpRequest({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => (bytes += chunk.length));
        answer.pipe(res);
      });
      upstream.on('error', () => (res.headersSent ? res.destroy() : (res.writeHead(502), res.end())));
      req.pipe(upstream);
    });
  const servers = [forwarder(target.table), forwarder(target.queue)];
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  const [table, queue] = servers.map((s) => (s.address() as AddressInfo).port) as [number, number];
  return {
    connectionString: azuriteConnectionString('127.0.0.1', table, queue),
    count: () => requests,
    bytes: () => bytes,
    breakdown: () => Object.fromEntries(byResource),
    reset: () => {
      requests = 0;
      bytes = 0;
      byResource = new Map();
    },
    close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve()))))).then(() => undefined),
  };
}
