// The programme schema: what a programme file may leave out (and what it then means), and the
// message each malformed value gets, so the loader can tell the office what to fix.
import { describe, expect, it } from 'vitest';
import { programmeSchema } from '../../../src/shared/programme/schema.js';

const text = (nb: string, en = nb) => ({ nb, en });

/** The least a programme file must say. */
const minimal = () => ({
  id: 'p',
  name: 'P',
  ideaPrefix: 'PX',
  tenantId: 't',
  parties: [{ id: 'a', name: 'A' }],
  people: [{ aadObjectId: 'aad-1', name: 'En', party: 'a' }],
  phases: [
    { id: 'ide', name: text('Idé') },
    { id: 'slutt', name: text('Slutt'), terminal: true },
  ],
  initialPhase: 'ide',
  stoppedPhase: 'slutt',
  gates: [{ id: 'BP1', name: text('BP1'), from: 'ide', to: 'slutt', body: 'sg' }],
  bodies: [{ id: 'sg', name: text('SG'), rule: { kind: 'consensus-then-majority' }, seats: { members: [{ count: 1, partyKind: 'k' }] } }],
  criteria: [
    { id: 'c1', name: text('C1'), weight: 1 },
    { id: 'c2', name: text('C2'), weight: 2 },
  ],
  schedules: [{ id: 's', name: text('S'), kind: 'status-report', cadence: { kind: 'monthly' }, recipients: 'project-leaders', deadlineBusinessDays: 5 }],
  confidentiality: { prioritisedListLabel: text('Merket') },
  membership: { fee: { rates: [{ fromYear: 2026, fixed: 1000, perInhabitant: 4.75 }] } },
});

type Raw = ReturnType<typeof minimal>;

