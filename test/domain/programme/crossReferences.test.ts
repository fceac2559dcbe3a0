// The rules that tie a programme's parts together: each broken reference is reported once, at
// its place in the file, with its message; a programme without mistakes has none.
import { describe, expect, it } from 'vitest';
import { crossReferenceProblems, type ProgrammeProblem } from '../../../src/shared/programme/crossReferences.js';
import type { Body, Programme } from '../../../src/shared/programme/schema.js';
import { presetProgramme } from '../idea/programmes.js';

/** DSOP's governance with people in both bodies: topplederforum has a chair, an observer and the
 * office as secretary; styringsgruppe (consensus, no chair) prepares BP2 and BP3. */
function dsop(): Programme {
  const programme = structuredClone(presetProgramme('dsop'));
  programme.people.push(
    { aadObjectId: 'p-skatt', name: 'Skatt', party: 'skatteetaten', roles: [] },
    { aadObjectId: 'p-nav', name: 'Nav', party: 'nav', roles: [] },
    { aadObjectId: 'p-fn', name: 'Finans', party: 'finans-norge', roles: [] },
  );
  const [tlf, sg] = programme.bodies as [Body, Body];
  Object.assign(tlf, { members: ['p-skatt', 'p-nav'], chair: 'p-skatt', observers: ['p-fn'], secretary: 'office-1' });
  Object.assign(sg, { members: ['p-nav', 'p-fn'], observers: [] });
  return programme;
}

/** The problems of DSOP after one change. */
function after(change: (p: Programme) => void): ProgrammeProblem[] {
  const programme = dsop();
  change(programme);
  return crossReferenceProblems(programme);
}

const gate = (p: Programme, id: string) => p.gates.find((g) => g.id === id)!;
const body = (p: Programme, id: string) => p.bodies.find((b) => b.id === id)!;

