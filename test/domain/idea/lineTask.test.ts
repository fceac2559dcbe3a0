// Skate seed 004 §2.2: the Director of Difi decides which measures are Difi's line tasks; the
// office may record it on the director's behalf, and the record says so.
import { describe, expect, it } from 'vitest';
import { type Idea, type IdeaStatus, isClosed } from '../../../src/features/ideas/domain/idea.js';
import { decideLineTask, lineTaskRight } from '../../../src/features/ideas/domain/lineTask.js';
import type { Programme } from '../../../src/shared/programme/schema.js';
import { leader, office, presetProgramme } from './programmes.js';

const withDirector = (person?: string): Programme => {
  const programme = structuredClone(presetProgramme('skate'));
  programme.people.push({ aadObjectId: 'director', name: 'Dina Direktør', party: 'brreg', roles: [] });
  programme.bodies[0]!.decidedBy = { ...programme.bodies[0]!.decidedBy!, ...(person ? { person } : {}) };
  return programme;
};
const at = Date.UTC(2026, 11, 1, 9);
const measure = (status: IdeaStatus): Idea => ({
  programmeId: 'skate',
  number: 'SKATE-2026-002',
  title: 'Eksempel',
  description: 'Et tiltak.',
  party: 'nav',
  links: [],
  submittedBy: leader,
  registeredAt: at - 1000,
  phase: 'konsept',
  phaseStartedAt: at - 1000,
  status,
  disputes: [],
});

describe('lineTaskRight', () => {
  it('the named director decides as the director; the office records on their behalf; nobody else', () => {
    const programme = withDirector('director');
    expect(lineTaskRight(programme, 'director', false)).toEqual({ ok: true, value: 'director' });
    expect(lineTaskRight(programme, office.id, true)).toEqual({ ok: true, value: 'office-on-behalf' });
    expect(lineTaskRight(programme, leader.id, false)).toEqual({ ok: false, error: 'forbidden' });
    // No director named: only the office, on the director's behalf.
    expect(lineTaskRight(withDirector(), 'director', false)).toEqual({ ok: false, error: 'forbidden' });
    expect(lineTaskRight(withDirector(), office.id, true)).toEqual({ ok: true, value: 'office-on-behalf' });
  });
  it('a programme where no body advises a director has no line tasks', () => {
    expect(lineTaskRight(presetProgramme('dsop'), office.id, true)).toEqual({ ok: false, error: 'no-director' });
  });
});

describe('decideLineTask', () => {
  it.each(['prioritised', 'qualified', 'active'] as const)('a %s measure becomes a line task, closed to further steps, with who and whether on behalf', (status) => {
    const result = decideLineTask(withDirector(), measure(status), { by: office, at, onBehalf: true });
    expect(result.ok && result.value.idea).toMatchObject({ status: 'line-task', lineTask: { by: office, at, onBehalf: true, fromStatus: status } });
    expect(result.ok && isClosed(result.value.idea)).toBe(true);
    expect(result.ok && result.value.history.event).toStrictEqual({ kind: 'line-task-decided', fromStatus: status, onBehalf: true });
  });
  it('refuses a measure of another programme and an act without who', () => {
    expect(decideLineTask(withDirector(), { ...measure('active'), programmeId: 'dsop' }, { by: office, at, onBehalf: true })).toMatchObject({ ok: false, error: { code: 'wrong-programme' } });
    expect(decideLineTask(withDirector(), measure('active'), { by: { id: '', name: 'x' }, at, onBehalf: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
  it.each(['registered', 'stopped', 'completed', 'line-task'] as const)('a %s idea is refused', (status) => {
    expect(decideLineTask(withDirector(), measure(status), { by: office, at, onBehalf: false }).ok).toBe(false);
  });
});
