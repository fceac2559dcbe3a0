// The floor the vote benchmark compares against: the same restify server (createHttpServer),
// botbuilder's CloudAdapter and the same Azurite, but a handler that does the least a vote
// must: one storage transaction (three rows, the shape of a ballot), then answers with a
// fixed card of the size the real bot answered with. Run as its own process, like the bot:
//
//   FLOOR_CARD=<file with the card JSON> AZURE_STORAGE_CONNECTION_STRING=... tsx bench/floorBot.ts
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ActivityHandler, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { ChannelAuthentication } from '../src/platform/channel/channelAuthentication.js';
import { createHttpServer } from '../src/platform/http/httpServer.js';
import { TurnAdapter } from '../src/platform/channel/turnAdapter.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { storageClients } from '../src/platform/storage/connection.js';
import { matchCommand } from '../src/platform/routing/commandRouter.js';

const card = JSON.parse(readFileSync(process.env.FLOOR_CARD ?? '', 'utf8')) as Record<string, unknown>;
const table = storageClients({ kind: 'connection-string', connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING ?? '' }).table('floor');

class FloorBot extends ActivityHandler {
  constructor() {
    super();
    // The text floor: the same turn answered with a fixed reply, no storage.
    this.onMessage(async (turn, next) => {
      await turn.sendActivity({ text: 'Samspill', textFormat: 'plain' });
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const partitionKey = `floor|${turn.activity.from?.aadObjectId ?? 'anonymous'}`;
    const id = randomUUID();
    await table.submitTransaction([
      ['create', { partitionKey, rowKey: `receipt|${id}`, seq: 1 }],
      ['create', { partitionKey, rowKey: `ballot|${id}`, choice: 'for' }],
      ['upsert', { partitionKey, rowKey: 'latest', choice: 'for' }, 'Replace'],
    ]);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

async function main(): Promise<void> {
  await table.createTable();
  // The same log level as the bot under test (the benchmark sets LOG_LEVEL), so the floor
  // pays for the request line httpServer writes per turn, as the bot does.
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const auth = new ChannelAuthentication({});
  const { server } = createHttpServer({ commandOf: (text) => matchCommand(text)?.command,
    adapter: new TurnAdapter(auth),
    auth,
    requireBearer: false,
    bot: new FloorBot(),
    health: { healthy: async () => true },
    maxBodyBytes: 256 * 1024,
    log,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(JSON.stringify({ msg: 'floor listening', url: server.url }));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

await main();
