// The operator's tick for a chosen date (issue 24.9): `npm run tick -- --at 2026-12-09` runs one
// reminder-planning pass as the scheduler would at 09:00 Oslo on that date (or at the given Oslo
// time: `--at 2026-12-09T14:30`), against the configured storage, and prints what it queued.
// Refused unless SAMSPILL_DEPLOYMENT=staging: in production it would send real people
// reminders for a day that has not come. It only enqueues; the deployment's running instances
// send (their delivery workers read the same queue), so this process needs no bot secret.
import { DateTime } from 'luxon';
import pino from 'pino';
import { createApp } from '../src/compose.js';
import { ConfigError, readEnv } from '../src/platform/config/env.js';
import { loadProgrammes } from '../src/platform/config/programmeFiles.js';
import { storageTargetFrom } from '../src/platform/storage/connection.js';
import { systemClock } from '../src/shared/clocks.js';

const USAGE = 'usage: npm run tick -- --at YYYY-MM-DD[THH:mm]   (Oslo time; 09:00 when no time is given)';

/** The Oslo moment `--at` names, or an error message. */
function tickMoment(argv: readonly string[]): number | string {
  const i = argv.indexOf('--at');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--at='))?.slice('--at='.length);
  if (value === undefined) return `--at is missing\n${USAGE}`;
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  const moment = m && DateTime.fromISO(`${m[1]}T${m[2] ?? '09'}:${m[3] ?? '00'}`, { zone: 'Europe/Oslo' });
  if (!moment || !moment.isValid) return `--at ${value}: not a date (YYYY-MM-DD) or an Oslo time (YYYY-MM-DDTHH:mm)\n${USAGE}`;
  return moment.toMillis();
}

async function main(): Promise<number> {
  const env = readEnv();
  if (env.SAMSPILL_DEPLOYMENT !== 'staging') {
    console.error('Refused: the tick for a chosen date runs only against a staging deployment (SAMSPILL_DEPLOYMENT=staging); this one is marked production.');
    return 2;
  }
  const at = tickMoment(process.argv.slice(2));
  if (typeof at === 'string') {
    console.error(at);
    return 2;
  }
  const storage = storageTargetFrom(env);
  if (!storage) {
    console.error("Refused: no storage configured. Set AZURE_STORAGE_CONNECTION_STRING (or AZURE_STORAGE_ACCOUNT_NAME) to the staging deployment's storage.");
    return 2;
  }
  const programmes = await loadProgrammes(env.SAMSPILL_PROGRAMMES);
  const log = pino({ level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL });
  // The app's clock is the chosen moment, so everything the tick reads "now" from agrees with it.
  const app = createApp({ wallClock: systemClock, env: { ...env, SAMSPILL_SCHEDULER: 'off' }, programmes, storage, log, clock: { now: () => at }, sendDeliveries: false });
  try {
    await app.ready;
    const report = await app.reminders.tick(at);
    console.log(
      JSON.stringify(
        {
          at: new Date(at).toISOString(),
          osloTime: DateTime.fromMillis(at, { zone: 'Europe/Oslo' }).toFormat("yyyy-MM-dd'T'HH:mm"),
          // The status-report reminders and escalations; the same tick also planned the convene
          // notices, checklists and hearing reminders (the office's `upcoming` lists the former).
          reminders: { queued: report.queued, duplicates: report.duplicates },
          failedProgrammes: report.failedProgrammes,
        },
        null,
        2,
      ),
    );
    return report.failedProgrammes.length > 0 ? 1 : 0;
  } finally {
    await app.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || (error instanceof Error && error.name === 'ProgrammeFileError') ? `Cannot run the tick: ${error.message}` : error);
    process.exit(1);
  },
);
