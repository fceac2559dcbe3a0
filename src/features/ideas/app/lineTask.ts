// Skate seed 004 §2.2: the Director of Difi decides which measures are Difi's line tasks. The
// director records it, or the programme office on the director's behalf (the record says which,
// §2.4); anyone else is refused. The idea then leaves the programme's follow-up (lineTask.ts).
import type { Idea } from '../domain/idea.js';
import { decideLineTask, lineTaskRight } from '../domain/lineTask.js';
import { err, type Result } from '../../../shared/result.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { IdeaRef } from './changeIdea.js';
import { accessTo } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository } from './ideaRepository.js';

export async function recordLineTask(ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef): Promise<Result<Idea, IdeaUseCaseError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor, roles } = access.value;
  const right = lineTaskRight(programme, actor.id, roles.isOffice);
  if (!right.ok) return err(right.error === 'no-director' ? { code: 'no-director' } : { code: 'forbidden', needs: 'office-or-director' });
  return ideas.apply(key, ref.number, (idea) => decideLineTask(programme, idea, { by: actor, at: ctx.now, onBehalf: right.value === 'office-on-behalf' }));
}
