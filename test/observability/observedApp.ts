// The real service for the telemetry tests, as test/support/testApp.ts starts it, but logging
// through the production logger (createLogger, with its trace-id mixin) into a buffer the test
// reads, and with the Connector behind a fault proxy so a test can make Teams answer 429.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { App, AppOptions } from '../../src/compose.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import type { TestAzurite } from '../support/azurite.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { systemClock } from '../../src/shared/clocks.js';

export interface ObservedApp {
  app: App;
  url: string;
  connector: ConnectorStub;
  azurite: TestAzurite;
  /** In front of the connector: use `serviceUrl` in activities to go through it. */
  proxy: FaultProxy;
  serviceUrl: string;
  /** Every log line the service wrote, parsed. */
  lines: Record<string, unknown>[];
  post(activity: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** Imported lazily by the caller after telemetry has started, so the instrumentations are in
 * place before restify, botbuilder and the Azure SDK load (as the preload arranges in main). */
export async function startObservedApp(options: {
  programmes: readonly Programme[];
  now: () => number;
  deliveryWorker?: AppOptions['deliveryWorker'];
}): Promise<ObservedApp> {
  const { createApp } = await import('../../src/compose.js');
  const { readEnv } = await import('../../src/platform/config/env.js');
  const { createLogger } = await import('../../src/platform/observability/logger.js');
  const { startTestAzurite } = await import('../support/azurite.js');
  const { startConnectorStub } = await import('../support/connectorStub.js');
  const { startFaultProxy } = await import('../support/faultProxy.js');
  const azurite: TestAzurite = await startTestAzurite();
  const connector = await startConnectorStub();
  const connectorUrl = new URL(connector.url);
  const proxy = await startFaultProxy({ host: connectorUrl.hostname, port: Number(connectorUrl.port) });
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = createApp({ wallClock: systemClock,
    env: readEnv({ LOG_LEVEL: 'info', SAMSPILL_SCHEDULER: 'off' }),
    programmes: options.programmes,
    storage: { kind: 'connection-string', connectionString: azurite.connectionString },
    log: createLogger('info', sink),
    clock: { now: options.now },
    ...(options.deliveryWorker ? { deliveryWorker: options.deliveryWorker } : {}),
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    connector,
    azurite,
    proxy,
    serviceUrl: `http://${proxy.host}:${proxy.port}`,
    lines,
    post: (activity) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      }),
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await proxy.close();
      await connector.close();
      await azurite.stop();
    },
  };
}
