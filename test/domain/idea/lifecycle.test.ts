// The idea state machine against each shipped preset. Every transition is tried from every
// reachable state, and the expected outcome is derived from the preset's phases and gates.
import { decideLineTask } from '../../../src/features/ideas/domain/lineTask.js';
import { describe, expect, it } from 'vitest';
import { recordDispute } from '../../../src/features/ideas/domain/dispute.js';
import { ideaStatuses, type Idea, type IdeaStatus } from '../../../src/features/ideas/domain/idea.js';
import {
  allowedGates,
  applyGateDecision,
  assignProjectLeader,
  nextGate,
  prioritise,
  qualify,
  register,
  rerank,
  stop,
  type Transition,
  type TransitionResult,
} from '../../../src/features/ideas/domain/lifecycle.js';
import type { LifecycleErrorCode } from '../../../src/features/ideas/domain/lifecycleError.js';
import type { Programme } from '../../../src/shared/programme/schema.js';
import { leader, office, presetNames, presetProgramme } from './programmes.js';

const t0 = Date.parse('2026-02-02T09:00:00Z');
const day = 86_400_000;
const lessons = 'Konseptet ga mindre gevinst enn antatt, så vi stanset før planleggingen.';

function unwrap(result: TransitionResult): Transition {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function errorCode(result: TransitionResult): LifecycleErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}

/** Frozen all the way down, so a transition that mutates its input throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface State {
  label: string;
  idea: Idea;
}

function registered(programme: Programme): Idea {
  return unwrap(
    register(programme, {
      number: `${programme.ideaPrefix}-2026-014`,
      title: 'Sanntids inntektsopplysninger',
      description: 'Bankene henter inntekt direkte fra a-ordningen.',
      party: 'skatteetaten',
      links: ['https://example.org/forslag'],
      submittedBy: { id: 'submitter-1', name: 'Kari Nordmann' },
      at: t0,
    }),
  ).idea;
}

/** Every state an idea can reach: the idea-phase statuses, each phase reached by adopting
 * gates, and stopped from each of those. */
function reachableStates(programme: Programme): State[] {
  const reg = registered(programme);
  const pri = unwrap(prioritise(programme, reg, { rank: 2, by: office, at: t0 + day })).idea;
  const qua = unwrap(
    qualify(programme, pri, { assessment: 'Høy nytte.', recommendation: 'Anbefales.', by: office, at: t0 + 2 * day }),
  ).idea;
  const states: State[] = [
    { label: 'registered', idea: reg },
    { label: 'prioritised', idea: pri },
    { label: 'qualified', idea: qua },
  ];
  const queue = [qua];
  const seen = new Set([qua.phase]);
  let at = t0 + 10 * day;
  while (queue.length > 0) {
    const idea = queue.shift()!;
    for (const gate of allowedGates(programme, idea)) {
      const next = unwrap(applyGateDecision(programme, idea, { gate: gate.id, adopted: true, by: office, at: (at += day) })).idea;
      if (seen.has(next.phase)) continue;
      seen.add(next.phase);
      states.push({ label: `${next.status} in ${next.phase}`, idea: next });
      if (next.status === 'active') queue.push(next);
    }
  }
  for (const { label, idea } of [...states]) {
    if (idea.status === 'completed') continue;
    const stopped = unwrap(stop(programme, idea, { lessonsLearned: lessons, by: office, at: (at += day) })).idea;
    states.push({ label: `stopped from ${label}`, idea: stopped });
  }
  // Skate §2.2: a measure on the list or under way may become Difi's line task.
  for (const { label, idea } of [...states]) {
    if (!['prioritised', 'qualified', 'active'].includes(idea.status)) continue;
    states.push({ label: `line task from ${label}`, idea: unwrap(decideLineTask(programme, idea, { by: office, at: (at += day), onBehalf: true })).idea });
  }
  return states.map((s) => ({ ...s, idea: deepFreeze(s.idea) }));
}

const closed = (status: IdeaStatus) => status === 'stopped' || status === 'completed' || status === 'line-task';

