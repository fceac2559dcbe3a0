// The rest of the agreements composed in one place: membership fee and notice, the
// collaboration checklist, the roadmap, joint measures and deviation notices. app.ts adds its
// verbs and commands; the stores are exposed for the gate code (roadmap: may a project start?)
// and for proactive delivery (checklists waiting to be sent); deviation notices go out at once.
import type { Delivery } from '../../app/delivery.js';
import type { IdeaRepository } from '../../app/ideas/ideaRepository.js';
import type { Clock } from '../../app/ports.js';
import { ChecklistTable } from '../../storage/checklistTable.js';
import { FeeTable } from '../../storage/feeTable.js';
import { MeasureTable } from '../../storage/measureTable.js';
import { RoadmapTable } from '../../storage/roadmapTable.js';
import type { Tables } from '../../storage/tables.js';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { CommandHandler } from '../commands/commandRouter.js';
import type { VerbDefinition, VerbRouter } from '../invoke/verbRouter.js';
import { checklistCommands, checklistVerbs } from '../checklist/checklistHandlers.js';
import { measureCommands, measureVerbs } from '../measures/measureHandlers.js';
import { roadmapCommands, roadmapVerbs } from '../roadmap/roadmapHandlers.js';
import { DeliveredDeviationNotices } from '../measures/deviationDelivery.js';
import { membershipCommands, membershipVerbs } from './membershipHandlers.js';

export interface AgreementModuleDependencies {
  tables: Tables;
  ideas: IdeaRepository;
  cards: CardRenderer;
  clock: Clock;
  /** Proactive delivery; deviation notices go out through it at once. */
  delivery: Delivery;
}

export function createAgreementModule({ tables, ideas, cards, clock, delivery }: AgreementModuleDependencies) {
  const fees = new FeeTable(tables);
  const checklists = new ChecklistTable(tables);
  const roadmap = new RoadmapTable(tables);
  const measures = new MeasureTable(tables);

  const membership = { fees, cards };
  const checklist = { ideas, checklists, sender: checklists, cards };
  const roadmapDeps = { ideas, roadmap, cards };
  const measureDeps = { measures, notifier: new DeliveredDeviationNotices(delivery), cards };

  return {
    /** Roadmap entries: the gate that starts a project asks `startAllowed(roadmap, key, number)`. */
    roadmap,
    /** Checklist ticks, and checklists recorded for sending (`pending`, `markSent`). */
    checklists,
    verbs: (): Record<string, VerbDefinition> => ({
      ...membershipVerbs(membership),
      ...checklistVerbs(checklist),
      ...roadmapVerbs(roadmapDeps),
      ...measureVerbs(measureDeps),
    }),
    commands: (verbs: VerbRouter) =>
      ({
        ...membershipCommands(membership, verbs),
        ...checklistCommands(checklist, verbs),
        ...roadmapCommands(roadmapDeps, verbs),
        ...measureCommands(measureDeps, verbs),
      }) satisfies Record<string, CommandHandler>,
  };
}
