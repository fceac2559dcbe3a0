// The rest of the agreements end to end over HTTP, with real Bot Framework activities and real
// Azurite: membership fee and notice (Digi Rogaland §6–§7), the collaboration checklist (Difi),
// the roadmap (Digi Rogaland §4.7, §6), joint measures and deviation notices (KMD–KS §2.1, §6).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllowed } from '../../src/features/roadmap/app/roadmap.js';
import { checklistProgressOf } from '../../src/features/checklist/app/checklist.js';
import { loadPreset } from '../../src/platform/config/programmeFiles.js';
import { applyGateDecision, assignProjectLeader, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import { ChecklistTable } from '../../src/features/checklist/storage/checklistTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { FeeTable } from '../../src/features/membership/storage/feeTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { RoadmapTable } from '../../src/features/roadmap/storage/roadmapTable.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { CardRenderer } from '../../src/platform/cards/cardRenderer.js';
import { createAgreementModule } from '../../src/features/membership/module.js';
import type { IdeaRepository } from '../../src/features/ideas/app/ideaRepository.js';
import { actionData, cardText, conversationWith, type Card } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const OTHER_TENANT = 'tenant-b';
const now = Date.UTC(2026, 10, 22, 10);

// A Digi Rogaland-like programme: five municipalities and KS; fee and notice rules from the preset.
const digi: Programme = testProgramme({
  id: 'digi',
  name: 'Digi Rogaland test',
  ideaPrefix: 'DIGI',
  parties: [
    { id: 'stavanger', name: 'Stavanger kommune', tenantIds: [TENANT], inhabitants: 144_699 },
    { id: 'sandnes', name: 'Sandnes kommune', tenantIds: [TENANT], inhabitants: 80_450 },
    { id: 'bokn', name: 'Bokn kommune', tenantIds: [TENANT], inhabitants: 875 },
    { id: 'utsira', name: 'Utsira kommune', tenantIds: [TENANT], inhabitants: 197 },
    { id: 'kvitsoy', name: 'Kvitsøy kommune', tenantIds: [TENANT], inhabitants: 531 },
    { id: 'ks', name: 'KS Rogaland', tenantIds: [TENANT] },
  ],
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'stavanger', roles: ['office'] },
    { aadObjectId: 'aad-office2', name: 'Siri Sekretariat', party: 'sandnes', roles: ['office'] },
    { aadObjectId: 'aad-chair', name: 'Kari Chair', party: 'stavanger', roles: [] },
    { aadObjectId: 'aad-member', name: 'Per Member', party: 'ks', roles: [] },
    { aadObjectId: 'aad-observer', name: 'Oda Observer', party: 'bokn', roles: [] },
  ],
  membership: loadPreset('digi-rogaland').membership,
  // As in the preset: the steering group decides roadmap changes (§4.7).
  roadmap: { body: 'styringsgruppen' },
});
// A programme without membership terms, in another tenant.
const plain = testProgramme({ tenantId: OTHER_TENANT, parties: [{ id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [OTHER_TENANT] }, { id: 'finans-norge', name: 'Finans Norge', tenantIds: [OTHER_TENANT] }] });

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let tables: Tables;
const key = { tenantId: TENANT, programmeId: 'digi' };
const nb = { locale: 'nb-NO' };
const office = { id: 'aad-office', name: 'Ola Office' };

beforeAll(async () => {
  app = await startTestApp({ programmes: [digi, plain], now: () => now });
  chat = conversationWith(app, TENANT);
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
});
afterAll(async () => app.stop());

const text = async (who: (typeof people)[keyof typeof people], words: string, extra = {}) => {
  const reply = await chat.say(who, words, extra);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};

