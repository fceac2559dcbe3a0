// Structured logs. Secrets and message contents are never logged: redaction covers the known
// secret-bearing fields, and handlers log ids and verbs, not what users wrote.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    name: 'samspill',
    level,
    redact: {
      paths: [
        'MicrosoftAppPassword',
        '*.MicrosoftAppPassword',
        'connectionString',
        '*.connectionString',
        'AZURE_STORAGE_CONNECTION_STRING',
        '*.AZURE_STORAGE_CONNECTION_STRING',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
