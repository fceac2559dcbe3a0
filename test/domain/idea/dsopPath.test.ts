// The DSOP idea phase and decision points in the seed's own terms (seed 000 §4), as an anchor
// for the generated matrix in lifecycle.test.ts.
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { applyGateDecision, nextGate, prioritise, qualify, register, stop, type TransitionResult } from '../../../src/features/ideas/domain/lifecycle.js';
import { office, presetProgramme } from './programmes.js';

const dsop = presetProgramme('dsop');
const t0 = Date.parse('2026-01-05T08:00:00Z');
const month = 30 * 86_400_000;

function value(result: TransitionResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const registered = (): Idea =>
  value(
    register(dsop, {
      number: 'DSOP-2026-014',
      title: 'Konkursbo-informasjon',
      description: 'Bostyrer henter kontoopplysninger digitalt.',
      party: 'brreg',
      submittedBy: office,
      at: t0,
    }),
  ).idea;

describe('DSOP: idé → BP1 … BP5 → forvaltning', () => {
  it('takes a registered idea through prioritisation, qualification and all five decision points', () => {
    let idea = registered();
    expect(idea).toMatchObject({ phase: 'ide', status: 'registered' });
    expect(nextGate(dsop, idea)).toBeUndefined();

    idea = value(prioritise(dsop, idea, { rank: 1, by: office, at: t0 + month })).idea;
    expect(nextGate(dsop, idea)).toBeUndefined();
    expect(applyGateDecision(dsop, idea, { gate: 'BP1', adopted: true, by: office, at: t0 })).toMatchObject({
      ok: false,
      error: { code: 'not-qualified', gate: 'BP1', status: 'prioritised' },
    });

    idea = value(qualify(dsop, idea, { assessment: 'Stor nytte.', recommendation: 'Til BP1.', by: office, at: t0 + month })).idea;
    expect(idea.qualification?.gate).toBe('BP1');

    const trail: [string, string, string][] = [];
    for (let step = 1; step <= 5; step++) {
      const gate = nextGate(dsop, idea);
      expect(gate?.id).toBe(`BP${step}`);
      // A later decision point cannot be taken early.
      if (step < 5) {
        expect(applyGateDecision(dsop, idea, { gate: `BP${step + 1}`, adopted: true, by: office, at: t0 })).toMatchObject({
          ok: false,
          error: { code: 'gate-not-from-current-phase' },
        });
      }
      const before = idea.phase;
      idea = value(applyGateDecision(dsop, idea, { gate: gate!.id, adopted: true, by: office, at: t0 + (step + 1) * month })).idea;
      trail.push([gate!.id, before, idea.phase]);
      expect(idea.phaseStartedAt).toBe(t0 + (step + 1) * month);
    }
    expect(trail).toEqual([
      ['BP1', 'ide', 'konsept'],
      ['BP2', 'konsept', 'planlegging'],
      ['BP3', 'planlegging', 'realisering'],
      ['BP4', 'realisering', 'utrulling'],
      ['BP5', 'utrulling', 'forvaltning'],
    ]);
    expect(idea.status).toBe('completed');
    expect(nextGate(dsop, idea)).toBeUndefined();
    expect(stop(dsop, idea, { lessonsLearned: 'For sent.', by: office, at: t0 })).toMatchObject({
      ok: false,
      error: { code: 'idea-closed' },
    });
  });

  it('stops a project between gates with the lessons learned kept', () => {
    let idea = registered();
    idea = value(prioritise(dsop, idea, { rank: 1, by: office, at: t0 })).idea;
    idea = value(qualify(dsop, idea, { assessment: 'a', recommendation: 'r', by: office, at: t0 })).idea;
    idea = value(applyGateDecision(dsop, idea, { gate: 'BP1', adopted: true, by: office, at: t0 })).idea;
    const rejected = value(applyGateDecision(dsop, idea, { gate: 'BP2', adopted: false, by: office, at: t0 + month }));
    expect(rejected.idea).toEqual(idea);

    const stopped = value(
      stop(dsop, rejected.idea, { lessonsLearned: 'Konseptet var mindre attraktivt enn antatt.', by: office, at: t0 + 2 * month }),
    ).idea;
    expect(stopped).toMatchObject({
      phase: 'stanset',
      status: 'stopped',
      stop: { fromPhase: 'konsept', fromStatus: 'active', lessonsLearned: 'Konseptet var mindre attraktivt enn antatt.' },
    });
  });
});
