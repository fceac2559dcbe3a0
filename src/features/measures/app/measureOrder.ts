// The order of the things a final treatment or a samlesak may be about: joint measures (T-001,
// T-002 …) first, then the projects run as measures, by number. A module of its own, so the
// final treatment's use cases and the projects-as-measures view both use it without importing
// each other (no import cycles, issue 26).
import { compareIdeaNumbers, parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import { compareIds } from '../domain/measures.js';

/** Joint measures first (T-001, T-002 …), then projects by number. */
export const compareMeasureIds = (a: string, b: string): number => {
  const projectA = parseIdeaNumber(a) !== undefined;
  const projectB = parseIdeaNumber(b) !== undefined;
  if (projectA !== projectB) return projectA ? 1 : -1;
  return projectA ? compareIdeaNumbers(a, b) : compareIds(a, b);
};
