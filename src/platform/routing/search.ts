// Teams' typeahead search (an Input.ChoiceSet's `choices.data`, a Data.Query): the invoke named
// 'application/search', its value validated here, and the answer Teams expects. A dataset is
// to this invoke what a verb is to Action.Execute (see verbRouter.ts).
import { z } from 'zod';
import type { RequestContext } from '../../shared/requestContext.js';

/** What Teams sends as the invoke's value (the docs' shape; unknown fields are dropped). */
export const searchValueSchema = z.object({
  queryText: z.string().max(200),
  dataset: z.string().min(1).max(64),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).max(10_000).default(0),
      top: z.number().int().min(1).max(50).default(15),
    })
    .default({ skip: 0, top: 15 }),
});
export type SearchValue = z.output<typeof searchValueSchema>;

export interface SearchChoice {
  title: string;
  value: string;
}

export type SearchResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.search.searchResponse'; value: { results: SearchChoice[] } }
  | { statusCode: 400 | 403 | 404 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export type SearchRefusal = { refused: 'forbidden'; message: string };

export interface DatasetDefinition {
  /** The choices for the query, or a localised refusal. */
  search(ctx: RequestContext, query: { text: string; skip: number; top: number }): Promise<SearchChoice[] | SearchRefusal>;
}

export const searchResults = (results: SearchChoice[]): SearchResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.search.searchResponse',
  value: { results },
});

export const searchError = (statusCode: 400 | 403 | 404 | 500, code: string, message: string): SearchResponse => ({
  statusCode,
  type: 'application/vnd.microsoft.error',
  value: { code, message },
});
