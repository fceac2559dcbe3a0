// Joint measures (felles tiltak) and deviation notices (KMD–KS §2.1 and §6).
//
// §2.1: «Partene skal gjensidig orientere hverandre om avvik, forsinkelser og andre forhold som
// påvirker gjennomføring av felles tiltak … og foreslå løsninger for å videreføre arbeidet.»
// A deviation notice therefore names the measure, what happened, its impact and a proposed
// solution, and goes at once to the other parties of that measure.
// §6: «Kort status på gjennomføring av tiltak … og diskusjon om håndtering av avvik, vil være
// tema i … konsultasjonsmøtet»: open deviations are the agenda for the next consultation meeting.
//
// Pure: the caller passes the time, the person and the issued numbers.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';

export interface Measure {
  /** Readable id, e.g. T-003. */
  id: string;
  title: string;
  description: string;
  /** Entra object ids of the measure owners (tiltakseiere). */
  owners: string[];
  /** Party ids taking part in the measure. */
  parties: string[];
  createdBy: PersonRef;
  createdAt: number;
}

export interface Recipient {
  person: PersonRef;
  /** The recipient's party, or '' when the person has none in the programme. */
  party: string;
  /** Why they are told: they belong to another party of the measure, or they own it. */
  as: 'party' | 'owner';
}

export interface Deviation {
  /** Readable id, e.g. A-007. */
  id: string;
  measureId: string;
  what: string;
  impact: string;
  proposal: string;
  filedBy: PersonRef;
  /** The filer's party (the one whose deviation it is). */
  party: string;
  filedAt: number;
  /** Who the notice goes to, fixed when it was filed. */
  recipients: Recipient[];
  status: 'open' | 'closed';
  closed?: { by: PersonRef; at: number; resolution: string };
}

export type MeasureProblem =
  | { code: 'invalid'; field: 'title' | 'description' | 'owners' | 'parties' | 'what' | 'impact' | 'proposal' | 'resolution'; message: string }
  | { code: 'unknown-person'; person: string }
  | { code: 'unknown-party'; party: string }
  | { code: 'not-a-party-of-measure'; measureId: string }
  | { code: 'already-closed'; deviationId: string };

export const formatMeasureId = (n: number) => `T-${String(n).padStart(3, '0')}`;
export const formatDeviationId = (n: number) => `A-${String(n).padStart(3, '0')}`;

/** Orders T-999 before T-1000 (by the number, not the text). */
export const compareIds = (a: string, b: string): number =>
  Number(a.slice(a.indexOf('-') + 1)) - Number(b.slice(b.indexOf('-') + 1)) || (a < b ? -1 : a > b ? 1 : 0);

const nonBlank = (s: string) => s.trim() !== '';
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

export interface MeasureInput {
  title: string;
  description: string;
  owners: readonly string[];
  parties: readonly string[];
  by: PersonRef;
  at: number;
}

export function createMeasure(programme: Programme, sequence: number, input: MeasureInput): Result<Measure, MeasureProblem> {
  if (!nonBlank(input.title)) return err({ code: 'invalid', field: 'title', message: 'the measure needs a title' });
  const owners = unique(input.owners.map((o) => o.trim()).filter(nonBlank));
  const parties = unique(input.parties.map((p) => p.trim()).filter(nonBlank));
  if (owners.length === 0) return err({ code: 'invalid', field: 'owners', message: 'the measure needs at least one owner' });
  if (parties.length === 0) return err({ code: 'invalid', field: 'parties', message: 'the measure needs at least one party' });
  const unknownPerson = owners.find((o) => !programme.people.some((p) => p.aadObjectId === o));
  if (unknownPerson !== undefined) return err({ code: 'unknown-person', person: unknownPerson });
  const unknownParty = parties.find((id) => !programme.parties.some((p) => p.id === id));
  if (unknownParty !== undefined) return err({ code: 'unknown-party', party: unknownParty });
  return ok({
    id: formatMeasureId(sequence),
    title: input.title.trim(),
    description: input.description.trim(),
    owners,
    parties,
    createdBy: input.by,
    createdAt: input.at,
  });
}

