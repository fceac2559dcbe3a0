// Guests who belong (issue 15): a B2B guest in the host tenant whom the programme lists by that
// guest account's object id is inside; any other guest, and anyone anonymous, is not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Audience, AudienceMember } from '../../../src/shared/disclosure/audience.js';
import { guestsIn, insiderProblem, isListedGuest } from '../../../src/shared/disclosure/decide.js';
import { TENANT, testProgramme } from '../../support/fixtures.js';

const programme = testProgramme();
const listed = programme.people[0]!.aadObjectId;
const group = (members: AudienceMember[]): Audience => ({ kind: 'group', members, registeredTo: [programme.id] });

describe('guests in the host tenant', () => {
  it('a listed guest is inside; an unlisted guest, a listed guest of another tenant and an anonymous listed person are not', () => {
    expect(insiderProblem(programme, group([{ aadObjectId: listed, tenantId: TENANT, role: 'guest' }]))).toBeUndefined();
    expect(insiderProblem(programme, group([{ aadObjectId: 'aad-nobody', tenantId: TENANT, role: 'guest' }]))).toBe('guest-present');
    expect(isListedGuest(programme, { aadObjectId: listed, tenantId: 'tenant-elsewhere', role: 'guest' })).toBe(false);
    expect(insiderProblem(programme, group([{ aadObjectId: listed, tenantId: TENANT, role: 'anonymous' }]))).toBe('guest-present');
  });

  it('splits any audience into listed and unlisted guests, and is inside exactly when no guest is unlisted', () => {
    const ids = [...programme.people.map((p) => p.aadObjectId), 'aad-x', 'aad-y'];
    const memberArb = fc.record({
      aadObjectId: fc.constantFrom(...ids),
      tenantId: fc.constant(TENANT),
      role: fc.constantFrom('user' as const, 'guest' as const),
    });
    fc.assert(
      fc.property(fc.array(memberArb, { maxLength: 6 }), (members) => {
        const { listed: inside, unlisted } = guestsIn(programme, group(members));
        expect(inside.length + unlisted.length).toBe(members.filter((m) => m.role === 'guest').length);
        expect(insiderProblem(programme, group(members)) === undefined).toBe(unlisted.length === 0);
      }),
    );
  });
});
