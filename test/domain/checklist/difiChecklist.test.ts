// The collaboration checklist from Difi's guidance (seed 002): 3 phases × 4 themes, the five
// design principles, ticking and progress.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyTicks,
  changesFromCard,
  checklistPhases,
  checklistProgress,
  checklistThemes,
  difiChecklist,
  isChecklistItem,
  phaseNames,
  themeNames,
  type Tick,
  type Ticks,
} from '../../../src/features/checklist/domain/difiChecklist.js';

const act = (name: string, at = 1): Tick => ({ by: { id: `aad-${name}`, name }, at });
// Functions, not constants: read when a test runs, so a broken checklist fails the tests instead
// of stopping the file from loading.
const cells = () => difiChecklist.filter((i) => i.group.kind === 'cell');
const principles = () => difiChecklist.filter((i) => i.group.kind === 'principle');

describe('the checklist', () => {
  it('has the guidance’s three phases and four themes, with something to tick in every cell', () => {
    expect(checklistPhases.map((p) => phaseNames[p].nb)).toEqual(['Starte sammen', 'Forme sammen', 'Levere sammen']);
    expect(checklistThemes.map((t) => themeNames[t].nb)).toEqual(['Brukerperspektiv', 'Samarbeid', 'Styring', 'Forankring']);
    for (const phase of checklistPhases) {
      for (const theme of checklistThemes) {
        const inCell = cells().filter((i) => i.group.kind === 'cell' && i.group.phase === phase && i.group.theme === theme);
        expect(inCell.length, `${phase} × ${theme}`).toBeGreaterThan(0);
      }
    }
  });

  it('has the five design principles word for word', () => {
    expect(principles().map((p) => p.text.nb)).toEqual([
      'Menneskers behov skal settes i sentrum.',
      'Brukere skal oppleve tjenester som helhetlige.',
      'Brukeren skal oppleve en sikker og åpen tjeneste med god informasjonsflyt.',
      'Brukeren skal kunne forstå sine rettigheter og plikter.',
      'Brukeren skal raskt få løst og avklart sine behov.',
    ]);
  });

  it('has unique ids, both languages and a source for every item', () => {
    expect(new Set(difiChecklist.map((i) => i.id)).size).toBe(difiChecklist.length);
    for (const item of difiChecklist) {
      expect(item.text.nb.trim()).not.toBe('');
      expect(item.text.en.trim()).not.toBe('');
      expect(item.source).not.toBe('');
      expect(item.id).toMatch(/^[a-z0-9.-]+$/);
      expect(isChecklistItem(item.id)).toBe(true);
    }
    expect(isChecklistItem('nope')).toBe(false);
  });

  it('names each item by its place: phase.theme.item for a cell, prinsipp.n for a principle', () => {
    for (const item of difiChecklist) {
      const place = item.group.kind === 'cell' ? `${item.group.phase}.${item.group.theme}.` : `prinsipp.${item.group.number}`;
      expect(item.id.startsWith(place)).toBe(true);
      if (item.group.kind === 'cell') expect(item.id.slice(place.length)).toMatch(/^[a-z][a-z-]*$/);
      else expect(item.id).toBe(place);
    }
  });

  it('keeps the ids the ticks are stored under (renaming one would orphan the ticks already given)', () => {
    expect(difiChecklist.map((i) => i.id)).toEqual([
      'starte-sammen.brukerperspektiv.brukerbehov',
      'starte-sammen.samarbeid.ledelse',
      'starte-sammen.samarbeid.involvering',
      'starte-sammen.styring.finansiering',
      'starte-sammen.forankring.problemforstaelse',
      'starte-sammen.forankring.departementer',
      'forme-sammen.brukerperspektiv.kun-en-gang',
      'forme-sammen.samarbeid.arkitektur',
      'forme-sammen.samarbeid.begreper',
      'forme-sammen.styring.organisering',
      'forme-sammen.styring.regelverk',
      'forme-sammen.forankring.organisatorisk',
      'levere-sammen.brukerperspektiv.helhet',
      'levere-sammen.samarbeid.deling',
      'levere-sammen.styring.prosjektmodell',
      'levere-sammen.styring.samarbeidsproblemer',
      'levere-sammen.forankring.kultur',
      'prinsipp.1',
      'prinsipp.2',
      'prinsipp.3',
      'prinsipp.4',
      'prinsipp.5',
    ]);
  });
});

