// Binds the JSON templates in cards/ to typed view models with adaptivecards-templating.
// Templates are read once at construction; user text inside view data is inserted as data and
// never evaluated as a template expression.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cardNames, type CardName, type CardViews } from './views.js';

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const defaultCardsDir = new URL('../../../cards/', import.meta.url).pathname;

export class CardRenderer {
  private readonly templates: ReadonlyMap<CardName, ACData.Template>;

  constructor(cardsDir: string = defaultCardsDir) {
    this.templates = new Map(
      cardNames.map((name) => [name, new ACData.Template(JSON.parse(readFileSync(join(cardsDir, `${name}.json`), 'utf8')))]),
    );
  }

  render<K extends CardName>(name: K, view: CardViews[K]): AdaptiveCard {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No card template named ${name}`);
    return template.expand({ $root: view }) as AdaptiveCard;
  }
}
