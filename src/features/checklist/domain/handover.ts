// When a project starts, its leader is handed the collaboration checklist (Difi, seed 002:
// the guidance is meant to be used from «starte sammen»). A project has started when its idea
// is active; a project leader named later, or a new one, is due the checklist too. Pure: which
// handovers are due follows from the ideas alone; whether one was already made is the delivery
// ledger's business.
import type { Idea } from '../../ideas/domain/idea.js';

/** One project leader's copy of one project's checklist. */
export interface ChecklistHandover<T> {
  idea: T;
  leaderId: string;
}

/** The handovers the ideas call for: one per active idea with a project leader, in list order. */
export function dueHandovers<T extends Pick<Idea, 'status' | 'projectLeader'>>(ideas: readonly T[]): ChecklistHandover<T>[] {
  return ideas.flatMap((idea) => (idea.status === 'active' && idea.projectLeader ? [{ idea, leaderId: idea.projectLeader }] : []));
}
