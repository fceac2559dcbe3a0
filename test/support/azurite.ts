// In-memory Azurite inside the test process, on ports the OS picks. Uses Azurite's server
// classes directly (internal API: azurite's version is pinned exactly in package.json).
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { azuriteConnectionString } from '../../src/platform/storage/connection.js';

const require = createRequire(import.meta.url);

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
  httpServer: Server;
}
type ServerClass = new (config: unknown) => AzuriteServer;
type ConfigClass = new (...args: unknown[]) => unknown;

const load = <T>(path: string): T => (require(path) as { default: T }).default;

export interface TestAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

const portOf = (server: AzuriteServer) => Number(new URL(server.getHttpServerAddress()).port);

export async function startTestAzurite(): Promise<TestAzurite> {
  const TableServer = load<ServerClass>('azurite/dist/src/table/TableServer');
  const TableConfiguration = load<ConfigClass>('azurite/dist/src/table/TableConfiguration');
  const QueueServer = load<ServerClass>('azurite/dist/src/queue/QueueServer');
  const QueueConfiguration = load<ConfigClass>('azurite/dist/src/queue/QueueConfiguration');

  const u = undefined;
  // Positional arguments as in azurite's own main.js; the last true is in-memory persistence.
  const table = new TableServer(
    new TableConfiguration('127.0.0.1', 0, u, u, false, false, u, u, true, true, '', '', '', u, false, true),
  );
  const queue = new QueueServer(
    new QueueConfiguration('127.0.0.1', 0, u, u, u, u, false, u, false, u, true, true, '', '', '', u, false, true),
  );
  // restify patches http.IncomingMessage.prototype.query with a function, and Azurite's
  // express then never parses the query string ($filter, $top, continuation tokens): every
  // table query would return every row of the table. Shadow the patch on Azurite's requests.
  for (const server of [table, queue]) {
    server.httpServer.prependListener('request', (req: { query?: unknown }) => {
      req.query = undefined;
    });
  }
  await Promise.all([table.start(), queue.start()]);
  let stopped = false;
  return {
    connectionString: azuriteConnectionString('127.0.0.1', portOf(table), portOf(queue)),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all([table.close(), queue.close()]);
    },
  };
}
