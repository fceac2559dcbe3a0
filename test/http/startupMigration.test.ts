// Why: ideas written before the index rows existed must show in the paged lists once the bot
// has started (issue 25, acceptance: "a migration step run at start"). The rows are written as
// the old code wrote them, straight into Azurite, before the app starts; the lists then answer
// from the index the start-up migration wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { keyPart, Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { cardText, conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const programme = testProgramme();
const at = Date.UTC(2026, 10, 2, 9);
let azurite: TestAzurite;
let service: TestApp;

const oldIdea = (i: number): Idea => ({
  programmeId: programme.id,
  number: `DSOP-2026-${String(i).padStart(3, '0')}`,
  title: `Gammel idé ${i}`,
  description: 'Fra før indeksen.',
  party: 'skatteetaten',
  links: [],
  submittedBy: { id: people.member.aadObjectId, name: people.member.name },
  registeredAt: at + i,
  phase: 'ide',
  phaseStartedAt: at + i,
  status: 'registered',
  disputes: [],
});

beforeAll(async () => {
  azurite = await startTestAzurite();
  const ideas = await new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })).get('ideas');
  await ideas.createTable().catch(() => undefined);
  const partitionKey = tenantPartition(TENANT, programme.id);
  // As the code before the index wrote them: the idea row only (no `ix`, no index rows, no counts).
  for (let i = 1; i <= 3; i++) {
    const idea = oldIdea(i);
    await ideas.createEntity({ partitionKey, rowKey: `idea|${keyPart(idea.number)}`, data: JSON.stringify(idea), status: idea.status, phase: idea.phase, submittedBy: idea.submittedBy.id, historyCount: 1 });
  }
  service = await startTestApp({ programmes: [programme], azurite, env: { SAMSPILL_SCHEDULER: 'off' } });
  await service.app.ready;
});

afterAll(async () => {
  await service.stop();
  await azurite.stop();
});

describe('the start-up migration', () => {
  it('gives ideas written before the index their index rows, so my ideas and the portfolio list them', async () => {
    const chat = conversationWith(service, TENANT);
    const mine = cardText((await chat.say(people.member, 'my ideas')).card);
    for (let i = 1; i <= 3; i++) expect(mine).toContain(`Gammel idé ${i}`);
    const portfolio = cardText((await chat.say(people.office, 'portfolio')).card);
    expect(portfolio).toContain('3 ideas and');
    expect(portfolio).toContain('Gammel idé 2');
  });
});
