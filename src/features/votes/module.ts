// Composes gate voting for app.ts: storage, the channel board (coalesced card updates through
// the Delivery port), the verbs and commands, and the closer that runs on an interval.
import type { Delivery, DeliveryLog } from '../../shared/delivery.js';
import type { IdeaRepository } from '../ideas/app/ideaRepository.js';
import type { Clock, ConversationStore } from '../../shared/ports.js';
import type { ProgrammeDirectory } from '../../shared/programmeDirectory.js';
import { VoteCloser, type CloserLog, type SweepReport } from './app/closeVote.js';
import type { MatterDecisions, RoadmapCheck, VoteDeps } from './app/voteDeps.js';
import { BodyChannelTable } from './storage/bodyChannelTable.js';
import type { ChecklistProgressReader } from '../checklist/app/checklist.js';
import type { Tables } from '../../platform/storage/tables.js';
import { VoteTable } from './storage/voteTable.js';
import type { CardRenderer } from '../../platform/cards/cardRenderer.js';
import type { VerbRouter } from '../../platform/routing/verbRouter.js';
import type { CoalescerOptions } from './teams/cardCoalescer.js';
import { TeamsIds } from './teams/teamsIds.js';
import { TeamsVoteBoard, type BoardLog } from './teams/voteBoard.js';
import { VoteCards } from './teams/voteCards.js';
import { voteCommands } from './teams/voteCommands.js';
import { voteVerbs } from './teams/voteVerbs.js';
import { VoteSubjects } from './teams/voteSubject.js';
import type { ApplicationRepository } from '../membership/app/admission.js';
import type { RoadmapRevisionRepository } from '../roadmap/app/revisions.js';
import type { AgreementRevisionRepository } from '../agreementRevision/app/agreementRevision.js';
import type { WallClock } from '../../shared/clocks.js';

export interface VoteModuleOptions {
  tables: Tables;
  /** The audit log, for a gate opened without the parties' decisions (DSOP §4.4). */
  audit?: VoteDeps['audit'];
  ideas: IdeaRepository;
  directory: ProgrammeDirectory;
  conversations: ConversationStore;
  cards: CardRenderer;
  delivery: Delivery;
  deliveryLog: DeliveryLog;
  clock: Clock;
  /** Real time, for the record cache, the card coalescer and the channel registry's reuse. */
  wallClock: WallClock;
  log: BoardLog & CloserLog;
  coalescing?: Partial<CoalescerOptions>;
  /** Asked before a gate that starts a project (the programme's roadmap). */
  roadmap: RoadmapCheck;
  /** Applies decisions on matters that are not an idea's gate (admissions). */
  matters: MatterDecisions;
  /** Membership applications, for the cards of admission votes. */
  applications: Pick<ApplicationRepository, 'get'>;
  /** Roadmap revisions, for the cards of revision votes (Digi Rogaland §4.7). */
  roadmapRevisions?: Pick<RoadmapRevisionRepository, 'get'>;
  /** Agreement revisions, for the cards of their votes (Digi Rogaland §8). */
  agreementRevisions?: Pick<AgreementRevisionRepository, 'get'>;
  /** Projects' checklist progress, for the idea card a proposal answers with. */
  checklists?: ChecklistProgressReader;
}

/** How often the closer looks for votes past their deadline. */
export const CLOSER_INTERVAL_MS = 30_000;

export function createVoteModule(options: VoteModuleOptions) {
  const now = options.wallClock.now;
  const votes = new VoteTable(options.tables, { now });
  const channels = new BodyChannelTable(options.tables, now);
  const voteCards = new VoteCards(options.cards, new TeamsIds(options.conversations, now));
  const subjects = new VoteSubjects(options.ideas, options.applications, options.roadmapRevisions, options.agreementRevisions);
  const board = new TeamsVoteBoard({
    votes,
    subjects,
    directory: options.directory,
    clock: options.clock,
    voteCards,
    delivery: options.delivery,
    deliveryLog: options.deliveryLog,
    conversations: options.conversations,
    log: options.log,
    coalescing: { now, ...options.coalescing },
  });
  const deps: VoteDeps = { ...(options.audit ? { audit: options.audit } : {}), ideas: options.ideas, votes, channels, conversations: options.conversations, board, roadmap: options.roadmap, matters: options.matters, departures: options.directory };
  const closer = new VoteCloser(deps, options.directory, options.log);
  let timer: NodeJS.Timeout | undefined;

  return {
    votes,
    voteCards,
    subjects,
    /** What other use cases that open votes need (admissions). */
    deps,
    /** The disclosure guard's registry: a linked body channel belongs to its programme. */
    registry: channels,
    board,
    // Personal views' progress lines come from the instance's aggregate (voteTable.ts); the
    // channel card, the closer and the count read fresh.
    verbs: () =>
      voteVerbs({
        deps,
        progress: { latest: (ref) => votes.progress(ref) },
        cards: options.cards,
        voteCards,
        subjects,
        checklists: options.checklists,
        channelCard: (vote, language) => board.channelCard(vote, language),
      }),
    commands: (verbs: VerbRouter) => voteCommands({ deps, cards: options.cards, verbs }),
    closeDueVotes: (now: number): Promise<SweepReport> => closer.closeDueVotes(now),
    /** Runs the closer every `everyMs` (state is in storage, so a restart loses nothing). */
    startCloser(everyMs = CLOSER_INTERVAL_MS): void {
      if (timer) return;
      timer = setInterval(() => {
        closer.closeDueVotes(options.clock.now()).catch((error: unknown) => options.log.error({ err: error }, 'votes: sweep failed'));
      }, everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await board.stop();
    },
  };
}

export type VoteModule = ReturnType<typeof createVoteModule>;
