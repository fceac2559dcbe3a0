// Skate's quarterly samlesak (seed 004 §5.1, §5.3, §3.5/§5.5) over HTTP, with real Bot
// Framework activities, in-memory Azurite and the delivery worker posting to the Connector stub:
// the secretariat opens the quarter's case of every measure (projects and joint measures), AU
// assesses — a deviation from the owner's view only with its reason — and adopts, the case goes
// to Skate's channel as a card and its CSV, Skate's advice and the director's decision are
// recorded per measure (on the director's behalf where the file names no director), and the next
// quarter's report form names the decision (R37). Refusals by role and invalid data on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasure } from '../../src/features/measures/domain/measures.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { SamlesakTable } from '../../src/features/reporting/storage/samlesakTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { seedActiveProject } from '../support/reportingProject.js';
import { actionsOf, postedTo, runQuarterlySamlesak, type SamlesakRun } from '../support/samlesak.js';
import { skatePeople as p, skatePeopleWith, skateSamlesakProgramme } from '../support/skateSamlesak.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-samlesak';
const TENANT_B = 'tenant-samlesak-b';
const skate = skateSamlesakProgramme(TENANT);
// The file names no director: the office records the decisions on the director's behalf.
const skateB = skateSamlesakProgramme(TENANT_B, { id: 'skateb', director: false, prefix: 'b-' });
const pb = skatePeopleWith('b-');
const CHANNEL = '19:skate-samlesak@thread.tacv2';
const CHANNEL_B = '19:skateb-samlesak@thread.tacv2';
const key = { tenantId: TENANT, programmeId: skate.id };

let clockNow = osloTime('2026-10-20', 10, 0); // Q4's reports were due on 15 October
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let chatB: ReturnType<typeof conversationWith>;
let tables: Tables;
let red: string; // a project whose owner reported red with a deviation
let silent: string; // a project that filed no report
const base = { programmeId: 'skate', periodKey: '2026-Q4' };

const shown = async (c: typeof chat, person: Person, words: string) => {
  const reply = await c.say(person, words);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};
const click = async (person: Person, verb: string, data: Record<string, unknown>, c = chat) => cardText(await c.click(person, verb, data));

async function seed(programme: Programme, tenantId: string, seedKey: string, people = p) {
  const ideas = new IdeaTable(tables);
  const first = await seedActiveProject(ideas, programme, people.owner, clockNow - 86_400_000 * 60, `${seedKey}-1`);
  const second = await seedActiveProject(ideas, programme, people.owner2, clockNow - 86_400_000 * 60, `${seedKey}-2`);
  const measures = new MeasureTable(tables);
  const joint = await measures.createMeasure({ tenantId, programmeId: programme.id }, `${seedKey}-measure`, (n) =>
    createMeasure(programme, n, { title: 'Felles datakatalog', description: 'Et felles tiltak.', owners: [people.owner2.aadObjectId], parties: ['nav', 'digdir'], by: { id: people.office.aadObjectId, name: people.office.name }, at: clockNow }),
  );
  if (!joint.ok) throw new Error(JSON.stringify(joint.error));
  return { first, second };
}

async function link(c: typeof chat, tenantId: string, channel: string, people = p) {
  const member = (person: Person) => ({ id: person.id, aadObjectId: person.aadObjectId, tenantId, userRole: 'user' as const });
  service.connector.rosters.set(channel, [member(people.office), member(people.skate), member(people.director), member(people.au1)]);
  const linked = await c.say(people.office, '<at>Samspill</at> link skate', { conversation: { id: channel, conversationType: 'channel' } });
  expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
}

