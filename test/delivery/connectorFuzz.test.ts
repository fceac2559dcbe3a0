// Generated Connector behaviour (issue 22: "the fuzz test grows a case for each"): for each job a
// script of answers — error statuses with or without Retry-After, a late answer within or beyond
// the send timeout, a connection cut after the activity was taken — and then ordinary answers.
// Whatever the script, each job ends exactly as an independent oracle says: sent once, given up
// on the first permanent answer with nothing delivered, or unconfirmed (delivered once, never
// repeated) when the fate of a request was unknown. Never a duplicate, never a job left open.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StubStep } from '../support/limitingConnectorStub.js';
import { TENANT, reminder, startHarness, waitUntil, type Harness } from './harness.js';

const TIMEOUT_MS = 400;
const PERMANENT = [400, 403, 404, 405, 410, 413, 415];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  expect(h.turnErrors).toEqual([]);
  await h.stop();
});

const step: fc.Arbitrary<StubStep> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(408, 412, 429, 500, 502, 503, 504, 401) }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(429, 503), retryAfter: fc.constantFrom('0', '1') }),
  fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...PERMANENT) }),
  fc.record({ kind: fc.constant('late' as const), ms: fc.constantFrom(100, 900) }),
  fc.constant({ kind: 'cut' as const }),
);

/** What must happen to a job whose requests get `steps`, then ordinary answers. */
function oracle(steps: readonly StubStep[]): { outcome: 'sent' | 'failed-gave-up' | 'unconfirmed'; delivered: number; lastStatus?: number } {
  for (const s of steps) {
    if (s.kind === 'status' && PERMANENT.includes(s.status)) return { outcome: 'failed-gave-up', delivered: 0, lastStatus: s.status };
    if (s.kind === 'late') return s.ms < TIMEOUT_MS ? { outcome: 'sent', delivered: 1 } : { outcome: 'unconfirmed', delivered: 1 };
    if (s.kind === 'cut') return { outcome: 'unconfirmed', delivered: 1 };
  }
  return { outcome: 'sent', delivered: 1 };
}

let run = 0;

describe('generated Connector answers', () => {
  it('property: every job ends as the oracle says; nothing is delivered twice or left open', async () => {
    const worker = h.worker({
      options: {
        sendTimeoutMs: TIMEOUT_MS,
        maxInlineWaitMs: 300,
        retry: { maxAttempts: 3, baseMs: 20, maxBackoffMs: 100, maxRescheduleMs: 200, giveUpAfterMs: 60_000 },
      },
    });
    worker.start();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (scripts) => {
        run++;
        const jobs = await Promise.all(
          scripts.map(async (steps, i) => {
            const aad = `aad-fuzz-${run}-${i}`;
            const person = await h.personal(aad);
            h.stub.script(person.conversationId, steps);
            const job = reminder(`fuzz:${run}:${i}`, { kind: 'person', aadObjectId: aad });
            expect(await h.delivery.enqueue(job)).toBe('queued');
            return { job, conversationId: person.conversationId, expected: oracle(steps) };
          }),
        );
        await waitUntil(
          async () => (await Promise.all(jobs.map(({ job }) => h.ledger.find(TENANT, job.key)))).every((r) => r?.state === 'sent' || r?.state === 'failed'),
          20_000,
          'every job settled',
        );
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late answer or a repeat would show by now
        for (const { job, conversationId, expected } of jobs) {
          const record = await h.ledger.find(TENANT, job.key);
          expect(record?.outcome?.kind, job.key).toBe(expected.outcome);
          expect(h.stub.deliveriesTo(conversationId), job.key).toBe(expected.delivered);
          if (expected.lastStatus !== undefined) expect(record?.outcome).toMatchObject({ lastStatus: expected.lastStatus, attempts: expect.any(Number) });
        }
      }),
      { numRuns: 12 },
    );
    await worker.stop();
  }, 240_000);
});
