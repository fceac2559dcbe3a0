// The disclosure policy: given what a message contains and who will see it, may it be sent?
// Pure; the guard in the app layer gathers the audience and NDAs and audits the outcome.
import type { Programme } from '../programme/schema.js';
import { audienceMembers, type Audience, type AudienceMember } from './audience.js';
import { classify } from './classify.js';
import type { Disclosed } from './content.js';

export type WithholdReason =
  | 'roster-unavailable'
  | 'outsider-present'
  | 'guest-present'
  | 'conversation-not-registered'
  | 'not-a-participant'
  | 'nda-missing'
  | 'label-missing'
  /** Held, not refused: the sharer has not yet confirmed they speak only for their own party (ownParty.ts, seed 000 §6.3). */
  | 'own-party-unconfirmed';

export interface Withheld {
  item: Disclosed;
  reason: WithholdReason;
}

export interface DisclosureVerdict {
  allowed: boolean;
  withheld: Withheld[];
  /** True when the audience includes anyone outside the programme (an external share). */
  external: boolean;
}

/** A B2B guest in the host tenant who is listed among the programme's people (by their object
 * id in the host tenant) belongs to the programme; any other guest, and anyone anonymous, does not. */
export const isListedGuest = (programme: Programme, member: AudienceMember): boolean =>
  member.role === 'guest' && member.tenantId === programme.tenantId && programme.people.some((p) => p.aadObjectId === member.aadObjectId);

/** The guests in the audience, split into those the programme lists and those it does not. */
export function guestsIn(programme: Programme, audience: Audience): { listed: string[]; unlisted: string[] } {
  const guests = audienceMembers(audience).filter((m) => m.role !== 'user');
  return {
    listed: guests.filter((m) => isListedGuest(programme, m)).map((m) => m.aadObjectId),
    unlisted: guests.filter((m) => !isListedGuest(programme, m)).map((m) => m.aadObjectId),
  };
}

/** Everyone is inside the programme: members of its tenants (guests only when the programme
 * lists them), in a personal chat or a conversation registered to the programme. */
export function insiderProblem(programme: Programme, audience: Audience): WithholdReason | undefined {
  if (audience.kind === 'unknown') return 'roster-unavailable';
  const tenants = new Set([programme.tenantId, ...programme.parties.flatMap((p) => p.tenantIds)]);
  const members = audienceMembers(audience);
  if (members.some((m) => m.role !== 'user' && !isListedGuest(programme, m))) return 'guest-present';
  if (members.some((m) => !tenants.has(m.tenantId))) return 'outsider-present';
  if (audience.kind === 'group' && !audience.registeredTo.includes(programme.id)) return 'conversation-not-registered';
  return undefined;
}

export interface NdaHolders {
  /** Whether this person has a recorded NDA covering the topic in this programme. */
  has(person: string, topic: 'registered-ideas' | 'planning-documents'): boolean;
}

export function decideDisclosure(
  programme: Programme,
  items: readonly Disclosed[],
  audience: Audience,
  ndas: NdaHolders,
): DisclosureVerdict {
  const outsiders = insiderProblem(programme, audience);
  const members: AudienceMember[] = audienceMembers(audience);
  const withheld: Withheld[] = [];
  const mine = items.filter((i) => i.programmeId === programme.id);
  // The output carries the label when it renders the prioritised list labelled: then every
  // prioritised idea shown with it is labelled too (§6.1).
  const outputLabelled = mine.some((i) => i.kind === 'prioritised-list' && i.labelled);
  for (const item of mine) {
    const { classification, ndaTopic } = classify(programme, item);
    const withhold = (reason: WithholdReason) => withheld.push({ item, reason });
    switch (classification.level) {
      case 'shareable':
        break;
      case 'shareable-with-label':
        if (outsiders && !classification.labelled && !outputLabelled) withhold('label-missing');
        break;
      case 'programme-internal':
        if (outsiders) withhold(outsiders);
        break;
      case 'participants-only':
        if (outsiders) withhold(outsiders);
        else if (members.some((m) => !classification.participants.has(m.aadObjectId))) withhold('not-a-participant');
        break;
    }
    if (ndaTopic && !withheld.some((w) => w.item === item) && members.some((m) => !ndas.has(m.aadObjectId, ndaTopic))) {
      withhold('nda-missing');
    }
  }
  return { allowed: withheld.length === 0, withheld, external: outsiders !== undefined };
}
