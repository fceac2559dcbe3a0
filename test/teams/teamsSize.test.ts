// The one size check before an activity leaves (issue 25.3): measured as Teams measures it
// (UTF-16 of the whole activity), cut to fit with a line saying how much was left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutNotice, fitCard, fitText, utf16Bytes } from '../../src/platform/outbound/teamsSize.js';

const wrap = (card: Record<string, unknown>) => ({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
const row = (i: number, text = `Idé ${i}: Felles innlogging for alle kommuner i Rogaland`) => ({ type: 'TextBlock', text, wrap: true });
const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body, actions: [{ type: 'Action.Execute', verb: 'page.next', title: 'Neste' }] });
const notice = cutNotice('en');

/** Leaf elements (no nested list) in the card, the notice excluded. */
const leaves = (node: unknown): number => {
  if (typeof node !== 'object' || node === null) return 0;
  const n = node as Record<string, unknown>;
  if (typeof n.text === 'string' && n.text.startsWith('This answer was shortened')) return 0;
  const list = ['body', 'items', 'rows', 'cells', 'facts', 'columns', 'inlines'].map((k) => n[k]).find((v) => Array.isArray(v) && v.length > 0) as unknown[] | undefined;
  return list ? list.reduce<number>((sum, child) => sum + leaves(child), 0) : 1;
};

describe('utf16Bytes', () => {
  it('counts two bytes per UTF-16 code unit of the JSON, as Teams does', () => {
    expect(utf16Bytes({ a: 'æøå' })).toBe(2 * '{"a":"æøå"}'.length);
    expect(utf16Bytes('😀')).toBe(2 * 4); // a surrogate pair and two quotes
  });
});

describe('fitCard', () => {
  it('leaves a card that fits as it is', () => {
    const small = card([row(1), row(2)]);
    expect(fitCard(small, wrap, notice, 10_000)).toEqual({ value: wrap(small), omitted: 0 });
  });

  it('cuts the last entries of a long list, says how many, and fits', () => {
    const big = card([{ type: 'TextBlock', text: 'Rangering', weight: 'Bolder' }, { type: 'Container', items: Array.from({ length: 500 }, (_, i) => row(i)) }]);
    const { value, omitted } = fitCard(big, wrap, notice, 20_000);
    expect(utf16Bytes(value)).toBeLessThanOrEqual(20_000);
    expect(omitted).toBeGreaterThan(300);
    const content = value.attachments[0]!.content as { body: { text?: string; items?: unknown[] }[] };
    expect(content.body[0]?.text).toBe('Rangering'); // the head stays
    expect(content.body[1]?.items).toHaveLength(500 - omitted); // the first entries stay, in order
    expect(JSON.stringify(content.body[1]?.items?.[0])).toContain('Idé 0:');
    expect(content.body.at(-1)?.text).toBe(`This answer was shortened to fit Teams: ${omitted} entries are left out. Use the next page or the CSV file for the rest.`);
    expect((big.body[1] as { items: unknown[] }).items).toHaveLength(500); // the card given is unchanged
  });

  it('says it in the reader\'s language, the count through plural rules', () => {
    expect(cutNotice('nb')(1).text).toContain('1 oppføring er utelatt');
    expect(cutNotice('nb')(2).text).toContain('2 oppføringer er utelatt');
    expect(cutNotice('en')(1).text).toContain('1 entry is left out');
  });

  it('property: whatever the card, the result fits whenever an empty card with the notice does, and never claims more left out than it left out', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'æ', 'Ø', '"', '\\', '😀', ' '), maxLength: 400 });
    const element: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      leaf: text.map((t) => ({ type: 'TextBlock', text: t })),
      container: fc.array(tie('node'), { maxLength: 6 }).map((items) => ({ type: 'Container', items })),
      facts: fc.array(fc.record({ title: text, value: text }), { maxLength: 6 }).map((facts) => ({ type: 'FactSet', facts })),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('container'), tie('facts')),
    })).node;
    fc.assert(
      fc.property(fc.array(element, { maxLength: 30 }), fc.integer({ min: 1_500, max: 30_000 }), (body, budget) => {
        const original = card(body);
        const { value, omitted } = fitCard(original, wrap, notice, budget);
        const emptyWithNotice = utf16Bytes(wrap(card([notice(leaves(original))])));
        if (emptyWithNotice <= budget) expect(utf16Bytes(value)).toBeLessThanOrEqual(budget);
        const kept = value.attachments[0]!.content;
        if (omitted === 0) expect(kept).toEqual(original);
        else expect(leaves(kept)).toBeLessThanOrEqual(leaves(original) - omitted + 1); // an emptied container is a leaf until it goes
      }),
      { numRuns: 300 },
    );
  });
});

describe('fitText', () => {
  it('cuts a text that would not fit, ending in an ellipsis, and leaves one that fits', () => {
    const wrapText = (text: string) => ({ type: 'message', text });
    expect(fitText('kort', wrapText, 1_000)).toEqual(wrapText('kort'));
    const long = fitText('æ"'.repeat(5_000), wrapText, 4_000);
    expect(utf16Bytes(long)).toBeLessThanOrEqual(4_000);
    expect(long.text.endsWith('…')).toBe(true);
  });
});
