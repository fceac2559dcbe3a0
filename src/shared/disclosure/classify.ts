// The confidentiality of each disclosed item, from the idea's state and the programme's rules
// (DSOP §6): registered ideas stay inside the programme; the prioritised list, and any idea on
// it, may leave it only with the list's label (§6.1 «Hver gang listen over prioriterte ideer
// kommuniseres eksternt skal listen merkes»); working documents of a project in a restricted phase (planning, until
// the realisation gate is adopted) stay with the project's participants; NDA-covered items need
// the viewer's recorded NDA.
import { isInternalOnly, isOnPrioritisedList } from '../../features/ideas/domain/idea.js';
import type { Programme } from '../programme/schema.js';
import type { Disclosed, IdeaState } from './content.js';

export type Classification =
  | { level: 'shareable' }
  | { level: 'shareable-with-label'; labelled: boolean }
  | { level: 'programme-internal' }
  | { level: 'participants-only'; participants: ReadonlySet<string> };

export interface ClassifiedItem {
  item: Disclosed;
  classification: Classification;
  /** The NDA topic this item falls under, when the programme requires an NDA for it. */
  ndaTopic?: 'registered-ideas' | 'planning-documents';
}

/** The project's participants: the office, the project leader, the submitter, the people of
 * the submitting party, and the steering bodies that decide its gates (they must see the
 * decision basis). */
export function projectParticipants(programme: Programme, idea: IdeaState): Set<string> {
  const people = programme.people.filter((p) => p.roles.includes('office') || p.party === idea.party).map((p) => p.aadObjectId);
  // The advising body (seed 004 §3.4) reads the decision basis it advises on, as a deciding one does.
  const deciding = new Set(programme.gates.flatMap((g) => [g.body, g.advisedBy]));
  const bodies = programme.bodies
    .filter((b) => deciding.has(b.id))
    .flatMap((b) => [...b.members, ...b.observers, ...(b.secretary ? [b.secretary] : [])]);
  return new Set([...people, ...bodies, idea.submittedBy.id, ...(idea.projectLeader ? [idea.projectLeader] : [])]);
}

const restricted = (programme: Programme, idea: IdeaState) =>
  programme.phases.find((p) => p.id === idea.phase)?.restrictedToParticipants === true;

export function classify(programme: Programme, item: Disclosed): ClassifiedItem {
  const nda = programme.confidentiality.ndaRequiredFor;
  switch (item.kind) {
    case 'idea': {
      const internal = programme.confidentiality.registeredIdeasInternal && isInternalOnly(item.idea);
      return internal
        ? { item, classification: { level: 'programme-internal' }, ...(nda.includes('registered-ideas') ? { ndaTopic: 'registered-ideas' as const } : {}) }
        : isOnPrioritisedList(item.idea)
          ? // The idea alone carries no label; decide.ts asks whether the output it is part of does.
            { item, classification: { level: 'shareable-with-label', labelled: false } }
          : { item, classification: { level: 'shareable' } };
    }
    case 'idea-documents': {
      if (restricted(programme, item.idea)) {
        return {
          item,
          classification: { level: 'participants-only', participants: projectParticipants(programme, item.idea) },
          ...(nda.includes('planning-documents') ? { ndaTopic: 'planning-documents' as const } : {}),
        };
      }
      // Documents of an idea that is still internal are as internal as the idea.
      return classify(programme, { ...item, kind: 'idea' });
    }
    case 'prioritised-list':
      return { item, classification: { level: 'shareable-with-label', labelled: item.labelled } };
    case 'programme-internal':
      return { item, classification: { level: 'programme-internal' } };
  }
}