const personOf = (programme: Programme, id: string) => programme.people.find((p) => p.aadObjectId === id);

/** A party member of the measure, one of its owners, or the programme office may file. */
export function mayFileDeviation(programme: Programme, measure: Measure, personId: string): boolean {
  const person = personOf(programme, personId);
  if (!person) return false;
  return person.roles.includes('office') || measure.owners.includes(personId) || measure.parties.includes(person.party);
}

/**
 * Who is told of a deviation: everyone of the measure's *other* parties (not the filer's own
 * party) and the measure's owners, never the filer. Sorted by party, then name.
 */
export function deviationRecipients(programme: Programme, measure: Measure, filerId: string): Recipient[] {
  const filerParty = personOf(programme, filerId)?.party;
  const out = new Map<string, Recipient>();
  for (const person of programme.people) {
    if (person.aadObjectId === filerId) continue;
    if (measure.parties.includes(person.party) && person.party !== filerParty) {
      out.set(person.aadObjectId, { person: { id: person.aadObjectId, name: person.name }, party: person.party, as: 'party' });
    }
  }
  for (const owner of measure.owners) {
    if (owner === filerId || out.has(owner)) continue;
    const person = personOf(programme, owner);
    if (person) out.set(owner, { person: { id: owner, name: person.name }, party: person.party, as: 'owner' });
  }
  return [...out.values()].sort((a, b) => a.party.localeCompare(b.party) || a.person.name.localeCompare(b.person.name));
}

export interface DeviationInput {
  what: string;
  impact: string;
  proposal: string;
  by: PersonRef;
  at: number;
}

export function fileDeviation(
  programme: Programme,
  measure: Measure,
  sequence: number,
  input: DeviationInput,
): Result<Deviation, MeasureProblem> {
  if (!mayFileDeviation(programme, measure, input.by.id)) return err({ code: 'not-a-party-of-measure', measureId: measure.id });
  for (const field of ['what', 'impact', 'proposal'] as const) {
    if (!nonBlank(input[field])) return err({ code: 'invalid', field, message: `the notice needs "${field}"` });
  }
  return ok({
    id: formatDeviationId(sequence),
    measureId: measure.id,
    what: input.what.trim(),
    impact: input.impact.trim(),
    proposal: input.proposal.trim(),
    filedBy: input.by,
    party: personOf(programme, input.by.id)?.party ?? '',
    filedAt: input.at,
    recipients: deviationRecipients(programme, measure, input.by.id),
    status: 'open',
  });
}

/** Closes a deviation once it is handled (e.g. after the consultation meeting). */
export function closeDeviation(
  deviation: Deviation,
  input: { resolution: string; by: PersonRef; at: number },
): Result<Deviation, MeasureProblem> {
  if (deviation.status === 'closed') return err({ code: 'already-closed', deviationId: deviation.id });
  if (!nonBlank(input.resolution)) return err({ code: 'invalid', field: 'resolution', message: 'say how it was resolved' });
  return ok({ ...deviation, status: 'closed', closed: { by: input.by, at: input.at, resolution: input.resolution.trim() } });
}

/** The agenda for the next consultation meeting: open deviations per measure, oldest first;
 * measures in id order. */
export function consultationAgenda(measures: readonly Measure[], deviations: readonly Deviation[]): { measure: Measure; deviations: Deviation[] }[] {
  return [...measures]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((measure) => ({
      measure,
      deviations: deviations
        .filter((d) => d.measureId === measure.id && d.status === 'open')
        .sort((a, b) => a.filedAt - b.filedAt || compareIds(a.id, b.id)),
    }))
    .filter((g) => g.deviations.length > 0);
}
