// The written feedback round reaches the people it asks, in their own tenants (issue 24.1): Skate's
// final treatment (seed 004 §6.1 «skriftlig tilbakemeldingsrunde i Skate-virksomhetene») and
// Digi Rogaland's hearing on the agreement (§8 «høringsperiode hos alle medlemskommunene»), over
// HTTP with real activities, Azurite, the delivery worker and the Connector stub answering as
// Teams documents: each member's personal chat is in their organisation's own tenant, Teams
// names them with that tenant, and roster reads may be throttled like sends. A message the
// guard does withhold is not only a ledger row: each office person is told in personal chat, in
// their language, and `frister` / `deadlines` lists it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/platform/config/mergePreset.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, waitFor, type Card } from '../support/conversation.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const HOST = 'tenant-digdir';
const NAV = 'tenant-nav';
const SKATT = 'tenant-skatteetaten';
const STAVANGER = 'tenant-stavanger';
const SOLA = 'tenant-sola';
const ROGALAND = 'tenant-rogaland-host';

const who = (key: string, name: string): Person => ({ id: `29:${key}`, aadObjectId: `aad-${key}`, name });
const p = {
  office: who('office', 'Ola Office'),
  office2: who('office2', 'Siri Sekretariat'),
  skatt: who('skatt', 'Kari Skatt'),
  nav: who('nav', 'Nina Nav'),
  nav2: who('nav2', 'Nils Nav'),
  digiOffice: who('digi-office', 'Dag Kontor'),
  stavanger: who('stavanger', 'Stine Stavanger'),
  sola: who('sola', 'Siv Sola'),
};

const skate: Programme = programmeSchema.parse({
  ...loadPreset('skate'),
  id: 'skate',
  name: 'Skate',
  ideaPrefix: 'SKATE',
  tenantId: HOST,
  parties: [
    { id: 'digdir', name: 'Digdir', tenantIds: [HOST] },
    { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [SKATT] },
    { id: 'nav', name: 'NAV', tenantIds: [NAV] },
  ],
  people: [
    { aadObjectId: p.office.aadObjectId, name: p.office.name, party: 'digdir', roles: ['office'] },
    { aadObjectId: p.office2.aadObjectId, name: p.office2.name, party: 'digdir', roles: ['office'] },
    { aadObjectId: p.skatt.aadObjectId, name: p.skatt.name, party: 'skatteetaten' },
    { aadObjectId: p.nav.aadObjectId, name: p.nav.name, party: 'nav' },
    { aadObjectId: p.nav2.aadObjectId, name: p.nav2.name, party: 'nav' },
  ],
  bodies: loadPreset('skate').bodies.map((body: { id: string }) =>
    body.id === 'skate'
      ? { ...body, members: [p.skatt.aadObjectId, p.nav.aadObjectId, p.nav2.aadObjectId], chair: p.skatt.aadObjectId, secretary: p.office.aadObjectId }
      : { ...body, members: [p.skatt.aadObjectId], chair: p.skatt.aadObjectId },
  ),
});

const digi: Programme = programmeSchema.parse({
  ...loadPreset('digi-rogaland'),
  id: 'digi',
  name: 'Digi Rogaland',
  ideaPrefix: 'DIGI',
  tenantId: ROGALAND,
  parties: [
    { id: 'ks', name: 'KS Rogaland', kind: 'ks', tenantIds: [ROGALAND] },
    { id: 'stavanger', name: 'Stavanger', kind: 'kommune', tenantIds: [STAVANGER] },
    { id: 'sola', name: 'Sola', kind: 'kommune', tenantIds: [SOLA] },
  ],
  people: [
    { aadObjectId: p.digiOffice.aadObjectId, name: p.digiOffice.name, party: 'ks', roles: ['office'] },
    { aadObjectId: p.stavanger.aadObjectId, name: p.stavanger.name, party: 'stavanger' },
    { aadObjectId: p.sola.aadObjectId, name: p.sola.name, party: 'sola' },
  ],
  // The preset's seats (7 municipalities + KS) are for a full file; this test seats two.
  bodies: loadPreset('digi-rogaland').bodies.map((body: Record<string, unknown>) => {
    const { seats: _seats, ...rest } = body;
    return { ...rest, members: [p.stavanger.aadObjectId, p.sola.aadObjectId], chair: p.stavanger.aadObjectId, observers: [] };
  }),
});

const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);
const nb = { locale: 'nb-NO' };
const en = { locale: 'en-US' };
let clockNow = at('2026-11-02', 10);
let service: TestApp;
let ledger: DeliveryLedger;

/** A personal chat in the person's own tenant, and Teams' answer about its one user. */
function inOwnTenant(person: Person, tenantId: string, teamsSays = tenantId) {
  service.connector.rosters.set(`a:personal-${person.aadObjectId}`, [{ id: person.id, aadObjectId: person.aadObjectId, tenantId: teamsSays, userRole: 'user' }]);
  return conversationWith(service, tenantId);
}