beforeAll(async () => {
  service = await startTestApp({ programmes: [skate, skateB], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  chatB = conversationWith(service, TENANT_B);
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  for (const person of Object.values(p)) await chat.say(person, 'help');
  for (const person of Object.values(pb)) await chatB.say(person, 'help');
  ({ first: red, second: silent } = await seed(skate, TENANT, 'a'));
  await seed(skateB, TENANT_B, 'b', pb);
  // The owner's own view of the red project, filed in Q4.
  const form = actionData(await chat.click(p.owner, 'report.form', { programmeId: 'skate', scheduleId: 'kvartalsrapport', periodKey: '2026-Q4', ideaNumber: red }), 'report.submit');
  const filed = await chat.click(p.owner, 'report.submit', {
    ...form,
    status: 'red',
    progress: 'Leverandøren er forsinket.',
    result: 'false',
    completionDate: 'false',
    cost: 'true',
    costText: 'Kostnaden øker med 20 %.',
    correctiveActions: 'Vi reforhandler kontrakten.',
    nextMilestones: 'Ny kontrakt i desember.',
  });
  expect(cardText(filed)).toContain('The report is filed (version 1)');
}, 120_000);
afterAll(async () => service.stop());

describe('who may open the samlesak (§5.3)', () => {
  it('the secretariat opens the quarter just ended: every measure, projects and joint measures, with the owner\'s own view', async () => {
    const text = await shown(chat, p.office, 'combined case');
    expect(text).toContain('Combined case 2026-Q4');
    expect(text).toContain('T-001 – Felles datakatalog');
    expect(text).toContain(red);
    expect(text).toContain(silent);
    expect(text).toContain("The owner's own view: Red: significant deviations (report version 1");
    expect(text).toContain('Proposed corrective actions: Vi reforhandler kontrakten.');
    expect(text).toContain('No status report filed for the quarter.');
    expect(text).toContain('3 measures, 1 report filed');
    // In Bokmål, with the command's Norwegian word.
    const nb = await chat.say(p.office, 'samlesak 2026-Q4', { locale: 'nb-NO' });
    expect(cardText(nb.card)).toContain('3 tiltak, 1 rapport levert');
  });

  it('refuses a participant who is neither the secretariat nor AU, and Skate before the case reaches it', async () => {
    expect(await shown(chat, p.outsider, 'combined case 2026-Q4')).toContain("The combined case is for Skate's secretariat and Skate's working committee (AU) until it is sent to Skate");
    expect(await shown(chat, p.skate, 'combined case 2026-Q4')).toContain('until it is sent to Skate');
    expect(await click(p.owner, 'samlesak.assess', { ...base, measureId: red, status: 'green', assessment: 'x', recommendation: 'y' })).toContain(
      "Only Skate's secretariat and the members of Skate's working committee (AU) prepare the combined case",
    );
  });
});

describe("AU's assessment (§3.5/§5.5 «AU skal da begrunne dette»)", () => {
  it('refuses a deviation from the owner\'s view without a reason, in the reader\'s language, and keeps what was typed', async () => {
    const refused = await click(p.au1, 'samlesak.assess', { ...base, measureId: red, status: 'green', assessment: 'AU ser det annerledes.', recommendation: 'Til orientering.', reason: '' });
    expect(refused).toContain(`AU's assessment deviates from the measure owner's own view for ${red}. AU must then give its reason`);
    expect(refused).toContain('AU ser det annerledes.');
    const nb = cardText(await chat.click(p.au1, 'samlesak.assess', { ...base, measureId: red, status: 'yellow', assessment: 'x', recommendation: 'y' }, { locale: 'nb-NO' }));
    expect(nb).toContain('AU skal da begrunne dette');
    const stored = await new SamlesakTable(tables).get(key, 'kvartalsrapport', '2026-Q4');
    expect(stored?.assessments[red]).toBeUndefined();
  });

  it('accepts it with the reason, and the secretariat’s entry is marked as its proposal', async () => {
    expect(await click(p.au1, 'samlesak.assess', { ...base, measureId: red, status: 'yellow', assessment: 'Kontrakten er snart på plass.', recommendation: 'Følg opp i Q1.', reason: 'Reforhandlingen er nesten ferdig.' })).toContain('Saved.');
    const proposal = await click(p.office, 'samlesak.assess', { ...base, measureId: silent, status: 'yellow', assessment: 'Rapport mangler.', recommendation: 'Purr.' });
    expect(proposal).toContain(`AU's assessment (the secretariat's proposal, ${p.office.name}): Yellow: at risk – Rapport mangler.`);
    const stored = await new SamlesakTable(tables).get(key, 'kvartalsrapport', '2026-Q4');
    expect(stored?.assessments[red]).toMatchObject({ status: 'yellow', reason: 'Reforhandlingen er nesten ferdig.', as: 'au' });
  });

  it('answers invalid card data with the card and the problem, never a 500', async () => {
    const text = await click(p.au1, 'samlesak.assess', { ...base, measureId: red, status: 'purple', assessment: '', recommendation: 'y' });
    expect(text).toContain("AU's assessment of the status: is not one of the choices");
    expect(text).toContain('Assessment: is required');
    expect(await click(p.au1, 'samlesak.measure', { ...base, measureId: 'not a measure' })).toMatch(/has the wrong format|Invalid|invalid/i);
  });

  it('only an AU member adopts; and not before Skate’s channel is linked', async () => {
    expect(await click(p.office, 'samlesak.adopt', base)).toContain("Only a member of Skate's working committee (AU) can adopt AU's recommendation; the secretariat proposes it");
    expect(await click(p.au1, 'samlesak.adopt', base)).toContain('These measures are not assessed yet: T-001.');
    await click(p.au1, 'samlesak.assess', { ...base, measureId: 'T-001', status: 'yellow', assessment: 'Felles tiltak i rute.', recommendation: 'Til orientering.' });
    expect(await click(p.au1, 'samlesak.adopt', base)).toContain("Write AU's overall assessment and recommendation first.");
    await click(p.au1, 'samlesak.overall', { ...base, assessment: 'Samlet.', recommendation: 'Samlet innstilling.' });
    expect(await click(p.au1, 'samlesak.adopt', base)).toContain('The channel of Skate is not linked yet');
    await link(chat, TENANT, CHANNEL);
  });
});

describe('to Skate and the director (§5.1, §5.3)', () => {
  let run: SamlesakRun;

  beforeAll(async () => {
    run = await runQuarterlySamlesak({
      chat,
      connector: service.connector,
      programme: skate,
      office: p.office,
      au: p.au1,
      decider: p.director,
      channelId: CHANNEL,
      deviations: { [red]: { status: 'yellow', reason: 'Reforhandlingen er nesten ferdig.' } },
      decisions: { [red]: { advice: 'Skate råder til ny kontrakt innen januar.', decision: 'Ny kontrakt innen 31. januar; rapporter kostnaden månedlig til sekretariatet.' } },
    });
  }, 120_000);

  it('goes to Skate’s channel as one card and its CSV, AU’s reason included', () => {
    expect(run.measures).toEqual(['T-001', red, silent]);
    expect(run.channelCard).toContain('Combined case 2026-Q4');
    expect(run.channelCard).toContain("Deviates from the owner's view. Reason: Reforhandlingen er nesten ferdig.");
    expect(run.channelCard).not.toContain('Open T-001');
    const [header, ...rows] = run.csv.trimEnd().split('\r\n');
    expect(header?.startsWith('quarter,measure,title,kind,owners,owner_status')).toBe(true);
    expect(rows).toHaveLength(4);
    const redRow = rows.find((r) => r.includes(red))!;
    expect(redRow).toContain(',red,');
    expect(redRow).toContain(',yellow,yes,Reforhandlingen er nesten ferdig.,');
    expect(rows.at(-1)).toContain('overall');
    // Posted once, whatever the repeats: the keys are per quarter.
    expect(postedTo(service.connector, CHANNEL).filter((m) => m.text?.startsWith('quarter,measure'))).toHaveLength(1);
  });

  it('is fixed once adopted, and Skate and the director may now read it', async () => {
    expect(await click(p.au2, 'samlesak.assess', { ...base, measureId: 'T-001', status: 'red', assessment: 'x', recommendation: 'y' })).toContain('it no longer changes');
    expect(await click(p.au2, 'samlesak.overall', { ...base, assessment: 'x', recommendation: 'y' })).toContain('it no longer changes');
    expect(await click(p.au2, 'samlesak.adopt', base)).toContain('it no longer changes');
    // The adopting member's repeat posts nothing twice (same delivery keys).
    expect(await click(p.au1, 'samlesak.adopt', base)).toContain("AU's recommendation was already adopted and sent");
    expect(await shown(chat, p.skate, 'combined case 2026-Q4')).toContain('Combined case 2026-Q4');
    expect(await shown(chat, p.outsider, 'combined case 2026-Q4')).toContain('until it is sent to Skate');
  });

  it('records the director’s decision as the director’s, after Skate’s advice; the office may not decide for a named director', async () => {
    expect(run.finalCard).toContain('Advice from Skate: Skate råder til ny kontrakt innen januar.');
    expect(run.finalCard).toMatch(new RegExp(`Decision on corrective actions – The Director of Difi \\(${p.director.name}\\), .*: Ny kontrakt innen 31\\. januar`));
    expect(await click(p.director, 'samlesak.decide', { ...base, measureId: silent, text: 'Lever rapport.' })).toContain(`Record the advice from Skate on ${silent} first`);
    await click(p.office, 'samlesak.advice', { ...base, measureId: silent, text: 'Skate ber om rapport.' });
    expect(await click(p.office, 'samlesak.decide', { ...base, measureId: silent, text: 'Lever rapport.' })).toContain('Only The Director of Difi can record the decision.');
    expect(await click(p.au1, 'samlesak.advice', { ...base, measureId: silent, text: 'x' })).toContain("Only Skate's secretariat (the programme office) can do this.");
    // An old card: the advice and the decision on a decided measure no longer change.
    expect(await click(p.office, 'samlesak.advice', { ...base, measureId: red, text: 'Annet råd.' })).toContain(`The decision on ${red} is already recorded.`);
    expect(await click(p.director, 'samlesak.decide', { ...base, measureId: red, text: 'Annen beslutning.' })).toContain(`The decision on ${red} is already recorded.`);
    const stored = await new SamlesakTable(tables).get(key, 'kvartalsrapport', '2026-Q4');
    expect(stored?.decisions[red]).toMatchObject({ by: { id: p.director.aadObjectId }, onBehalf: false });
  });

  it('the office gets the CSV with «samlesak <kvartal> csv»', async () => {
    const csv = await shown(chat, p.office, 'samlesak 2026-Q4 csv');
    expect(csv.startsWith('quarter,measure,')).toBe(true);
    expect(csv).toContain('Ny kontrakt innen 31. januar');
  });

  it("the next report's R37 question names the recorded decision", async () => {
    clockNow = osloTime('2027-01-12', 10, 0);
    // The question is the answer field's label (labels are not in cardText): read the card's JSON.
    const formOf = async (person: Person, ideaNumber: string, extra = {}) =>
      JSON.stringify(await chat.click(person, 'report.form', { programmeId: 'skate', scheduleId: 'kvartalsrapport', periodKey: '2027-Q1', ideaNumber }, extra));
    const form = await formOf(p.owner, red);
    expect(form).toContain(`Was the decision of last quarter's combined case followed? The Director of Difi (${p.director.name}) decided on`);
    expect(form).toContain('Ny kontrakt innen 31. januar; rapporter kostnaden månedlig til sekretariatet.');
    expect(form).not.toContain('no decision on the measure is recorded');
    expect(await formOf(p.owner, red, { locale: 'nb-NO' })).toContain('Ble beslutningen fra forrige kvartals samlesak fulgt? Difis direktør (Dina Direktør) besluttet');
    // The project without a decision (and without last quarter's report) is not asked.
    const other = await formOf(p.owner2, silent);
    expect(other).not.toContain('Ny kontrakt innen 31. januar');
    expect(other).not.toContain('"id":"previousDecision"');
    // The owner's own list of reports (`reports`) offers the same form, naming the decision.
    const mine = await chat.say(p.owner, 'reports');
    expect(JSON.stringify(mine.card)).toContain('Ny kontrakt innen 31. januar');
    clockNow = osloTime('2026-10-20', 10, 0);
  });
});

describe('where the file names no director', () => {
  it('the office records the decision on the director’s behalf, and the case and CSV say so', async () => {
    await link(chatB, TENANT_B, CHANNEL_B, pb);
    const opened = await chatB.click(pb.office, 'samlesak.show', { programmeId: 'skateb' });
    const measures = actionsOf(opened, 'samlesak.measure').map((d) => String(d.measureId));
    const project = measures.find((m) => m.startsWith('SKATE-'))!;
    const run = await runQuarterlySamlesak({
      chat: chatB,
      connector: service.connector,
      programme: skateB,
      office: pb.office,
      au: pb.au2,
      decider: pb.office,
      channelId: CHANNEL_B,
      decisions: { [project]: { advice: 'Skate råder til å fortsette.', decision: 'Ingen korreksjonstiltak.' } },
    });
    expect(run.finalCard).toContain(`Decision on corrective actions – ${pb.office.name} on behalf of The Director of Difi`);
    const csv = await shown(chatB, pb.office, 'combined case csv');
    expect(csv.split('\r\n').find((r) => r.includes(project) && r.includes('Ingen korreksjonstiltak.'))?.endsWith(',yes')).toBe(true);
  }, 120_000);
});
