// Read-side use cases: my ideas, the portfolio, the ranking, the prioritised list (each a page
// of its index, never the whole programme), one idea.
import type { Assessment } from '../domain/assessment.js';
import type { HistoryEntry } from '../domain/history.js';
import type { Idea } from '../domain/idea.js';
import { scoreIdea, type IdeaScore, type RankedIdea } from '../domain/ranking.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { accessTo, officeAccess, type Access } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository, ListedIdea } from './ideaRepository.js';
import { firstPage, readPageAt, type Page, type PageCursor } from '../../../shared/paging.js';
import { mapPool } from '../../../shared/pool.js';

/** Rows per page of every idea list (Teams cards stay small; see issue 25). */
export const LIST_PAGE_SIZE = 20;

/** The actor's own ideas, newest first: one page per programme they take part in. */
export async function myIdeas(ideas: IdeaRepository, ctx: RequestContext): Promise<{ programme: Programme; page: Page<Idea> }[]> {
  return mapPool(ctx.memberships, PROGRAMMES_AT_ONCE, async ({ programme }) => ({
    programme,
    page: await myIdeasIn(ideas, programme, ctx.actor.aadObjectId, firstPage),
  }));
}

/** One page of the actor's own ideas in one programme. */
export async function myIdeasPage(ideas: IdeaRepository, ctx: RequestContext, programmeId: string, cursor: PageCursor): Promise<Result<{ programme: Programme; page: Page<Idea> }, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { programme } = access.value;
  return ok({ programme, page: await myIdeasIn(ideas, programme, ctx.actor.aadObjectId, cursor) });
}

async function myIdeasIn(ideas: IdeaRepository, programme: Programme, submitter: string, cursor: PageCursor): Promise<Page<Idea>> {
  const key = { tenantId: programme.tenantId, programmeId: programme.id };
  return ideasOnly(await readPageAt(cursor, LIST_PAGE_SIZE, (request) => ideas.page(key, { by: 'submitter', id: submitter }, request)));
}

/** A person is in a handful of programmes; their first pages are read a few at a time. */
const PROGRAMMES_AT_ONCE = 4;

const ideasOnly = (page: Page<ListedIdea>): Page<Idea> => ({ ...page, items: page.items.map((x) => x.idea) });

export interface Portfolio {
  access: Access;
  /** Ideas per phase, in the programme's phase order (empty phases included, for the chart). */
  byPhase: { phase: Programme['phases'][number]; count: number }[];
  /** One page of the ideas, phase after phase, newest first within a phase. */
  page: Page<Idea>;
}

export async function portfolio(ideas: IdeaRepository, ctx: RequestContext, programmeId: string, cursor: PageCursor = firstPage): Promise<Result<Portfolio, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { programme, key } = access.value;
  const phases = programme.phases.map((p) => p.id);
  const [counts, page] = await Promise.all([ideas.counts(key), readPageAt(cursor, LIST_PAGE_SIZE, (request) => ideas.page(key, { by: 'phases', phases }, request))]);
  const byPhase = programme.phases.map((phase) => ({ phase, count: counts.phase[phase.id] ?? 0 }));
  return ok({ access: access.value, byPhase, page: ideasOnly(page) });
}

/** Registered ideas ranked by weighted score, for the office: one page of the ranking index. */
export async function ranking(
  ideas: IdeaRepository,
  ctx: RequestContext,
  programmeId: string,
  cursor: PageCursor = firstPage,
): Promise<Result<{ access: Access; page: Page<RankedIdea<Idea>> }, IdeaUseCaseError>> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  const page = await readPageAt(cursor, LIST_PAGE_SIZE, (request) => ideas.page(access.value.key, { by: 'ranking' }, request));
  return ok({ access: access.value, page });
}

/** The prioritised list in rank order, a page at a time. Every rendering of it carries the programme's label. */
export async function prioritisedList(
  ideas: IdeaRepository,
  ctx: RequestContext,
  programmeId: string,
  cursor: PageCursor = firstPage,
  size = LIST_PAGE_SIZE,
): Promise<Result<{ access: Access; page: Page<Idea> }, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const page = await readPageAt(cursor, size, (request) => ideas.page(access.value.key, { by: 'prioritised' }, request));
  return ok({ access: access.value, page: ideasOnly(page) });
}

export interface IdeaDetail {
  access: Access;
  idea: Idea;
  history: HistoryEntry[];
  /** Scores are the office's working material: only the office sees them. */
  score?: IdeaScore;
  assessments: Assessment[];
}

export async function ideaDetail(
  ideas: IdeaRepository,
  ctx: RequestContext,
  programmeId: string,
  number: string,
): Promise<Result<IdeaDetail, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const idea = await ideas.get(access.value.key, number);
  if (!idea) return err({ code: 'not-found', number });
  const history = await ideas.history(access.value.key, number);
  if (!access.value.roles.isOffice) return ok({ access: access.value, idea, history, assessments: [] });
  const assessments = await ideas.assessments(access.value.key, number);
  const score = scoreIdea(number, assessments, access.value.programme);
  return ok({ access: access.value, idea, history, assessments, ...(score ? { score } : {}) });
}
