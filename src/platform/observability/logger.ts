// Structured logs. Secrets and message contents are never logged: redaction covers the known
// secret-bearing fields, and handlers log ids and verbs, not what users wrote.
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

/** The active span's ids, so a log line can be joined to its request and dependencies in
 * Application Insights (operation_Id = trace_id). Empty when telemetry is off. */
export function traceFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId, trace_flags: `0${context.traceFlags.toString(16)}` };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: 'samspill',
    level,
    mixin: traceFields,
    redact: {
      paths: [
        'MicrosoftAppPassword',
        '*.MicrosoftAppPassword',
        'connectionString',
        '*.connectionString',
        'AZURE_STORAGE_CONNECTION_STRING',
        '*.AZURE_STORAGE_CONNECTION_STRING',
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        '*.APPLICATIONINSIGHTS_CONNECTION_STRING',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
