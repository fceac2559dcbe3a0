// The day-before reminder to members who have not voted: due from 24 hours before the deadline
// until the deadline, once, for an open vote that was opened before the reminder time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REMIND_VOTERS_BEFORE_MS, votersReminderAt, votersReminderDue } from '../../../src/features/votes/domain/votersReminder.js';
import type { GateVote } from '../../../src/features/votes/domain/gateVote.js';

const hour = 3_600_000;
const deadline = Date.parse('2026-05-08T14:00:00Z');
const progress = { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false };
type Vote = Pick<GateVote, 'status' | 'deadline' | 'openedAt' | 'progress'>;
const vote = (over: Partial<Vote> = {}): Vote => ({ status: 'open', deadline, openedAt: deadline - 7 * 24 * hour, progress, ...over });

describe('votersReminderAt', () => {
  it('is 24 hours before the deadline', () => {
    expect(REMIND_VOTERS_BEFORE_MS).toBe(24 * hour);
    expect(votersReminderAt({ deadline })).toBe(Date.parse('2026-05-07T14:00:00Z'));
  });
});

describe('votersReminderDue', () => {
  const at = deadline - 24 * hour;

  it('is due from the reminder time up to, not including, the deadline', () => {
    expect(votersReminderDue(vote(), at - 1)).toBe(false);
    expect(votersReminderDue(vote(), at)).toBe(true);
    expect(votersReminderDue(vote(), deadline - 1)).toBe(true);
    expect(votersReminderDue(vote(), deadline)).toBe(false);
  });

  it('is not due once sent, for a vote being closed or closed, or for a vote opened at or after the reminder time', () => {
    expect(votersReminderDue(vote({ progress: { ...progress, votersReminded: true } }), at)).toBe(false);
    expect(votersReminderDue(vote({ progress: { ...progress, votersReminded: false } }), at)).toBe(true);
    expect(votersReminderDue(vote({ status: 'closing' }), at)).toBe(false);
    expect(votersReminderDue(vote({ status: 'closed' }), at)).toBe(false);
    expect(votersReminderDue(vote({ openedAt: at }), at)).toBe(false);
    expect(votersReminderDue(vote({ openedAt: at - 1 }), at)).toBe(true);
  });

  it('property: due exactly when open, not reminded, opened before the reminder time and now in [reminder time, deadline)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('open', 'closing', 'closed' as const),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.integer({ min: -72, max: 72 }),
        fc.integer({ min: -72, max: 72 }),
        (status, votersReminded, openedHours, nowHours) => {
          const openedAt = deadline + openedHours * hour;
          const now = deadline + nowHours * hour;
          const v = vote({ status, openedAt, progress: { ...progress, ...(votersReminded === undefined ? {} : { votersReminded }) } });
          const expected = status === 'open' && votersReminded !== true && openedHours < -24 && nowHours >= -24 && nowHours < 0;
          expect(votersReminderDue(v, now)).toBe(expected);
        },
      ),
    );
  });
});
