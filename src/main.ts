// Entry point: validate configuration, start embedded storage when none is configured, serve,
// and shut down cleanly on SIGTERM/SIGINT.
import { createApp } from './compose.js';
import { ConfigError, readEnv } from './platform/config/env.js';
import { loadProgrammes } from './platform/config/programmeFiles.js';
import { stopTelemetry } from './platform/observability/azureMonitor.js';
import { createLogger } from './platform/observability/logger.js';
import { serviceRequestPolicy, storageTargetFrom } from './platform/storage/connection.js';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './platform/storage/embeddedAzurite.js';
import { systemClock } from './shared/clocks.js';

async function main(): Promise<void> {
  const env = readEnv();
  const log = createLogger(env.LOG_LEVEL);
  const programmes = await loadProgrammes(env.SAMSPILL_PROGRAMMES);
  log.info({ programmes: programmes.map((p) => `${p.tenantId}/${p.id}`) }, 'programmes loaded');

  let embedded: EmbeddedAzurite | undefined;
  let storage = storageTargetFrom(env);
  if (!storage) {
    embedded = await startEmbeddedAzurite(env.SAMSPILL_DATA_DIR);
    storage = { kind: 'connection-string', connectionString: embedded.connectionString };
    log.info({ dataDir: env.SAMSPILL_DATA_DIR }, 'no storage configured: started embedded Azurite');
  }

  if (!env.MicrosoftAppId) {
    log.warn(
      '*** MicrosoftAppId is not set: Bot Framework authentication is OFF. Anyone who can reach this port can talk ' +
        'to the bot. This is for local use only (playground, tests). ***',
    );
  }

  const app = createApp({ clock: systemClock, wallClock: systemClock, env, programmes, storage: { ...storage, requests: serviceRequestPolicy }, log });
  const { server } = app;
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  log.info({ url: server.url, node: process.version }, 'Samspill is listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // The load balancer reads /healthz: 503 from the first moment, while requests are still
    // served, and only then does the server stop accepting connections.
    app.drain();
    const force = setTimeout(() => process.exit(1), env.SAMSPILL_DRAIN_SECONDS * 1_000 + 10_000);
    force.unref();
    await new Promise((resolve) => setTimeout(resolve, env.SAMSPILL_DRAIN_SECONDS * 1_000));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Background work (delivery worker, vote closer, reminders) finishes before storage goes.
    await app.stop();
    await embedded?.stop();
    log.info('stopped');
    await stopTelemetry().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof Error && (error.name === 'ProgrammeFileError' || error.name === 'RegistrationError'))) {
    console.error(`Samspill cannot start: ${error.message}`);
  } else {
    console.error('Samspill cannot start:', error);
  }
  process.exit(1);
});
