// Which channel each body votes in. Table `bodyChannels`:
//   partition (tenant, programme), row body|<body>: the body's channel. Linking again moves
//     the body: the last link wins, on purpose (a binding is a fact about where the body works
//     now, not a counter).
//   partition (tenant, "channel", channel), row <programme>|<body>: the reverse index, so the
//     disclosure guard can ask which programmes a channel is registered to (one point query).
import { z } from 'zod';
import type { ConversationRegistry } from '../../confidentiality/app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { BodyChannel, BodyChannelRepository } from '../app/voteRepository.js';
import { channelRoot } from '../../../shared/conversationIds.js';
import { getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';
import { systemClock } from '../../../shared/clocks.js';

const TABLE = 'bodyChannels';

const bodyChannelSchema = z.object({
  bodyId: z.string().min(1),
  conversationId: z.string().min(1),
  language: z.enum(['nb', 'en']),
  linkedBy: z.object({ id: z.string(), name: z.string() }),
  linkedAt: z.number(),
});

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const rowOf = (bodyId: string) => `body|${keyPart(bodyId)}`;
const channelPartition = (tenantId: string, conversationId: string) => tenantPartition(tenantId, 'channel', channelRoot(conversationId));
const channelRow = (programmeId: string, bodyId: string) => `${keyPart(programmeId)}|${keyPart(bodyId)}`;

/** How long this instance reuses a channel's registration (another instance's new link shows
 * here at most this late; this instance's own links show at once). */
const REGISTRY_REUSE_MS = 5_000;

export class BodyChannelTable implements BodyChannelRepository, ConversationRegistry {
  private readonly registered = new Map<string, { at: number; programmes: Promise<string[]> }>();

  constructor(
    private readonly tables: Tables,
    private readonly now: () => number = systemClock.now,
  ) {}

  async link(key: ProgrammeKey, channel: BodyChannel): Promise<BodyChannel | undefined> {
    const table = await this.tables.get(TABLE);
    const previous = await this.get(key, channel.bodyId);
    // Reverse index first: a crash in between leaves the channel registered one step early,
    // never a linked body whose channel the guard does not know.
    await table.upsertEntity(
      { partitionKey: channelPartition(key.tenantId, channel.conversationId), rowKey: channelRow(key.programmeId, channel.bodyId), programmeId: key.programmeId, bodyId: channel.bodyId },
      'Replace',
    );
    await table.upsertEntity({ partitionKey: partitionOf(key), rowKey: rowOf(channel.bodyId), data: JSON.stringify(channel) }, 'Replace');
    if (previous && channelRoot(previous.conversationId) !== channelRoot(channel.conversationId)) {
      try {
        await table.deleteEntity(channelPartition(key.tenantId, previous.conversationId), channelRow(key.programmeId, channel.bodyId));
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }
    this.registered.clear();
    return previous;
  }

  async get(key: ProgrammeKey, bodyId: string): Promise<BodyChannel | undefined> {
    const row = await getEntityOrUndefined<{ data: string }>(await this.tables.get(TABLE), partitionOf(key), rowOf(bodyId));
    if (!row) return undefined;
    const parsed = bodyChannelSchema.safeParse(JSON.parse(row.data));
    return parsed.success ? parsed.data : undefined;
  }

  /** Programmes with a body linked to this channel (any thread of it). Every reply in a busy
   * channel asks, so concurrent asks share one read, reused briefly. */
  programmesOf(tenantId: string, conversationId: string): Promise<string[]> {
    if (!tenantId || !conversationId) return Promise.resolve([]);
    const key = `${tenantId}|${channelRoot(conversationId)}`;
    const now = this.now();
    const hit = this.registered.get(key);
    if (hit && now - hit.at <= REGISTRY_REUSE_MS) return hit.programmes;
    if (this.registered.size > 10_000) this.registered.clear();
    const programmes = this.readProgrammes(tenantId, conversationId);
    this.registered.set(key, { at: now, programmes });
    programmes.catch(() => this.registered.delete(key));
    return programmes;
  }

  private async readProgrammes(tenantId: string, conversationId: string): Promise<string[]> {
    const table = await this.tables.get(TABLE);
    const partitionKey = channelPartition(tenantId, conversationId);
    const found = new Set<string>();
    const rows = table.listEntities<{ programmeId: string }>({
      queryOptions: { filter: `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'`, select: ['PartitionKey', 'programmeId'] },
    });
    for await (const row of rows) if (row.partitionKey === partitionKey && typeof row.programmeId === 'string') found.add(row.programmeId);
    return [...found];
  }
}