const proactive = (person: Person) =>
  service.connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .map((s) => {
      const card = (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content;
      return card ? cardText(card) : String(s.activity.text ?? '');
    });
/** The ledger's record of a job once it has ended (sent or failed). */
async function settled(key: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const record = await ledger.get(HOST, key);
    if (record && (record.state === 'sent' || record.state === 'failed')) return record;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const arrived = (person: Person, count: number, what: string) => waitFor(() => proactive(person).length >= count && proactive(person), what);

beforeAll(async () => {
  service = await startTestApp({ programmes: [skate, digi], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  ledger = new DeliveryLedger(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })));
}, 60_000);
afterAll(async () => service.stop());

describe('Skate’s written feedback round (seed 004 §6.1)', () => {
  it('reaches every member in their own organisation’s tenant, in their language, also when Teams throttles the roster read', async () => {
    const host = conversationWith(service, HOST);
    await host.say(p.office, 'hjelp', nb);
    await host.say(p.office2, 'help', en);
    await inOwnTenant(p.skatt, SKATT).say(p.skatt, 'hjelp', nb);
    await inOwnTenant(p.nav, NAV).say(p.nav, 'help', en);
    // Teams names Nils in a tenant NAV's entry in the programme file does not list.
    await inOwnTenant(p.nav2, NAV, 'tenant-nav-old').say(p.nav2, 'hjelp', nb);
    // Roster reads share the sends' limits: Nina's is throttled four times before Teams answers
    // (more than botbuilder's hidden retries, 3, wait out: it was then withheld for good).
    service.connector.throttledRosters.set(`a:personal-${p.nav.aadObjectId}`, 4);

    const { card } = await host.say(p.office, 'tiltak ny', nb);
    await host.click(p.office, 'measure.create', { ...actionData(card!, 'measure.create'), title: 'Felles datakatalog', description: 'Katalog.', owners: p.skatt.aadObjectId, parties: 'nav' });
    const form = await host.say(p.office, 'sluttbehandling ny', nb);
    const opened = cardText(
      await host.click(p.office, 'finalTreatment.open', { ...actionData(form.card!, 'finalTreatment.open'), measureId: 'T-001', part: '', request: 'Les sluttrapporten.', deadline: '2026-11-20' }, nb),
    );
    expect(opened).toContain('Sluttbehandling S-001 er åpnet.');

    const [toKari] = await arrived(p.skatt, 1, 'Kari’s feedback card');
    expect(toKari).toContain('Ny sluttbehandling: Skatteetaten bes om skriftlig tilbakemelding innen 20. nov. 2026.');
    const [toNina] = await arrived(p.nav, 1, 'Nina’s feedback card after the throttled reads');
    expect(toNina).toContain('New final treatment: NAV is asked for written feedback by 20 Nov 2026.');
    expect(service.connector.throttledRosters.get(`a:personal-${p.nav.aadObjectId}`)).toBe(0);
    const ninasKey = `${HOST}:skate:finaltreatment:S-001:request:${p.nav.aadObjectId}`;
    expect(await settled(ninasKey)).toMatchObject({ state: 'sent', outcome: { kind: 'sent', attempts: 5 } });
  });

  it('a member the guard does withhold: the ledger says why, each office person is told in their language, and `frister` lists it', async () => {
    const nilsKey = `${HOST}:skate:finaltreatment:S-001:request:${p.nav2.aadObjectId}`;
    const record = await settled(nilsKey);
    expect(record).toMatchObject({ state: 'failed', outcome: { kind: 'failed-gave-up', attempts: 1, lastStatus: 403, lastError: 'DisclosureBlocked' } });
    expect(proactive(p.nav2)).toEqual([]);

    const [toOla] = await arrived(p.office, 1, 'Ola’s notice');
    expect(toOla).toContain('Samspill holdt tilbake en melding til Nils Nav (NAV) (personlig chat');
    expect(toOla).toContain('Samtalen har deltakere utenfor programmets aktører');
    expect(toOla).toContain('Den gjaldt internt programmateriale.');
    const [toSiri] = await arrived(p.office2, 1, 'Siri’s notice');
    expect(toSiri).toContain('Samspill held back a message to Nils Nav (NAV) (personal chat');

    const host = conversationWith(service, HOST);
    const deadlines = cardText((await host.say(p.office2, 'deadlines', en)).card);
    expect(deadlines).toContain('Skate: held back by the confidentiality rules');
    expect(deadlines).toContain('Nils Nav: a message was not sent');
    expect(cardText((await host.say(p.office, 'frister', nb)).card)).toContain('Skate: holdt tilbake av konfidensialitetsreglene');
    // Members see no such list.
    expect(cardText((await inOwnTenant(p.skatt, SKATT).say(p.skatt, 'frister', nb)).card)).not.toContain('holdt tilbake');
  });
});

describe('Digi Rogaland’s hearing on the agreement (§8)', () => {
  it('reaches each municipality’s representative in the municipality’s own tenant', async () => {
    clockNow = at('2027-01-11', 10);
    const office = conversationWith(service, ROGALAND);
    await office.say(p.digiOffice, 'hjelp', nb);
    await inOwnTenant(p.stavanger, STAVANGER).say(p.stavanger, 'hjelp', nb);
    await inOwnTenant(p.sola, SOLA).say(p.sola, 'help', en);
    service.connector.throttledRosters.set(`a:personal-${p.sola.aadObjectId}`, 4);
    const { card } = await office.say(p.digiOffice, 'avtalerevisjon ny', nb);
    const opened = cardText(
      await office.click(p.digiOffice, 'agreementRevision.open', { ...actionData(card!, 'agreementRevision.open'), changes: '§4.2 endres.', deadline: '2027-02-05' }, nb),
    );
    expect(opened).toContain('Revisjon A-001 er sendt på høring.');
    const [toStine] = await arrived(p.stavanger, 1, 'Stine’s hearing card');
    expect(toStine).toContain('Stavanger');
    expect(toStine).toContain('§4.2 endres.');
    const [toSiv] = await arrived(p.sola, 1, 'Siv’s hearing card');
    expect(toSiv).toContain('Sola');
    expect(toSiv).toMatch(/hearing|consultation/i);
    expect(proactive(p.digiOffice)).toEqual([]);
  });
});
