// Composes the service from its parts. main.ts gives it real configuration; tests give it a
// test Azurite, a local Connector stub and a fixed clock.
import type { Logger } from 'pino';
import type { BusinessClock, WallClock } from './shared/clocks.js';
import { ProgrammeDirectory } from './shared/programmeDirectory.js';
import type { Env } from './platform/config/env.js';
import type { Programme } from './shared/programme/schema.js';
import { ChannelAuthentication } from './platform/channel/channelAuthentication.js';
import { botAuthConfig, botCredentialsFactory } from './platform/channel/botCredentials.js';
import { createHttpServer, type HttpServer, type HttpServerOptions } from './platform/http/httpServer.js';
import { TurnAdapter } from './platform/channel/turnAdapter.js';
import { languageOf } from './shared/language.js';
import { translate } from './platform/i18n/messages.js';
import { storageClients, type StorageTarget } from './platform/storage/connection.js';
import { ConversationTable } from './platform/storage/conversationTable.js';
import { StorageHealth } from './platform/storage/storageHealth.js';
import { DisclosureGuard } from './features/confidentiality/app/disclosureGuard.js';
import { AuditTable } from './features/confidentiality/storage/auditTable.js';
import { IdeaTable } from './features/ideas/storage/ideaTable.js';
import { NdaTable } from './features/confidentiality/storage/ndaTable.js';
import { HeldShareTable } from './features/confidentiality/storage/heldShareTable.js';
import { SubmissionTable } from './platform/routing/submissionTable.js';
import { MeasureTable } from './features/measures/storage/measureTable.js';
import { Tables } from './platform/storage/tables.js';
import { CardRenderer } from './platform/cards/cardRenderer.js';
import { CommandRouter, matchCommand, type CommandHandler } from './platform/routing/commandRouter.js';
import { commandNames } from './platform/routing/catalogue.js';
import { mergeRegistrations, requireEvery } from './platform/routing/registrations.js';
import { helpCard } from './platform/routing/help.js';
import type { Planner } from './features/reporting/app/upcoming.js';
import { migrateIndexes } from './features/ideas/app/indexMigration.js';
import { ideaCommands } from './features/ideas/teams/ideaCommands.js';
import { ideaVerbs } from './features/ideas/teams/ideaVerbs.js';
import { DeliveredLeaderNotices } from './features/ideas/teams/leaderNotices.js';
import { StoredChatLanguage } from './platform/outbound/recipientLanguage.js';
import { verbs } from './platform/routing/verbs.js';
import { SubmissionGuard } from './platform/routing/submissionGuard.js';
import { VerbRouter } from './platform/routing/verbRouter.js';
import { cardReply } from './platform/channel/reply.js';
import { Outbound } from './platform/channel/outbound.js';
import { RosterCache } from './platform/outbound/rosterCache.js';
import { IdentityCheck } from './platform/channel/identityCheck.js';
import { SamspillBot } from './platform/channel/samspillBot.js';
import { disclosureCommands, disclosureVerbs } from './features/confidentiality/teams/disclosureHandlers.js';
import { ownPartyVerbs } from './features/confidentiality/teams/ownPartyConfirmation.js';
import { createAgreementModule } from './features/membership/module.js';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeliveryLedger } from './platform/delivery/deliveryLedger.js';
import { DeliveryQueue } from './platform/delivery/deliveryQueue.js';
import { QueuedDelivery } from './platform/delivery/queuedDelivery.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from './platform/delivery/deliveryWorker.js';
import { ARRIVAL_JITTER_MARGIN_MS, RateLimiter } from './platform/delivery/rateLimits.js';
import { DeliveryBudget, type DeliveryBudgetOptions } from './platform/delivery/deliveryBudget.js';
import { InstanceRegistry } from './platform/delivery/instanceRegistry.js';
import { ParkedDeliveries } from './platform/delivery/parkedDeliveries.js';
import { createPersonalChatOpener } from './platform/channel/personalChatOpener.js';
import { createSendToTeams } from './platform/channel/sendToTeams.js';
import { OfficeWithheldNotices } from './features/confidentiality/app/withheldSends.js';
import { withheldNoticeText } from './features/confidentiality/teams/withheldNoticeText.js';
import { applyAdvice } from './features/votes/app/adviceRecord.js';
import { createVoteModule } from './features/votes/module.js';
import type { SweepReport } from './features/votes/app/closeVote.js';
import type { TickReport } from './features/reporting/app/reminders.js';
import { createReportModule, REMINDER_SWEEP } from './features/reporting/module.js';
import { applyAdmission, refreshAllAdmissions } from './features/membership/app/admission.js';
import { ApplicationTable } from './features/membership/storage/applicationTable.js';
import { PartyRegistryTable } from './features/membership/storage/partyRegistryTable.js';
import { admissionCommands, admissionVerbs } from './features/membership/teams/admissionHandlers.js';
import { applyRoadmapRevision } from './features/roadmap/app/revisionDecision.js';
import type { MatterDecisions } from './features/votes/app/voteDeps.js';
import { roadmapRevisionCommands, roadmapRevisionVerbs } from './features/roadmap/teams/roadmapRevisionHandlers.js';
import { refreshAllWithdrawals } from './features/membership/app/withdrawals.js';
import { applyRetirement } from './features/votes/app/openRetirementVote.js';
import { WithdrawalTable } from './features/membership/storage/withdrawalTable.js';
import { planConveneReminders } from './features/meetings/app/convene.js';
import { conveneText } from './features/meetings/teams/conveneText.js';
import { PROGRAMME_PEOPLE, programmePeopleDataset } from './features/ideas/teams/leaderSearch.js';
import { withdrawalCommands } from './features/membership/teams/withdrawalCommands.js';
import { participationCommands } from './features/ideas/teams/participationCommands.js';
import { lineTaskCommands } from './features/ideas/teams/lineTaskCommands.js';
import { applyAgreementRevision, hearingSweep, type PutToVoteDeps } from './features/agreementRevision/app/agreementRevision.js';
import { AgreementRevisionTable } from './features/agreementRevision/storage/agreementRevisionTable.js';
import { DeliveredHearingMail } from './features/agreementRevision/teams/agreementRevisionDelivery.js';
import { agreementRevisionCommands, agreementRevisionVerbs } from './features/agreementRevision/teams/agreementRevisionHandlers.js';
import { agreementRevisionTitle } from './features/agreementRevision/teams/agreementRevisionViews.js';
import { SWEEP_INTERVAL_MS, SweepScheduler } from './platform/scheduler/sweepScheduler.js';