describe('membership fee', () => {
  const inhabitants = {
    'inh.stavanger': '144 699',
    'inh.sandnes': '80450',
    'inh.bokn': '875',
    'inh.utsira': '197',
    'inh.kvitsoy': '531',
    'inh.ks': '',
  };

  it('opens the year’s form for the office, prefilled from the programme file', async () => {
    const { card } = await chat.say(people.office, 'kontingent 2026', nb);
    const shown = cardText(card);
    expect(shown).toContain('Medlemskontingent 2026 – Digi Rogaland test');
    expect(shown).toContain('Sats fra 2021: 150 000 kr per kommune + 5 kr per innbygger. De 3 minste kommunene betaler bare innbyggerdelen.');
    expect(shown).toContain('Ingen nyere sats er lagt inn, så satsen fra 2021 brukes.');
    expect(shown).toContain('Kontingenten for 2026 er ikke beregnet ennå.');
    expect(JSON.stringify(card)).toContain('"id":"inh.stavanger"');
    expect(JSON.stringify(card)).toContain('"value":"144699"');
    expect(actionData(card, 'fee.compute')).toEqual({ programmeId: 'digi', year: 2026 });
  });

  it('computes, stores and shows the table; the three smallest pay only per inhabitant; KS pays nothing', async () => {
    const card = await chat.click(people.office, 'fee.compute', { programmeId: 'digi', year: 2026, ...inhabitants }, nb);
    const shown = cardText(card);
    expect(shown).toContain('Kontingenten for 2026 er beregnet og lagret.');
    expect(shown).toMatch(/Stavanger kommune\n144 699\n150 000 kr\n723 495 kr\n873 495 kr/);
    expect(shown).toMatch(/Bokn kommune \*\n875\n0 kr\n4 375 kr\n4 375 kr/);
    expect(shown).toMatch(/Totalt \(5 kommuner\)\n226 752\n300 000 kr\n1 133 760 kr\n1 433 760 kr/);
    expect(shown).not.toContain('KS Rogaland\n');
    const stored = await new FeeTable(tables).get(key, 2026);
    expect(stored?.lines.map((l) => [l.partyId, l.variableOnly, l.totalOre / 100])).toEqual([
      ['stavanger', false, 873_495],
      ['sandnes', false, 552_250],
      ['bokn', true, 4_375],
      ['utsira', true, 985],
      ['kvitsoy', true, 2_655],
    ]);
    expect(stored?.computedBy).toEqual(office);
  });

  it('shows the stored table again, in English', async () => {
    const shown = await text(people.office2, 'fees 2026');
    expect(shown).toContain('Membership fee 2026 – Digi Rogaland test');
    expect(shown).toMatch(/Stavanger kommune\n144,699\nNOK 150,000\nNOK 723,495\nNOK 873,495/);
    expect(shown).toContain('Calculated');
    expect(shown).toContain('by Ola Office');
  });

  it('settles a tie at the third-smallest place in favour of the small municipalities, and says so', async () => {
    // Kvitsøy as large as Bokn: still three exempt, no tie beyond the boundary.
    const three = cardText(await chat.click(people.office, 'fee.compute', { programmeId: 'digi', year: 2027, ...inhabitants, 'inh.kvitsoy': '875' }));
    expect(three).not.toContain('tied at the boundary');
    expect((await new FeeTable(tables).get(key, 2027))?.lines.filter((l) => l.variableOnly).map((l) => l.partyId)).toEqual(['bokn', 'utsira', 'kvitsoy']);
    // Sandnes as small as Bokn too: four share the third place, and all four pay only per inhabitant.
    const four = await chat.click(people.office, 'fee.compute', { programmeId: 'digi', year: 2028, ...inhabitants, 'inh.kvitsoy': '875', 'inh.sandnes': '875' }, nb);
    expect(cardText(four)).toContain('Flere kommuner står likt på grensen for de 3 minste (875 innbyggere). Alle disse betaler bare innbyggerdelen');
    expect(cardText(four)).toMatch(/Sandnes kommune \*\n875\n0 kr\n4 375 kr/);
    expect((await new FeeTable(tables).get(key, 2028))?.lines.filter((l) => l.variableOnly).map((l) => l.partyId)).toEqual(['sandnes', 'bokn', 'utsira', 'kvitsoy']);
  });

  it('keeps the form and what was typed when a count is not a number, and stores nothing', async () => {
    const before = await new FeeTable(tables).get(key, 2026);
    const card = await chat.click(people.office, 'fee.compute', { programmeId: 'digi', year: 2026, ...inhabitants, 'inh.sandnes': 'mange' }, nb);
    const shown = cardText(card);
    expect(shown).toContain('Rett dette og beregn igjen:');
    expect(shown).toContain('Sandnes kommune: innbyggertallet må være et helt tall');
    expect(JSON.stringify(card)).toContain('"value":"mange"');
    expect(await new FeeTable(tables).get(key, 2026)).toEqual(before);
  });

  it('refuses a member who is not the office, a year before the first rate and a programme without a rule', async () => {
    expect(await text(people.member, 'fees 2026')).toContain('Only the programme office can do this.');
    expect(cardText(await chat.click(people.member, 'fee.compute', { programmeId: 'digi', year: 2026, ...inhabitants }))).toContain(
      'Only the programme office can do this.',
    );
    expect(await text(people.office, 'fees 2019')).toContain('There is no fee rate for 2019; the first applies from 2021.');
    const other = conversationWith(app, OTHER_TENANT);
    const { card } = await other.say(people.office, 'kontingent', nb);
    expect(cardText(card)).toContain('Programmet har ingen regel for medlemskontingent');
    expect(cardText(await chat.click(people.office, 'fee.form', { programmeId: 'digi', year: 'x' }))).toContain('Year:');
  });
});

