// The metrics the delivery worker and the vote use cases report, behind two small facades.
// They use OpenTelemetry's global API: with no SDK registered (telemetry off, most tests) every
// call is a no-op. The names are documented in docs/operations.md, and the telemetry test fails
// when one documented there is not emitted.
import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import type { DeliveryOutcome } from '../../shared/ports.js';

export const METER_NAME = 'samspill';

/** Metric names, one place (docs/operations.md lists the same). */
export const METRIC = {
  deliverySent: 'samspill.delivery.sent',
  deliveryRetried: 'samspill.delivery.retried',
  deliveryThrottled: 'samspill.delivery.throttled',
  deliveryFailed: 'samspill.delivery.failed',
  deliveryFailedNoConversation: 'samspill.delivery.failed_no_conversation',
  deliveryQueueAge: 'samspill.delivery.queue_age',
  votesCast: 'samspill.votes.cast',
  votesClosed: 'samspill.votes.closed',
} as const;

interface Instruments {
  sent: Counter;
  retried: Counter;
  throttled: Counter;
  failed: Counter;
  failedNoConversation: Counter;
  queueAge: Histogram;
  cast: Counter;
  closed: Counter;
}

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

/** Instruments of the provider registered now (the preload registers it before the app loads;
 * a test may register one later, so a change of provider makes new instruments). */
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider === provider) return cached.instruments;
  const meter = provider.getMeter(METER_NAME);
  const instruments: Instruments = {
    sent: meter.createCounter(METRIC.deliverySent, { description: 'Proactive messages Teams accepted' }),
    retried: meter.createCounter(METRIC.deliveryRetried, { description: 'Sends retried after a retryable failure' }),
    throttled: meter.createCounter(METRIC.deliveryThrottled, { description: 'Sends Teams answered with 429' }),
    failed: meter.createCounter(METRIC.deliveryFailed, { description: 'Jobs given up after the retries (recorded for the office)' }),
    failedNoConversation: meter.createCounter(METRIC.deliveryFailedNoConversation, {
      description: 'Jobs for a person or conversation the bot has no stored conversation with',
    }),
    queueAge: meter.createHistogram(METRIC.deliveryQueueAge, { unit: 'ms', description: 'Time from a job being due to its first claim by a worker' }),
    cast: meter.createCounter(METRIC.votesCast, { description: 'Ballots recorded' }),
    closed: meter.createCounter(METRIC.votesClosed, { description: 'Votes closed, by how and with what result' }),
  };
  cached = { provider, instruments };
  return instruments;
}

export const deliveryMetrics = {
  /** A worker claimed, for the first time, a job due since `dueAt` (enqueued, or its notBefore). */
  claimed(dueAt: number, now: number): void {
    instruments().queueAge.record(Math.max(0, now - dueAt));
  },
  /** A send failed and will be retried; `status` is Teams' HTTP status when there was one. */
  retried(status: number | undefined): void {
    instruments().retried.add(1, status === undefined ? {} : { 'http.response.status_code': status });
    if (status === 429) instruments().throttled.add(1);
  },
  /** How a job ended (once per job, by the worker that held it). */
  settled(outcome: DeliveryOutcome): void {
    const i = instruments();
    if (outcome.kind === 'sent') i.sent.add(1, { 'samspill.delivery.attempts': outcome.attempts });
    else if (outcome.kind === 'failed-no-conversation') i.failedNoConversation.add(1);
    else if (outcome.kind === 'unconfirmed') i.failed.add(1, { 'samspill.delivery.reason': `unconfirmed-${outcome.reason}` });
    else {
      // No attempt made: the queue message came back too often (the worker dead-letters it).
      const reason = outcome.attempts === 0 ? 'dequeue-limit' : 'retries-exhausted';
      i.failed.add(1, { 'samspill.delivery.reason': reason, ...(outcome.lastStatus === undefined ? {} : { 'http.response.status_code': outcome.lastStatus }) });
      if (outcome.lastStatus === 429) i.throttled.add(1);
    }
  },
};

export const voteMetrics = {
  /** A ballot was recorded ('duplicate' replays are not counted). */
  cast(programmeId: string): void {
    instruments().cast.add(1, { 'samspill.programme.id': programmeId });
  },
  closed(programmeId: string, how: string, status: string | undefined): void {
    instruments().closed.add(1, { 'samspill.programme.id': programmeId, 'samspill.vote.closed_by': how, 'samspill.vote.status': status ?? 'unknown' });
  },
};
