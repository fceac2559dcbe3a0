// The filing rule of a status report on its own (src/features/reporting/app/report.ts, decideFiling), without
// the card: Skate §4.4 «Ved vesentlige avvik skal tiltakseier foreslå korrigerende tiltak». The
// report form's own check (reportHandlers.ts) catches a form first; this rule is what holds for
// every other way a report reaches the use case, so it is tested here alone.
import { describe, expect, it } from 'vitest';
import { decideFiling, deviationAreas, type FilingInput, type ReportContent } from '../../src/features/reporting/app/report.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { periodByKey } from '../../src/shared/schedule/period.js';
import { leader, presetProgramme } from '../domain/idea/programmes.js';

const programme = presetProgramme('dsop');
const schedule = programme.schedules.find((s) => s.id === 'statusrapport')!;
const period = periodByKey(schedule, '2026-12')!;
const registered = register(programme, {
  number: 'DSOP-2026-001',
  title: 'Kontoopplysninger',
  description: 'Beskrivelse',
  party: 'nav',
  submittedBy: leader,
  at: period.opens - 86_400_000,
});
if (!registered.ok) throw new Error('register');
const idea: Idea = { ...registered.value.idea, status: 'active', projectLeader: leader.id };

const none = { deviates: false, text: '' };
const content = (over: Partial<ReportContent> = {}): ReportContent => ({
  status: 'green',
  progress: 'Godt i gang.',
  deviations: { result: none, completionDate: none, cost: none },
  correctiveActions: '',
  nextMilestones: 'Januar.',
  ...over,
});
const input = (c: ReportContent): FilingInput => ({ programme, schedule, period, idea, by: leader, at: period.opens + 1000, content: c });

describe('decideFiling: a significant deviation comes with corrective actions', () => {
  it('files a report without a deviation and without corrective actions', () => {
    const filed = decideFiling(input(content()), undefined);
    expect(filed).toMatchObject({ ok: true, value: { kind: 'new-version', report: { version: 1, author: leader } } });
  });

  it.each(deviationAreas)('refuses a deviation in %s with no corrective actions, or only blanks', (area) => {
    const deviations = { ...content().deviations, [area]: { deviates: true, text: 'Vesentlig.' } };
    expect(decideFiling(input(content({ status: 'red', deviations })), undefined)).toEqual({ ok: false, error: { code: 'corrective-actions-required' } });
    expect(decideFiling(input(content({ status: 'red', deviations, correctiveActions: '  \n ' })), undefined)).toEqual({
      ok: false,
      error: { code: 'corrective-actions-required' },
    });
    expect(decideFiling(input(content({ status: 'red', deviations, correctiveActions: 'Mer folk.' })), undefined)).toMatchObject({ ok: true });
  });

  it('refuses a correction that marks a deviation and drops the corrective actions', () => {
    const first = decideFiling(input(content()), undefined);
    if (!first.ok) throw new Error('first');
    const deviations = { ...content().deviations, cost: { deviates: true, text: 'Dyrere.' } };
    expect(decideFiling(input(content({ deviations })), first.value.report)).toEqual({ ok: false, error: { code: 'corrective-actions-required' } });
  });
});
