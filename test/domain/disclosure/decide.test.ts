// The disclosure policy on its own: each classification against each kind of audience, and the
// NDA rule (an NDA-covered item needs every viewer's recorded NDA; DSOP §6 "taushetserklæring").
import { describe, expect, it } from 'vitest';
import type { Audience, AudienceMember } from '../../../src/shared/disclosure/audience.js';
import { classify, projectParticipants } from '../../../src/shared/disclosure/classify.js';
import type { Disclosed, IdeaState } from '../../../src/shared/disclosure/content.js';
import { decideDisclosure, insiderProblem, type NdaHolders } from '../../../src/shared/disclosure/decide.js';
import type { Programme } from '../../../src/shared/programme/schema.js';
import { TENANT, testProgramme } from '../../support/fixtures.js';

const planningPhases = (overrides: Partial<Programme> = {}) => {
  const base = testProgramme();
  return testProgramme({
    phases: base.phases.map((p) => (p.id === 'konsept' ? { ...p, restrictedToParticipants: true } : p)),
    ...overrides,
  });
};

const member = (aadObjectId: string, extra: Partial<AudienceMember> = {}): AudienceMember => ({ aadObjectId, tenantId: TENANT, role: 'user', ...extra });
const personal = (aadObjectId: string, extra: Partial<AudienceMember> = {}): Audience => ({ kind: 'personal', member: member(aadObjectId, extra) });
const channel = (members: AudienceMember[], registeredTo = ['dsop']): Audience => ({ kind: 'group', members, registeredTo });

const idea = (over: Partial<IdeaState> = {}): IdeaState => ({
  number: 'DSOP-2026-001',
  status: 'registered',
  phase: 'ide',
  party: 'finans-norge',
  submittedBy: { id: 'aad-member', name: 'Per Member' },
  ...over,
});
const ideaItem = (over: Partial<IdeaState> = {}): Disclosed => ({ kind: 'idea', programmeId: 'dsop', idea: idea(over) });
const docs = (over: Partial<IdeaState> = {}): Disclosed => ({ kind: 'idea-documents', programmeId: 'dsop', idea: idea(over) });

const noNdas: NdaHolders = { has: () => false };
const ndasOf = (signed: Record<string, string[]>): NdaHolders => ({ has: (person, topic) => (signed[person] ?? []).includes(topic) });

describe('insiderProblem', () => {
  const programme = testProgramme();
  it('accepts a member of the programme tenant in a personal chat and a registered channel', () => {
    expect(insiderProblem(programme, personal('aad-member'))).toBeUndefined();
    expect(insiderProblem(programme, channel([member('aad-member'), member('aad-chair')]))).toBeUndefined();
  });
  it('names what makes an audience external', () => {
    expect(insiderProblem(programme, { kind: 'unknown', why: 'roster-unavailable' })).toBe('roster-unavailable');
    expect(insiderProblem(programme, personal('x', { role: 'guest' }))).toBe('guest-present');
    expect(insiderProblem(programme, personal('x', { role: 'anonymous' }))).toBe('guest-present');
    expect(insiderProblem(programme, personal('x', { tenantId: 'other' }))).toBe('outsider-present');
    expect(insiderProblem(programme, channel([member('aad-member')], ['another-programme']))).toBe('conversation-not-registered');
  });
  it('counts a party tenant as inside', () => {
    const withParty = testProgramme({ parties: [{ id: 'p', name: 'P', tenantIds: ['party-tenant'] }] });
    expect(insiderProblem(withParty, personal('x', { tenantId: 'party-tenant' }))).toBeUndefined();
  });
});

