// Who is due the collaboration checklist (the leader of each active project, in list order), and
// while which statuses a project works on it (its card shows the progress).
// (checklistHandover.test.ts tests the same rule beside the delivery keys; this file imports
// the domain rule alone, so the mutation run counts it.)
import { describe, expect, it } from 'vitest';
import { isChecklistInProgress } from '../../../src/features/checklist/domain/difiChecklist.js';
import { dueHandovers } from '../../../src/features/checklist/domain/handover.js';
import { ideaStatuses } from '../../../src/features/ideas/domain/idea.js';

describe('dueHandovers', () => {
  it('is one handover per active idea with a leader, carrying the idea and the leader, in list order', () => {
    const a = { number: 'A', status: 'active' as const, projectLeader: 'aad-per' };
    const b = { number: 'B', status: 'active' as const, projectLeader: 'aad-kari' };
    expect(dueHandovers([b, { number: 'C', status: 'active' as const }, a])).toEqual([
      { idea: b, leaderId: 'aad-kari' },
      { idea: a, leaderId: 'aad-per' },
    ]);
    expect(dueHandovers([b])[0]?.idea).toBe(b);
  });

  it('is none for every other status, and none for an empty leader', () => {
    for (const status of ideaStatuses.filter((s) => s !== 'active')) expect(dueHandovers([{ status, projectLeader: 'aad-per' }])).toEqual([]);
    expect(dueHandovers([{ status: 'active', projectLeader: '' }])).toEqual([]);
    expect(dueHandovers([])).toEqual([]);
  });
});

describe('while a project works on its checklist', () => {
  it('is qualified or active: not before it is a project, not after it is closed', () => {
    expect(ideaStatuses.filter(isChecklistInProgress)).toEqual(['qualified', 'active']);
  });
});
