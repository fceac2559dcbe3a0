// Starts OpenTelemetry with Azure Monitor's distro: HTTP (incoming requests, outgoing calls to
// the Bot Connector and Entra) and Azure SDK (Table and Queue storage) instrumentations, the
// SDK's standard metrics, and Samspill's own spans and metrics (turn.ts, metrics.ts) through the
// global API. Called by the preload (telemetry.ts) before the app's modules are loaded, and by
// the telemetry test with in-memory readers added.
import { metrics, trace } from '@opentelemetry/api';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TelemetryOptions {
  connectionString: string;
  /** Register the ESM loader hooks (import-in-the-middle) so ESM imports are instrumented too.
   * The preload does; a test that imports the app after starting telemetry may not need to. */
  esmHooks?: boolean;
  /** Passed to the Azure Monitor exporter (tests: a pipeline policy that sends to a local
   * ingestion stub over plain HTTP, since the exporter upgrades every endpoint to https). */
  exporterOptions?: Omit<NonNullable<AzureMonitorOpenTelemetryOptions['azureMonitorExporterOptions']>, 'connectionString'>;
  /** Extra processors and readers (tests: in-memory exporters). */
  spanProcessors?: SpanProcessor[];
  metricReaders?: MetricReader[];
}

export interface Telemetry {
  /** Exports what is buffered now (spans and metrics). */
  flush(): Promise<void>;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

// Kept on the global object: the preload and main.ts must see the same one even if a loader
// (tsx) gives them two instances of this module.
const RUNNING = Symbol.for('samspill.telemetry');
const registry = globalThis as { [RUNNING]?: Telemetry | undefined };

export async function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const existing = registry[RUNNING];
  if (existing) return existing;
  // The loader registers OpenTelemetry's module hooks; it must run before the instrumented
  // modules (http, restify, @azure/*) are imported, which is why this runs from --import.
  if (options.esmHooks ?? true) await import('@azure/monitor-opentelemetry/loader');
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { ...options.exporterOptions, connectionString: options.connectionString },
    // Turns are few (people clicking cards): keep every trace rather than the distro's default
    // of 5 traces a second, so a failed turn is never sampled away.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    ...(options.metricReaders ? { metricReaders: options.metricReaders } : {}),
  });
  const telemetry: Telemetry = {
    flush: async () => {
      // The global API hands out proxies; the SDK's providers behind them can flush.
      const tracerProvider = trace.getTracerProvider() as { getDelegate?: () => unknown };
      const providers = [tracerProvider.getDelegate?.() ?? tracerProvider, metrics.getMeterProvider()] as { forceFlush?: () => Promise<void> }[];
      await Promise.all(providers.map((provider) => provider.forceFlush?.()));
    },
    shutdown: async () => {
      registry[RUNNING] = undefined;
      await shutdownAzureMonitor();
    },
  };
  registry[RUNNING] = telemetry;
  return telemetry;
}

/** Flushes and stops telemetry if it runs (main.ts on SIGTERM: the last minute is not lost). */
export async function stopTelemetry(): Promise<void> {
  await registry[RUNNING]?.shutdown();
}
