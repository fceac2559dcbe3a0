// Composes the service from its parts. main.ts gives it real configuration; tests give it a
// test Azurite, a local Connector stub and a fixed clock.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Clock } from './app/ports.js';
import { ProgrammeDirectory } from './app/programmeDirectory.js';
import type { Env } from './config/env.js';
import type { Programme } from './domain/programme/schema.js';
import { createHttpServer } from './http/httpServer.js';
import { languageOf } from './i18n/language.js';
import { translate } from './i18n/messages.js';
import { storageClients, type StorageTarget } from './storage/connection.js';
import { ConversationTable } from './storage/conversationTable.js';
import { StorageHealth } from './storage/storageHealth.js';
import { IdeaTable } from './storage/ideaTable.js';
import { Tables } from './storage/tables.js';
import { CardRenderer } from './teams/cards/cardRenderer.js';
import { CommandRouter } from './teams/commands/commandRouter.js';
import { helpCard } from './teams/commands/help.js';
import { ideaCommands } from './teams/ideas/ideaCommands.js';
import { ideaVerbs } from './teams/ideas/ideaVerbs.js';
import { verbs } from './teams/invoke/verbs.js';
import { VerbRouter } from './teams/invoke/verbRouter.js';
import { cardReply } from './teams/reply.js';
import { SamspillBot } from './teams/samspillBot.js';

export interface AppOptions {
  env: Env;
  programmes: readonly Programme[];
  storage: StorageTarget;
  log: Logger;
  clock?: Clock;
}

export interface App {
  server: restify.Server;
}

export function createApp({ env, programmes, storage, log, clock = { now: () => Date.now() } }: AppOptions): App {
  const clients = storageClients(storage);
  const tables = new Tables(clients);
  const directory = new ProgrammeDirectory(programmes);
  const cards = new CardRenderer();

  const ideas = new IdeaTable(tables);
  const verbRouter = new VerbRouter({ ...verbs({ cards }), ...ideaVerbs({ ideas, cards }) }, cards, log);
  const commands = new CommandRouter({
    help: async (ctx) => cardReply(helpCard(ctx, cards)),
    ...ideaCommands({ ideas, cards, verbs: verbRouter }),
  });

  const bot = new SamspillBot({
    directory,
    conversations: new ConversationTable(tables),
    commands,
    verbs: verbRouter,
    cards,
    clock,
  });

  // Without an app id the adapter accepts unauthenticated requests (local use only).
  const auth = new ConfigurationBotFrameworkAuthentication(
    env.MicrosoftAppId
      ? {
          MicrosoftAppId: env.MicrosoftAppId,
          MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
          MicrosoftAppType: env.MicrosoftAppType,
          MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (turn, error) => {
    log.error({ err: error, activityType: turn.activity.type }, 'turn failed');
    try {
      await turn.sendActivity(translate(languageOf(turn.activity.locale), 'error.tryAgain'));
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failure');
    }
  };

  const server = createHttpServer({
    adapter,
    bot,
    health: new StorageHealth(clients),
    maxBodyBytes: env.SAMSPILL_MAX_BODY_BYTES,
    log,
  });
  return { server };
}
