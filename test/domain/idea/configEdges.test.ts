// Config shapes the shipped presets do not have, but a fourth programme file might.
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { allowedGates, applyGateDecision, prioritise, qualify, register, type TransitionResult } from '../../../src/features/ideas/domain/lifecycle.js';
import type { Programme } from '../../../src/shared/programme/schema.js';
import { office, presetProgramme } from './programmes.js';

const at = Date.parse('2026-05-04T08:00:00Z');
const base = presetProgramme('dsop');

function value(result: TransitionResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function qualified(programme: Programme): Idea {
  let idea = value(
    register(programme, { number: 'DSOP-2026-001', title: 't', description: 'd', party: 'nav', submittedBy: office, at }),
  ).idea;
  idea = value(prioritise(programme, idea, { rank: 1, by: office, at })).idea;
  return value(qualify(programme, idea, { assessment: 'a', recommendation: 'r', by: office, at })).idea;
}

const gate = (id: string, from: string, to: string) => ({ id, name: { nb: id, en: id }, from, to, body: 'styringsgruppe', deliverables: [], requiresRoadmapEntry: false });

describe('gates the presets do not have', () => {
  it('refuses a gate into the stopped phase: stopping needs lessons learned', () => {
    const programme = { ...base, gates: [gate('AVBRYT', 'ide', base.stoppedPhase), ...base.gates] };
    const idea = qualified(programme);
    expect(idea.qualification?.gate).toBe('BP1');
    expect(allowedGates(programme, idea).map((g) => g.id)).toEqual(['BP1']);
    for (const adopted of [true, false]) {
      expect(applyGateDecision(programme, idea, { gate: 'AVBRYT', adopted, by: office, at })).toEqual({
        ok: false,
        error: { code: 'gate-into-stopped-phase', gate: 'AVBRYT' },
      });
    }
  });

  it('offers every gate out of a branching phase, in config order', () => {
    const programme = { ...base, gates: [...base.gates, gate('SNARVEI', 'konsept', 'realisering')] };
    const konsept = value(applyGateDecision(programme, qualified(programme), { gate: 'BP1', adopted: true, by: office, at })).idea;
    expect(allowedGates(programme, konsept).map((g) => g.id)).toEqual(['BP2', 'SNARVEI']);
    const jumped = value(applyGateDecision(programme, konsept, { gate: 'SNARVEI', adopted: true, by: office, at: at + 1 })).idea;
    expect(jumped).toMatchObject({ phase: 'realisering', status: 'active', phaseStartedAt: at + 1 });
  });

  it('reports a gate to an unknown phase as a config problem, not a crash', () => {
    const programme = { ...base, gates: base.gates.map((g) => (g.id === 'BP1' ? { ...g, to: 'finnes-ikke' } : g)) };
    expect(applyGateDecision(programme, qualified(programme), { gate: 'BP1', adopted: true, by: office, at })).toMatchObject({
      ok: false,
      error: { code: 'config-problem' },
    });
  });

  it('cannot qualify where no gate leads out of the initial phase', () => {
    const programme = { ...base, gates: base.gates.filter((g) => g.from !== base.initialPhase) };
    let idea = value(
      register(programme, { number: 'DSOP-2026-002', title: 't', description: 'd', party: 'nav', submittedBy: office, at }),
    ).idea;
    idea = value(prioritise(programme, idea, { rank: 1, by: office, at })).idea;
    expect(qualify(programme, idea, { assessment: 'a', recommendation: 'r', by: office, at })).toMatchObject({
      ok: false,
      error: { code: 'config-problem' },
    });
  });
});
