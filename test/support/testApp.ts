// Starts the real service for a test: in-memory Azurite, the Connector stub, and the restify
// server on a random port. Everything talks HTTP as in production.
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { createApp, type App, type AppOptions } from '../../src/compose.js';
import { readEnv } from '../../src/platform/config/env.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import { startTestAzurite, type TestAzurite } from './azurite.js';
import { startConnectorStub, type ConnectorStub } from './connectorStub.js';
import { systemClock } from '../../src/shared/clocks.js';

export interface TestApp {
  /** The composed service, for what tests drive directly (vote closer, reminder ticks). */
  app: App;
  url: string;
  connector: ConnectorStub;
  azurite: TestAzurite;
  /** POSTs an activity to /api/messages and returns the HTTP response. */
  post(activity: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  programmes: readonly Programme[];
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  deliveryWorker?: AppOptions['deliveryWorker'];
  /** Storage of another running service (a second instance, or a restart); not stopped here. */
  azurite?: TestAzurite;
  httpLimits?: AppOptions['httpLimits'];
  /** The service's logger (default: silent, or TEST_LOG's level). */
  log?: Logger;
  activityBudgetBytes?: number;
}

export async function startTestApp({ programmes, env = {}, now = () => Date.now(), deliveryWorker, azurite: shared, httpLimits, log, activityBudgetBytes }: TestAppOptions): Promise<TestApp> {
  const azurite = shared ?? (await startTestAzurite());
  const connector = await startConnectorStub();
  const app = createApp({ wallClock: systemClock,
    env: readEnv({ LOG_LEVEL: 'silent', ...env }),
    programmes,
    storage: { kind: 'connection-string', connectionString: azurite.connectionString },
    // TEST_LOG=debug shows the service's log while debugging a test.
    log: log ?? pino({ level: process.env.TEST_LOG ?? 'silent' }),
    clock: { now },
    ...(deliveryWorker ? { deliveryWorker } : {}),
    ...(httpLimits ? { httpLimits } : {}),
    ...(activityBudgetBytes ? { activityBudgetBytes } : {}),
  });
  const { server } = app;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    connector,
    azurite,
    post: (activity) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      }),
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      if (!shared) await azurite.stop();
    },
  };
}