describe('crossReferenceProblems', () => {
  it('finds none in a programme whose references all hold (a consensus body needs no chair)', () => {
    expect(crossReferenceProblems(dsop())).toEqual([]);
  });

  it.each([
    ['phases', (p: Programme) => p.phases, 'ide'],
    ['gates', (p: Programme) => p.gates, 'BP1'],
    ['bodies', (p: Programme) => p.bodies, 'topplederforum'],
    ['parties', (p: Programme) => p.parties, 'skatteetaten'],
    ['people', (p: Programme) => p.people, 'office-1'],
    ['criteria', (p: Programme) => p.criteria, 'nytteverdi'],
    ['schedules', (p: Programme) => p.schedules, 'statusrapport'],
  ] as const)('names an id used twice in %s, once however often it repeats', (key, list, id) => {
    const twice = after((p) => {
      const items = list(p) as unknown[];
      items.push(structuredClone(items[0]), structuredClone(items[0]));
    });
    expect(twice).toEqual([{ path: [key], message: `id "${id}" is used more than once` }]);
  });

  it('names an unknown initial phase (and that no gate leads out of it) and an unknown stopped phase', () => {
    expect(after((p) => (p.initialPhase = 'nope'))).toEqual([
      { path: ['initialPhase'], message: 'unknown phase "nope"' },
      { path: ['gates'], message: 'no gate leads out of the initial phase "nope"' },
    ]);
    expect(after((p) => (p.stoppedPhase = 'nope'))).toEqual([{ path: ['stoppedPhase'], message: 'unknown phase "nope"' }]);
  });

  it('asks for a terminal stopped phase and a gate out of the initial phase', () => {
    expect(after((p) => (p.phases.find((ph) => ph.id === 'stanset')!.terminal = false))).toEqual([
      { path: ['stoppedPhase'], message: 'the stopped phase "stanset" must be terminal' },
    ]);
    expect(after((p) => (p.gates = p.gates.filter((g) => g.id !== 'BP1')))).toEqual([
      { path: ['gates'], message: 'no gate leads out of the initial phase "ide"' },
    ]);
  });

  it('names, at the gate, a way into the stopped phase, out of a terminal phase, to its own phase, and unknown phases and bodies', () => {
    expect(after((p) => (gate(p, 'BP5').to = 'stanset'))).toEqual([
      { path: ['gates', 4, 'to'], message: 'a gate cannot lead into the stopped phase; stopping needs lessons learned' },
    ]);
    expect(after((p) => Object.assign(gate(p, 'BP5'), { from: 'forvaltning', to: 'utrulling' }))).toEqual([
      { path: ['gates', 4, 'from'], message: 'phase "forvaltning" is terminal; no gate leads out of it' },
    ]);
    expect(after((p) => (gate(p, 'BP4').to = 'realisering'))).toEqual([{ path: ['gates', 3, 'to'], message: 'a gate must lead to another phase' }]);
    expect(after((p) => (gate(p, 'BP2').from = 'nope'))).toEqual([{ path: ['gates', 1, 'from'], message: 'unknown phase "nope"' }]);
    expect(after((p) => (gate(p, 'BP2').to = 'nope'))).toEqual([{ path: ['gates', 1, 'to'], message: 'unknown phase "nope"' }]);
    expect(after((p) => (gate(p, 'BP1').body = 'nope'))).toEqual([{ path: ['gates', 0, 'body'], message: 'unknown body "nope"' }]);
  });

  it('names an unknown preparing body and a body preparing its own decision; a gate without one is fine', () => {
    expect(after((p) => (gate(p, 'BP3').preparedBy = 'nope'))).toEqual([{ path: ['gates', 2, 'preparedBy'], message: 'unknown body "nope"' }]);
    expect(after((p) => (gate(p, 'BP2').preparedBy = 'topplederforum'))).toEqual([
      { path: ['gates', 1, 'preparedBy'], message: 'a body does not prepare its own decision' },
    ]);
    expect(after((p) => p.gates.forEach((g) => delete g.preparedBy))).toEqual([]);
  });

  it('seed 000 §3.4: a reference group only advises; as a gate\'s, an admission\'s or a retirement\'s body it is named', () => {
    const reference = (p: Programme) => (body(p, 'styringsgruppe').kind = 'reference');
    expect(after((p) => reference(p))).toEqual([
      { path: ['gates', 0, 'body'], message: 'body "styringsgruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never decides a gate' },
      { path: ['gates', 1, 'preparedBy'], message: 'body "styringsgruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never prepares a gate' },
      { path: ['gates', 2, 'preparedBy'], message: 'body "styringsgruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never prepares a gate' },
      { path: ['gates', 3, 'body'], message: 'body "styringsgruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never decides a gate' },
      { path: ['gates', 4, 'body'], message: 'body "styringsgruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never decides a gate' },
    ]);
    const tlfReference = (p: Programme) => (body(p, 'topplederforum').kind = 'reference');
    expect(after((p) => tlfReference(p)).map((x) => x.path.join('.'))).toEqual(['gates.1.body', 'gates.2.body', 'membership.admission.body', 'membership.retirement.body']);
    // Advising is all it may do; a deciding body may advise too, but not on its own decision.
    expect(after((p) => { reference(p); p.gates.forEach((g) => { g.body = 'topplederforum'; delete g.preparedBy; delete g.preparationAdvisory; g.advisedBy = 'styringsgruppe'; }); })).toEqual([]);
    expect(after((p) => (gate(p, 'BP1').advisedBy = 'styringsgruppe'))).toEqual([{ path: ['gates', 0, 'advisedBy'], message: 'a body does not advise on its own decision' }]);
    expect(after((p) => (gate(p, 'BP1').preparationAdvisory = true))).toEqual([{ path: ['gates', 0, 'preparationAdvisory'], message: 'the gate names no preparing body ("preparedBy")' }]);
  });

  it('Skate §3.1: an owner-approved gate has no deciding body and nothing to prepare', () => {
    expect(after((p) => Object.assign(gate(p, 'BP4'), { approvedBy: 'owner', body: undefined }))).toEqual([]);
    expect(after((p) => Object.assign(gate(p, 'BP4'), { approvedBy: 'owner' }))).toEqual([
      { path: ['gates', 3, 'approvedBy'], message: 'the gate is decided by body "styringsgruppe"; an owner-approved gate names no deciding body' },
    ]);
    expect(after((p) => Object.assign(gate(p, 'BP4'), { body: undefined }))).toEqual([
      { path: ['gates', 3, 'body'], message: 'a gate names the body that decides it, or "approvedBy": "owner"' },
    ]);
    expect(after((p) => Object.assign(gate(p, 'BP3'), { approvedBy: 'owner', body: undefined }))).toEqual([
      { path: ['gates', 2, 'preparedBy'], message: 'an owner-approved gate has no deciding vote to prepare; name the body in "advisedBy"' },
    ]);
  });

  it('names a person of an unknown party and a programme without an office', () => {
    expect(after((p) => (p.people[1]!.party = 'nope'))).toEqual([{ path: ['people', 1, 'party'], message: 'unknown party "nope"' }]);
    expect(after((p) => p.people.forEach((person) => (person.roles = [])))).toEqual([
      { path: ['people'], message: 'at least one person must have the "office" role (the programme office)' },
    ]);
  });

  it('names, in a body, no members, a member twice, a member or observer not in people, and an observer who is a member', () => {
    expect(after((p) => Object.assign(body(p, 'styringsgruppe'), { members: [] }))).toEqual([
      { path: ['bodies', 1, 'members'], message: 'body "styringsgruppe" has no members' },
    ]);
    expect(after((p) => body(p, 'styringsgruppe').members.push('p-nav'))).toEqual([
      { path: ['bodies', 1, 'members'], message: '"p-nav" is listed more than once' },
    ]);
    expect(after((p) => body(p, 'styringsgruppe').members.push('ghost'))).toEqual([
      { path: ['bodies', 1, 'members', 2], message: '"ghost" is not in people' },
    ]);
    expect(after((p) => body(p, 'topplederforum').observers.push('ghost'))).toEqual([
      { path: ['bodies', 0, 'observers', 1], message: '"ghost" is not in people' },
    ]);
    expect(after((p) => body(p, 'topplederforum').observers.unshift('p-nav'))).toEqual([
      { path: ['bodies', 0, 'observers', 0], message: '"p-nav" is both a member and an observer; observers never vote' },
    ]);
  });

  it('asks for a chair among the members, and for a chair in a consensus-then-majority body', () => {
    expect(after((p) => (body(p, 'topplederforum').chair = 'p-fn'))).toEqual([
      { path: ['bodies', 0, 'chair'], message: 'the chair "p-fn" must be one of the members' },
    ]);
    const ctm = (p: Programme) => {
      const b = body(p, 'styringsgruppe');
      b.rule = { kind: 'consensus-then-majority', quorum: b.rule.quorum, chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true };
      return b;
    };
    expect(after(ctm)).toEqual([
      { path: ['bodies', 1, 'chair'], message: 'a consensus-then-majority body needs a chair (tie-break and budget matters)' },
    ]);
    expect(after((p) => (ctm(p).chair = 'p-nav'))).toEqual([]);
  });

  it('names a secretary not in people or among the members, and a deciding person not in people', () => {
    expect(after((p) => (body(p, 'topplederforum').secretary = 'ghost'))).toEqual([
      { path: ['bodies', 0, 'secretary'], message: '"ghost" is not in people' },
    ]);
    expect(after((p) => (body(p, 'topplederforum').secretary = 'p-nav'))).toEqual([
      { path: ['bodies', 0, 'secretary'], message: 'the secretary is not a member and cannot be one' },
    ]);
    const title = { nb: 'Direktøren', en: 'The director' };
    expect(after((p) => (body(p, 'styringsgruppe').decidedBy = { person: 'ghost', title }))).toEqual([
      { path: ['bodies', 1, 'decidedBy', 'person'], message: '"ghost" is not in people' },
    ]);
    expect(after((p) => (body(p, 'styringsgruppe').decidedBy = { person: 'leader-1', title }))).toEqual([]);
    expect(after((p) => (body(p, 'styringsgruppe').decidedBy = { title }))).toEqual([]);
  });

  it('asks every body for a quorum', () => {
    expect(after((p) => delete body(p, 'topplederforum').rule.quorum)).toEqual([
      { path: ['bodies', 0, 'rule', 'quorum'], message: 'body "topplederforum" has no quorum; say how many members must vote (e.g. { "majorityOfMembers": true })' },
    ]);
  });

  it('names the body of a seat problem at the body’s place', () => {
    const problems = after((p) => {
      for (const party of p.parties) party.kind = 'etat';
      body(p, 'styringsgruppe').seats = { members: [{ count: 3, partyKind: 'etat', onePerParty: true }], observers: [], fixed: [] };
    });
    expect(problems).toEqual([{ path: ['bodies', 1, 'members'], message: 'body "styringsgruppe": the seats ask for 3 of a party of kind "etat"; the body has 2' }]);
  });

  it('checks the samlesak: a quarterly status-report schedule, a preparing body, an advisory body that someone decides on', () => {
    const quarterly = (p: Programme) => {
      p.schedules[0]!.cadence = { kind: 'quarterly' };
      body(p, 'topplederforum').decidedBy = { title: { nb: 'Direktøren', en: 'The director' } };
    };
    expect(after((p) => (quarterly(p), (p.samlesak = { schedule: 'statusrapport', preparedBy: 'styringsgruppe', advisedBy: 'topplederforum' })))).toEqual([]);
    expect(after((p) => (p.samlesak = { schedule: 'statusrapport', preparedBy: 'nope', advisedBy: 'styringsgruppe' }))).toEqual([
      { path: ['samlesak', 'schedule'], message: 'schedule "statusrapport" must be a quarterly status report' },
      { path: ['samlesak', 'preparedBy'], message: 'unknown body "nope"' },
      { path: ['samlesak', 'advisedBy'], message: 'body "styringsgruppe" gives advice to no one ("decidedBy")' },
    ]);
    expect(after((p) => (quarterly(p), (p.samlesak = { schedule: 'x', preparedBy: 'styringsgruppe', advisedBy: 'nope' })))).toEqual([
      { path: ['samlesak', 'schedule'], message: 'unknown schedule "x"' },
      { path: ['samlesak', 'advisedBy'], message: 'unknown body "nope"' },
    ]);
  });

  it('names an unknown admission body, an admission criterion twice, an unknown roadmap body and an unknown confidentiality gate', () => {
    expect(after((p) => (p.membership!.admission!.body = 'nope'))).toEqual([{ path: ['membership', 'admission', 'body'], message: 'unknown body "nope"' }]);
    expect(after((p) => p.membership!.admission!.criteria.push(structuredClone(p.membership!.admission!.criteria[1]!)))).toEqual([
      { path: ['membership.admission.criteria'], message: 'id "fast-deltakelse" is used more than once' },
    ]);
    expect(after((p) => (p.roadmap = { body: 'nope' }))).toEqual([{ path: ['roadmap', 'body'], message: 'unknown body "nope"' }]);
    expect(after((p) => (p.roadmap = { body: 'styringsgruppe' }))).toEqual([]);
    expect(after((p) => (p.confidentiality.participantsOnlyUntilGate = 'BP9'))).toEqual([
      { path: ['confidentiality', 'participantsOnlyUntilGate'], message: 'unknown gate "BP9"' },
    ]);
    expect(after((p) => delete p.confidentiality.participantsOnlyUntilGate)).toEqual([]);
  });

  it('reports every mistake of a programme with several, in the order of the file', () => {
    const problems = after((p) => {
      p.stoppedPhase = 'nope';
      gate(p, 'BP1').body = 'nope';
      p.people[1]!.party = 'nope';
      body(p, 'topplederforum').secretary = 'ghost';
    });
    expect(problems.map((problem) => problem.path)).toEqual([['stoppedPhase'], ['gates', 0, 'body'], ['people', 1, 'party'], ['bodies', 0, 'secretary']]);
  });
});
