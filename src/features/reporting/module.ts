// Composes status reports and reminders for app.ts: the report table, the cards, the verbs and
// commands, the reminder scheduler (an in-process ticker; every instance may run one) and the
// office's preview of what the next ticks send (`upcoming`, from the same planners).
import type { Delivery, DeliveryLog } from '../../shared/delivery.js';
import type { IdeaRepository } from '../ideas/app/ideaRepository.js';
import type { ConversationStore } from '../../shared/ports.js';
import { StoredChatLanguage } from '../../platform/outbound/recipientLanguage.js';
import { runReminderTick, type AgreementRevisionCheck, type RoadmapRevisionCheck, type TickReport } from './app/reminders.js';
import type { SchedulerLog, Sweep } from '../../platform/scheduler/sweepScheduler.js';
import type { Planner } from './app/upcoming.js';
import type { Programme } from '../../shared/programme/schema.js';
import { BodyChannelTable } from '../votes/storage/bodyChannelTable.js';
import { ReportTable } from './storage/reportTable.js';
import { MeasureTable } from '../measures/storage/measureTable.js';
import { SamlesakTable } from './storage/samlesakTable.js';
import { skateDecisions, type SamlesakDeps } from './app/samlesak.js';
import type { VerbRouter } from '../../platform/routing/verbRouter.js';
import { samlesakCommands, samlesakVerbs } from './teams/samlesakHandlers.js';
import { SamlesakChannelPost } from './teams/samlesakPost.js';
import type { Tables } from '../../platform/storage/tables.js';
import type { CardRenderer } from '../../platform/cards/cardRenderer.js';
import { reportCommands, reportVerbs, type ReportHandlerDeps } from './teams/reportHandlers.js';
import { ReportCards } from './teams/reportCards.js';
import { upcomingCommand } from './teams/upcomingCommand.js';

export interface ReportModuleOptions {
  tables: Tables;
  ideas: IdeaRepository;
  /** The programmes as served now (the directory: admitted parties included), read on every tick. */
  served: { readonly programmes: readonly Programme[] };
  cards: CardRenderer;
  delivery: Delivery;
  deliveryLog: DeliveryLog;
  log: SchedulerLog;
  /** Planners of other sweeps that the office's preview (`upcoming`) runs too (convene notices). */
  previewed?: readonly Planner[];
  /** Ends a roadmap-revision period's reminders once the roadmap was revised in it. */
  roadmapRevisions?: RoadmapRevisionCheck;
  /** Ends a year's agreement-revision reminders once a revision was opened in it. */
  agreementRevisions?: AgreementRevisionCheck;
  /** Personal chats, for each recipient's language. */
  conversations: Pick<ConversationStore, 'personalFor'>;
}

/** The reminder sweep's name: its result is the tick's report (`npm run tick`, tests). */
export const REMINDER_SWEEP = 'reminders';

export function createReportModule(options: ReportModuleOptions) {
  const reports = new ReportTable(options.tables);
  const reportCards = new ReportCards(options.cards);
  const languages = new StoredChatLanguage(options.conversations);
  const channels = new BodyChannelTable(options.tables);
  // Skate's quarterly samlesak (seed 004 §5.1, §5.3): the quarter's reports and joint measures,
  // AU's recommendation to Skate's channel; its recorded decisions name the next report's R37.
  const samlesakTable = new SamlesakTable(options.tables);
  const samlesak: SamlesakDeps = {
    samlesak: samlesakTable,
    ideas: options.ideas,
    reports,
    measures: new MeasureTable(options.tables),
    channels,
    delivery: options.delivery,
    post: new SamlesakChannelPost(options.cards),
  };
  const decisions = skateDecisions(samlesakTable);
  const deps: ReportHandlerDeps = {
    decisions,
    languages,
    ...(options.roadmapRevisions ? { roadmapRevisions: options.roadmapRevisions } : {}),
    ...(options.agreementRevisions ? { agreementRevisions: options.agreementRevisions } : {}),
    ideas: options.ideas,
    reports,
    delivery: options.delivery,
    deliveryLog: options.deliveryLog,
    channels,
    cards: reportCards,
    renderer: options.cards,
    reportCards,
  };
  // The reminders and escalations, against whichever Delivery: the queue, or the preview's.
  const planReminders = (delivery: Delivery, programmes: readonly Programme[], now: number): Promise<TickReport> =>
    runReminderTick(
      {
        programmes,
        ideas: options.ideas,
        reports,
        delivery,
        cards: reportCards,
        languages,
        decisions,
        log: options.log,
        ...(options.roadmapRevisions ? { roadmapRevisions: options.roadmapRevisions } : {}),
        ...(options.agreementRevisions ? { agreementRevisions: options.agreementRevisions } : {}),
      },
      now,
    );
  /** The reminders and escalations of every served programme, on the platform's ticker. */
  const reminderSweep: Sweep = { name: REMINDER_SWEEP, run: (now) => planReminders(options.delivery, options.served.programmes, now) };
  return {
    reports,
    verbs: () => ({ ...reportVerbs(deps), ...samlesakVerbs({ samlesak, cards: options.cards }) }),
    commands: (verbs: VerbRouter) => ({
      ...reportCommands(deps),
      ...samlesakCommands({ samlesak, cards: options.cards }, verbs),
      upcoming: upcomingCommand({ planners: [planReminders, ...(options.previewed ?? [])], ledger: options.deliveryLog }, options.cards),
    }),
    sweeps: [reminderSweep],
  };
}

export type ReportModule = ReturnType<typeof createReportModule>;
