// The composition of a body as a rule (Digi Rogaland §4.1/§4.2: «Styringsgruppen består av 8
// personer; 7 rådmenn + 1 representant for KS Rogaland … 1 representant fra Statsforvalteren
// møter som observatør …»; «Kommunedirektøren i Stavanger … leder styringsgruppen»).
// Pure: the body's people are matched to its declared seats; what does not fit is a problem
// with a path, so the loader can name the place in the file.
import type { Body, Party, Person, SeatGroup, Seats } from './schema.js';

export interface SeatProblem {
  path: (string | number)[];
  message: string;
}

interface Seated {
  personId: string;
  party: Party | undefined;
}

const describeGroup = (group: SeatGroup): string => {
  const of = group.party !== undefined ? `of party "${group.party}"` : `of a party of kind "${group.partyKind}"`;
  const title = group.title ? ` (${group.title.en})` : '';
  return `${group.count} ${of}${title}`;
};

const fits = (group: Pick<SeatGroup, 'party' | 'partyKind'>, party: Party | undefined): boolean =>
  party !== undefined && (group.party !== undefined ? party.id === group.party : party.kind === group.partyKind);

/**
 * Places each person in the first group that fits and has room (groups are checked in the
 * order the body declares them), then reports every group not filled exactly and every person
 * who fits none. `field` is "members" or "observers".
 */
function groupProblems(groups: readonly SeatGroup[], seated: readonly Seated[], field: 'members' | 'observers'): SeatProblem[] {
  const problems: SeatProblem[] = [];
  const filled = groups.map(() => [] as Seated[]);
  seated.forEach((person, j) => {
    const i = groups.findIndex(
      (group, k) =>
        fits(group, person.party) &&
        filled[k]!.length < group.count &&
        !(group.onePerParty && filled[k]!.some((other) => other.party?.id === person.party?.id)),
    );
    if (i >= 0) {
      filled[i]!.push(person);
      return;
    }
    const fitting = groups.find((group) => fits(group, person.party));
    const party = person.party ? `party "${person.party.id}"${person.party.kind ? ` (kind "${person.party.kind}")` : ''}` : 'no known party';
    problems.push({
      path: [field, j],
      message: fitting
        ? `"${person.personId}" of ${party} has no seat left: the seats are ${groups.map(describeGroup).join(' + ')}${fitting.onePerParty ? ', one per party' : ''}`
        : `"${person.personId}" of ${party} fits none of the seats: ${groups.map(describeGroup).join(' + ')}`,
    });
  });
  groups.forEach((group, i) => {
    const have = filled[i]!.length;
    if (have < group.count) {
      problems.push({ path: [field], message: `the seats ask for ${describeGroup(group)}; the body has ${have}` });
    }
  });
  return problems;
}

/** Every way the body's people break its declared seats (none when it declares no seats). */
export function seatProblems(body: Pick<Body, 'members' | 'chair' | 'observers'> & { seats?: Seats | undefined }, programme: { parties: readonly Party[]; people: readonly Person[] }): SeatProblem[] {
  const seats = body.seats;
  if (seats === undefined) return [];
  const partyOf = (personId: string): Party | undefined => {
    const person = programme.people.find((p) => p.aadObjectId === personId);
    return person ? programme.parties.find((p) => p.id === person.party) : undefined;
  };
  const seat = (personId: string): Seated => ({ personId, party: partyOf(personId) });
  const problems = [
    ...groupProblems(seats.members, body.members.map(seat), 'members'),
    ...groupProblems(seats.observers, body.observers.map(seat), 'observers'),
  ];
  // §4.2 «Stavanger, Sandnes og en av kommunene på Haugalandet har fast representasjon»: each
  // fixed seat needs a member of one of its parties (observers do not hold one).
  seats.fixed.forEach((seat, i) => {
    if (body.members.some((member) => seat.anyOf.includes(partyOf(member)?.id ?? ''))) return;
    const parties = seat.anyOf.map((p) => `"${p}"`);
    const which = parties.length === 1 ? `party ${parties[0]}` : `one of the parties ${parties.join(', ')}`;
    const title = seat.title ? ` (${seat.title.en})` : '';
    problems.push({ path: ['members'], message: `the fixed seat seats.fixed[${i}]${title} needs a member of ${which}; the body has none` });
  });
  if (seats.chair) {
    const want = seats.chair.party !== undefined ? `party "${seats.chair.party}"` : `a party of kind "${seats.chair.partyKind}"`;
    if (body.chair === undefined) problems.push({ path: ['chair'], message: `the seats ask for a chair of ${want}; the body has no chair` });
    else if (!fits(seats.chair, partyOf(body.chair))) {
      problems.push({ path: ['chair'], message: `the chair must come from ${want}; "${body.chair}" does not` });
    }
  }
  return problems;
}
