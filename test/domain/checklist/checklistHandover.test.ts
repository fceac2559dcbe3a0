// Who is due the collaboration checklist when a project starts, and under which delivery keys.
// (While which statuses a project works on it: handover.test.ts, which the mutation run counts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checklistHandoverKey, checklistResendKey } from '../../../src/features/checklist/app/checklistDelivery.js';
import { programmeKeyPrefix } from '../../../src/features/reporting/app/reminders.js';
import { dueHandovers } from '../../../src/features/checklist/domain/handover.js';
import { ideaStatuses, type IdeaStatus } from '../../../src/features/ideas/domain/idea.js';

const idea = (number: string, status: IdeaStatus, projectLeader?: string) => ({ number, status, ...(projectLeader ? { projectLeader } : {}) });

const arbitraryIdea = fc.record(
  {
    number: fc.integer({ min: 1, max: 999 }).map((n) => `DSOP-2026-${String(n).padStart(3, '0')}`),
    status: fc.constantFrom(...ideaStatuses),
    projectLeader: fc.constantFrom('aad-a', 'aad-b', 'aad-c'),
  },
  { requiredKeys: ['number', 'status'] },
);

describe('who is due the checklist', () => {
  it('the leader of an active project; not a qualified one, not a project without a leader, not a closed one', () => {
    const ideas = [
      idea('DSOP-2026-001', 'active', 'aad-per'),
      idea('DSOP-2026-002', 'qualified', 'aad-kari'),
      idea('DSOP-2026-003', 'active'),
      idea('DSOP-2026-004', 'completed', 'aad-kari'),
      idea('DSOP-2026-005', 'stopped', 'aad-kari'),
      idea('DSOP-2026-006', 'active', 'aad-kari'),
    ];
    expect(dueHandovers(ideas).map((h) => [h.idea.number, h.leaderId])).toEqual([
      ['DSOP-2026-001', 'aad-per'],
      ['DSOP-2026-006', 'aad-kari'],
    ]);
  });

  it('is exactly one handover per active idea with a leader, to that leader', () => {
    fc.assert(
      fc.property(fc.array(arbitraryIdea, { maxLength: 30 }), (ideas) => {
        const due = dueHandovers(ideas);
        expect(due.map((h) => h.idea)).toEqual(ideas.filter((i) => i.status === 'active' && i.projectLeader !== undefined));
        for (const h of due) expect(h.leaderId).toBe(h.idea.projectLeader);
      }),
    );
  });
});

describe('delivery keys', () => {
  const programme = { tenantId: 'tenant-a', programmeId: 'dsop' };

  it('name the tenant, the programme, the idea and the leader', () => {
    expect(checklistHandoverKey(programme, 'DSOP-2026-001', 'aad-per')).toBe('tenant-a:dsop:checklist:DSOP-2026-001:aad-per');
    expect(checklistResendKey(programme, 'DSOP-2026-001', 'aad-per', 'f4c1a0e2-request')).toBe(
      'tenant-a:dsop:checklist:DSOP-2026-001:aad-per:resend:f4c1a0e2-request',
    );
  });

  const part = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
  const handover = fc.record({
    tenantId: part,
    programmeId: part,
    ideaNumber: fc.tuple(fc.stringMatching(/^[A-Z]{2,6}$/), fc.integer({ min: 2020, max: 2040 }), fc.integer({ min: 1, max: 999 })).map(
      ([prefix, year, n]) => `${prefix}-${year}-${String(n).padStart(3, '0')}`,
    ),
    leaderId: fc.uuid(),
  });

  it('differ for every other programme, project or leader (a new leader gets the checklist too), and repeat for the same', () => {
    fc.assert(
      fc.property(handover, handover, (a, b) => {
        const keyOf = (h: typeof a) => checklistHandoverKey(h, h.ideaNumber, h.leaderId);
        expect(keyOf(a) === keyOf(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(keyOf(a)).toBe(keyOf({ ...a }));
      }),
    );
  });

  it('are in the programme’s key space, so a failed handover is in the office’s list; a resend is its own message', () => {
    fc.assert(
      fc.property(handover, fc.uuid(), fc.uuid(), (h, r1, r2) => {
        const start = checklistHandoverKey(h, h.ideaNumber, h.leaderId);
        const resend = checklistResendKey(h, h.ideaNumber, h.leaderId, r1);
        for (const k of [start, resend]) expect(k.startsWith(programmeKeyPrefix(h))).toBe(true);
        expect(resend).not.toBe(start);
        expect(resend === checklistResendKey(h, h.ideaNumber, h.leaderId, r2)).toBe(r1 === r2);
      }),
    );
  });
});
