// VoteSubjects shares a read of the idea only while it is in flight: a burst of votes on one
// gate costs one idea read, and a read after a change sees the change.
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import { VoteSubjects } from '../../src/features/votes/teams/voteSubject.js';

const vote = { tenantId: 't', programmeId: 'dsop', ideaNumber: 'DSOP-2026-001' } as GateVote;

function ideasStore() {
  let title = 'Første tittel';
  let reads = 0;
  return {
    reads: () => reads,
    rename: (t: string) => void (title = t),
    get: async (_key: unknown, number: string) => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { number, title } as Idea;
    },
  };
}

describe('VoteSubjects', () => {
  it('concurrent cards on one idea share one read', async () => {
    const ideas = ideasStore();
    const subjects = new VoteSubjects(ideas, { get: async () => undefined });
    const seen = await Promise.all(Array.from({ length: 50 }, () => subjects.of(vote)));
    expect(ideas.reads()).toBe(1);
    expect(seen.every((s) => s?.kind === 'idea' && s.idea.title === 'Første tittel')).toBe(true);
  });

  it('a card asked for after a read answered reads again and sees a change', async () => {
    const ideas = ideasStore();
    const subjects = new VoteSubjects(ideas, { get: async () => undefined });
    await subjects.of(vote);
    ideas.rename('Ny tittel');
    const after = await subjects.of(vote);
    expect(ideas.reads()).toBe(2);
    expect(after?.kind === 'idea' && after.idea.title).toBe('Ny tittel');
  });
});
