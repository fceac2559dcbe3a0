// The renderer parses each template once and binds it per render: renders from the cached
// template must equal a fresh parse of the same file, and must not share or leak state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import { CardRenderer, defaultCardsDir } from '../../src/platform/cards/cardRenderer.js';
import { cardNames } from '../../src/platform/cards/views.js';
import { samples } from './samples.js';

const renderer = new CardRenderer();
// With the renderer's one default: a view with no pager has no pager buttons.
const fresh = (name: string, view: unknown) =>
  new ACData.Template(JSON.parse(readFileSync(join(defaultCardsDir, `${name}.json`), 'utf8'))).expand({ $root: { pager: [], ...(view as object) } });

describe.each(cardNames.filter((name) => samples[name].length >= 1))('cached template %s', (name) => {
  it('binds every sample as a freshly parsed template does, in any order', () => {
    const views = samples[name] as unknown[];
    const forwards = views.map((view) => renderer.render(name, view as never, []));
    const backwards = [...views].reverse().map((view) => renderer.render(name, view as never, [])).reverse();
    views.forEach((view, i) => {
      expect(forwards[i]).toEqual(fresh(name, view));
      expect(backwards[i]).toEqual(forwards[i]);
    });
  });

  it('gives each render its own objects: changing one card changes neither the next render nor the template', () => {
    const view = samples[name][0] as never;
    const first = renderer.render(name, view, []) as Record<string, unknown>;
    const expected = JSON.stringify(fresh(name, view));
    const second = renderer.render(name, view, []) as Record<string, unknown>;
    expect(second).not.toBe(first);
    (first.body as unknown[]).push({ type: 'TextBlock', text: 'mutated' });
    first.version = 'mutated';
    expect(JSON.stringify(second)).toBe(expected);
    expect(JSON.stringify(renderer.render(name, view, []))).toBe(expected);
  });
});

describe('two renders with different data', () => {
  it('are independent: each shows only its own data, whatever was rendered between', () => {
    const [english, norwegian] = samples.help as [never, never];
    const a1 = JSON.stringify(renderer.render('help', english, []));
    const b = JSON.stringify(renderer.render('help', norwegian, []));
    const a2 = JSON.stringify(renderer.render('help', english, []));
    expect(a1).toContain('What you can do');
    expect(a1).not.toContain('Hva du kan');
    expect(b).toContain('Hva du kan');
    expect(b).not.toContain('What you can do');
    expect(a2).toBe(a1);
    expect(b).toBe(JSON.stringify(fresh('help', norwegian)));
  });
});