describe('ticking', () => {
  // Read in each test, not when the file is collected: a broken checklist must fail the tests,
  // not stop the file from loading (which the mutation run counts as a surviving mutant).
  let first: string;
  let second: string;
  beforeEach(() => {
    first = difiChecklist[0]!.id;
    second = difiChecklist[1]!.id;
  });

  it('ticks, keeps who ticked first, unticks and ignores unknown items', () => {
    let ticks: Ticks = {};
    ticks = applyTicks(ticks, [{ item: first, done: true }, { item: 'nope', done: true }], act('Kari', 1));
    expect(ticks).toEqual({ [first]: act('Kari', 1) });
    ticks = applyTicks(ticks, [{ item: first, done: true }], act('Per', 2));
    expect(ticks[first]).toEqual(act('Kari', 1));
    ticks = applyTicks(ticks, [{ item: first, done: false }], act('Per', 3));
    expect(ticks).toEqual({});
  });

  it('a stale card changes only what its user changed', () => {
    // Kari's card was rendered with nothing ticked; meanwhile Per ticked `second`.
    const current = applyTicks({}, [{ item: second, done: true }], act('Per'));
    const submitted = Object.fromEntries(difiChecklist.map((i) => [i.id, i.id === first]));
    const changes = changesFromCard(new Set(), submitted);
    expect(changes).toEqual([{ item: first, done: true }]);
    expect(Object.keys(applyTicks(current, changes, act('Kari'))).sort()).toEqual([first, second].sort());
  });

  it('an untick on the card removes only that item', () => {
    const seen = new Set([first, second]);
    expect(changesFromCard(seen, { [first]: false, [second]: true })).toEqual([{ item: first, done: false }]);
  });
});

describe('progress', () => {
  it('is zero for nothing and 100 % for everything, per phase, per theme and overall', () => {
    const none = checklistProgress({});
    expect(none.overall).toEqual({ done: 0, total: difiChecklist.length, percent: 0 });
    const all = checklistProgress(Object.fromEntries(difiChecklist.map((i) => [i.id, act('Kari')])));
    expect(all.overall.percent).toBe(100);
    for (const p of checklistPhases) expect(all.byPhase[p].percent).toBe(100);
    for (const t of checklistThemes) expect(all.byTheme[t].percent).toBe(100);
    expect(all.principles).toEqual({ done: 5, total: 5, percent: 100 });
  });

  it('adds up: phases + principles = overall, themes = the grid, and percent never reaches 100 before the end', () => {
    fc.assert(
      fc.property(fc.subarray(difiChecklist.map((i) => i.id)), fc.array(fc.string(), { maxLength: 3 }), (ids, junk) => {
        const ticks = Object.fromEntries([...ids, ...junk].map((id) => [id, act('x')]));
        const p = checklistProgress(ticks);
        expect(p.overall.done).toBe(ids.length);
        const phaseDone = checklistPhases.reduce((s, ph) => s + p.byPhase[ph].done, 0);
        const themeDone = checklistThemes.reduce((s, th) => s + p.byTheme[th].done, 0);
        expect(phaseDone + p.principles.done).toBe(p.overall.done);
        expect(themeDone).toBe(phaseDone);
        expect(checklistPhases.reduce((s, ph) => s + p.byPhase[ph].total, 0)).toBe(cells().length);
        expect(p.overall.percent === 100).toBe(ids.length === difiChecklist.length);
      }),
    );
  });
});
