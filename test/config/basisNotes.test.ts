// Every choice recorded (issue 16 point 11): the presets' gates, bodies and schedules each say
// why (a quoted clause or "Our choice"), and the README lists exactly the presets' notes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allBasisNotes, basisNotesMarkdown, basisNotesOf, withBasisNotes } from '../../src/platform/config/basisNotes.js';
import { loadPreset } from '../../src/platform/config/mergePreset.js';
import { governanceSchema } from '../../src/shared/programme/schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('basis notes', () => {
  it('the README lists exactly the notes in the presets (regenerate with npm run basis)', () => {
    expect(withBasisNotes(readme)).toBe(readme);
    for (const note of allBasisNotes()) expect(readme).toContain(`| ${note.preset} | \`${note.path}\` |`);
  });

  it.each(['dsop', 'digi-rogaland', 'skate', 'kmd-ks'])('%s: every gate, body and schedule says why', (name) => {
    const preset = loadPreset(name);
    const paths = new Set(basisNotesOf(name, preset).map((n) => n.path));
    for (const g of preset.gates) expect(paths, `gates[${g.id}]`).toContain(`gates[${g.id}]`);
    for (const b of preset.bodies) expect(paths, `bodies[${b.id}]`).toContain(`bodies[${b.id}]`);
    for (const s of preset.schedules) expect(paths, `schedules[${s.id}]`).toContain(`schedules[${s.id}]`);
  });

  it('a note either quotes the seed («…») or says it is our choice', () => {
    for (const n of allBasisNotes()) expect(n.note, `${n.preset} ${n.path}`).toMatch(/«[^»]+»|Our choice/);
  });

  it('quotes DSOP BP2 and says the report deadline is our choice', () => {
    const dsop = basisNotesOf('dsop', loadPreset('dsop'));
    expect(dsop.find((n) => n.path === 'gates[BP2]')?.note).toContain('«Ansvarlig for Beslutningspunkt 2 er Topplederforum.');
    expect(dsop.find((n) => n.path === 'schedules[statusrapport]')?.note).toMatch(/Our choice.*5 business days/);
  });

  it('refuses an empty note and a README without the block', () => {
    const dsop = loadPreset('dsop');
    expect(governanceSchema.safeParse({ ...dsop, gates: dsop.gates.map((g) => ({ ...g, basis: '' })) }).success).toBe(false);
    expect(() => withBasisNotes('# no list')).toThrow('README has no basis-notes block');
    expect(basisNotesMarkdown([{ preset: 'x', path: 'gates[a]', note: 'a | b' }])).toContain('| x | `gates[a]` | a \\| b |');
  });
});