describe('notice of withdrawal', () => {
  it('a notice given today (22 November 2026) runs from 1 January 2027 and takes effect on 1 January 2028', async () => {
    const shown = await text(people.member, 'oppsigelse', nb);
    expect(shown).toContain('Oppsigelse – Digi Rogaland test');
    expect(shown).toContain('ett år gjeldende fra 1. januar i påfølgende år');
    expect(shown).toContain('Oppsigelse gitt 22. nov. 2026');
    expect(shown).toContain('Oppsigelsestiden (ett år) løper fra 1. jan. 2027.');
    expect(shown).toContain('Siste dag som medlem: 31. des. 2027.');
    expect(shown).toContain('Uttreden gjelder fra 1. jan. 2028.');
  });

  it('takes a date, in either spelling, in English', async () => {
    const shown = await text(people.observer, 'notice 31.12.2026');
    expect(shown).toContain('Notice given on 31 Dec 2026');
    expect(shown).toContain('The withdrawal takes effect on 1 Jan 2028.');
    expect(await text(people.observer, 'notice 2027-01-01')).toContain('The withdrawal takes effect on 1 Jan 2029.');
    expect(await text(people.observer, 'notice 30.02.2027')).toContain('I did not understand the date "30 02 2027"');
  });

  it('refuses someone outside the programme and a programme without a notice rule', async () => {
    expect(await text(people.outsider, 'notice')).toContain('not registered in any programme');
    const other = conversationWith(app, OTHER_TENANT);
    expect(cardText((await other.say(people.member, 'notice')).card)).toContain('The programme has no notice rule');
  });
});

