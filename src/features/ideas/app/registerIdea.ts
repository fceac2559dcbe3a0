// A member registers an idea: stored as it came in, without any assessment (DSOP §4.1).
import { ideaYear } from '../domain/ideaNumber.js';
import type { Idea } from '../domain/idea.js';
import { register } from '../domain/lifecycle.js';
import type { Result } from '../../../shared/result.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { accessTo } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository } from './ideaRepository.js';

export interface RegisterIdeaInput {
  programmeId: string;
  /** Unique per form card, so a double click or a Teams retry registers one idea. */
  submissionId: string;
  title: string;
  description: string;
  party: string;
  expectedBenefit?: string;
  links: string[];
}

export async function registerIdea(
  ideas: IdeaRepository,
  ctx: RequestContext,
  input: RegisterIdeaInput,
): Promise<Result<{ idea: Idea; created: boolean }, IdeaUseCaseError>> {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  return ideas.register(key, `${actor.id}:${input.submissionId}`, { prefix: programme.ideaPrefix, year: ideaYear(ctx.now) }, (number) =>
    register(programme, {
      number,
      title: input.title,
      description: input.description,
      party: input.party,
      ...(input.expectedBenefit ? { expectedBenefit: input.expectedBenefit } : {}),
      links: input.links,
      submittedBy: actor,
      at: ctx.now,
    }),
  );
}
