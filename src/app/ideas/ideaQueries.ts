// Read-side use cases: my ideas, the portfolio, the ranking, the prioritised list, one idea.
import type { Assessment } from '../../domain/idea/assessment.js';
import type { HistoryEntry } from '../../domain/idea/history.js';
import { compareIdeaNumbers } from '../../domain/idea/ideaNumber.js';
import { isOnPrioritisedList, type Idea } from '../../domain/idea/idea.js';
import { rankIdeas, scoreIdea, type IdeaScore, type RankedIdea } from '../../domain/idea/ranking.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import type { Programme } from '../../domain/programme/schema.js';
import type { RequestContext } from '../requestContext.js';
import { accessTo, officeAccess, type Access } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository } from './ideaRepository.js';

const newestFirst = (a: Idea, b: Idea) => compareIdeaNumbers(b.number, a.number);

/** The actor's own ideas in every programme they take part in. */
export async function myIdeas(ideas: IdeaRepository, ctx: RequestContext): Promise<{ programme: Programme; ideas: Idea[] }[]> {
  return Promise.all(
    ctx.memberships.map(async ({ programme }) => {
      const all = await ideas.list({ tenantId: programme.tenantId, programmeId: programme.id });
      return { programme, ideas: all.filter((i) => i.submittedBy.id === ctx.actor.aadObjectId).sort(newestFirst) };
    }),
  );
}

export interface Portfolio {
  access: Access;
  /** Ideas per phase, in the programme's phase order (empty phases included, for the chart). */
  byPhase: { phase: Programme['phases'][number]; ideas: Idea[] }[];
  total: number;
}

export async function portfolio(ideas: IdeaRepository, ctx: RequestContext, programmeId: string): Promise<Result<Portfolio, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const all = (await ideas.list(access.value.key)).sort(newestFirst);
  const byPhase = access.value.programme.phases.map((phase) => ({ phase, ideas: all.filter((i) => i.phase === phase.id) }));
  return ok({ access: access.value, byPhase, total: all.length });
}

/** Registered ideas ranked by weighted score, for the office. */
export async function ranking(
  ideas: IdeaRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; ranked: RankedIdea<Idea>[] }, IdeaUseCaseError>> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  const [all, assessments] = await Promise.all([ideas.list(access.value.key), ideas.assessments(access.value.key)]);
  const registered = all.filter((i) => i.status === 'registered');
  return ok({ access: access.value, ranked: rankIdeas(registered, assessments, access.value.programme) });
}

/** The prioritised list in rank order. Every rendering of it carries the programme's label. */
export async function prioritisedList(
  ideas: IdeaRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; ideas: Idea[] }, IdeaUseCaseError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const listed = (await ideas.list(access.value.key))
    .filter(isOnPrioritisedList)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || compareIdeaNumbers(a.number, b.number));
  return ok({ access: access.value, ideas: listed });
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
