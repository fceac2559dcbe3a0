// In Skate the strategy's measures also run through the portfolio as projects (forslag →
// konsept → planlegging → gjennomføring), their project leader being the measure owner
// (tiltakseier). So a final treatment may be of such a project as well as of a joint measure
// (T-…): this lays the programme's projects over the measure store, read-only.
import { compareIdeaNumbers, parseIdeaNumber } from '../../domain/idea/ideaNumber.js';
import type { Idea } from '../../domain/idea/idea.js';
import { compareIds, type Measure } from '../../domain/measures/measures.js';
import type { IdeaRepository, ProgrammeKey } from '../ideas/ideaRepository.js';
import type { FinalTreatmentRepository } from './finalTreatment.js';

/** A project as the measure a final treatment is about. */
export const projectAsMeasure = (idea: Idea): Measure => ({
  id: idea.number,
  title: idea.title,
  description: idea.description,
  owners: idea.projectLeader ? [idea.projectLeader] : [],
  parties: [idea.party],
  createdBy: idea.submittedBy,
  createdAt: idea.registeredAt,
});

/** Joint measures first (T-001, T-002 …), then projects by number. */
export const compareMeasureIds = (a: string, b: string): number => {
  const projectA = parseIdeaNumber(a) !== undefined;
  const projectB = parseIdeaNumber(b) !== undefined;
  if (projectA !== projectB) return projectA ? 1 : -1;
  return projectA ? compareIdeaNumbers(a, b) : compareIds(a, b);
};

export function withProjects(store: FinalTreatmentRepository, ideas: Pick<IdeaRepository, 'get' | 'list'>): FinalTreatmentRepository {
  return {
    async measure(key: ProgrammeKey, id: string) {
      if (!parseIdeaNumber(id)) return store.measure(key, id);
      const idea = await ideas.get(key, id);
      return idea && projectAsMeasure(idea);
    },
    /** The joint measures and the projects under way (a finished one is found by its id). */
    async measures(key: ProgrammeKey) {
      const [measures, projects] = await Promise.all([store.measures(key), ideas.list(key)]);
      return [...measures, ...projects.filter((i) => i.status === 'active').map(projectAsMeasure)];
    },
    openFinalTreatment: (key, submissionKey, build) => store.openFinalTreatment(key, submissionKey, build),
    finalTreatment: (key, id) => store.finalTreatment(key, id),
    finalTreatments: (key, options) => store.finalTreatments(key, options),
    changeFinalTreatment: (key, id, change) => store.changeFinalTreatment(key, id, change),
  };
}
