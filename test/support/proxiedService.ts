// The service with its table storage behind a counting, fault-injecting proxy (queues direct):
// the tests that count what a turn or a job reads, or make storage fail, start it here.
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { createApp } from '../../src/compose.js';
import { readEnv } from '../../src/platform/config/env.js';
import { azuriteConnectionString, type StorageRequestPolicy } from '../../src/platform/storage/connection.js';
import { systemClock } from '../../src/shared/clocks.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import { startTestAzurite, type TestAzurite } from './azurite.js';
import { startConnectorStub, type ConnectorStub } from './connectorStub.js';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';
import type { TestApp } from './testApp.js';

export interface ProxiedService {
  azurite: TestAzurite;
  proxy: FaultProxy;
  connector: ConnectorStub;
  service: TestApp;
  /** Storage through the proxy, for adapters whose requests the test counts too. */
  proxiedConnectionString: string;
  /** Stops the service, the server, the proxy, the Connector stub and Azurite. */
  stop(): Promise<void>;
}

export async function startProxiedService(options: {
  programmes: Programme[];
  /** The business clock. */
  now: () => number;
  log?: Logger;
  requests?: StorageRequestPolicy;
}): Promise<ProxiedService> {
  const azurite = await startTestAzurite();
  const port = (name: string) => Number(new RegExp(`${name}=http://127\\.0\\.0\\.1:(\\d+)`).exec(azurite.connectionString)?.[1]);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: port('TableEndpoint') });
  const connector = await startConnectorStub();
  const proxiedConnectionString = azuriteConnectionString('127.0.0.1', proxy.port, port('QueueEndpoint'));
  const app = createApp({
    clock: { now: options.now },
    wallClock: systemClock,
    env: readEnv({ LOG_LEVEL: 'silent', SAMSPILL_SCHEDULER: 'off' }),
    programmes: options.programmes,
    storage: { kind: 'connection-string', connectionString: proxiedConnectionString, ...(options.requests ? { requests: options.requests } : {}) },
    log: options.log ?? pino({ level: 'silent' }),
    deliveryWorker: { idlePollMs: 100 },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const stop = async () => {
    await app.stop();
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await proxy.close();
    await connector.close();
    await azurite.stop();
  };
  const service: TestApp = {
    app,
    url,
    connector,
    azurite,
    post: (activity) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
    stop,
  };
  return { azurite, proxy, connector, service, proxiedConnectionString, stop };
}
