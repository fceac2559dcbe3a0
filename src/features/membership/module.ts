// The rest of the agreements composed in one place: membership fee and notice, the
// collaboration checklist, the roadmap, joint measures and deviation notices. app.ts adds its
// verbs and commands; the stores are exposed for the gate code (roadmap: may a project start?)
// and the idea card (checklist progress); deviation notices go out at once, and the checklist
// goes to each new project leader from a sweep on the reminder ticker.
import { checklistProgressReader } from '../checklist/app/checklist.js';
import { finalTreatmentSweep } from '../measures/app/finalTreatment.js';
import { ProjectConclusions, withProjects } from '../measures/app/projectsAsMeasures.js';
import { handOverStartedProjects } from '../checklist/app/checklistDelivery.js';
import type { Delivery, DeliveryLog } from '../../shared/delivery.js';
import type { IdeaRepository } from '../ideas/app/ideaRepository.js';
import type { ConversationStore } from '../../shared/ports.js';
import type { Programme } from '../../shared/programme/schema.js';
import { ChecklistTable } from '../checklist/storage/checklistTable.js';
import { FeeTable } from './storage/feeTable.js';
import { MeasureTable } from '../measures/storage/measureTable.js';
import { RoadmapTable } from '../roadmap/storage/roadmapTable.js';
import { RoadmapRevisionTable } from '../roadmap/storage/roadmapRevisionTable.js';
import type { Tables } from '../../platform/storage/tables.js';
import type { CardRenderer } from '../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../platform/routing/commandRouter.js';
import type { VerbDefinition, VerbRouter } from '../../platform/routing/verbRouter.js';
import { checklistCommands, checklistVerbs } from '../checklist/teams/checklistHandlers.js';
import { ChecklistCardsForLeaders } from '../checklist/teams/leaderChecklistCards.js';
import { measureCommands, measureVerbs } from '../measures/teams/measureHandlers.js';
import { roadmapCommands, roadmapVerbs } from '../roadmap/teams/roadmapHandlers.js';
import { DeliveredDeviationNotices } from '../measures/teams/deviationDelivery.js';
import { StoredChatLanguage } from '../../platform/outbound/recipientLanguage.js';
import { DeliveredFinalTreatmentMail } from '../measures/teams/finalTreatmentDelivery.js';
import { finalTreatmentCommands, finalTreatmentVerbs } from '../measures/teams/finalTreatmentHandlers.js';
import { membershipCommands, membershipVerbs } from './teams/membershipHandlers.js';
import type { Sweep } from '../../platform/scheduler/sweepScheduler.js';

export interface AgreementModuleDependencies {
  tables: Tables;
  ideas: IdeaRepository;
  cards: CardRenderer;
  /** Proactive delivery; deviation notices go out through it at once. */
  delivery: Delivery;
  /** The programmes as served now (the directory: admitted parties included), read on every
   * sweep. */
  served: { readonly programmes: readonly Programme[] };
  deliveryLog: Pick<DeliveryLog, 'find'>;
  conversations: Pick<ConversationStore, 'personalFor'>;
  log: { error(details: Record<string, unknown>, message: string): void };
}

export function createAgreementModule({ tables, ideas, cards, delivery, served, deliveryLog, conversations, log }: AgreementModuleDependencies) {
  const fees = new FeeTable(tables);
  const checklists = new ChecklistTable(tables);
  const roadmap = new RoadmapTable(tables);
  const roadmapRevisions = new RoadmapRevisionTable(tables);
  const measures = new MeasureTable(tables);

  const membership = { fees, cards };
  // Proactive messages are written in each recipient's language (recipientLanguage.ts).
  const languages = new StoredChatLanguage(conversations);
  const leaderCards = new ChecklistCardsForLeaders(cards, languages);
  const checklist = { ideas, checklists, delivery, leaderCards, cards };
  const roadmapDeps = { ideas, roadmap, revisions: roadmapRevisions, cards };
  const measureDeps = { measures, notifier: new DeliveredDeviationNotices(delivery, languages), cards };
  // Skate's final treatment of a measure (seed 004 §6): feedback cards, chasing, the decision.
  // Skate's projects are measures too (projectsAsMeasures.ts).
  const treatments = withProjects(measures, ideas);
  const conclusions = new ProjectConclusions(ideas);
  const finalTreatments = { treatments, mail: new DeliveredFinalTreatmentMail(delivery, cards, languages), cards, conclusions };

  /** Planning passes on the platform's ticker; each is idempotent (delivery keys) and safe on
   * every instance at once. */
  const sweeps: Sweep[] = [
    // The checklist to each started project's leader (skipping handovers already in the ledger);
    // failures are logged per programme.
    { name: 'checklist-handovers', run: () => handOverStartedProjects({ programmes: served.programmes, ideas, checklists, delivery, cards: leaderCards, ledger: deliveryLog, log }) },
    // The final treatments' chasing and closing.
    { name: 'final-treatments', run: (now) => finalTreatmentSweep({ programmes: served.programmes, treatments, mail: finalTreatments.mail, conclusions, log })(now) },
  ];

  return {
    sweeps,
    /** Roadmap entries: the gate that starts a project asks `startAllowed(roadmap, key, number)`. */
    roadmap,
    /** Pending roadmap changes and revisions (where a body decides them): the revision verbs,
     * the vote closer's decision and the reminders' "was it revised this period" read these. */
    roadmapRevisions,
    /** A project's checklist progress, for the idea card. */
    checklistProgress: checklistProgressReader(checklists),
    verbs: (): Record<string, VerbDefinition> => ({
      ...membershipVerbs(membership),
      ...checklistVerbs(checklist),
      ...roadmapVerbs(roadmapDeps),
      ...measureVerbs(measureDeps),
      ...finalTreatmentVerbs(finalTreatments),
    }),
    commands: (verbs: VerbRouter) =>
      ({
        ...membershipCommands(membership, verbs),
        ...checklistCommands(checklist, verbs),
        ...roadmapCommands(roadmapDeps, verbs),
        ...measureCommands(measureDeps, verbs),
        ...finalTreatmentCommands(finalTreatments, verbs),
      }) satisfies Record<string, CommandHandler>,
  };
}
