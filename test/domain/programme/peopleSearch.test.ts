// The leader picker's typeahead: a programme's people found by name, case and accents ignored,
// word starts first, each person once, paged.
import { describe, expect, it } from 'vitest';
import { foldName, searchPeople } from '../../../src/shared/programme/peopleSearch.js';

const person = (aadObjectId: string, name: string) => ({ aadObjectId, name });
const people = [
  person('p1', 'Åse Ødegård'),
  person('p2', 'Ærlend Brække'),
  person('p3', 'José  Peña'),
  person('p4', 'Kari Nordmann'),
  person('p5', 'Bjørn Åsen'),
  person('p6', 'Dase Berg'),
];
const all = { skip: 0, top: 15 };
const ids = (query: string, page = all) => searchPeople(people, query, page).map((p) => p.aadObjectId);

describe('foldName', () => {
  it('folds case, accents, Æ and Ø, and runs of spaces', () => {
    expect(foldName('  Åse   ØDEGÅRD ')).toBe('ase odegard');
    expect(foldName('Ærlend Brække')).toBe('aerlend braekke');
    expect(foldName('José Peña')).toBe('jose pena');
    expect(foldName('Ōda')).toBe('oda');
  });
});

describe('searchPeople', () => {
  it('matches either way round: accented query against plain names and plain query against accented ones', () => {
    expect(ids('ase')).toEqual(['p5', 'p1', 'p6']);
    expect(ids('ÅSE')).toEqual(['p5', 'p1', 'p6']);
    expect(ids('odegard')).toEqual(['p1']);
    expect(ids('ødegård')).toEqual(['p1']);
    expect(ids('aerlend')).toEqual(['p2']);
    expect(ids('jose pena')).toEqual(['p3']);
    expect(ids('PEÑA')).toEqual(['p3']);
    expect(ids('bjorn')).toEqual(['p5']);
  });

  it('puts a match at the start of a word before one inside a word, then orders by name (Bokmål)', () => {
    // "ase" starts Åse (in Åse Ødegård) and Åsen (in Bjørn Åsen), and is inside Dase; Bjørn
    // before Åse, for Å is the last letter in Bokmål.
    expect(ids('ase')).toEqual(['p5', 'p1', 'p6']);
    // "er" is inside "aerlend" and "berg", the start of no word: by name only (Æ after D).
    expect(ids('er')).toEqual(['p6', 'p2']);
    // "b" starts a word in three names: by name.
    expect(ids('b')).toEqual(['p5', 'p6', 'p2']);
    // "ber" starts Berg but is inside no other name; "nord" starts Nordmann.
    expect(ids('ber')).toEqual(['p6']);
    expect(ids('nord')).toEqual(['p4']);
    // "a" starts Bjørn Åsen, Ærlend and Åse (Æ before Å), and is inside Dase, Peña and Kari:
    // by name alone the order would be Bjørn, Dase, José, Kari, Ærlend, Åse.
    expect(ids('a')).toEqual(['p5', 'p2', 'p1', 'p6', 'p3', 'p4']);
  });

  it('matches everyone on an empty query, and nobody on a name that is not there', () => {
    expect(ids('')).toHaveLength(people.length);
    expect(ids('   ')).toHaveLength(people.length);
    expect(ids('zz')).toEqual([]);
  });

  it('lists each person once (the first listing wins) and pages with skip and top', () => {
    const twice = [...people, person('p4', 'Kari Nordmann (again)')];
    expect(searchPeople(twice, 'kari', all)).toEqual([person('p4', 'Kari Nordmann')]);
    expect(ids('', { skip: 0, top: 2 })).toEqual(ids('').slice(0, 2));
    expect(ids('', { skip: 2, top: 2 })).toEqual(ids('').slice(2, 4));
    expect(ids('', { skip: 6, top: 2 })).toEqual([]);
  });
});
