// Who a person is in a programme, asked first by every use case of every feature, so a refusal
// is explicit: the programme must be served to their tenant (host or party) and they must be in
// it; the office's own steps ask for the office.
import { rolesIn, type ProgrammeRoles } from './programme/roles.js';
import type { Programme } from './programme/schema.js';
import type { PersonRef } from './personRef.js';
import type { ProgrammeKey } from './keys.js';
import { err, ok, type Result } from './result.js';
import type { RequestContext } from './requestContext.js';

export interface Access {
  programme: Programme;
  roles: ProgrammeRoles;
  key: ProgrammeKey;
  actor: PersonRef;
}

/** Why someone has no standing (each feature's error union includes these). */
export type AccessError =
  | { code: 'no-programme'; programmeId: string }
  | { code: 'forbidden'; needs: 'member' | 'office' | 'office-or-chair' | 'office-or-director' };

/** The actor's standing in a programme served to their tenant (host or party), or why they have none. */
export function accessTo(ctx: RequestContext, programmeId: string): Result<Access, AccessError> {
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

export function officeAccess(ctx: RequestContext, programmeId: string): Result<Access, AccessError> {
  const access = accessTo(ctx, programmeId);
  if (access.ok && !access.value.roles.isOffice) return err({ code: 'forbidden', needs: 'office' });
  return access;
}
