// Routes Action.Execute invokes by verb. Each verb declares a zod schema for its data, so a
// handler only ever sees validated, typed input; every failure becomes a localised error card
// (the invoke itself always answers 200 with a card, never a 500). Typeahead searches
// ('application/search') are routed the same way by dataset (search.ts); they answer a list of
// choices or a localised error. A verb that stores or changes a record without a receipt of
// its own (guardedVerbs, serialisedVerbs in verbKinds.ts) goes through the submission guard.
import type { z } from 'zod';
import type { RequestContext } from '../../shared/requestContext.js';
import { translate } from '../i18n/messages.js';
import { describeIssues, type FieldLabels } from '../i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import { guardedVerbs, serialisedVerbs } from './verbKinds.js';
import type { SubmissionGuard } from './submissionGuard.js';
import { searchError, searchResults, searchValueSchema, type DatasetDefinition, type SearchResponse } from './search.js';

export interface VerbDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Card labels of the fields, so errors name what the user sees. */
  labels?: FieldLabels;
  handle(ctx: RequestContext, data: z.output<S>): Promise<AdaptiveCard>;
  /** A card to answer invalid data with instead of the plain error card, e.g. the form again
   * with the user's input kept and the problems listed. */
  invalid?(ctx: RequestContext, data: unknown, problems: string[]): AdaptiveCard | undefined;
}

/** Keeps the data type of each verb's handler tied to its schema. */
export const defineVerb = <S extends z.ZodType>(definition: VerbDefinition<S>): VerbDefinition<S> => definition;

export interface VerbRouterLog {
  error(details: Record<string, unknown>, message: string): void;
}

export class VerbRouter {
  constructor(
    private readonly verbs: Readonly<Record<string, VerbDefinition>>,
    private readonly cards: CardRenderer,
    private readonly log: VerbRouterLog,
    private readonly datasets: Readonly<Record<string, DatasetDefinition>> = {},
    private readonly submissions?: SubmissionGuard,
  ) {}

  knows(verb: string): boolean {
    return Object.hasOwn(this.verbs, verb);
  }

  /** Every verb's name (the classification test reads them). */
  names(): string[] {
    return Object.keys(this.verbs);
  }

  async route(ctx: RequestContext, verb: string, data: unknown): Promise<AdaptiveCard> {
    const { language } = ctx;
    const definition = Object.hasOwn(this.verbs, verb) ? this.verbs[verb] : undefined;
    if (!definition) return this.errorCard(ctx, translate(language, 'error.unknownAction', { verb: verb.slice(0, 60) }));
    const parsed = definition.schema.safeParse(data ?? {});
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, language, definition.labels);
      return definition.invalid?.(ctx, data, problems) ?? this.errorCard(ctx, translate(language, 'error.invalidInput'), problems);
    }
    const handle = async () => definition.handle(ctx, parsed.data);
    const failed = (error: unknown) => {
      this.log.error({ err: error, verb }, 'verb handler failed');
      return this.errorCard(ctx, translate(language, 'error.tryAgain'));
    };
    if (this.submissions && (guardedVerbs.has(verb) || serialisedVerbs.has(verb))) {
      return this.submissions.once(ctx, verb, parsed.data, handle, {
        keepAnswer: guardedVerbs.has(verb),
        failed,
        repeated: () => this.errorCard(ctx, translate(language, 'error.submissionRepeated')),
      });
    }
    return handle().catch(failed);
  }

  /** An 'application/search' invoke: its value validated, then the dataset's handler. */
  async search(ctx: RequestContext, value: unknown): Promise<SearchResponse> {
    const { language } = ctx;
    const parsed = searchValueSchema.safeParse(value ?? {});
    if (!parsed.success) {
      const problems = describeIssues(parsed.error.issues, language);
      return searchError(400, 'BadRequest', [translate(language, 'error.invalidInput'), ...problems].join(' '));
    }
    const { dataset: name, queryText, queryOptions } = parsed.data;
    const dataset = Object.hasOwn(this.datasets, name) ? this.datasets[name] : undefined;
    if (!dataset) return searchError(404, 'NotFound', translate(language, 'error.unknownDataset', { dataset: name.slice(0, 60) }));
    try {
      const found = await dataset.search(ctx, { text: queryText, skip: queryOptions.skip, top: queryOptions.top });
      return Array.isArray(found) ? searchResults(found) : searchError(403, 'Forbidden', found.message);
    } catch (error) {
      this.log.error({ err: error, dataset: name }, 'search handler failed');
      return searchError(500, 'InternalError', translate(language, 'error.tryAgain'));
    }
  }

  errorCard(ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard {
    return this.cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);
  }
}
