// What a person is in a programme: a participant of a party, the programme office, and their
// standing in each body. Every use case asks this before acting.
import type { Body, Party, Person, Programme } from './schema.js';

export type BodyStanding = 'chair' | 'member' | 'observer' | 'secretary';

export interface ProgrammeRoles {
  programme: Programme;
  person: Person;
  party: Party | undefined;
  isOffice: boolean;
  bodies: { body: Body; standing: BodyStanding }[];
}

export function standingIn(body: Body, personId: string): BodyStanding | undefined {
  if (body.chair === personId) return 'chair';
  if (body.members.includes(personId)) return 'member';
  if (body.observers.includes(personId)) return 'observer';
  if (body.secretary === personId) return 'secretary';
  return undefined;
}

/** The person's roles, or undefined when they are not a participant of the programme. */
export function rolesIn(programme: Programme, personId: string): ProgrammeRoles | undefined {
  const person = programme.people.find((p) => p.aadObjectId === personId);
  if (!person) return undefined;
  const bodies = programme.bodies.flatMap((body) => {
    const standing = standingIn(body, personId);
    return standing ? [{ body, standing }] : [];
  });
  return {
    programme,
    person,
    party: programme.parties.find((p) => p.id === person.party),
    isOffice: person.roles.includes('office'),
    bodies,
  };
}
