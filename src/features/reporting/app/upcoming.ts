// What the next ticks will send, and to whom (issue 24.9): the office's `kommende` / `upcoming`.
// It runs the very planning the tick runs (the same planners: reminders and escalations, convene
// notices) at each moment a tick could send something in the coming days, with a Delivery that
// records instead of queueing. That Delivery answers 'duplicate' for a key the delivery ledger
// already has, or that an earlier moment of the preview planned, exactly as the real queue would;
// so the list is what those ticks will enqueue if nothing changes meanwhile (a report filed
// before then takes its reminders off), and it cannot drift from the tick.
import type { Programme } from '../../../shared/programme/schema.js';
import { addDays, osloDate } from '../../../shared/schedule/oslo.js';
import { businessMorning, isBusinessDay } from '../../../shared/schedule/businessDays.js';
import type { Delivery, DeliveryJob, DeliveryLog } from '../../../shared/delivery.js';
import { programmeKeyPrefix } from './reminders.js';

/** One planning pass of the tick, run against the given Delivery (the real one, or the preview's). */
export type Planner = (delivery: Delivery, programmes: readonly Programme[], now: number) => Promise<unknown>;

export type PlannedWhat =
  | { kind: 'reminder'; scheduleId: string; periodKey: string; step: 'open' | 'remind' | 'overdue' }
  | { kind: 'escalation'; scheduleId: string; periodKey: string }
  | { kind: 'convene'; bodyId: string; periodKey: string }
  /** Anything else the same planners send (the phase-length warning). */
  | { kind: 'other' };

export interface PlannedSend {
  /** The tick that sends it: now (due already, the next tick sends it) or a 09:00 Oslo tick. */
  at: number;
  programme: Programme;
  /** The person (personal chat) or conversation it goes to. */
  to: DeliveryJob['target'];
  what: PlannedWhat;
  key: string;
}

export const UPCOMING_DEFAULT_DAYS = 14;
export const UPCOMING_MAX_DAYS = 62;

/**
 * The moments a tick can send something: now, and 09:00 Oslo of every business day after now
 * up to `days` days ahead. Every reminder, escalation and convene notice falls due at 09:00 on a
 * business day (due.ts, meetings.ts), so the tick at that moment sends it.
 */
export function tickMoments(now: number, days: number): number[] {
  const moments = [now];
  const today = osloDate(now);
  for (let d = 0; d <= days; d++) {
    const day = addDays(today, d);
    if (!isBusinessDay(day)) continue;
    const morning = businessMorning(day);
    if (morning > now) moments.push(morning);
  }
  return moments;
}

/** What a job's key says it is (the key formats of reminders.ts and convene.ts). */
export function plannedWhat(programme: Programme, key: string): PlannedWhat {
  const prefix = programmeKeyPrefix({ tenantId: programme.tenantId, programmeId: programme.id });
  const parts = key.slice(prefix.length).split(':');
  if (parts[0] === 'meeting' && parts.at(-1) === 'convene' && parts.length >= 5) return { kind: 'convene', bodyId: parts[1]!, periodKey: parts[2]! };
  const schedule = programme.schedules.find((s) => s.id === parts[0]);
  if (schedule && parts.length >= 4) {
    const [, periodKey, third, fourth] = parts as [string, string, string, string];
    if (third === 'escalation') return { kind: 'escalation', scheduleId: schedule.id, periodKey };
    if (fourth === 'open' || fourth === 'remind' || fourth === 'overdue') return { kind: 'reminder', scheduleId: schedule.id, periodKey, step: fourth };
  }
  return { kind: 'other' };
}

export interface UpcomingDeps {
  planners: readonly Planner[];
  ledger: Pick<DeliveryLog, 'find'>;
}

/** Everything the ticks of the next `days` days will send for these programmes, in time order. */
export async function upcomingSends(deps: UpcomingDeps, programmes: readonly Programme[], now: number, days: number): Promise<PlannedSend[]> {
  const planned = new Set<string>();
  const out: PlannedSend[] = [];
  for (const at of tickMoments(now, days)) {
    const recording: Delivery = {
      enqueue: async (job) => {
        if (planned.has(job.key) || (await deps.ledger.find(job.tenantId, job.key)) !== undefined) return 'duplicate';
        planned.add(job.key);
        const programme = programmes.find((p) => p.tenantId === job.tenantId && job.key.startsWith(programmeKeyPrefix({ tenantId: p.tenantId, programmeId: p.id })));
        if (programme) out.push({ at, programme, to: job.target, what: plannedWhat(programme, job.key), key: job.key });
        return 'queued';
      },
    };
    for (const plan of deps.planners) await plan(recording, programmes, at);
  }
  return out;
}