describe('projects: checklist and roadmap', () => {
  const ideas = () => new IdeaTable(tables);
  const by = office;
  let project = '';
  let registeredOnly = '';

  beforeAll(async () => {
    const store = ideas();
    const make = async (submission: string, title: string) => {
      const made = await store.register(key, submission, { prefix: 'DIGI', year: 2026 }, (number) =>
        register(digi, { number, title, description: 'Felles innbyggerdialog.', party: 'stavanger', submittedBy: office, at: now }),
      );
      if (!made.ok) throw new Error('register');
      return made.value.idea.number;
    };
    project = await make('sub-project', 'Felles chatbot');
    registeredOnly = await make('sub-registered', 'Bare registrert');
    const steps = [
      (i: Parameters<typeof prioritise>[1]) => prioritise(digi, i, { rank: 1, by, at: now }),
      (i: Parameters<typeof prioritise>[1]) => qualify(digi, i, { assessment: 'Moden.', recommendation: 'Anbefales.', by, at: now }),
      (i: Parameters<typeof prioritise>[1]) => assignProjectLeader(digi, i, { person: 'aad-member', by, at: now }),
      (i: Parameters<typeof prioritise>[1]) => applyGateDecision(digi, i, { gate: 'BP1', adopted: true, by, at: now }),
    ];
    for (const step of steps) {
      const result = await store.apply(key, project, step);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    }
  });

  const toggles = (card: Card) =>
    Object.fromEntries(
      [...JSON.stringify(card).matchAll(/"id":"(item\.[^"]+)","title":"(?:[^"\\]|\\.)*","value":"(true|false)"/g)].map((m) => [m[1]!, m[2]!]),
    );

  it('the project leader opens the checklist and ticks it through; progress is kept per idea', async () => {
    const { card } = await chat.say(people.member, `sjekkliste ${project.toLowerCase()}`, nb);
    const shown = cardText(card);
    expect(shown).toContain('Samarbeidssjekkliste');
    expect(shown).toContain(`${project} Felles chatbot · Prosjektleder: Per Member`);
    expect(shown).toContain('0 av 22 punkter (0 %)');
    expect(shown).toContain('Starte sammen (0/6)');
    expect(shown).toContain('Designprinsipper (0/5)');
    expect(shown).toContain('1. Menneskers behov skal settes i sentrum.');
    const values = toggles(card!);
    expect(Object.keys(values)).toHaveLength(22);
    const data = actionData(card, 'checklist.tick');
    const ticked = await chat.click(
      people.member,
      'checklist.tick',
      { ...data, ...values, 'item.starte-sammen.brukerperspektiv.brukerbehov': 'true', 'item.prinsipp.1': 'true' },
      nb,
    );
    const after = cardText(ticked);
    expect(after).toContain('Lagret (2 endret).');
    expect(after).toContain('2 av 22 punkter (9 %)');
    expect(after).toContain('Krysset av av Per Member');
    const progress = await checklistProgressOf(new ChecklistTable(tables), key, project);
    expect(progress.overall).toEqual({ done: 2, total: 22, percent: 9 });
    expect(progress.byPhase['starte-sammen'].done).toBe(1);
    expect(progress.byTheme.brukerperspektiv.done).toBe(1);
    expect(progress.principles.done).toBe(1);
  });

  it('a stale card changes only what its user changed; unticking works', async () => {
    // The office opened the card before the leader's ticks and ticks one other item.
    const stale = { programmeId: 'digi', number: project, seen: '' };
    const allFalse = Object.fromEntries(Object.keys(toggles((await chat.say(people.office, `checklist ${project}`)).card!)).map((k) => [k, 'false']));
    const card = await chat.click(people.office, 'checklist.tick', { ...stale, ...allFalse, 'item.levere-sammen.styring.prosjektmodell': 'true' });
    expect(cardText(card)).toContain('3 of 22 items (13%)');
    const fresh = await chat.click(people.office, 'checklist.show', { programmeId: 'digi', number: project });
    const untick = await chat.click(people.office, 'checklist.tick', { ...actionData(fresh, 'checklist.tick'), ...toggles(fresh), 'item.prinsipp.1': 'false' });
    expect(cardText(untick)).toContain('2 of 22 items (9%)');
    const record = await new ChecklistTable(tables).get(key, project);
    expect(Object.keys(record!.ticks).sort()).toEqual(['levere-sammen.styring.prosjektmodell', 'starte-sammen.brukerperspektiv.brukerbehov']);
  });

  it('only the project leader and the office open it, and only for a project', async () => {
    expect(await text(people.chair, `checklist ${project}`)).toContain('Only the project leader and the programme office can open the checklist.');
    expect(
      cardText(await chat.click(people.observer, 'checklist.tick', { programmeId: 'digi', number: project, seen: '', 'item.prinsipp.2': 'true' })),
    ).toContain('Only the project leader');
    expect(await text(people.office, `checklist ${registeredOnly}`)).toContain(`${registeredOnly} is not a project yet (it is registered).`);
    expect(await text(people.office, 'checklist DIGI-2026-999')).toContain('There is no idea numbered DIGI-2026-999.');
    expect(cardText(await chat.click(people.office, 'checklist.tick', { programmeId: 'digi', number: 'nope' }))).toContain('Some fields need correcting');
  });

  it('without a number, offers the projects the person leads', async () => {
    const { card } = await chat.say(people.member, 'checklist');
    expect(cardText(card)).toContain(`${project} Felles chatbot`);
    expect(actionData(card, 'checklist.show')).toEqual({ programmeId: 'digi', number: project });
    expect(await text(people.observer, 'checklist')).toContain('You have no projects with a checklist.');
  });

  // Sending the checklist to the project leader (at the start and by the office): test/http/checklist.test.ts.

  it('the roadmap shows the running project as missing an entry, which means it may not start', async () => {
    const shown = await text(people.member, 'veikart', nb);
    expect(shown).toContain('Veikart – Digi Rogaland test');
    expect(shown).toContain('Prosjekter uten plass på veikartet');
    expect(shown).toContain(`${project} Felles chatbot`);
    expect(shown).toContain('Mangler veikartoppføring');
    expect(shown).not.toContain(registeredOnly);
    expect(await startAllowed(new RoadmapTable(tables), key, project)).toEqual({ ok: false, error: { code: 'not-on-roadmap', number: project } });
    const { card } = await chat.say(people.member, 'roadmap');
    expect(() => actionData(card, 'roadmap.add')).toThrow();
  });

  it('the office’s additions and changes are proposed changes, shown as such and not in force until decided', async () => {
    const { card } = await chat.say(people.office, 'veikart', nb);
    expect(actionData(card, 'roadmap.add')).toEqual({ programmeId: 'digi' });
    expect(actionData(card, 'roadmap.revision')).toEqual({ programmeId: 'digi' });
    const added = cardText(await chat.click(people.office, 'roadmap.add', { programmeId: 'digi', number: project.toLowerCase(), start: '2027-Q1', end: '2027-Q4', note: 'Fase 1' }, nb));
    expect(added).toContain(`${project}: endringen er foreslått. Den gjelder først når Styringsgruppen har vedtatt revisjonen.`);
    expect(added).toContain('Endringer som ikke er vedtatt ennå');
    expect(added).toContain('Legges til: Start: 1. kv. 2027; Slutt: 4. kv. 2027; Merknad: Fase 1');
    // Not on the adopted roadmap yet: still missing, and the project may not start.
    expect(added).toContain('Prosjekter uten plass på veikartet');
    expect((await startAllowed(new RoadmapTable(tables), key, project)).ok).toBe(false);

    const changed = cardText(await chat.click(people.office2, 'roadmap.add', { programmeId: 'digi', number: project, start: '2027-Q1', end: '2028-Q2', note: 'Fase 1' }));
    expect(changed).toContain('To be added: Start: Q1 2027; End: Q2 2028; Note: Fase 1 · Proposed by Siri Sekretariat');
    const same = cardText(await chat.click(people.office2, 'roadmap.add', { programmeId: 'digi', number: project, start: '2027-Q1', end: '2028-Q2', note: 'Fase 1' }));
    expect(same).toContain(`${project} was already on the roadmap like that.`);

    // A planned entry for an idea that has not started yet is proposed the same way.
    await chat.click(people.office, 'roadmap.add', { programmeId: 'digi', number: registeredOnly, start: '2028-Q3', end: '2028-Q4' });
    const roadmap = await text(people.member, 'roadmap');
    expect(roadmap).toContain('Changes not adopted yet');
    expect(roadmap).toContain(`${registeredOnly} Bare registrert`);
    expect(roadmap).not.toContain('H2 2028');
    expect(await new RoadmapTable(tables).revisions(key, 10)).toEqual([]);
  });

  it('adopted by the steering group, the changes take effect and the log has who, when and what, with the decision', async () => {
    const CHANNEL = '19:digi-styring@thread.tacv2';
    const linked = await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', { conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' } });
    expect(linked.text).toContain('is now linked to this channel');
    const { card } = await chat.say(people.office, 'roadmap revision');
    const deadlineDate = new Date(now + 7 * 86_400_000).toISOString().slice(0, 10);
    const put = cardText(await chat.click(people.office, 'roadmap.propose', { ...actionData(card, 'roadmap.propose'), deadlineDate, deadlineTime: '16:00' }));
    expect(put).toContain('Revision R-001 with 2 changes is put to Steering group');
    const vote = (await new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 }).list(key)).find((v) => v.matter?.kind === 'roadmap-revision')!;
    await chat.click(people.chair, 'gate.vote', { programmeId: 'digi', voteId: vote.id, choice: 'for' });
    await chat.click(people.member, 'gate.vote', { programmeId: 'digi', voteId: vote.id, choice: 'for' });
    expect(cardText(await chat.click(people.chair, 'gate.close', { programmeId: 'digi', voteId: vote.id }))).toContain('are now in force on the roadmap');

    const shown = await text(people.member, 'veikart', nb);
    expect(shown).toContain('1. halvår 2027');
    expect(shown).toContain('1. kv. 2027 – 2. kv. 2028 · Konsept (i arbeid) — Fase 1');
    expect(shown).toContain('2. halvår 2028');
    expect(shown).not.toContain('Prosjekter uten plass på veikartet');
    expect((await startAllowed(new RoadmapTable(tables), key, project)).ok).toBe(true);

    const { card: withLog } = await chat.say(people.member, 'veikart', nb);
    const log = cardText(await chat.click(people.member, 'roadmap.log', actionData(withLog, 'roadmap.log'), nb));
    expect(log).toContain('Endringer i veikartet – Digi Rogaland test');
    expect(log).toContain('Revisjon R-001 vedtatt av Styringsgruppen');
    expect(log).toContain(`Avstemning ${vote.id}; lagt fram`);
    expect(log).toMatch(new RegExp(`${registeredOnly} lagt til på veikartet \\(foreslått av Ola Office\\)\nStart: 3\\. kv\\. 2028\nSlutt: 4\\. kv\\. 2028`));
    expect(log).toMatch(new RegExp(`${project} lagt til på veikartet \\(foreslått av Siri Sekretariat\\)\nStart: 1\\. kv\\. 2027\nSlutt: 2\\. kv\\. 2028\nMerknad: Fase 1`));
    const lines = await new RoadmapTable(tables).revisions(key, 10);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ at: now, decision: { revisionId: 'R-001', voteId: vote.id } });
  });

  it('refuses a member, an end before the start, a quarter that does not exist and an unknown idea', async () => {
    const entry = { programmeId: 'digi', number: project, start: '2027-Q1', end: '2027-Q4' };
    expect(cardText(await chat.click(people.member, 'roadmap.add', entry))).toContain('Only the programme office can do this.');
    expect(cardText(await chat.click(people.office, 'roadmap.add', { ...entry, start: '2028-Q1' }, nb))).toContain('Slutten kan ikke være før starten.');
    expect(cardText(await chat.click(people.office, 'roadmap.add', { ...entry, start: '2027-Q5' }))).toContain('Planned start (quarter): has the wrong format');
    expect(cardText(await chat.click(people.office, 'roadmap.add', { ...entry, number: 'DIGI-2026-404' }))).toContain('There is no idea numbered DIGI-2026-404.');
    expect(await new RoadmapTable(tables).revisions(key, 10)).toHaveLength(2);
  });
});

