// The identity rule (issue 22.10), pure: each contradiction is found and named; fields that
// agree, and fields that are simply absent, are no contradiction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityContradiction } from '../../../src/shared/programme/identity.js';
import { PARTY_TENANT as PARTY, twoTenantProgramme } from '../../support/twoTenants.js';

const HOST = 'tenant-host';
const programme = twoTenantProgramme(
  [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: 'aad-rep', name: 'Frida Finans', party: 'finans-norge' },
  ],
  HOST,
);
const served = [programme];
const agreeing = { conversationTenantId: HOST, channelDataTenantId: HOST, fromId: '29:office', aadObjectId: 'aad-office' };

describe('identityContradiction', () => {
  it('names each contradiction', () => {
    expect(identityContradiction({ ...agreeing, channelDataTenantId: PARTY }, served)).toMatchObject({ rule: 'tenant-ids-differ' });
    const guid = '6a1e3c2b-0d4f-4e8a-9b7c-1f2e3d4c5b6a';
    expect(identityContradiction({ ...agreeing, fromId: `8:orgid:${guid}` }, served)).toMatchObject({ rule: 'from-id-names-another-person' });
    expect(identityContradiction({ ...agreeing, fromId: `8:orgid:${guid.toUpperCase()}`, aadObjectId: guid }, served)).toBeUndefined();
    expect(identityContradiction({ ...agreeing, knownFromId: '29:someone-else' }, served)).toMatchObject({ rule: 'teams-id-of-another-person', knownFromId: '29:someone-else' });
    expect(identityContradiction({ ...agreeing, conversationTenantId: PARTY, channelDataTenantId: PARTY }, served)).toEqual({
      rule: 'tenant-not-listed-by-party',
      tenantId: PARTY,
      aadObjectId: 'aad-office',
      programmeId: programme.id,
      partyId: 'skatteetaten',
    });
  });

  it('a party person in the host tenant (a B2B guest there) or their own party tenant is no contradiction', () => {
    expect(identityContradiction({ ...agreeing, aadObjectId: 'aad-rep', fromId: '29:rep' }, served)).toBeUndefined();
    expect(identityContradiction({ conversationTenantId: PARTY, fromId: '29:rep', aadObjectId: 'aad-rep' }, served)).toBeUndefined();
  });

  it('fields that agree, or are absent, never contradict', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    fc.assert(
      fc.property(fc.boolean(), maybe(fc.constantFrom('29:x', '29:y')), fc.constantFrom('aad-office', 'aad-rep', 'aad-stranger'), (withTenant, fromId, aad) => {
        const own = aad === 'aad-rep' ? PARTY : HOST;
        const identity = {
          ...(withTenant ? { conversationTenantId: own, channelDataTenantId: own } : {}),
          ...(fromId ? { fromId, knownFromId: fromId } : {}),
          aadObjectId: aad,
        };
        expect(identityContradiction(identity, served)).toBeUndefined();
      }),
    );
  });
});
