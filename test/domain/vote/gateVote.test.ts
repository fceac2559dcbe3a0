// A gate vote's own rules: what a new vote starts with, its id, the new round after no quorum,
// the final decision, follow-up work left after a crash, and who sees what.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/shared/decision/index.js';
import type { Body } from '../../../src/shared/programme/schema.js';
import {
  ADMISSION_GATE,
  asBallot,
  finalAdoption,
  mayReopen,
  missingDeliverables,
  pendingWork,
  recordedBasis,
  refreshAudience,
  reopenedVote,
  ROADMAP_REVISION_GATE,
  viewerOf,
  voteBefore,
  voteIdFor,
  type GateVote,
} from '../../../src/features/votes/domain/gateVote.js';

const text = (nb: string) => ({ nb, en: nb });
const body: Body = {
  id: 'sg',
  name: text('SG'),
  rule: { kind: 'consensus' },
  meets: 'ad-hoc',
  members: ['m1', 'm2', 'chair'],
  chair: 'chair',
  observers: ['obs'],
  secretary: 'sec',
};
const ola = { id: 'office', name: 'Ola' };
const opening = { by: ola, at: 1_000_000, deadline: 2_000_000, channel: { conversationId: 'c-1', language: 'nb' as const } };
const nothingDone = { posted: false, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false };
const allDone = { posted: true, outcomePosted: true, notified: true, decisionPosted: true, decisionNotified: true };
const outcome = (status: Outcome['status']) => ({ status, adopted: status === 'adopted' }) as Outcome;

function vote(over: Partial<GateVote> = {}): GateVote {
  return {
    id: voteIdFor('DSOP-2026-001', 'BP1', opening.at),
    tenantId: 't',
    programmeId: 'dsop',
    ideaNumber: 'DSOP-2026-001',
    ideaTitle: 'Idé',
    gate: 'BP1',
    budgetMatter: false,
    basis: [],
    ...voteBefore(body, opening),
    ...over,
  };
}

describe('a new vote', () => {
  it('starts open with the body as it is now, who opened it, the deadline and the channel, nothing done', () => {
    expect(voteBefore(body, opening)).toStrictEqual({
      body: 'sg',
      electorate: { members: ['m1', 'm2', 'chair'], chair: 'chair', observers: ['obs'], secretary: 'sec' },
      rule: { kind: 'consensus' },
      openedBy: ola,
      openedAt: 1_000_000,
      deadline: 2_000_000,
      channel: { conversationId: 'c-1', language: 'nb' },
      status: 'open',
      progress: nothingDone,
    });
    const decidedBy = { person: 'dir', title: text('Direktør') };
    expect(voteBefore({ ...body, decidedBy }, opening).decidedBy).toBe(decidedBy);
  });

  it('has a readable id: idea, gate and the opening instant in base 36', () => {
    expect(voteIdFor('DSOP-2026-001', 'BP2', 1_700_000_000_000.7)).toBe(`DSOP-2026-001.BP2.${(1_700_000_000_000).toString(36)}`);
    expect(voteIdFor('X-1', 'G', 35)).toBe('X-1.G.z');
    expect([ADMISSION_GATE, ROADMAP_REVISION_GATE]).toEqual(['admission', 'roadmap-revision']);
  });

  it('keeps a ballot’s comment only when there is one', () => {
    expect(asBallot({ voter: 'm1', choice: 'for', castAt: 5, seq: 2 })).toStrictEqual({ voter: 'm1', choice: 'for', castAt: 5 });
    expect(asBallot({ voter: 'm1', choice: 'against', castAt: 5, seq: 2, comment: 'Nei.' })).toStrictEqual({ voter: 'm1', choice: 'against', castAt: 5, comment: 'Nei.' });
  });
});

describe('after no quorum', () => {
  const closed = vote({ status: 'closed', outcome: outcome('no-quorum') });

  it('the office may reopen a vote once; not an adopted one, an open one, an advisory one or one reopened already', () => {
    expect(mayReopen(closed)).toBe(true);
    expect(mayReopen({ ...closed, outcome: outcome('rejected') })).toBe(false);
    expect(mayReopen({ ...closed, status: 'open' })).toBe(false);
    expect(mayReopen({ ...closed, outcome: undefined })).toBe(false);
    expect(mayReopen({ ...closed, decidedBy: { title: text('Direktør') } })).toBe(false);
    expect(mayReopen({ ...closed, reopenedAs: 'v2' })).toBe(false);
    expect(viewerOf(closed, 'office', true).mayReopen).toBe(true);
    expect(viewerOf(closed, 'office', false).mayReopen).toBe(false);
    expect(viewerOf({ ...closed, outcome: outcome('adopted') }, 'office', true).mayReopen).toBe(false);
  });

  it('the new round has the same matter, basis, budget flag and override, the body as it is now, a new id and no outcome', () => {
    const matter = { kind: 'recommendation' as const, to: 'tlf' };
    const override = { by: ola, at: 5, missing: ['x'], reason: 'Kommer.' };
    const previous = { ...closed, matter, override, budgetMatter: true, basis: [{ deliverable: 'x' }] };
    const grown = { ...body, members: [...body.members, 'm3'] };
    const again = { ...opening, at: 3_000_000, deadline: 4_000_000 };
    expect(reopenedVote(previous, grown, again)).toStrictEqual({
      id: voteIdFor('DSOP-2026-001', 'BP1', 3_000_000),
      tenantId: 't',
      programmeId: 'dsop',
      ideaNumber: 'DSOP-2026-001',
      ideaTitle: 'Idé',
      gate: 'BP1',
      matter,
      ...voteBefore(grown, again),
      budgetMatter: true,
      basis: [{ deliverable: 'x' }],
      override,
      reopens: closed.id,
    });
    const plain = reopenedVote(closed, body, again, { kind: 'majority' });
    expect(plain.rule).toEqual({ kind: 'majority' });
    expect('matter' in plain || 'override' in plain).toBe(false);
  });
});

