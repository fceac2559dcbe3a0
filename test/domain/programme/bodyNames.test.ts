// Body names as people write them (issue 24.5): definite and indefinite forms, case, accents,
// the programme before or after, the presets' aliases; and never another body of the programme.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPreset, presetNames } from '../../../src/platform/config/mergePreset.js';
import { bodiesNamed, bodyNames, stem } from '../../../src/shared/programme/bodyNames.js';

const programme = (preset: string, id: string, name: string, ideaPrefix: string) => ({ id, name, ideaPrefix, bodies: loadPreset(preset).bodies });
const dsop = programme('dsop', 'dsop', 'Digital samhandling offentlig privat (DSOP)', 'DSOP');
const digi = programme('digi-rogaland', 'digi-rogaland', 'Digi Rogaland', 'DIGIR');
const skate = programme('skate', 'skate', 'Skate', 'SKATE');
const kmdKs = programme('kmd-ks', 'kmd-ks', 'KMD–KS', 'KMDKS');

const named = (programmes: (typeof dsop)[], text: string) => bodiesNamed(programmes, text).map((f) => `${f.programme.id}/${f.body.id}`);

describe('bodiesNamed', () => {
  it.each([
    // The help card's own example (issue 24.5), and the forms people write it in.
    ['styringsgruppen', 'dsop/styringsgruppe'],
    ['Styringsgruppe', 'dsop/styringsgruppe'],
    ['STYRINGSGRUPPA', 'dsop/styringsgruppe'],
    ['styringsgruppen for DSOP', 'dsop/styringsgruppe'],
    ['styringsgruppen i dsop', 'dsop/styringsgruppe'],
    ['DSOP-styringsgruppen', 'dsop/styringsgruppe'],
    ['DSOPs styringsgruppe', 'dsop/styringsgruppe'],
    ['the steering group', 'dsop/styringsgruppe'],
    ['DSOP Steering Group', 'dsop/styringsgruppe'],
    ['topplederforumet', 'dsop/topplederforum'],
    ['Topplederforum', 'dsop/topplederforum'],
    ['tlf', 'dsop/topplederforum'],
  ])('DSOP: «%s» is %s', (text, body) => {
    expect(named([dsop], text)).toEqual([body]);
  });

  it.each([
    ['AU', 'skate/au'],
    ['arbeidsutvalget', 'skate/au'],
    ['Skates arbeidsutvalg', 'skate/au'],
    ['Skates arbeidsutvalg (AU)', 'skate/au'],
    ['skate-AU', 'skate/au'],
    ['Skate', 'skate/skate'],
    ['skate', 'skate/skate'],
  ])('Skate: «%s» is %s', (text, body) => {
    expect(named([skate], text)).toEqual([body]);
  });

  it.each([
    ['arbeidsgruppa', 'kmd-ks/arbeidsgruppe'],
    ['Arbeidsgruppen', 'kmd-ks/arbeidsgruppe'],
    ['den felles arbeidsgruppen', 'kmd-ks/arbeidsgruppe'],
    ['konsultasjonsmøtet', 'kmd-ks/konsultasjonsmote'],
    ['konsultasjonsmotet', 'kmd-ks/konsultasjonsmote'],
    ['Konsultasjonsmøtet om digitalisering', 'kmd-ks/konsultasjonsmote'],
    ['the consultation meeting', 'kmd-ks/konsultasjonsmote'],
  ])('KMD–KS: «%s» is %s', (text, body) => {
    expect(named([kmdKs], text)).toEqual([body]);
  });

  it('names nothing for text that is no body, and the same words in two programmes name both', () => {
    expect(named([dsop], 'styring')).toEqual([]);
    expect(named([dsop], 'gruppe')).toEqual([]);
    expect(named([dsop], '')).toEqual([]);
    expect(named([dsop], 'the')).toEqual([]);
    expect(named([dsop, digi], 'styringsgruppen')).toEqual(['dsop/styringsgruppe', 'digi-rogaland/styringsgruppe']);
    expect(named([dsop, digi], 'styringsgruppen i Digi Rogaland')).toEqual(['digi-rogaland/styringsgruppe']);
  });

  it('a configured alias counts like a name', () => {
    const withAlias = { ...dsop, bodies: dsop.bodies.map((b) => (b.id === 'styringsgruppe' ? { ...b, aliases: ['Programstyret'] } : b)) };
    expect(named([withAlias], 'programstyret')).toEqual(['dsop/styringsgruppe']);
    expect(named([dsop], 'programstyret')).toEqual([]);
  });

  it('a name as written wins over one that only matches with the endings folded', () => {
    const text = (nb: string) => ({ nb, en: nb });
    const two = { id: 'p', name: 'P', ideaPrefix: 'PP', bodies: [
      { ...dsop.bodies[0]!, id: 'forum', name: text('Forum'), aliases: [] },
      { ...dsop.bodies[0]!, id: 'forumet', name: text('Forumet'), aliases: [] },
    ] };
    expect(named([two], 'forumet')).toEqual(['p/forumet']);
    expect(named([two], 'forum')).toEqual(['p/forum']);
  });

  it('stems Bokmål endings and keeps short words whole', () => {
    expect(['styringsgruppe', 'styringsgruppen', 'styringsgruppa', 'styringsgruppene'].map(stem)).toEqual(Array(4).fill('styringsgrupp'));
    expect(['forum', 'forumet'].map(stem)).toEqual(['forum', 'forum']);
    expect(['au', 'ks', 'tlf'].map(stem)).toEqual(['au', 'ks', 'tlf']);
  });

  // Every name of every preset body, in any case and with its Bokmål ending or an article, names
  // that body and no other body of the programme.
  const presets = presetNames.map((preset) => programme(preset, preset, preset, 'PRE'));
  const namings = presets.flatMap((p) => p.bodies.flatMap((body) => bodyNames(body).map((name) => ({ p, body, name }))));
  it('property: every preset body name, in any case, with an ending or "the", names exactly its body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...namings),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.nat(2),
        fc.constantFrom('', 'the '),
        ({ p, body, name }, upper, pickEnding, article) => {
          const cased = [...name].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('');
          // The definite ending on the last word, as Bokmål adds it: «gruppe» → «gruppen»,
          // «forum» → «forumet», «utvalg» → «utvalgen» (wrong, but people write it), none after
          // an abbreviation or a parenthesis.
          // A name already in the definite form («arbeidsgruppa») gets none.
          const last = name.split(/[\s-]/).at(-1) ?? '';
          const bare = /^[a-zæøå]{4,}$/i.test(last) && stem(last.toLowerCase()) === last.toLowerCase();
          const endings = last.toLowerCase().endsWith('e') && last.length > 3 ? ['', 'n', 'ne'] : bare ? ['', 'en', 'et'] : [''];
          const written = `${article}${cased}${endings[pickEnding % endings.length]}`;
          const found = bodiesNamed([p], written).map((f) => f.body.id);
          expect(found).toContain(body.id);
          expect(found).toHaveLength(1);
        },
      ),
    );
  });
});
