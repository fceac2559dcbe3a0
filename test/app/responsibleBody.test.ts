// Which body's channel a filed status report goes to: the body deciding the project's next gate,
// or at a gate the measure owner approves (Skate seed 004 §3.1) the body advising on it — AU,
// which «følger opp kvartalsvis rapportering fra tiltakseierne».
import { describe, expect, it } from 'vitest';
import { responsibleBody } from '../../src/features/reporting/app/fileReport.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { presetProgramme } from '../domain/idea/programmes.js';

const inPhase = (phase: string) => ({ phase }) as Idea;

describe('responsibleBody', () => {
  it('Skate: AU at the owner-approved documentation gates, Skate at the prioritisation and the final treatment', () => {
    const skate = presetProgramme('skate');
    expect(['forslag', 'konsept', 'planlegging', 'gjennomforing', 'sluttbehandlet'].map((p) => responsibleBody(skate, inPhase(p)))).toEqual(['skate', 'au', 'au', 'skate', undefined]);
  });
  it('DSOP: the deciding body of the next gate', () => {
    const dsop = presetProgramme('dsop');
    expect(responsibleBody(dsop, inPhase('konsept'))).toBe(dsop.gates.find((g) => g.from === 'konsept')?.body);
  });
});