export interface AppOptions {
  env: Env;
  programmes: readonly Programme[];
  storage: StorageTarget;
  log: Logger;
  /** The programme's time (deadlines, reminders, records). */
  clock: BusinessClock;
  /** Real time, for leases, rate limits, retries and cache ages, whatever the programme's time. */
  wallClock: WallClock;
  /** Overrides for the proactive delivery worker (tests, benchmarks). */
  deliveryWorker?: Partial<DeliveryWorkerOptions>;
  /** What an outgoing reply may take, in UTF-16 bytes (tests; default 80 KB under Teams' 100 KB). */
  activityBudgetBytes?: number;
  /** Overrides for the instance heartbeat that shares Teams' budget (tests). */
  deliveryBudget?: Partial<DeliveryBudgetOptions>;
  /** How often the reminder scheduler ticks (default one minute). */
  reminderIntervalMs?: number;
  /** Overrides of the HTTP edge's slow-client and in-flight limits (tests). */
  httpLimits?: HttpServerOptions['limits'];
  /** false: enqueue proactive messages but send none from this process (the operator's tick
   * command: the deployment's own instances send them). Default true. */
  sendDeliveries?: boolean;
}

export interface App {
  server: HttpServer;
  /** Starts draining: /healthz answers 503 from now on (SIGTERM, before the server closes). */
  drain(): void;
  votes: {
    /** Closes votes past their deadline and resumes unfinished follow-up (the closer's sweep). */
    closeDueVotes(now: number): Promise<SweepReport>;
    /** Resolves when no channel-card update is pending in this instance. */
    idle(): Promise<void>;
  };
  reminders: {
    /** One reminder-planning pass at `now` (what the scheduler runs; safe on every instance). */
    tick(now: number): Promise<TickReport>;
  };
  /** Resolves once the parties admitted by decision are loaded from the configuration store. */
  ready: Promise<void>;
  /** Every Action.Execute verb the service answers (tests check each against an old card). */
  verbNames: readonly string[];
  /** Stops the background work (delivery worker, vote closer, card coalescer). Also runs when the server closes. */
  stop(): Promise<void>;
}

