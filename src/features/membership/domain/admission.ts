// Admitting a new party (DSOP §2.3): «Partene i DSOP-programmet er enige om følgende kriterier
// for å ønske nye aktører velkommen inn i DSOP … Deltakelse besluttes av Topplederforum.»
// The office files an application with the programme's criteria checked one by one; the
// deciding body votes on it; an adopted application becomes a party of the programme.
//
// Pure: the caller passes the time, the person and the issued sequence number.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { isWebLink } from '../../../shared/text.js';
import type { Admission, Party, Person, Programme } from '../../../shared/programme/schema.js';

/** One criterion as the office assessed it: met or not, and what it rests on. */
export interface CriterionAssessment {
  met: boolean;
  note: string;
}

export type ApplicationStatus = 'filed' | 'voting' | 'admitted' | 'rejected';

export interface MembershipApplication {
  /** Readable id, e.g. M-004. */
  id: string;
  organisation: string;
  /** The party id the organisation gets when admitted. */
  partyId: string;
  /** Entra tenants of the organisation (tells its people apart from outsiders once admitted). */
  tenantIds: string[];
  /** The organisation's representative in the deciding body (preferably its top leader). */
  representative: { name: string; aadObjectId?: string };
  /** The application or its documentation. */
  link?: string;
  /** Criterion id → assessment; every criterion of the programme is assessed. */
  criteria: Record<string, CriterionAssessment>;
  filedBy: PersonRef;
  filedAt: number;
  status: ApplicationStatus;
  /** The vote that decides it, once one is opened; the latest if an earlier one failed. */
  voteId?: string;
  decision?: { adopted: boolean; at: number; voteId: string };
}

export interface ApplicationInput {
  organisation: string;
  partyId?: string;
  tenantIds: readonly string[];
  representativeName: string;
  representativeId?: string;
  link?: string;
  criteria: Readonly<Record<string, { met: boolean; note?: string }>>;
  by: PersonRef;
  at: number;
}

export type ApplicationProblem =
  | { code: 'no-admission' }
  | { code: 'invalid'; field: 'organisation' | 'partyId' | 'representative' | 'link' | 'tenantIds'; message: string }
  | { code: 'party-exists'; partyId: string }
  | { code: 'person-exists'; person: string }
  | { code: 'not-filed'; id: string; status: ApplicationStatus }
  | { code: 'criteria-unmet-reason' };

export const formatApplicationId = (n: number) => `M-${String(n).padStart(3, '0')}`;

