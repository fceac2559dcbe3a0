// R37 (seed 004 §5.1): the next quarter's report is asked whether the decision recorded in the
// previous quarter's samlesak was followed, naming it — in the reminder as in the form; without
// one, only a measure that reported last quarter is asked, in general. Other schedules never.
import { describe, expect, it } from 'vitest';
import { outstanding } from '../../src/features/reporting/app/reminders.js';
import { previousSkateDecision } from '../../src/features/reporting/app/previousDecision.js';
import type { ReportRepository, StatusReport } from '../../src/features/reporting/app/report.js';
import type { SkateDecisionLookup } from '../../src/features/reporting/app/samlesak.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import type { CorrectiveDecision } from '../../src/features/reporting/domain/samlesak.js';
import { skatePeople as p, skateSamlesakProgramme } from '../support/skateSamlesak.js';

const programme = skateSamlesakProgramme('t-r37');
const schedule = programme.schedules.find((s) => s.id === 'kvartalsrapport')!;
const key = { tenantId: 't-r37', programmeId: programme.id };
const decision: CorrectiveDecision = { text: 'Ny kontrakt innen januar.', by: { id: p.director.aadObjectId, name: p.director.name }, at: 1, onBehalf: false };

function project(number: string, leader: string): Idea {
  const r = register(programme, { number, title: number, description: 'x', party: 'nav', links: [], submittedBy: { id: leader, name: 'x' }, at: 0 });
  if (!r.ok) throw new Error('idea');
  return { ...r.value.idea, status: 'active', phase: 'konsept', projectLeader: leader };
}
const decided = project('SKATE-2026-001', p.owner.aadObjectId);
const reported = project('SKATE-2026-002', p.owner2.aadObjectId);
const neither = project('SKATE-2026-003', p.owner2.aadObjectId);

/** Decisions recorded in 2026-Q4 only, for the first project (whatever the schedule asked: the
 * rule that only the samlesak's schedule asks is the caller's). */
const lookup: SkateDecisionLookup = {
  decisionFor: async (_key, _scheduleId, periodKey, measureId) => (periodKey === '2026-Q4' && measureId === decided.number ? decision : undefined),
};
/** Last quarter, the second project reported. */
const reports = {
  forPeriod: async (_key: unknown, _schedule: string, periodKey: string) => (periodKey === '2026-Q4' ? [{ ideaNumber: reported.number } as StatusReport] : []),
} as unknown as ReportRepository;

describe('R37: the question names the recorded decision', () => {
  it("in the reminder: the decided measure with the decision, the reported one in general, the other not at all", async () => {
    const due = await outstanding({ reports, decisions: lookup }, key, programme, schedule, '2027-Q1', [decided, reported, neither]);
    const items = [...due.values()].flat();
    const of = (idea: Idea) => items.find((i) => i.idea.number === idea.number)!;
    expect(of(decided)).toMatchObject({ askPreviousDecision: true, previousDecision: decision });
    expect(of(reported)).toMatchObject({ askPreviousDecision: true });
    expect(of(reported).previousDecision).toBeUndefined();
    expect(of(neither)).toEqual({ idea: neither, askPreviousDecision: false });
  });

  it('looks in the previous quarter of the samlesak schedule only', async () => {
    expect(await previousSkateDecision(lookup, key, programme, schedule, '2027-Q1', decided.number)).toEqual(decision);
    expect(await previousSkateDecision(lookup, key, programme, schedule, '2026-Q4', decided.number)).toBeUndefined();
    expect(await previousSkateDecision(lookup, key, programme, { ...schedule, id: 'annen' }, '2027-Q1', decided.number)).toBeUndefined();
    expect(await previousSkateDecision(undefined, key, programme, schedule, '2027-Q1', decided.number)).toBeUndefined();
  });
});