describe('joint measures and deviations', () => {
  const measures = () => new MeasureTable(tables);

  it('the office creates a measure with owners and parties, once per form', async () => {
    const { card } = await chat.say(people.office, 'tiltak ny', nb);
    expect(cardText(card)).toContain('Nytt felles tiltak – Digi Rogaland test');
    const data = { ...actionData(card, 'measure.create'), title: 'Felles innbyggerdialog', description: 'Chatbot for alle kommunene.', owners: 'aad-chair', parties: 'stavanger,ks' };
    const [first, second] = await Promise.all([chat.click(people.office, 'measure.create', data, nb), chat.click(people.office, 'measure.create', data, nb)]);
    expect([cardText(first), cardText(second)].join('\n')).toContain('Tiltak T-001 er opprettet.');
    expect([cardText(first), cardText(second)].join('\n')).toContain('Skjemaet var allerede sendt: tiltak T-001.');
    const stored = await measures().measures(key);
    expect(stored.map((m) => [m.id, m.title, m.owners, m.parties])).toEqual([['T-001', 'Felles innbyggerdialog', ['aad-chair'], ['stavanger', 'ks']]]);
    const list = await text(people.member, 'measures');
    expect(list).toContain('T-001 Felles innbyggerdialog');
    expect(list).toContain('Owners: Kari Chair');
    expect(list).toContain('Parties: Stavanger kommune, KS Rogaland');
  });

  it('refuses a member, and gives the form back with the problems and the text kept', async () => {
    expect(await text(people.member, 'new measure')).toContain('Only the programme office can do this.');
    const { card } = await chat.say(people.office, 'new measure');
    const again = await chat.click(people.office, 'measure.create', { ...actionData(card, 'measure.create'), title: '', description: 'Beholdt tekst', owners: 'aad-chair', parties: '' }, nb);
    const shown = cardText(again);
    expect(shown).toContain('Tiltak (høyst 200 tegn): må fylles ut');
    expect(shown).toContain('Parter i tiltaket:');
    expect(shown).toContain('Beholdt tekst');
    expect(cardText(await chat.click(people.office, 'measure.create', { ...actionData(card, 'measure.create'), title: 'X', owners: 'aad-nobody', parties: 'ks' }))).toContain(
      'The person is not in the programme.',
    );
    expect(await measures().measures(key)).toHaveLength(1);
  });

  it('a party member reports a deviation; it is sent to the other parties at once, once', async () => {
    // The recipients have chatted with the bot before, so their personal chats are known.
    // Each notice is in its recipient's language: Kari writes Bokmål, Ola English.
    await chat.say(people.chair, 'hjelp', nb);
    await chat.say(people.office, 'help');
    const { card } = await chat.say(people.member, 'avvik', nb);
    expect(cardText(card)).toContain('Meld avvik – Digi Rogaland test');
    expect(cardText(card)).toContain('T-001 Felles innbyggerdialog');
    const data = { ...actionData(card, 'deviation.file'), measureId: 'T-001', what: 'Leverandøren er forsinket.', impact: 'Piloten flyttes tre måneder.', proposal: 'Vi starter med to kommuner.' };
    const filed = cardText(await chat.click(people.member, 'deviation.file', data, nb));
    expect(filed).toContain('Avvik A-001 på T-001 er registrert og sendes straks til: Kari Chair (Stavanger kommune), Ola Office (Stavanger kommune).');
    expect(filed).toContain('Åpne avvik – Digi Rogaland test');
    expect(filed).toContain('Hva: Leverandøren er forsinket.');
    expect(cardText(await chat.click(people.member, 'deviation.file', data, nb))).toContain('Skjemaet var allerede sendt: avvik A-001.');

    const deadline = Date.now() + 15_000;
    const notices = () => app.connector.sent.filter((s) => /Avviksmelding A-001|Deviation notice A-001/.test(String(s.activity.text ?? '')));
    while (notices().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive by now
    expect(notices().map((s) => s.conversationId).sort()).toEqual(['a:personal-aad-chair', 'a:personal-aad-office']);
    const to = (aad: string) => String(notices().find((s) => s.conversationId === `a:personal-${aad}`)?.activity.text);
    expect(to('aad-chair')).toContain('Avviksmelding A-001 for tiltaket «Felles innbyggerdialog»');
    expect(to('aad-chair')).toContain('Konsekvens: Piloten flyttes tre måneder.');
    expect(to('aad-office')).toContain('Deviation notice A-001 for the measure "Felles innbyggerdialog"');
    expect(await measures().deviations(key)).toHaveLength(1);
  });

  it('refuses someone who is not a party of the measure, and gives the form back on missing fields', async () => {
    expect(await text(people.observer, 'deviation')).toContain('You are not a party to any joint measure');
    const data = { programmeId: 'digi', submissionId: 'observer-form-1', measureId: 'T-001', what: 'x', impact: 'y', proposal: 'z' };
    expect(cardText(await chat.click(people.observer, 'deviation.file', data))).toContain('Only the parties to measure T-001, its owners and the programme office');
    const { card } = await chat.say(people.member, 'avvik', nb);
    const again = cardText(await chat.click(people.member, 'deviation.file', { ...actionData(card, 'deviation.file'), measureId: 'T-001', what: 'Noe skjedde', impact: '', proposal: 'Ny plan' }, nb));
    expect(again).toContain('Konsekvens for tiltaket: må fylles ut');
    expect(again).toContain('Noe skjedde');
    expect(cardText(await chat.click(people.member, 'deviation.file', { ...data, submissionId: 'x-1234567', measureId: 'T-009' }))).toContain('There is no measure T-009.');
    expect(await measures().deviations(key)).toHaveLength(1);
  });

  it('lists open deviations for the consultation meeting; the office closes them', async () => {
    const { card } = await chat.say(people.office, 'avvik liste', nb);
    const shown = cardText(card);
    expect(shown).toContain('Til neste konsultasjonsmøte');
    expect(shown).toContain('T-001 Felles innbyggerdialog');
    expect(shown).toMatch(/A-001 · KS Rogaland · 22\. nov\. 2026/);
    expect(shown).toContain('Konsekvens: Piloten flyttes tre måneder.');
    expect(shown).toContain('Meldt av Per Member; varslet: Kari Chair (Stavanger kommune), Ola Office (Stavanger kommune)');
    const close = actionData(card, 'deviation.close');
    expect(close).toEqual({ programmeId: 'digi', deviationId: 'A-001' });
    const { card: memberCard } = await chat.say(people.member, 'deviations');
    expect(() => actionData(memberCard, 'deviation.close')).toThrow();
    expect(cardText(await chat.click(people.member, 'deviation.close', { ...close, 'resolution.A-001': 'Nei.' }))).toContain('Only the programme office can do this.');
    expect(cardText(await chat.click(people.office, 'deviation.close', { ...close, 'resolution.A-001': '' }))).toContain('How was it handled: is required');

    const closed = cardText(await chat.click(people.office, 'deviation.close', { ...close, 'resolution.A-001': 'Behandlet i konsultasjonsmøtet.' }, nb));
    expect(closed).toContain('Avvik A-001 er lukket.');
    expect(closed).toContain('Ingen åpne avvik.');
    expect((await measures().deviations(key))[0]).toMatchObject({ status: 'closed', closed: { resolution: 'Behandlet i konsultasjonsmøtet.', by: office } });
    expect(cardText(await chat.click(people.office, 'deviation.close', { ...close, 'resolution.A-001': 'Igjen.' }))).toContain('Deviation A-001 is already closed.');
    expect(await text(people.member, 'measures')).toContain('Open deviations: 0');
  });
});

describe('help', () => {
  it('offers the new commands by role', async () => {
    const forOffice = await text(people.office, 'hjelp', nb);
    for (const word of ['kontingent', 'oppsigelse', 'sjekkliste', 'veikart', 'tiltak ny', 'avvik', 'avvik liste']) expect(forOffice).toContain(word);
    const forMember = await text(people.member, 'help');
    expect(forMember).toContain('roadmap');
    expect(forMember).not.toContain('new measure');
    expect(forMember).not.toContain('fees');
  });
});

describe('bad card data', () => {
  // Every verb of these features, with the fields its card sends, fuzzed: the answer is always a
  // card (200), never the internal-failure apology.
  const module = createAgreementModule({
    tables: {} as Tables,
    ideas: {} as IdeaRepository,
    cards: new CardRenderer(),
    delivery: { enqueue: async () => 'queued' },
    served: { programmes: [] },
    deliveryLog: { find: async () => undefined },
    conversations: { personalFor: async () => undefined },
    log: { error: () => undefined },
  });
  const extraFields: Record<string, string[]> = {
    'fee.compute': ['inh.stavanger', 'inh.ks', 'inh.nope'],
    'checklist.tick': ['item.prinsipp.1', 'item.nope', 'seen'],
    'deviation.close': ['programmeId', 'deviationId', 'resolution', 'resolution.A-001'],
    'deviation.file': ['submissionId', 'measureId', 'what', 'impact', 'proposal'],
  };
  const verbFields = Object.entries(module.verbs()).map(([verb, definition]) => {
    const shape = (definition.schema as { shape?: Record<string, unknown> }).shape;
    return [verb, [...new Set([...(shape ? Object.keys(shape) : []), ...(extraFields[verb] ?? [])])]] as const;
  });
  const tryAgain = [translate('nb', 'error.tryAgain'), translate('en', 'error.tryAgain')];
  const value = fc.oneof(
    fc.constantFrom('digi', 'DIGI-2026-001', 'T-001', 'A-001', '2027-Q1', 'true', 'false', '', '  ', '2026', 'aad-chair', 'stavanger,ks'),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );

  it.each(verbFields)('%s answers every input with a card', async (verb, fields) => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
        fc.constantFrom(people.office, people.member, people.outsider),
        async (data, who) => {
          const card = await chat.click(who, verb, data as Record<string, unknown>);
          const shown = cardText(card);
          for (const apology of tryAgain) expect(shown).not.toContain(apology);
        },
      ),
      { numRuns: 25 },
    );
  });
});
