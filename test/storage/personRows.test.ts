// The pure part of a person's export and erasure: finding them in any row (keys, properties,
// JSON in JSON, JSON split over properties) and replacing them there, whole occurrences only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifiersIn, mentions, pseudonymise, type PersonIdentifiers } from '../../src/platform/storage/personRows.js';
import type { TableRow } from '../../src/platform/storage/tableRows.js';

const person: PersonIdentifiers = { aadObjectId: 'aad-member', teamsIds: ['29:member'], names: ['Per Member'] };
const replacement = { id: 'erased-1', name: 'slettet medlem / erased member' };
const row = (properties: TableRow['properties'], rowKey = 'r', partitionKey = 'tenant|p'): TableRow => ({ partitionKey, rowKey, properties });
const text = (value: string) => ({ type: 'String' as const, value });
const joined = (r: TableRow, base: string) =>
  Object.keys(r.properties)
    .filter((k) => new RegExp(`^${base}\\d+$`).test(k))
    .sort((a, b) => Number(a.slice(base.length)) - Number(b.slice(base.length)))
    .map((k) => r.properties[k]!.value)
    .join('');

describe('finding a person in a row', () => {
  it('matches whole ids and names only', () => {
    expect(mentions(row({ data: text('{"voter":"aad-member2","by":"Per Members"}') }), person)).toBe(false);
    expect(mentions(row({ data: text('{"voter":"aad-member"}') }), person)).toBe(true);
    expect(mentions(row({}, 'latest|29%3Amember'), person)).toBe(true);
    expect(mentions(row({ reference: text(JSON.stringify({ user: { name: 'Per "P" Member' } })) }), { ...person, names: ['Per "P" Member'] })).toBe(true);
  });

  it('reads the Teams id and name stored with the object id, in JSON inside JSON', () => {
    const reference = JSON.stringify({ user: { id: '29:member', aadObjectId: 'aad-member', name: 'Per Member' }, bot: { id: '28:bot', name: 'Samspill' } });
    const found = identifiersIn(row({ reference: text(reference), by: text(JSON.stringify({ by: { id: 'aad-member', name: 'P. Member' } })) }), 'aad-member');
    expect(found.teamsIds).toEqual(['29:member']);
    expect(found.names.sort()).toEqual(['P. Member', 'Per Member']);
  });
});

describe('pseudonymising a row', () => {
  it('replaces the person across split JSON, splits it again within the chunk size, and updates the count', () => {
    const json = JSON.stringify({ pad: 'x'.repeat(29_975), voter: 'aad-member', name: 'Per Member', tail: 'y'.repeat(40_000) });
    const split = { data0: text(json.slice(0, 30_000)), data1: text(json.slice(30_000, 60_000)), data2: text(json.slice(60_000)) };
    expect(split.data0.value.endsWith('"voter":"aad-me')).toBe(true); // the id straddles two properties
    const before = row({ parts: { type: 'Int32', value: 3 }, ...split, status: text('open') });
    expect(mentions(before, person)).toBe(true);
    const after = pseudonymise(before, person, replacement);
    expect(mentions(after, person)).toBe(false);
    expect(JSON.parse(joined(after, 'data'))).toMatchObject({ voter: 'erased-1', name: 'slettet medlem / erased member' });
    expect(after.properties.parts).toEqual({ type: 'Int32', value: 3 });
    for (const [k, v] of Object.entries(after.properties)) if (k.startsWith('data')) expect(String(v.value).length).toBeLessThanOrEqual(30_000);
    expect(after.properties.status).toEqual(text('open'));
  });

  it('re-keys rows whose key names them', () => {
    const after = pseudonymise(row({ voter: text('aad-member') }, 'ballot|aad-member|000001'), person, replacement);
    expect(after.rowKey).toBe('ballot|erased-1|000001');
    expect(after.properties.voter).toEqual(text('erased-1'));
  });

  const fragment = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('aad-member', '29:member', 'Per Member', 'aad-member2', '"', ' ', '|'));
  const textWith = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' '));

  it('leaves nothing that names them, whatever the text around them (property)', () => {
    fc.assert(
      fc.property(textWith, textWith, textWith, (key, plain, nested) => {
        const r = row({ plain: text(plain), nested: text(JSON.stringify({ inner: JSON.stringify({ text: nested }) })), n: { type: 'Int32', value: 1 } }, key.replace(/[\\/#?]/g, ''));
        const after = pseudonymise(r, person, replacement);
        expect(mentions(after, person)).toBe(false);
        expect(JSON.parse(JSON.parse(String(after.properties.nested!.value)).inner)).toHaveProperty('text');
        expect(after.properties.n).toEqual({ type: 'Int32', value: 1 });
      }),
    );
  });

  it('changes nothing in a row that does not name them (property)', () => {
    fc.assert(
      fc.property(textWith, (plain) => {
        const r = row({ plain: text(plain) });
        fc.pre(!mentions(r, person));
        expect(pseudonymise(r, person, replacement)).toEqual(r);
      }),
    );
  });
});