describe('decideDisclosure', () => {
  it('keeps a registered idea inside the programme; a prioritised one may leave only with the label (§6.1)', () => {
    const programme = testProgramme();
    expect(decideDisclosure(programme, [ideaItem()], personal('aad-member'), noNdas)).toEqual({ allowed: true, withheld: [], external: false });
    const out = decideDisclosure(programme, [ideaItem()], personal('x', { tenantId: 'other' }), noNdas);
    expect(out).toEqual({ allowed: false, withheld: [{ item: ideaItem(), reason: 'outsider-present' }], external: true });
    const prioritised = ideaItem({ status: 'prioritised' });
    expect(decideDisclosure(programme, [prioritised], personal('x', { tenantId: 'other' }), noNdas)).toEqual({
      allowed: false,
      withheld: [{ item: prioritised, reason: 'label-missing' }],
      external: true,
    });
    const labelledList: Disclosed = { kind: 'prioritised-list', programmeId: 'dsop', labelled: true };
    expect(decideDisclosure(programme, [labelledList, prioritised], personal('x', { tenantId: 'other' }), noNdas)).toEqual({
      allowed: true,
      withheld: [],
      external: true,
    });
    // Inside the programme the label is not needed; past the list (a project) it is not either.
    expect(decideDisclosure(programme, [prioritised], personal('aad-member'), noNdas).allowed).toBe(true);
    expect(decideDisclosure(programme, [ideaItem({ status: 'active' })], personal('x', { tenantId: 'other' }), noNdas).allowed).toBe(true);
    // A programme that does not keep registered ideas internal lets them out.
    const open = testProgramme({ confidentiality: { ...programme.confidentiality, registeredIdeasInternal: false } });
    expect(decideDisclosure(open, [ideaItem()], personal('x', { tenantId: 'other' }), noNdas).allowed).toBe(true);
  });

  it('lets the prioritised list out only with its label', () => {
    const programme = testProgramme();
    const list = (labelled: boolean): Disclosed => ({ kind: 'prioritised-list', programmeId: 'dsop', labelled });
    const outside = personal('x', { tenantId: 'other' });
    expect(decideDisclosure(programme, [list(true)], outside, noNdas)).toEqual({ allowed: true, withheld: [], external: true });
    expect(decideDisclosure(programme, [list(false)], outside, noNdas).withheld).toEqual([{ item: list(false), reason: 'label-missing' }]);
    expect(decideDisclosure(programme, [list(false)], personal('aad-member'), noNdas).allowed).toBe(true);
  });

  it('keeps programme-internal material inside', () => {
    const programme = testProgramme();
    const item: Disclosed = { kind: 'programme-internal', programmeId: 'dsop' };
    expect(decideDisclosure(programme, [item], personal('aad-office'), noNdas).allowed).toBe(true);
    expect(decideDisclosure(programme, [item], { kind: 'unknown', why: 'roster-unavailable' }, noNdas).withheld).toEqual([
      { item, reason: 'roster-unavailable' },
    ]);
  });

  it("keeps a restricted phase's documents with the project's participants", () => {
    const programme = planningPhases();
    const item = docs({ status: 'active', phase: 'konsept' });
    // Per submitted it; Kari chairs the deciding body; Ola is the office.
    for (const p of ['aad-member', 'aad-chair', 'aad-office', 'aad-observer']) {
      expect(decideDisclosure(programme, [item], personal(p), noNdas).allowed, p).toBe(true);
    }
    const stranger = testProgramme({
      ...programme,
      people: [...programme.people, { aadObjectId: 'aad-stranger', name: 'S', party: 'skatteetaten', roles: [] }],
    });
    // Skatteetaten's people are not participants of Finans Norge's project unless they sit in a deciding body.
    expect(decideDisclosure(stranger, [item], channel([member('aad-member'), member('aad-stranger')]), noNdas).withheld).toEqual([
      { item, reason: 'not-a-participant' },
    ]);
    expect(decideDisclosure(programme, [item], personal('x', { role: 'guest' }), noNdas).withheld).toEqual([{ item, reason: 'guest-present' }]);
    // The same documents outside a restricted phase are as open as the idea.
    expect(decideDisclosure(stranger, [docs({ status: 'active', phase: 'ide' })], personal('aad-stranger'), noNdas).allowed).toBe(true);
    expect(decideDisclosure(programme, [docs()], personal('x', { tenantId: 'other' }), noNdas).withheld[0]?.reason).toBe('outsider-present');
  });

  it('ignores items of another programme', () => {
    const programme = testProgramme();
    const foreign: Disclosed = { kind: 'programme-internal', programmeId: 'skate' };
    expect(decideDisclosure(programme, [foreign], personal('x', { tenantId: 'other' }), noNdas)).toEqual({ allowed: true, withheld: [], external: true });
  });

  describe('the NDA rule', () => {
    const base = testProgramme();
    const withNda = (topics: Programme['confidentiality']['ndaRequiredFor']) =>
      planningPhases({ confidentiality: { ...base.confidentiality, ndaRequiredFor: topics } });

    it('withholds a registered idea from a viewer without an NDA, and shows it to one with', () => {
      const programme = withNda(['registered-ideas']);
      expect(decideDisclosure(programme, [ideaItem()], personal('aad-member'), noNdas)).toEqual({
        allowed: false,
        withheld: [{ item: ideaItem(), reason: 'nda-missing' }],
        external: false,
      });
      expect(decideDisclosure(programme, [ideaItem()], personal('aad-member'), ndasOf({ 'aad-member': ['registered-ideas'] })).allowed).toBe(true);
      // An NDA for another topic does not cover it.
      expect(decideDisclosure(programme, [ideaItem()], personal('aad-member'), ndasOf({ 'aad-member': ['planning-documents'] })).allowed).toBe(false);
    });

    it('needs every viewer in a channel to hold the NDA', () => {
      const programme = withNda(['registered-ideas']);
      const room = channel([member('aad-member'), member('aad-chair')]);
      expect(decideDisclosure(programme, [ideaItem()], room, ndasOf({ 'aad-member': ['registered-ideas'] })).withheld).toEqual([
        { item: ideaItem(), reason: 'nda-missing' },
      ]);
      expect(decideDisclosure(programme, [ideaItem()], room, ndasOf({ 'aad-member': ['registered-ideas'], 'aad-chair': ['registered-ideas'] })).allowed).toBe(true);
    });

    it("covers a restricted phase's documents when the programme asks for it", () => {
      const programme = withNda(['planning-documents']);
      const item = docs({ status: 'active', phase: 'konsept' });
      expect(decideDisclosure(programme, [item], personal('aad-member'), noNdas).withheld).toEqual([{ item, reason: 'nda-missing' }]);
      expect(decideDisclosure(programme, [item], personal('aad-member'), ndasOf({ 'aad-member': ['planning-documents'] })).allowed).toBe(true);
      // The registered-ideas NDA is not asked for here, so a registered idea needs none.
      expect(decideDisclosure(programme, [ideaItem()], personal('aad-member'), noNdas).allowed).toBe(true);
    });

    it('asks for no NDA where the programme requires none, and reports one reason per item', () => {
      expect(decideDisclosure(testProgramme(), [ideaItem()], personal('aad-member'), noNdas).allowed).toBe(true);
      // Already withheld for being outside: not withheld twice.
      const programme = withNda(['registered-ideas']);
      expect(decideDisclosure(programme, [ideaItem()], personal('x', { tenantId: 'other' }), noNdas).withheld).toEqual([
        { item: ideaItem(), reason: 'outsider-present' },
      ]);
    });

    it('names the topic on the classified item', () => {
      expect(classify(withNda(['registered-ideas']), ideaItem()).ndaTopic).toBe('registered-ideas');
      expect(classify(withNda([]), ideaItem()).ndaTopic).toBeUndefined();
      expect(classify(withNda(['planning-documents']), docs({ status: 'active', phase: 'konsept' })).ndaTopic).toBe('planning-documents');
      expect(classify(withNda(['registered-ideas']), ideaItem({ status: 'prioritised' })).ndaTopic).toBeUndefined();
    });
  });
});