/** The problems of a spoilt copy of `minimal`, as `path: message`. */
function problems(spoil: (raw: Raw) => void): string[] {
  const raw = minimal();
  spoil(raw);
  const result = programmeSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('programmeSchema', () => {
  it('fills in what a file leaves out', () => {
    const p = programmeSchema.parse(minimal());
    expect(p.parties[0]).toEqual({ id: 'a', name: 'A', tenantIds: [] });
    expect(p.people[0]).toEqual({ aadObjectId: 'aad-1', name: 'En', party: 'a', roles: [] });
    expect(p.phases[0]).toEqual({ id: 'ide', name: text('Idé'), terminal: false, restrictedToParticipants: false });
    expect(p.phases[1]?.terminal).toBe(true);
    expect(p.gates[0]).toEqual({ id: 'BP1', name: text('BP1'), from: 'ide', to: 'slutt', body: 'sg', deliverables: [], requiresRoadmapEntry: false });
    expect(p.bodies[0]).toEqual({
      id: 'sg',
      name: text('SG'),
      rule: { kind: 'consensus-then-majority', chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true },
      meets: 'ad-hoc',
      seats: { members: [{ count: 1, partyKind: 'k', onePerParty: true }], observers: [], fixed: [] },
      members: [],
      observers: [],
    });
    expect(p.schedules[0]).toMatchObject({ cadence: { kind: 'monthly', exceptMonths: [] }, remindBusinessDaysBefore: [3, 1] });
    expect(p.confidentiality).toEqual({ registeredIdeasInternal: true, prioritisedListLabel: text('Merket'), ndaRequiredFor: [] });
    expect(p.membership?.fee?.rates[0]).toEqual({ fromYear: 2026, fixed: 1000, perInhabitant: 4.75, smallestPayVariableOnly: 0 });
    expect(p.disagreementSpread).toBe(2);
    expect(programmeSchema.parse({ ...minimal(), schedules: undefined }).schedules).toEqual([]);
  });

  it('a file’s own values win over the defaults', () => {
    const raw = minimal();
    Object.assign(raw.bodies[0]!.rule, { chairDoubleVoteOnTie: false, chairDecidesBudgetMatters: false });
    const p = programmeSchema.parse(raw);
    expect(p.bodies[0]?.rule).toEqual({ kind: 'consensus-then-majority', chairDoubleVoteOnTie: false, chairDecidesBudgetMatters: false });
  });

  it('ids are lower-case letters, digits and hyphens, not starting with a hyphen', () => {
    const message = 'must be lower-case letters, digits and hyphens (e.g. "topplederforum")';
    expect(problems((r) => (r.parties[0]!.id = 'Skatt'))).toEqual([`parties.0.id: ${message}`]);
    expect(problems((r) => (r.parties[0]!.id = '-skatt'))).toEqual([`parties.0.id: ${message}`]);
    expect(problems((r) => (r.parties[0]!.id = 'skatt_etat'))).toEqual([`parties.0.id: ${message}`]);
    expect(problems((r) => (r.parties[0]!.id = 'skatt etat'))).toEqual([`parties.0.id: ${message}`]);
    expect(
      problems((r) => {
        r.parties[0]!.id = '9-skatt-';
        r.people[0]!.party = '9-skatt-';
      }),
    ).toEqual([]);
  });

  it('a person is named by their Entra object id', () => {
    expect(problems((r) => (r.people[0]!.aadObjectId = ''))).toEqual(['people.0.aadObjectId: must name a person by their Entra object id (aadObjectId)']);
  });

  it('gate ids are letters, digits and hyphens', () => {
    const message = 'must be letters, digits and hyphens (e.g. "BP1")';
    expect(problems((r) => (r.gates[0]!.id = 'BP 1'))).toEqual([`gates.0.id: ${message}`]);
    expect(problems((r) => (r.gates[0]!.id = '-BP1'))).toEqual([`gates.0.id: ${message}`]);
    expect(problems((r) => (r.gates[0]!.id = 'BP1!'))).toEqual([`gates.0.id: ${message}`]);
    expect(problems((r) => (r.gates[0]!.id = 'bp-1-A'))).toEqual([]);
  });

  it('the idea prefix is 2–10 capitals or digits, starting with a capital', () => {
    const message = 'ideaPrefix: must be 2–10 capital letters or digits';
    for (const bad of ['P', 'p1', '1P', 'PABCDEFGHIJ', 'P-1', ' PX']) expect(problems((r) => (r.ideaPrefix = bad))).toEqual([message]);
    for (const good of ['P1', 'PABCDEFGH9']) expect(problems((r) => (r.ideaPrefix = good))).toEqual([]);
  });

  it('a seat group and the chair’s seat name either a party or a kind of party', () => {
    const group = 'bodies.0.seats.members.0: a seat group names either party or partyKind';
    expect(problems((r) => Object.assign(r.bodies[0]!.seats.members[0]!, { party: 'a' }))).toEqual([group]);
    expect(problems((r) => (r.bodies[0]!.seats.members[0] = { count: 1 } as never))).toEqual([group]);
    expect(problems((r) => (r.bodies[0]!.seats.members[0] = { count: 1, party: 'a' } as never))).toEqual([]);
    const chair = "bodies.0.seats.chair: the chair's seat names either party or partyKind";
    expect(problems((r) => Object.assign(r.bodies[0]!.seats, { chair: { party: 'a', partyKind: 'k' } }))).toEqual([chair]);
    expect(problems((r) => Object.assign(r.bodies[0]!.seats, { chair: {} }))).toEqual([chair]);
    expect(problems((r) => Object.assign(r.bodies[0]!.seats, { chair: { partyKind: 'k' } }))).toEqual([]);
    expect(problems((r) => (r.bodies[0]!.seats.members[0]!.count = 0))).toHaveLength(1);
    expect(problems((r) => (r.bodies[0]!.seats.members[0]!.count = 101))).toHaveLength(1);
    expect(problems((r) => (r.bodies[0]!.seats.members[0]!.count = 100))).toEqual([]);
  });

  it('fee rates: whole øre, and one rate per year', () => {
    const rate = (perInhabitant: number, fromYear = 2026) => ({ fromYear, fixed: 0, perInhabitant });
    const withRates = (...rates: ReturnType<typeof rate>[]) => problems((r) => (r.membership.fee.rates = rates));
    expect(withRates(rate(4.755))).toEqual(['membership.fee.rates.0.perInhabitant: must be whole øre (at most two decimals)']);
    expect(withRates(rate(0.29), rate(5, 2027), rate(10_000, 2028))).toEqual([]);
    expect(withRates(rate(1), rate(2))).toEqual(['membership.fee.rates: two rates have the same fromYear']);
  });

  it('needs two phases, two criteria, a party and a person', () => {
    expect(problems((r) => r.phases.pop())).toHaveLength(1);
    expect(problems((r) => r.criteria.pop())).toHaveLength(1);
    expect(problems((r) => (r.parties = []))).toHaveLength(1);
    expect(problems((r) => (r.people = []))).toHaveLength(1);
  });
});
