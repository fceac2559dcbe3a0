// In Skate the strategy's measures also run through the portfolio as projects (forslag →
// konsept → planlegging → gjennomføring), their project leader being the measure owner
// (tiltakseier). So a final treatment may be of such a project as well as of a joint measure
// (T-…): this lays the programme's projects over the measure store, read-only.
import { parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { Measure } from '../domain/measures.js';
import { everyListed } from '../../ideas/app/everyListed.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { FinalTreatment } from '../domain/finalTreatment.js';
import { nextGate } from '../../ideas/domain/lifecycle.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { applyDecision } from '../../ideas/app/changeIdea.js';
import type { FinalTreatmentRepository, TreatmentConclusions } from './finalTreatment.js';

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

export function withProjects(store: FinalTreatmentRepository, ideas: Pick<IdeaRepository, 'get' | 'page'>): FinalTreatmentRepository {
  return {
    async measure(key: ProgrammeKey, id: string) {
      if (!parseIdeaNumber(id)) return store.measure(key, id);
      const idea = await ideas.get(key, id);
      return idea && projectAsMeasure(idea);
    },
    /** The joint measures and the projects under way (a finished one is found by its id). */
    async measures(key: ProgrammeKey) {
      // The active projects' index, not the programme (issue 25.1).
      const [measures, projects] = await Promise.all([store.measures(key), everyListed(ideas, key, { by: 'status', status: 'active' })]);
      return [...measures, ...projects.filter((i) => i.status === 'active').map(projectAsMeasure)];
    },
    openFinalTreatment: (key, submissionKey, build) => store.openFinalTreatment(key, submissionKey, build),
    finalTreatment: (key, id) => store.finalTreatment(key, id),
    finalTreatments: (key, options) => store.finalTreatments(key, options),
    finalTreatmentsOf: (key, measureIds) => store.finalTreatmentsOf(key, measureIds),
    changeFinalTreatment: (key, id, change) => store.changeFinalTreatment(key, id, change),
  };
}

/**
 * The director's decision on a project's final treatment is the project's final gate (Skate:
 * gjennomføring → sluttbehandlet, decided by the body the treatment asked): «in accordance»
 * adopts it, «not in accordance» does not. Only for the whole project, not a central part
 * (§6.2), and only while the project still stands before that gate. The idea's history names
 * the treatment, so a repeat changes nothing.
 */
export class ProjectConclusions implements TreatmentConclusions {
  constructor(private readonly ideas: IdeaRepository) {}

  async conclude(programme: Programme, treatment: FinalTreatment): Promise<void> {
    const decision = treatment.decision;
    if (!decision || treatment.part !== '' || !parseIdeaNumber(treatment.measureId)) return;
    const key = { tenantId: programme.tenantId, programmeId: programme.id };
    const idea = await this.ideas.get(key, treatment.measureId);
    const gate = idea && nextGate(programme, idea);
    if (!idea || !gate || gate.body !== treatment.body) return;
    const history = await this.ideas.history(key, idea.number);
    if (history.some((h) => 'decisionId' in h.event && h.event.decisionId === treatment.id)) return;
    await applyDecision(this.ideas, programme, { ...key, number: idea.number }, {
      gate: gate.id,
      adopted: decision.verdict === 'in-accordance',
      by: decision.by,
      at: decision.at,
      decisionId: treatment.id,
    });
  }
}