describe('projectParticipants', () => {
  it('are the office, the submitting party, the deciding bodies, the submitter and the leader', () => {
    const programme = testProgramme({
      people: [
        ...testProgramme().people,
        { aadObjectId: 'aad-other', name: 'O', party: 'skatteetaten', roles: [] },
        { aadObjectId: 'aad-leader', name: 'L', party: 'skatteetaten', roles: [] },
      ],
    });
    const set = projectParticipants(programme, idea({ submittedBy: { id: 'aad-sub', name: 'S' }, projectLeader: 'aad-leader' }));
    expect([...set].sort()).toEqual(['aad-chair', 'aad-leader', 'aad-member', 'aad-observer', 'aad-office', 'aad-office2', 'aad-sub'].sort());
    expect(set.has('aad-other')).toBe(false);
  });

  it('leaves out the people of a body that decides no gate', () => {
    const base = testProgramme();
    const programme = testProgramme({
      people: [...base.people, { aadObjectId: 'aad-x', name: 'X', party: 'skatteetaten', roles: [] }],
      bodies: [...base.bodies, { ...base.bodies[0]!, id: 'au', name: { nb: 'AU', en: 'AU' }, members: ['aad-x'], chair: 'aad-x', observers: [], secretary: undefined }],
    });
    expect(projectParticipants(programme, idea()).has('aad-x')).toBe(false);
  });
});
