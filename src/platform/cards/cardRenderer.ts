// Binds the JSON templates in cards/ to typed view models with adaptivecards-templating.
// Templates are read once at construction; user text inside view data is inserted as data and
// never evaluated as a template expression.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Disclosed } from '../../shared/disclosure/content.js';
import { cardNames, type CardName, type CardViews } from './views.js';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** What a rendered card discloses, attached where JSON never sees it; the disclosure guard
 * reads it before anything is sent. */
const DISCLOSES = Symbol('discloses');

export function disclosuresOf(card: AdaptiveCard): readonly Disclosed[] {
  return (card as { [DISCLOSES]?: readonly Disclosed[] })[DISCLOSES] ?? [];
}

/** Attaches what a card discloses, e.g. to a card read back from storage (JSON drops it). */
export function withDisclosures(card: AdaptiveCard, discloses: readonly Disclosed[]): AdaptiveCard {
  Object.defineProperty(card, DISCLOSES, { value: discloses, enumerable: false });
  return card;
}

export const defaultCardsDir = new URL('../../../cards/', import.meta.url).pathname;

export class CardRenderer {
  private readonly templates: ReadonlyMap<CardName, ACData.Template>;

  constructor(cardsDir: string = defaultCardsDir) {
    this.templates = new Map(
      cardNames.map((name) => [name, new ACData.Template(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')))]),
    );
  }

  /** Renders a card. `discloses` must name every idea, list or internal item the view shows:
   * it is what the disclosure guard checks against the audience. */
  render<K extends CardName>(name: K, view: CardViews[K], discloses: readonly Disclosed[]): AdaptiveCard {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No card template named ${name}`);
    // A card whose buttons are a pager may be rendered without one: no page, no buttons.
    return withDisclosures(template.expand({ $root: { pager: [], ...view } }) as AdaptiveCard, discloses);
  }
}