const PARTY_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A party id from the organisation's name: «Statens vegvesen» → statens-vegvesen. */
export function partyIdFrom(name: string): string {
  const folded = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export function admissionOf(programme: Programme): Admission | undefined {
  return programme.membership?.admission;
}

/** Checks and builds an application. Parties already in the programme cannot apply again. */
export function fileApplication(
  programme: Programme,
  sequence: number,
  input: ApplicationInput,
): Result<MembershipApplication, ApplicationProblem> {
  const admission = admissionOf(programme);
  if (!admission) return err({ code: 'no-admission' });
  const organisation = input.organisation.trim();
  if (!organisation) return err({ code: 'invalid', field: 'organisation', message: 'the organisation needs a name' });
  const partyId = input.partyId?.trim() || partyIdFrom(organisation);
  if (!PARTY_ID.test(partyId)) return err({ code: 'invalid', field: 'partyId', message: 'lower-case letters, digits and hyphens' });
  if (programme.parties.some((p) => p.id === partyId || p.name.trim().toLowerCase() === organisation.toLowerCase())) {
    return err({ code: 'party-exists', partyId });
  }
  const representative = input.representativeName.trim();
  if (!representative) return err({ code: 'invalid', field: 'representative', message: 'name the representative' });
  const representativeId = input.representativeId?.trim();
  if (representativeId && programme.people.some((p) => p.aadObjectId === representativeId)) {
    return err({ code: 'person-exists', person: representativeId });
  }
  const link = input.link?.trim();
  if (link && !isWebLink(link)) return err({ code: 'invalid', field: 'link', message: 'must be a web address' });
  const tenantIds = [...new Set(input.tenantIds.map((t) => t.trim()).filter(Boolean))];
  if (tenantIds.some((t) => t.length > 64)) return err({ code: 'invalid', field: 'tenantIds', message: 'not a tenant id' });

  const criteria = Object.fromEntries(
    admission.criteria.map((c) => {
      const given = input.criteria[c.id];
      return [c.id, { met: given?.met === true, note: given?.note?.trim() ?? '' }];
    }),
  );
  return ok({
    id: formatApplicationId(sequence),
    organisation,
    partyId,
    tenantIds,
    representative: { name: representative, ...(representativeId ? { aadObjectId: representativeId } : {}) },
    ...(link ? { link: new URL(link).href } : {}),
    criteria,
    filedBy: input.by,
    filedAt: input.at,
    status: 'filed',
  });
}

/** Criteria the office did not find met, in the programme's order. */
export function unmetCriteria(admission: Admission, application: Pick<MembershipApplication, 'criteria'>): string[] {
  return admission.criteria.filter((c) => application.criteria[c.id]?.met !== true).map((c) => c.id);
}

/** The application may be put to the vote: it is filed (or an earlier vote ended without a
 * decision being applied), and an unmet criterion needs the office's reason on the record. */
export function mayPutToVote(
  admission: Admission,
  application: MembershipApplication,
  reason: string,
): Result<{ unmet: string[] }, ApplicationProblem> {
  if (application.status !== 'filed') return err({ code: 'not-filed', id: application.id, status: application.status });
  const unmet = unmetCriteria(admission, application);
  if (unmet.length > 0 && !reason.trim()) return err({ code: 'criteria-unmet-reason' });
  return ok({ unmet });
}

/** What an admission adds to the programme. */
export interface Admitted {
  party: Party;
  people: readonly Person[];
  /** Seats the admission gives: the representative joins the deciding body (DSOP §2.3: the new
   * party is «representert med toppleder … i DSOP Topplederforum»). */
  seats?: readonly { body: string; person: string }[];
}

/** The party and, when the representative's Entra id is known, the representative as a person
 * of the programme with a seat in the body that admitted the party. */
export function admittedParty(application: MembershipApplication, body: string): Admitted & { people: Person[]; seats: { body: string; person: string }[] } {
  const { representative } = application;
  const id = representative.aadObjectId;
  return {
    party: { id: application.partyId, name: application.organisation, tenantIds: application.tenantIds },
    people: id ? [{ aadObjectId: id, name: representative.name, party: application.partyId, roles: [] }] : [],
    seats: id ? [{ body, person: id }] : [],
  };
}

/** The application after the body's decision. Deciding twice changes nothing. */
export function decideApplication(application: MembershipApplication, decision: { adopted: boolean; at: number; voteId: string }): MembershipApplication {
  if (application.decision) return application;
  return { ...application, status: decision.adopted ? 'admitted' : 'rejected', decision };
}

/**
 * A programme with admitted parties (and their representatives) added. Parties the file
 * already has win: an admission never overrides what the programme file says.
 */
export function withAdmitted(programme: Programme, admitted: readonly Admitted[]): Programme {
  if (admitted.length === 0) return programme;
  const parties = [...programme.parties];
  const people = [...programme.people];
  const seats: { body: string; person: string }[] = [];
  for (const a of admitted) {
    if (parties.some((p) => p.id === a.party.id)) continue;
    parties.push(a.party);
    const added = a.people.filter((person) => !people.some((p) => p.aadObjectId === person.aadObjectId));
    people.push(...added);
    // A seat only for a person this admission added: the file decides about everyone else.
    seats.push(...(a.seats ?? []).filter((seat) => added.some((p) => p.aadObjectId === seat.person)));
  }
  const bodies = programme.bodies.map((body) => {
    const joining = seats.filter((s) => s.body === body.id && !body.members.includes(s.person) && !body.observers.includes(s.person) && body.secretary !== s.person);
    return joining.length === 0 ? body : { ...body, members: [...body.members, ...new Set(joining.map((s) => s.person))] };
  });
  return { ...programme, parties, people, bodies };
}