/** Every sweep once (the operator's tick, tests): the reminders' report, or the reminders' failure. */
async function tickAll(scheduler: SweepScheduler, now: number): Promise<TickReport> {
  const { results, failed } = await scheduler.tick(now);
  const reminders = failed.find((f) => f.name === REMINDER_SWEEP);
  if (reminders) throw reminders.error;
  return results.get(REMINDER_SWEEP) as TickReport;
}

export function createApp({ env, programmes, storage, log, clock, wallClock, deliveryWorker, deliveryBudget, activityBudgetBytes, reminderIntervalMs, httpLimits, sendDeliveries = true }: AppOptions): App {
  const clients = storageClients(storage);
  const tables = new Tables(clients);
  const directory = new ProgrammeDirectory(programmes);
  const cards = new CardRenderer();

  const ideas = new IdeaTable(tables);
  // Proactive delivery runs on the wall clock whatever the app's clock: its leases, retries and
  // rate limits are about real time (so does the reference cache's time to live).
  const conversations = new ConversationTable(tables, wallClock);
  const deliveryLedger = new DeliveryLedger(tables);
  const deliveryQueue = DeliveryQueue.from(clients);
  const parked = new ParkedDeliveries(tables);
  const delivery = new QueuedDelivery(deliveryLedger, deliveryQueue, wallClock, parked);
  // Agreements first: the vote module asks its roadmap before a gate that starts a project.
  const agreements = createAgreementModule({
    tables,
    ideas,
    cards,
    delivery,
    served: directory,
    deliveryLog: deliveryLedger,
    conversations,
    log,
  });
  // New parties (DSOP §2.3): applications, and the configuration store the admitted ones join.
  const admissions = { applications: new ApplicationTable(tables), registry: new PartyRegistryTable(tables), directory };
  // Parties that leave (DSOP §3.1, Digi Rogaland §7): their people lose their seats from the effective date.
  const withdrawals = { withdrawals: new WithdrawalTable(tables), directory };
  const chatLanguages = new StoredChatLanguage(conversations);
  // The yearly revision of the agreement after a hearing (Digi Rogaland §8).
  const agreementRevisions = new AgreementRevisionTable(tables);
  // Decisions on matters that are not an idea's gate, by the kind of matter the vote names.
  const matters: MatterDecisions = {
    apply: async (vote, adopted, by, at) => {
      switch (vote.matter?.kind) {
        case 'admission':
          return applyAdmission(admissions, vote, adopted, by, at);
        // DSOP §3.1: Topplederforum's decision retires the party, effective that day.
        case 'retirement':
          return applyRetirement(withdrawals, vote, adopted, by, at);
        case 'roadmap-revision':
          return applyRoadmapRevision(agreements.roadmapRevisions, vote, adopted, by, at);
        case 'agreement-revision':
          return applyAgreementRevision(agreementRevisions, vote, adopted, by, at);
        // A recommendation changes nothing by itself: the deciding body's vote reads it.
        case 'recommendation':
          return { at, ok: true };
        // Skate §3.4: advice is recorded in the idea's history and moves nothing.
        case 'advice':
          return applyAdvice(ideas, vote, by, at);
        default:
          return { at, ok: false, error: 'unknown-matter' };
      }
    },
  };
  const audit = new AuditTable(tables);
  const votes = createVoteModule({
    tables,
    audit,
    ideas,
    directory,
    conversations,
    cards,
    delivery,
    deliveryLog: deliveryLedger,
    clock,
    wallClock,
    log,
    // The adopted roadmap only: a pending change is not an entry until its revision is adopted.
    roadmap: { onRoadmap: async (key, number) => (await agreements.roadmap.get(key, number)) !== undefined },
    matters,
    applications: admissions.applications,
    roadmapRevisions: agreements.roadmapRevisions,
    agreementRevisions,
    checklists: agreements.checklistProgress,
  });
  const admissionDeps = { applications: admissions.applications, registry: admissions.registry, votes: votes.deps, cards };
  // Roadmap revisions are put to the deciding body's vote (Digi Rogaland §4.7).
  const revisionDeps = { ideas, roadmap: agreements.roadmap, revisions: agreements.roadmapRevisions, votes: votes.deps, cards };
  // The agreement's revision goes to the deciding body's vote after its hearing (Digi Rogaland §8).
  const agreementVoteDeps: PutToVoteDeps = { ...votes.deps, revisions: agreementRevisions, title: agreementRevisionTitle };
  const hearingDeps = { revisions: agreementRevisions, mail: new DeliveredHearingMail(delivery, cards, chatLanguages), cards, votes: agreementVoteDeps };
  const planConvene: Planner = (to, programmes, now) =>
    planConveneReminders(
      {
        programmes,
        votes: votes.deps.votes,
        reports: reports.reports,
        ideas,
        roadmapChanges: agreements.roadmapRevisions,
        delivery: to,
        languages: chatLanguages,
        text: conveneText,
        log,
      },
      now,
    );
  const reports = createReportModule({
    tables,
    ideas,
    served: directory,
    cards,
    delivery,
    deliveryLog: deliveryLedger,
    log,
    conversations,
    // The office's `upcoming` runs the convene planner too, against its recording Delivery.
    previewed: [planConvene],
    roadmapRevisions: agreements.roadmapRevisions,
    // The yearly reminder that the agreement's revision is due stops once one is opened (§8).
    agreementRevisions,
  });
  const ndas = new NdaTable(tables);
  const disclosure = { ideas, cards, audit, ndas };
  // Shares outside the programme held for the sharer's own-party confirmation (seed 000 §6.3).
  const heldShares = new HeldShareTable(tables);

  const verbRouter = new VerbRouter(mergeRegistrations('verb', {
    cards: verbs({ cards }),
    ideas: ideaVerbs({ ideas, cards, checklists: agreements.checklistProgress, leaderNotices: new DeliveredLeaderNotices(delivery, chatLanguages) }),
    disclosure: disclosureVerbs(disclosure),
    ownParty: ownPartyVerbs({ shares: heldShares, audit, cards }),
    votes: votes.verbs(),
    agreements: agreements.verbs(),
    admission: admissionVerbs(admissionDeps),
    roadmapRevision: roadmapRevisionVerbs(revisionDeps),
    agreementRevision: agreementRevisionVerbs(hearingDeps),
    reports: reports.verbs(),
  }), cards, log, {
    [PROGRAMME_PEOPLE]: programmePeopleDataset,
  }, new SubmissionGuard(new SubmissionTable(tables), { now: wallClock.now }));
  const commands = new CommandRouter(requireEvery('command', commandNames, mergeRegistrations('command', {
    help: { help: (async (ctx) => cardReply(helpCard(ctx, cards))) satisfies CommandHandler },
    ideas: ideaCommands({ ideas, cards, verbs: verbRouter }),
    disclosure: disclosureCommands(disclosure, verbRouter),
    votes: votes.commands(verbRouter),
    agreements: agreements.commands(verbRouter),
    admission: admissionCommands(cards, verbRouter),
    roadmapRevision: roadmapRevisionCommands(cards, verbRouter),
    agreementRevision: agreementRevisionCommands(hearingDeps, verbRouter),
    reports: reports.commands(verbRouter),
    withdrawal: withdrawalCommands({ ...withdrawals, votes: votes.deps }),
    participation: participationCommands(ideas),
    lineTasks: lineTaskCommands(ideas),
  })));

  const guard = new DisclosureGuard(directory, ndas, audit);
  const outbound = new Outbound(guard, cards, heldShares, log, activityBudgetBytes);
  const bot = new SamspillBot({
    directory,
    conversations,
    firstContact: delivery,
    commands,
    verbs: verbRouter,
    cards,
    clock,
    outbound,
    rosters: new RosterCache(),
    // A group conversation belongs to a programme when one of its bodies is linked to it.
    registry: votes.registry,
    identity: new IdentityCheck(directory, conversations),
    log,
  });

  // Without an app id the adapter accepts unauthenticated requests (local use only). With
  // MicrosoftAppType=UserAssignedMSI the bot's tokens come from its managed identity (no secret).
  const auth = new ChannelAuthentication(botAuthConfig(env), botCredentialsFactory(env));
  const adapter = new TurnAdapter(auth);
  adapter.onTurnError = async (turn, error) => {
    log.error({ err: error, activityType: turn.activity.type }, 'turn failed');
    try {
      await outbound.notice(turn, translate(languageOf(turn.activity.locale), 'error.tryAgain'));
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failure');
    }
  };

  const { server, drain } = createHttpServer({
    adapter,
    auth,
    requireBearer: env.MicrosoftAppId !== undefined,
    bot,
    health: new StorageHealth(clients),
    commandOf: (text) => matchCommand(text)?.command,
    maxBodyBytes: env.SAMSPILL_MAX_BODY_BYTES,
    ...(httpLimits ? { limits: httpLimits } : {}),
    log,
  });
  // Unique per process start: a restarted process is a new instance, its old lease simply lapses.
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const budget = new DeliveryBudget({ instanceId, registry: new InstanceRegistry(tables), now: wallClock.now, log, ...(deliveryBudget ? { options: deliveryBudget } : {}) });
  const worker = new DeliveryWorker({
    instanceId,
    queue: deliveryQueue,
    ledger: deliveryLedger,
    conversations,
    send: createSendToTeams(adapter, env.MicrosoftAppId ?? '', {
      guard,
      registry: votes.registry,
      now: wallClock.now,
      // A withheld proactive message is told to the office, in personal chat and its language.
      withheld: new OfficeWithheldNotices({ directory, delivery, languages: chatLanguages, text: withheldNoticeText }),
    }),
    limiter: new RateLimiter({ marginMs: ARRIVAL_JITTER_MARGIN_MS }),
    budget,
    openPersonalChat: createPersonalChatOpener({
      adapter,
      botAppId: env.MicrosoftAppId ?? '',
      channelsOf: (tenantId) => conversations.channelsOf(tenantId, 1),
      save: (record) => conversations.save(record),
      now: wallClock.now,
    }),
    parked,
    clock: wallClock,
    random: Math.random,
    log,
    ...(deliveryWorker ? { options: deliveryWorker } : {}),
  });
  if (sendDeliveries) {
    void budget.start();
    worker.start();
  }
  // Admitted parties are served as soon as they are read; until then their people are treated
  // as outsiders (the safe side of the disclosure guard).
  const loaded = Promise.all([refreshAllAdmissions(admissions, directory.files), refreshAllWithdrawals(withdrawals, directory.files, clock.now())]).then(() => undefined).catch((error: unknown) =>
    log.error({ err: error }, 'admissions: cannot load the admitted parties; the next tick retries'),
  );
  // Ideas and votes written before their index rows get them, and lists written before their
  // count rows are counted (one read per programme and list once done); until then a list shows
  // what is indexed, and a total what is counted.
  const migration = new AbortController();
  const indexed = migrateIndexes({ ideas, votes: votes.votes, reports: reports.reports, measures: new MeasureTable(tables), counted: [audit, ndas], log }, directory.files, migration.signal);
  // The sweeps on the one ticker, in this order. Every instance reloads the admitted parties and
  // withdrawals on its tick, so a decision taken on another instance is served here within a minute.
  const scheduler = new SweepScheduler(
    [
      ...reports.sweeps,
      { name: 'admissions', run: () => refreshAllAdmissions(admissions, directory.files) },
      {
        name: 'withdrawals',
        run: async (now) => {
          const failed = await refreshAllWithdrawals(withdrawals, directory.files, now);
          if (failed.length > 0) log.error({ programmes: failed }, 'withdrawals: cannot load; the next tick retries');
        },
      },
      ...agreements.sweeps,
      // Hearings on the agreement: reminders, closing at the deadline, the steering group's vote.
      { name: 'hearings', run: (now) => hearingSweep({ programmes: directory.programmes, revisions: agreementRevisions, mail: hearingDeps.mail, votes: agreementVoteDeps, log })(now) },
      // Reminders to convene each body that meets on a cadence (chair and secretary).
      { name: 'convening', run: (now) => planConvene(delivery, directory.programmes, now) },
    ],
    clock,
    log,
    reminderIntervalMs ?? SWEEP_INTERVAL_MS,
  );
  if (env.SAMSPILL_SCHEDULER === 'on') {
    votes.startCloser();
    scheduler.start();
  }

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (migration.abort(), Promise.all([loaded, indexed, votes.stop(), scheduler.stop(), worker.stop().then(() => budget.stop())]).then(() => undefined)));
  server.on('close', () => void stop());
  return {
    server,
    drain,
    votes: { closeDueVotes: (now) => votes.closeDueVotes(now), idle: () => votes.board.idle() },
    reminders: { tick: (now) => tickAll(scheduler, now) },
    ready: Promise.all([loaded, indexed]).then(() => undefined),
    verbNames: verbRouter.names(),
    stop,
  };
}

