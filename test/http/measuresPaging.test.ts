// The joint measures a page at a time (issue 25.2), over HTTP: `measures` shows the first twenty
// in number order with their place and Next; Next shows the rest, Previous goes back, and a
// deviation on a measure of the second page counts there. Seeded straight into storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasure, type Deviation } from '../../src/features/measures/domain/measures.js';
import { ok } from '../../src/shared/result.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { cardText, conversationWith } from '../support/conversation.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-measures-paging';
const office = { id: '29:office', aadObjectId: 'aad-office', name: 'office' };
const programme = presetProgramme('dsop', {
  id: 'dsop',
  name: 'DSOP',
  ideaPrefix: 'DSOP',
  tenantId: TENANT,
  parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB' },
  people: [
    { aadObjectId: 'aad-office', name: 'office', party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: 'aad-owner', name: 'owner', party: 'dnb' },
  ],
  seats: { members: ['aad-office'], chair: 'aad-office' },
});
const key = { tenantId: TENANT, programmeId: 'dsop' };
const at = Date.UTC(2026, 11, 7, 9);

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;

/** The data of the card's button whose title includes this. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  JSON.stringify(card, (_key, value: unknown) => {
    const action = value as { type?: string; title?: string; data?: Record<string, unknown> } | null;
    if (!found && action?.type === 'Action.Execute' && action.title?.includes(title)) found = action.data;
    return value;
  });
  if (!found) throw new Error(`no ${title} button`);
  return found;
}

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => at });
  chat = conversationWith(app, TENANT);
  const measures = new MeasureTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
  for (let i = 1; i <= 23; i++) {
    const created = await measures.createMeasure(key, `seed-${i}`, (sequence) =>
      createMeasure(programme, sequence, { title: `Tiltak nummer ${i}`, description: '', owners: ['aad-owner'], parties: ['dnb'], by: { id: 'aad-office', name: 'office' }, at }),
    );
    if (!created.ok) throw new Error('seed');
  }
  const deviation = (sequence: number): Deviation => ({
    id: `A-${String(sequence).padStart(3, '0')}`,
    measureId: 'T-022',
    what: 'Kostnaden sprekker.',
    impact: 'Senere levering.',
    proposal: 'Nytt budsjett.',
    filedBy: { id: 'aad-owner', name: 'owner' },
    party: 'dnb',
    filedAt: at,
    recipients: [],
    status: 'open',
  });
  const filed = await measures.fileDeviation(key, 'seed-deviation', (sequence) => ok(deviation(sequence)));
  if (!filed.ok) throw new Error('seed deviation');
});
afterAll(async () => app.stop());

describe('the joint measures, a page at a time (issue 25.2)', () => {
  it('measures shows twenty in number order with their place and Next; Next shows the rest; Previous goes back', async () => {
    const { card } = await chat.say(office, 'measures');
    const first = cardText(card);
    expect(first).toContain('1–20 of 23');
    expect(first).toContain('T-001 Tiltak nummer 1');
    expect(first).toContain('T-020 Tiltak nummer 20');
    expect(first).not.toContain('T-021');
    const next = await chat.click(office, 'measure.list', buttonData(card, 'Next'));
    const second = cardText(next);
    expect(second).toContain('21–23 of 23');
    expect(second).toContain('T-023 Tiltak nummer 23');
    expect(second).not.toContain('T-001 ');
    expect(second).toMatch(/T-022 Tiltak nummer 22\nOwners?: owner\nParties?: DNB\nOpen deviations: 1/);
    const back = await chat.click(office, 'measure.list', buttonData(next, 'Previous'));
    expect(cardText(back)).toContain('1–20 of 23');
  });

  it('reads the same in Norwegian, and a tampered cursor gets a localised error', async () => {
    const { card } = await chat.say(office, 'tiltak', { locale: 'nb-NO' });
    expect(cardText(card)).toContain('1–20 av 23');
    const bad = await chat.click(office, 'measure.list', { programmeId: 'dsop', cursor: { offset: 'x', back: [] } }, { locale: 'nb-NO' });
    expect(cardText(bad)).toContain('Noen felt må rettes');
  });
});
