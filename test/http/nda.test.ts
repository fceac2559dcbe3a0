// The NDA register over HTTP (DSOP §6.2 «Om nødvendig skal det undertegnes taushetserklæring»;
// R18: the programme records who signed, what information it covers and how it is to be
// handled). The office records one from the card; the scope and handling are required, kept as
// typed, stored and shown on the list in the reader's language; nobody else may record one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import { NdaTable } from '../../src/features/confidentiality/storage/ndaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-nda';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('office');
const member = person('member');

const programme = presetProgramme('dsop', {
  id: 'dsop',
  name: 'DSOP',
  ideaPrefix: 'DSOP',
  tenantId: TENANT,
  parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB' },
  people: [
    { aadObjectId: 'aad-office', name: 'office', party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: 'aad-consultant', name: 'consultant', party: 'dnb' },
    { aadObjectId: 'aad-member', name: 'member', party: 'dnb' },
  ],
  seats: { members: ['aad-office', 'aad-member'], chair: 'aad-office' },
});

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ndas: NdaTable;
const at = Date.UTC(2026, 11, 7, 9);
const scope = 'Gevinstberegningene i planleggingsfasen for DSOP-2026-004, med underlag fra Skatteetaten.';
const handling = 'Oppbevares i prosjektets Teams-kanal; deles ikke utenfor prosjektgruppen; slettes ved prosjektslutt.';

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => at });
  chat = conversationWith(app, TENANT);
  ndas = new NdaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
});
afterAll(async () => app.stop());

describe('an NDA records what it covers and how it is handled (DSOP §6.2)', () => {
  it('the form asks for the scope and the handling, both required', async () => {
    const { card } = await chat.say(office, 'nda');
    const inputs = (card!.body as { id?: string; isRequired?: boolean; label?: string }[]).filter((e) => e.id);
    expect(inputs.find((i) => i.id === 'scope')).toMatchObject({ isRequired: true, label: 'Which information' });
    expect(inputs.find((i) => i.id === 'handling')).toMatchObject({ isRequired: true, label: 'How the information is to be handled' });
    expect(actionData(card, 'nda.record')).toEqual({ programmeId: 'dsop' });
  });

  it.each([
    ['scope', 'Which information'],
    ['handling', 'How the information is to be handled'],
  ])('refuses a record without the %s, naming the field, and stores nothing', async (field, label) => {
    const data = { programmeId: 'dsop', person: 'aad-consultant', covers: 'planning-documents', scope, handling, signedOn: '2026-12-01', [field]: '   ' };
    const refused = cardText(await chat.click(office, 'nda.record', data));
    expect(refused).toContain(label);
    expect(refused).not.toContain('The NDA for consultant is recorded.');
    expect(await ndas.list(TENANT, 'dsop')).toEqual([]);
  });

  it('is recorded with the scope and handling as typed, and listed with them in either language', async () => {
    const data = { programmeId: 'dsop', person: 'aad-consultant', covers: 'planning-documents', scope: `  ${scope} `, handling, signedOn: '2026-12-01' };
    const recorded = cardText(await chat.click(office, 'nda.record', data));
    expect(recorded).toContain('The NDA for consultant is recorded.');
    expect(recorded).toContain(scope);
    expect(recorded).toContain(handling);

    expect(await ndas.list(TENANT, 'dsop')).toEqual([
      expect.objectContaining({
        person: { id: 'aad-consultant', name: 'consultant' },
        covers: ['planning-documents'],
        scope,
        handling,
        signedOn: '2026-12-01',
        recordedBy: expect.objectContaining({ id: 'aad-office' }),
        recordedAt: at,
      }),
    ]);

    const { card } = await chat.say(office, 'taushetserklæringer', { locale: 'nb-NO' });
    const listed = cardText(card);
    expect(listed).toContain('consultant: Prosjektdokumenter i planleggingsfasen');
    expect(listed).toContain(scope);
    expect(listed).toContain(handling);
    expect(listed).toContain('Signert 2026-12-01; registrert av office');
  });

  it('a newer declaration for the same person replaces the scope and handling in force', async () => {
    const data = { programmeId: 'dsop', person: 'aad-consultant', covers: 'planning-documents,registered-ideas', scope: 'Alle registrerte idéer.', handling: 'Kun lesing.', signedOn: '2026-12-05' };
    await chat.click(office, 'nda.record', data);
    const [only, ...rest] = await ndas.list(TENANT, 'dsop');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ covers: ['planning-documents', 'registered-ideas'], scope: 'Alle registrerte idéer.', handling: 'Kun lesing.' });
  });

  it('only the office records one', async () => {
    const data = { programmeId: 'dsop', person: 'aad-member', covers: 'planning-documents', scope, handling, signedOn: '2026-12-01' };
    const refused = cardText(await chat.click(member, 'nda.record', data));
    expect(refused).not.toContain('is recorded');
    expect((await ndas.list(TENANT, 'dsop')).map((r) => r.person.id)).toEqual(['aad-consultant']);
  });
});
