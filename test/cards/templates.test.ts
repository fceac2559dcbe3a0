// Every template, expanded with every sample, must parse cleanly as an Adaptive Card 1.5 and
// stay well under Teams' message size limit.
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { CardRenderer } from '../../src/platform/cards/cardRenderer.js';
import { cardNames } from '../../src/platform/cards/views.js';
import { samples } from './samples.js';

const MAX_CARD_BYTES = 28 * 1024;
const renderer = new CardRenderer();

/** Element types that appear only with a fallback (e.g. charts), so clients without them cope. */
function typesWithFallback(node: unknown, found = new Map<string, boolean>()): Map<string, boolean> {
  if (Array.isArray(node)) node.forEach((n) => typesWithFallback(n, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string') {
      found.set(record.type, (found.get(record.type) ?? true) && record.fallback !== undefined);
    }
    Object.values(record).forEach((v) => typesWithFallback(v, found));
  }
  return found;
}

export function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const fallbacks = typesWithFallback(card);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const unknownType = /Unknown (?:element|action) type "([^"]+)"/.exec(event.message)?.[1];
    if (unknownType && fallbacks.get(unknownType)) continue;
    problems.push(event.message);
  }
  if ((card as { version?: string }).version !== '1.5') problems.push('version must be 1.5');
  return problems;
}

describe.each(cardNames)('card template %s', (name) => {
  it.each(samples[name].map((view, i) => [i, view] as const))('sample %i parses cleanly and stays small', (_i, view) => {
    const card = renderer.render(name, view as never, []);
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    // Every placeholder was bound (an unbound one stays in the card as "${name}").
    expect(JSON.stringify(card)).not.toMatch(/"\$\{/);
    // Template-looking user text in the samples is shown literally, never evaluated.
    if (JSON.stringify(view).includes('${ikke.evaluert}')) expect(JSON.stringify(card)).toContain('${ikke.evaluert}');
  });
});

describe('the check itself', () => {
  it('catches an unknown element, a bad property value and a wrong version', () => {
    const problems = cardProblems({
      type: 'AdaptiveCard',
      version: '1.4',
      body: [{ type: 'TextBlok', text: 'x' }, { type: 'TextBlock', text: 'y', size: 'Hugee' }],
    });
    expect(problems).toHaveLength(3);
  });

  it('accepts an unknown element only where it has a fallback', () => {
    const chart = { type: 'Chart.VerticalBar', data: [], fallback: { type: 'TextBlock', text: 'no chart' } };
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [chart] })).toEqual([]);
    const { fallback: _dropped, ...bare } = chart;
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [bare] })).toHaveLength(1);
  });
});
