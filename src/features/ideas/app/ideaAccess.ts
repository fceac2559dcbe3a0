// Who may do what with ideas. Every use case asks here first, so a refusal is explicit.
import { rolesIn, type ProgrammeRoles } from '../../../shared/programme/roles.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { Idea, PersonRef } from '../domain/idea.js';
import { nextGate } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { ProgrammeKey } from './ideaRepository.js';

export interface Access {
  programme: Programme;
  roles: ProgrammeRoles;
  key: ProgrammeKey;
  actor: PersonRef;
}

/** The actor's standing in a programme served to their tenant (host or party), or why they have none. */
export function accessTo(ctx: RequestContext, programmeId: string): Result<Access, IdeaUseCaseError> {
  const programme = ctx.tenantProgrammes.find((p) => p.id === programmeId);
  if (!programme) return err({ code: 'no-programme', programmeId });
  const roles = rolesIn(programme, ctx.actor.aadObjectId);
  if (!roles) return err({ code: 'forbidden', needs: 'member' });
  return ok({
    programme,
    roles,
    // State lives in the programme's host-tenant partition, whichever party tenant asks.
    key: { tenantId: programme.tenantId, programmeId: programme.id },
    actor: { id: ctx.actor.aadObjectId, name: roles.person.name },
  });
}

export function officeAccess(ctx: RequestContext, programmeId: string): Result<Access, IdeaUseCaseError> {
  const access = accessTo(ctx, programmeId);
  if (access.ok && !access.value.roles.isOffice) return err({ code: 'forbidden', needs: 'office' });
  return access;
}

/** The chair of the body that decides the idea's next gate (who may also stop it). */
export function isChairForIdea(access: Access, idea: Idea): boolean {
  const gate = nextGate(access.programme, idea) ?? access.programme.gates.find((g) => g.from === idea.phase);
  if (!gate) return false;
  return access.roles.bodies.some((b) => b.body.id === gate.body && b.standing === 'chair');
}