describe.each(presetNames)('idea lifecycle with the %s preset', (name) => {
  const programme = presetProgramme(name);
  const states = reachableStates(programme);
  const at = t0 + 100 * day;
  const firstGate = programme.gates.find((g) => g.from === programme.initialPhase && g.to !== programme.stoppedPhase);

  it('reaches every phase but the stopped one through gates, and ends completed', () => {
    const phases = new Set(states.filter((s) => s.idea.status !== 'stopped').map((s) => s.idea.phase));
    expect([...phases].sort()).toEqual(programme.phases.map((p) => p.id).filter((p) => p !== programme.stoppedPhase).sort());
    expect(states.some((s) => s.idea.status === 'completed')).toBe(true);
    expect(firstGate).toBeDefined();
  });

  describe('register', () => {
    it('registers in the initial phase with no assessment at all', () => {
      const { idea, history } = unwrap(
        register(programme, {
          number: `${programme.ideaPrefix.toLowerCase()}-2026-7`,
          title: '  Felles samtykke  ',
          description: 'Beskrivelse',
          party: 'nav',
          expectedBenefit: '   ',
          links: [' https://example.org/a ', ''],
          submittedBy: { id: 'u1', name: 'Ola' },
          at: t0,
        }),
      );
      expect(idea).toEqual({
        programmeId: programme.id,
        number: `${programme.ideaPrefix}-2026-007`,
        title: 'Felles samtykke',
        description: 'Beskrivelse',
        party: 'nav',
        links: ['https://example.org/a'],
        submittedBy: { id: 'u1', name: 'Ola' },
        registeredAt: t0,
        phase: programme.initialPhase,
        phaseStartedAt: t0,
        status: 'registered',
        disputes: [],
      });
      expect(history).toEqual({
        programmeId: programme.id,
        ideaNumber: idea.number,
        at: t0,
        by: { id: 'u1', name: 'Ola' },
        event: { kind: 'registered', phase: programme.initialPhase },
      });
    });

    it('keeps an expected benefit when one is given', () => {
      const idea = unwrap(
        register(programme, {
          number: `${programme.ideaPrefix}-2026-001`,
          title: 'T',
          description: 'D',
          party: 'nav',
          expectedBenefit: ' Spart tid ',
          submittedBy: { id: 'u1', name: 'Ola' },
          at: t0,
        }),
      ).idea;
      expect(idea.expectedBenefit).toBe('Spart tid');
      expect(idea.links).toEqual([]);
    });

    const valid = {
      number: `${programme.ideaPrefix}-2026-001`,
      title: 'T',
      description: 'D',
      party: 'nav',
      submittedBy: { id: 'u1', name: 'Ola' },
      at: t0,
    };
    it.each([
      ['number', { number: 'XX-2026-001' }],
      ['number', { number: 'not an id' }],
      ['title', { title: '   ' }],
      ['title', { title: 'x'.repeat(201) }],
      ['description', { description: '' }],
      ['party', { party: 'ukjent' }],
      ['links', { links: ['ftp://example.org/x'] }],
      ['links', { links: ['www.example.org'] }],
      ['submittedBy', { submittedBy: { id: 'u1', name: ' ' } }],
      ['by', { submittedBy: { id: '', name: 'Ola' } }],
      ['at', { at: Number.NaN }],
    ])('refuses a bad %s', (field, change) => {
      const result = register(programme, { ...valid, ...change });
      expect(result).toEqual({ ok: false, error: { code: 'invalid-input', field, message: expect.any(String) } });
    });
  });

  describe.each(states.map((s) => [s.label, s.idea] as const))('from %s', (_label, idea) => {
    it.each(programme.gates.flatMap((g) => [[g.id, true] as const, [g.id, false] as const]))(
      'gate %s adopted=%s',
      (gateId, adopted) => {
        const gate = programme.gates.find((g) => g.id === gateId)!;
        const result = applyGateDecision(programme, idea, { gate: gateId, adopted, by: office, at, decisionId: 'v-1' });
        const expected: LifecycleErrorCode | 'ok' = closed(idea.status)
          ? 'idea-closed'
          : gate.from !== idea.phase
            ? 'gate-not-from-current-phase'
            : gate.to === programme.stoppedPhase
              ? 'gate-into-stopped-phase'
              : gate.from === programme.initialPhase && idea.status !== 'qualified'
                ? 'not-qualified'
                : 'ok';
        expect(errorCode(result)).toBe(expected);
        expect(allowedGates(programme, idea).some((g) => g.id === gateId)).toBe(expected === 'ok');
        if (!result.ok) return;

        const { idea: next, history } = result.value;
        expect(history).toMatchObject({ programmeId: programme.id, ideaNumber: idea.number, at, by: office });
        if (!adopted) {
          expect(next).toEqual(idea);
          expect(history.event).toEqual({ kind: 'gate-rejected', gate: gateId, phase: idea.phase, decisionId: 'v-1' });
          return;
        }
        const terminal = programme.phases.find((p) => p.id === gate.to)!.terminal;
        const status = terminal ? 'completed' : 'active';
        expect(next).toEqual({ ...idea, phase: gate.to, phaseStartedAt: at, status });
        expect(history.event).toEqual({
          kind: 'gate-adopted',
          gate: gateId,
          fromPhase: idea.phase,
          toPhase: gate.to,
          status,
          decisionId: 'v-1',
        });
      },
    );

    it('refuses an unknown gate', () => {
      const code = errorCode(applyGateDecision(programme, idea, { gate: 'no-such-gate', adopted: true, by: office, at }));
      expect(code).toBe(closed(idea.status) ? 'idea-closed' : 'unknown-gate');
    });

    it('offers as next gate the first allowed one', () => {
      const gates = allowedGates(programme, idea);
      expect(nextGate(programme, idea)).toEqual(gates[0]);
      if (idea.status === 'registered' || idea.status === 'prioritised' || closed(idea.status)) expect(gates).toEqual([]);
      if (idea.status === 'qualified') expect(gates[0]).toEqual(firstGate);
      if (idea.status === 'active') expect(gates.length).toBeGreaterThan(0);
    });

    /** ok when the idea's status is one of `allowed`, else the error the guards give. */
    const expectFor = (allowed: IdeaStatus[]): LifecycleErrorCode | 'ok' =>
      closed(idea.status) ? 'idea-closed' : allowed.includes(idea.status) ? 'ok' : 'wrong-status';

    it('prioritise', () => {
      const result = prioritise(programme, idea, { rank: 3, by: office, at });
      expect(errorCode(result)).toBe(expectFor(['registered']));
      if (!result.ok) return;
      expect(result.value.idea).toEqual({ ...idea, status: 'prioritised', rank: 3 });
      expect(result.value.history.event).toEqual({ kind: 'prioritised', rank: 3 });
    });

    it('rerank', () => {
      const result = rerank(programme, idea, { rank: 1, by: office, at });
      expect(errorCode(result)).toBe(expectFor(['prioritised', 'qualified']));
      if (!result.ok) return;
      expect(result.value.idea).toEqual({ ...idea, rank: 1 });
      expect(result.value.history.event).toEqual({ kind: 'reranked', from: idea.rank, to: 1 });
    });

    it('qualify', () => {
      const result = qualify(programme, idea, { assessment: ' Vurdering ', recommendation: 'Ta videre', by: office, at });
      expect(errorCode(result)).toBe(expectFor(['prioritised']));
      if (!result.ok) return;
      const qualification = { assessment: 'Vurdering', recommendation: 'Ta videre', gate: firstGate!.id, by: office, at };
      expect(result.value.idea).toEqual({ ...idea, status: 'qualified', qualification });
      expect(result.value.history.event).toEqual({ kind: 'qualified', gate: firstGate!.id, recommendation: 'Ta videre' });
    });

    it('stop', () => {
      const result = stop(programme, idea, { lessonsLearned: ` ${lessons} `, by: office, at });
      expect(errorCode(result)).toBe(closed(idea.status) ? 'idea-closed' : 'ok');
      if (!result.ok) return;
      const record = { lessonsLearned: lessons, by: office, at, fromPhase: idea.phase, fromStatus: idea.status };
      expect(result.value.idea).toEqual({ ...idea, phase: programme.stoppedPhase, phaseStartedAt: at, status: 'stopped', stop: record });
      expect(result.value.history.event).toEqual({ kind: 'stopped', fromPhase: idea.phase, fromStatus: idea.status, lessonsLearned: lessons });
      expect(allowedGates(programme, result.value.idea)).toEqual([]);
    });

    it('assign a project leader', () => {
      const result = assignProjectLeader(programme, idea, { person: leader.id, by: office, at });
      expect(errorCode(result)).toBe(expectFor(['qualified', 'active']));
      if (!result.ok) return;
      expect(result.value.idea).toEqual({ ...idea, projectLeader: leader.id });
      expect(result.value.history.event).toEqual({ kind: 'project-leader-assigned', person: leader.id });
    });

    it('record a dispute', () => {
      const result = recordDispute(programme, idea, { subject: 'API', dataOwner: 'skatteetaten', decision: 'REST', by: office, at });
      expect(errorCode(result)).toBe(expectFor(['active']));
    });

    it('refuses an idea from another programme whatever its state', () => {
      const other = { ...idea, programmeId: 'annet' };
      for (const result of [
        prioritise(programme, other, { rank: 1, by: office, at }),
        rerank(programme, other, { rank: 1, by: office, at }),
        qualify(programme, other, { assessment: 'a', recommendation: 'r', by: office, at }),
        stop(programme, other, { lessonsLearned: lessons, by: office, at }),
        applyGateDecision(programme, other, { gate: programme.gates[0]!.id, adopted: true, by: office, at }),
        assignProjectLeader(programme, other, { person: leader.id, by: office, at }),
      ]) {
        expect(errorCode(result)).toBe('wrong-programme');
      }
    });
  });

  it('covers every status in the state list', () => {
    expect(new Set(states.map((s) => s.idea.status))).toEqual(new Set(ideaStatuses));
  });

  describe('input rules', () => {
    const reg = states.find((s) => s.label === 'registered')!.idea;
    const pri = states.find((s) => s.label === 'prioritised')!.idea;

    it.each([0, -1, 1.5, Number.NaN])('refuses rank %d', (rank) => {
      expect(prioritise(programme, reg, { rank, by: office, at })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'rank' } });
      expect(rerank(programme, pri, { rank, by: office, at })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'rank' } });
    });

    it('refuses a qualification without assessment or recommendation', () => {
      expect(qualify(programme, pri, { assessment: ' ', recommendation: 'r', by: office, at })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', field: 'assessment' },
      });
      expect(qualify(programme, pri, { assessment: 'a', recommendation: '', by: office, at })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', field: 'recommendation' },
      });
    });

    it('refuses an act without who or a valid time', () => {
      expect(errorCode(prioritise(programme, reg, { rank: 1, by: { id: ' ', name: 'x' }, at }))).toBe('invalid-input');
      expect(errorCode(prioritise(programme, reg, { rank: 1, by: office, at: Number.POSITIVE_INFINITY }))).toBe('invalid-input');
    });

    it('refuses a project leader who is not one of the programme’s people', () => {
      const qua = states.find((s) => s.label === 'qualified')!.idea;
      expect(assignProjectLeader(programme, qua, { person: 'stranger', by: office, at })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', field: 'person' },
      });
    });

    it.each(['', '   ', 'x', 'Nei', 'nytte, kost, tid', '...', '?!', 'Vi lærte mye…'])('refuses lessons learned %j', (text) => {
      expect(stop(programme, reg, { lessonsLearned: text, by: office, at })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', field: 'lessonsLearned' },
      });
    });

    it.each(['Å!', 'Vi lærte mye.', 'Var det verdt det?', '«Vi startet for tidlig.»', 'Se rapport (kap. 2.)'])(
      'accepts lessons learned %j',
      (text) => {
        expect(errorCode(stop(programme, reg, { lessonsLearned: text, by: office, at }))).toBe('ok');
      },
    );
  });

  it('keeps a qualified idea qualified after a rejected first gate, and lets it pass later', () => {
    const qua = states.find((s) => s.label === 'qualified')!.idea;
    const rejected = unwrap(applyGateDecision(programme, qua, { gate: firstGate!.id, adopted: false, by: office, at }));
    expect(rejected.idea.status).toBe('qualified');
    expect(rejected.history.event).toEqual({ kind: 'gate-rejected', gate: firstGate!.id, phase: programme.initialPhase });
    const adopted = unwrap(applyGateDecision(programme, rejected.idea, { gate: firstGate!.id, adopted: true, by: office, at: at + day }));
    expect(adopted.idea).toMatchObject({ status: 'active', phase: firstGate!.to, phaseStartedAt: at + day });
  });

  it('walks the main path from registration to a completed idea', () => {
    let idea = states.find((s) => s.label === 'qualified')!.idea;
    const passed: string[] = [];
    for (let step = 0; idea.status !== 'completed'; step++) {
      expect(step).toBeLessThan(programme.gates.length);
      const gate = nextGate(programme, idea)!;
      idea = unwrap(applyGateDecision(programme, idea, { gate: gate.id, adopted: true, by: office, at: at + step })).idea;
      passed.push(gate.id);
    }
    expect(programme.phases.find((p) => p.id === idea.phase)?.terminal).toBe(true);
    expect(idea.phase).not.toBe(programme.stoppedPhase);
    expect(passed.length).toBeGreaterThan(0);
  });
});
