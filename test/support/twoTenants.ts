// The test programme with its two parties in two tenants: Skatteetaten in the host's (TENANT),
// Finans Norge in its own (PARTY_TENANT). For the tests of who may act from which tenant.
import type { z } from 'zod';
import { personSchema, programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { TENANT, testProgramme } from './fixtures.js';

export const PARTY_TENANT = 'tenant-fn';

export const twoTenantProgramme = (people: z.input<typeof personSchema>[], tenantId = TENANT): Programme =>
  programmeSchema.parse({
    ...testProgramme(),
    tenantId,
    parties: [
      { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [tenantId] },
      { id: 'finans-norge', name: 'Finans Norge', tenantIds: [PARTY_TENANT] },
    ],
    people,
  });
