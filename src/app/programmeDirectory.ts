// The programmes this deployment serves, looked up by tenant. Built once at startup from the
// validated programme files; read-only afterwards.
import { rolesIn, type ProgrammeRoles } from '../domain/programme/roles.js';
import type { Programme } from '../domain/programme/schema.js';

export class ProgrammeDirectory {
  private readonly byTenant = new Map<string, Programme[]>();

  constructor(readonly programmes: readonly Programme[]) {
    for (const programme of programmes) {
      const list = this.byTenant.get(programme.tenantId) ?? [];
      list.push(programme);
      this.byTenant.set(programme.tenantId, list);
    }
  }

  forTenant(tenantId: string): readonly Programme[] {
    return this.byTenant.get(tenantId) ?? [];
  }

  find(tenantId: string, programmeId: string): Programme | undefined {
    return this.forTenant(tenantId).find((p) => p.id === programmeId);
  }

  membershipsOf(tenantId: string, aadObjectId: string): ProgrammeRoles[] {
    if (!aadObjectId) return [];
    return this.forTenant(tenantId).flatMap((p) => rolesIn(p, aadObjectId) ?? []);
  }
}