describe('the final decision', () => {
  it('is the body’s outcome once closed, none without quorum, and the director’s for an advisory body', () => {
    expect(finalAdoption(vote({ outcome: outcome('adopted') }))).toBeUndefined();
    expect(finalAdoption(vote({ status: 'closed' }))).toBeUndefined();
    expect(finalAdoption(vote({ status: 'closed', outcome: outcome('adopted') }))).toBe(true);
    expect(finalAdoption(vote({ status: 'closed', outcome: outcome('rejected') }))).toBe(false);
    expect(finalAdoption(vote({ status: 'closed', outcome: outcome('no-quorum') }))).toBeUndefined();
    const advisory = vote({ status: 'closed', outcome: outcome('adopted'), decidedBy: { title: text('Direktør') } });
    expect(finalAdoption(advisory)).toBeUndefined();
    expect(finalAdoption({ ...advisory, director: { adopted: false, by: 'dir', at: 9, name: 'Dir' } })).toBe(false);
  });
});

describe('pending work', () => {
  const closedAdopted = vote({ status: 'closed', outcome: outcome('adopted'), applied: { at: 9, ok: true }, progress: allDone });

  it('is left until the card is posted, while closing, and after closing until every step is done', () => {
    expect(pendingWork(vote())).toBe(true);
    expect(pendingWork(vote({ progress: { ...nothingDone, posted: true } }))).toBe(false);
    expect(pendingWork(vote({ status: 'closing', progress: allDone }))).toBe(true);
    expect(pendingWork(closedAdopted)).toBe(false);
    expect(pendingWork({ ...closedAdopted, progress: { ...allDone, outcomePosted: false } })).toBe(true);
    expect(pendingWork({ ...closedAdopted, progress: { ...allDone, notified: false } })).toBe(true);
    expect(pendingWork({ ...closedAdopted, applied: undefined })).toBe(true);
    // Without quorum there is nothing to apply.
    expect(pendingWork({ ...closedAdopted, outcome: outcome('no-quorum'), applied: undefined })).toBe(false);
  });

  it('includes posting and notifying a director’s decision', () => {
    const decided = { ...closedAdopted, decidedBy: { title: text('Direktør') }, director: { adopted: true, by: 'dir', at: 9, name: 'Dir' } };
    expect(pendingWork(decided)).toBe(false);
    expect(pendingWork({ ...decided, progress: { ...allDone, decisionPosted: false } })).toBe(true);
    expect(pendingWork({ ...decided, progress: { ...allDone, decisionNotified: false } })).toBe(true);
    expect(pendingWork({ ...closedAdopted, progress: { ...allDone, decisionPosted: false, decisionNotified: false } })).toBe(false);
  });
});

describe('who sees what', () => {
  it('the chair and the secretary may close; a named director decides, else the office on the director’s behalf', () => {
    const v = vote();
    expect(['chair', 'sec', 'm1', 'obs', 'office'].map((p) => viewerOf(v, p, p === 'office').mayClose)).toEqual([true, true, false, false, false]);
    expect(viewerOf(v, 'office', true).mayDecide).toBe(false);
    const named = vote({ decidedBy: { person: 'dir', title: text('Direktør') } });
    expect([viewerOf(named, 'dir', false).mayDecide, viewerOf(named, 'office', true).mayDecide]).toEqual([true, false]);
    const unnamed = vote({ decidedBy: { title: text('Direktør') } });
    expect([viewerOf(unnamed, 'office', true).mayDecide, viewerOf(unnamed, 'm1', false).mayDecide]).toEqual([true, false]);
    expect(viewerOf(v, 'm1', false).standing).toMatchObject({ standing: 'member' });
  });

  it('refreshes the chair, the secretary, a named decider, the voters and the observers, each once, none blank', () => {
    expect(refreshAudience(vote({ decidedBy: { person: 'dir', title: text('Direktør') } }))).toEqual(['chair', 'sec', 'dir', 'm1', 'm2', 'obs']);
    expect(refreshAudience({ electorate: { members: ['m1', 'm2'], chair: 'm1', observers: ['obs'], secretary: '' } })).toEqual(['m1', 'm2', 'obs']);
  });
});

describe('the decision basis Samspill holds itself (the qualification on the idea card)', () => {
  const gate = {
    id: 'BP1',
    deliverables: [
      { id: 'kvalifisering', name: text('Kvalifisering'), recorded: 'qualification' as const },
      { id: 'mandat', name: text('Mandat') },
    ],
  };
  const qualification = { assessment: 'Moden.', recommendation: 'Start.', gate: 'BP1', by: ola, at: 5 };

  it('the qualification written for this gate is the deliverable marked as recorded, and needs no link', () => {
    const held = recordedBasis(gate, { qualification });
    expect(held).toEqual({ kvalifisering: { kind: 'qualification', by: ola, at: 5 } });
    expect(missingDeliverables(gate, {}, held)).toEqual(['mandat']);
    expect(missingDeliverables(gate, { mandat: ' https://a.example ' }, held)).toEqual([]);
  });

  it('holds nothing without a qualification, with one for another gate, or where no deliverable is marked', () => {
    expect(recordedBasis(gate, {})).toEqual({});
    expect(recordedBasis(gate, { qualification: { ...qualification, gate: 'BP2' } })).toEqual({});
    expect(recordedBasis({ ...gate, deliverables: [{ id: 'kvalifisering', name: text('K') }] }, { qualification })).toEqual({});
    expect(missingDeliverables(gate, { kvalifisering: '  ' })).toEqual(['kvalifisering', 'mandat']);
  });
});
