// Every Action.Execute verb the bot understands, with the schema of its data.
import { z } from 'zod';
import type { CardRenderer } from '../cards/cardRenderer.js';
import { helpCard } from './help.js';
import { defineVerb, type VerbDefinition } from './verbRouter.js';

export interface VerbDependencies {
  cards: CardRenderer;
}

export function verbs({ cards }: VerbDependencies): Record<string, VerbDefinition> {
  return {
    'help.show': defineVerb({
      schema: z.object({}).passthrough(),
      handle: async (ctx) => helpCard(ctx, cards),
    }),
  };
}
