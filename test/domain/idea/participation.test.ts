// Participating parties and their own decisions (DSOP §3.3, §4.3/§4.4), and what a gate that asks
// for them still misses.
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { register, stop } from '../../../src/features/ideas/domain/lifecycle.js';
import { latestDecisions, missingPartyDecisions, recordParticipants, recordPartyDecision } from '../../../src/features/ideas/domain/participation.js';
import { office, presetProgramme } from './programmes.js';

const programme = presetProgramme('dsop');
const at = Date.UTC(2026, 11, 7, 9);
const registered = register(programme, { number: 'DSOP-2026-001', title: 'Prosjekt', description: 'Om', party: 'nav', submittedBy: office, at });
if (!registered.ok) throw new Error('register');
const idea: Idea = registered.value.idea;
const act = { by: office, at };
const gate = (id: string) => programme.gates.find((g) => g.id === id)!;
const withParties = (parties: string[]) => {
  const r = recordParticipants(programme, idea, { ...act, parties });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.idea;
};
const decide = (i: Idea, party: string, positive: boolean) => {
  const r = recordPartyDecision(programme, i, { ...act, party, positive, note: '  ' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('participation', () => {
  it('records the parties once each, with history; refuses none and unknown ones', () => {
    const r = recordParticipants(programme, idea, { ...act, parties: ['nav', 'skatteetaten', 'nav'] });
    expect(r.ok && r.value.idea.participation).toEqual({ parties: ['nav', 'skatteetaten'], decisions: [] });
    expect(r.ok && r.value.history.event).toEqual({ kind: 'participants-recorded', parties: ['nav', 'skatteetaten'] });
    expect(recordParticipants(programme, idea, { ...act, parties: [] })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'parties' } });
    expect(recordParticipants(programme, idea, { ...act, parties: ['nav', 'dnb'] })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'parties', message: 'unknown party "dnb"' } });
  });

  it('a new list keeps the decisions already made', () => {
    const decided = decide(withParties(['nav']), 'nav', true).idea;
    const r = recordParticipants(programme, decided, { ...act, parties: ['nav', 'brreg'] });
    expect(r.ok && r.value.idea.participation?.decisions.map((d) => d.party)).toEqual(['nav']);
  });

  it('records a participant’s decision (the latest counts) and refuses a party that does not take part or a closed idea', () => {
    const first = decide(withParties(['nav', 'brreg']), 'nav', false);
    expect(first.history.event).toEqual({ kind: 'party-decision-recorded', party: 'nav', positive: false });
    const second = decide(first.idea, 'nav', true);
    expect(second.idea.participation?.decisions).toEqual([
      { party: 'nav', positive: false, note: '', by: office, at },
      { party: 'nav', positive: true, note: '', by: office, at },
    ]);
    expect(latestDecisions(second.idea).get('nav')?.positive).toBe(true);
    expect(recordPartyDecision(programme, second.idea, { ...act, party: 'skatteetaten', positive: true, note: '' })).toMatchObject({ ok: false, error: { field: 'participant' } });
    expect(recordPartyDecision(programme, idea, { ...act, party: 'nav', positive: true, note: '' })).toMatchObject({ ok: false, error: { field: 'participant' } });
    const stopped = stop(programme, second.idea, { ...act, lessonsLearned: 'Vi lærte mye.' });
    if (!stopped.ok) throw new Error('stop');
    expect(recordPartyDecision(programme, stopped.value.idea, { ...act, party: 'nav', positive: true, note: '' })).toMatchObject({ ok: false, error: { code: 'idea-closed' } });
  });

  it('BP3 and BP4 of the DSOP preset miss every participant without a positive latest decision; other gates miss nothing', () => {
    expect(programme.gates.filter((g) => g.requiresPartyDecisions).map((g) => g.id)).toEqual(['BP3', 'BP4']);
    expect(missingPartyDecisions(gate('BP3'), idea)).toEqual({ noParticipants: true, parties: [] });
    const parties = withParties(['nav', 'brreg', 'skatteetaten']);
    const some = decide(decide(parties, 'nav', true).idea, 'brreg', false).idea;
    expect(missingPartyDecisions(gate('BP4'), some)).toEqual({ noParticipants: false, parties: ['brreg', 'skatteetaten'] });
    const all = decide(decide(some, 'brreg', true).idea, 'skatteetaten', true).idea;
    expect(missingPartyDecisions(gate('BP3'), all)).toEqual({ noParticipants: false, parties: [] });
    expect(missingPartyDecisions(gate('BP2'), idea)).toEqual({ noParticipants: false, parties: [] });
  });
});
