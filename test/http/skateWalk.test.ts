// A Skate measure walked from proposal to final treatment over HTTP on the shipped Skate preset,
// with real activities, the real delivery worker and the vote closer: AU prepares the
// prioritisation (§2.1 «Forbehandling skal skje i AU») and objects, Skate advises and the
// Director of Difi decides (§2.4); the measure owner approves the concept and the planning
// documentation and moves the measure on (§3.1) while AU's advice is recorded beside it (§3.4:
// against, then no advice at all for want of a quorum) and never holds it; the quarterly
// samlesak (§5) goes through AU to Skate and the director without holding it; the final treatment
// (§6) with AU's treatment noted ends it. AU never holds a vote that decides the measure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../src/platform/config/programmeFiles.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import type { ActivityOptions, Person } from '../support/activities.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, waitFor } from '../support/conversation.js';
import { runQuarterlySamlesak } from '../support/samlesak.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-skate';
const who = (key: string, name: string): Person => ({ id: `29:${key}`, aadObjectId: `aad-${key}`, name });
const p = {
  office: who('office', 'Sara Sekretariat'),
  director: who('director', 'Dina Direktør'),
  skate1: who('skate1', 'Kari Skatteetaten'),
  skate2: who('skate2', 'Nils Nav'),
  au1: who('au1', 'Aud AU-Skatt'),
  au2: who('au2', 'Arne AU-Nav'),
  au3: who('au3', 'Anne AU-Digdir'),
  owner: who('owner', 'Tora Tiltakseier'),
};

const skate = parseProgrammeFile(
  'skate.json',
  JSON.stringify({
    preset: 'skate',
    id: 'skate',
    name: 'Skate',
    ideaPrefix: 'SKATE',
    tenantId: TENANT,
    parties: [
      { id: 'digdir', name: 'Digdir', tenantIds: [TENANT] },
      { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [TENANT] },
      { id: 'nav', name: 'NAV', tenantIds: [TENANT] },
    ],
    people: [
      { aadObjectId: p.office.aadObjectId, name: p.office.name, party: 'digdir', roles: ['office'] },
      { aadObjectId: p.director.aadObjectId, name: p.director.name, party: 'digdir' },
      { aadObjectId: p.skate1.aadObjectId, name: p.skate1.name, party: 'skatteetaten' },
      { aadObjectId: p.skate2.aadObjectId, name: p.skate2.name, party: 'nav' },
      { aadObjectId: p.au1.aadObjectId, name: p.au1.name, party: 'skatteetaten' },
      { aadObjectId: p.au2.aadObjectId, name: p.au2.name, party: 'nav' },
      { aadObjectId: p.au3.aadObjectId, name: p.au3.name, party: 'digdir' },
      { aadObjectId: p.owner.aadObjectId, name: p.owner.name, party: 'nav' },
    ],
    bodies: [
      { id: 'skate', members: ['aad-skate1', 'aad-skate2'], chair: 'aad-skate1', secretary: 'aad-office', decidedBy: { person: 'aad-director' } },
      { id: 'au', members: ['aad-au1', 'aad-au2', 'aad-au3'], chair: 'aad-au1', secretary: 'aad-office' },
    ],
  }),
);

const AU = '19:au@thread.tacv2';
const SKATE = '19:skate@thread.tacv2';
const inThread = (channel: string) => ({ conversation: { id: `${channel};messageid=1700000000001`, conversationType: 'channel' as const } });
const key = { tenantId: TENANT, programmeId: 'skate' };
const nb = { locale: 'nb-NO' };
const en = { locale: 'en-US' };

let clockNow = osloTime('2026-09-01', 10, 0);
let service: TestApp;
let connector: ConnectorStub;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let votes: VoteTable;
let number = '';

const click = (from: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = en) => chat.click(from, verb, data, extra);
const shown = async (from: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = en) => cardText(await click(from, verb, data, extra));
const ideaCardOf = (from: Person, extra: Partial<ActivityOptions> = en) => click(from, 'idea.show', { programmeId: 'skate', number }, extra);
const stored = async () => (await ideas.get(key, number))!;
const auVotes = async () => (await votes.list(key, { ideaNumber: number })).filter((v) => v.body === 'au');
const later = (hours: number) => (clockNow += hours * 3_600_000);

/** Opens the vote the office's proposal form for the measure's next gate opens now. */
async function propose(links: Record<string, string>, deadlineDate: string, options: { advice?: boolean } = {}) {
  const form = await click(p.office, 'gate.proposeForm', { programmeId: 'skate', number, ...(options.advice ? { advice: 'true' } : {}) });
  const data = { ...actionData(form, 'gate.propose'), deadlineDate, deadlineTime: '16:00', ...Object.fromEntries(Object.entries(links).map(([k, v]) => [`link.${k}`, v])) };
  return { form, answer: cardText(await click(p.office, 'gate.propose', data)) };
}

/** The ballots of a body's members in its channel, then the secretary closes the vote. */
async function voteAndClose(voteId: string, channel: string, ballots: [Person, 'for' | 'against' | 'abstain'][]) {
  const ref = { programmeId: 'skate', voteId };
  for (const [voter, choice] of ballots) await click(voter, 'gate.vote', { ...ref, choice }, inThread(channel));
  await click(p.office, 'gate.close', ref, inThread(channel));
}

/** Polls an async check (storage is written after the answer, by the closer and the worker). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every vote on the measure that AU held: none may decide it (no matter: a deciding vote). */
const auDecidingVotes = async () => (await auVotes()).filter((v) => v.matter === undefined);

beforeAll(async () => {
  service = await startTestApp({ programmes: [skate], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  connector = service.connector;
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  for (const person of Object.values(p)) await chat.say(person, 'help', en);
  await chat.say(p.office, '<at>Samspill</at> link au', inThread(AU));
  await chat.say(p.office, '<at>Samspill</at> link skate', inThread(SKATE));
}, 60_000);
afterAll(async () => service.stop());

describe('a Skate measure from proposal to final treatment without AU ever holding it', () => {
  it('proposal: a Skate member registers it; the office prioritises and qualifies it', async () => {
    const { card } = await chat.say(p.skate2, 'new idea', en);
    const registered = await click(p.skate2, 'idea.register', {
      ...actionData(card, 'idea.register'),
      title: 'Felles datakatalog',
      description: 'En katalog over offentlige datasett.',
      party: 'nav',
    });
    number = (await ideas.list(key)).find((i) => i.title === 'Felles datakatalog')!.number;
    expect(cardText(registered)).toContain(number);
    await click(p.office, 'idea.prioritise', { programmeId: 'skate', number, rank: '1' });
    await click(p.office, 'idea.qualify', { programmeId: 'skate', number, assessment: 'Moden.', recommendation: 'Anbefales prioritert.' });
    expect(await stored()).toMatchObject({ phase: 'forslag', status: 'qualified' });
  });

  it('prioritisation (§2.1): AU prepares and objects; Skate still advises and the director decides', async () => {
    const links = { 'forslag-til-tiltakseier': 'https://docs.example.org/eier', 'aksept-fra-tiltakseier': 'https://docs.example.org/aksept' };
    const first = await propose(links, '2026-09-10');
    // AU's preparation is its recommendation vote, not a link the office could type in.
    expect(cardText(first.form)).toContain("Skate's working committee (AU) considers the matter first and makes a recommendation to Skate");
    expect(cardText(first.form)).not.toContain('Preparatory treatment in AU');
    const [recommendation] = await auVotes();
    expect(recommendation).toMatchObject({ gate: 'prioritering', matter: { kind: 'recommendation', to: 'skate' }, status: 'open' });
    await voteAndClose(recommendation!.id, AU, [
      [p.au1, 'against'],
      [p.au2, 'against'],
    ]);
    expect(await stored()).toMatchObject({ phase: 'forslag' });

    // AU's innstilling informs Skate; it does not hold the measure (§5.3, preparationAdvisory).
    later(1);
    const decision = await propose(links, '2026-09-17');
    expect(cardText(decision.form)).toContain("❌ Not recommended by Skate's working committee (AU)");
    expect(decision.answer).toContain('is put to Skate');
    const skateVote = (await votes.list(key, { ideaNumber: number })).find((v) => v.body === 'skate')!;
    expect(skateVote.recommendation).toMatchObject({ body: 'au', adopted: false, voteId: recommendation!.id });
    await voteAndClose(skateVote.id, SKATE, [
      [p.skate1, 'for'],
      [p.skate2, 'for'],
    ]);
    const decided = await shown(p.director, 'gate.decide', { programmeId: 'skate', voteId: skateVote.id, adopted: 'yes' });
    expect(decided).toContain('The decision is recorded.');
    await eventually(async () => (await stored()).phase === 'konsept', 'the measure in its concept phase');
    expect(await stored()).toMatchObject({ phase: 'konsept', status: 'active' });
  });

  it('the office names the measure owner (§2.3); the card says the owner approves and AU advises', async () => {
    await click(p.office, 'idea.assignLeader', { programmeId: 'skate', number, person: p.owner.aadObjectId });
    const ownerCard = await ideaCardOf(p.owner);
    const text = cardText(ownerCard);
    expect(text).toContain(`The measure owner (${p.owner.name})`);
    expect(text).toContain("Skate's working committee (AU)");
    expect(actionData(ownerCard, 'idea.ownerApprove')).toEqual({ programmeId: 'skate', number, gate: 'konseptdokumentasjon' });
    // The office cannot approve, nor put the gate to AU's decision: it can only ask AU for advice.
    const officeCard = await ideaCardOf(p.office);
    expect(() => actionData(officeCard, 'idea.ownerApprove')).toThrow();
    expect(cardText(officeCard)).toContain("Ask Skate's working committee (AU) for advice (konseptdokumentasjon)");
  });

  it('konsept: AU is asked for advice; nobody but the owner approves; the owner approves while AU is still out', async () => {
    const asked = await propose({ 'styringsdokumentasjon-konsept': 'https://docs.example.org/konsept' }, '2026-10-01', { advice: true });
    expect(cardText(asked.form)).toContain('The measure owner approves the governance documentation and moves the measure on (agreement §3.1)');
    const advice = (await auVotes()).find((v) => v.gate === 'konseptdokumentasjon');
    expect(advice).toMatchObject({ gate: 'konseptdokumentasjon', matter: { kind: 'advice' }, status: 'open' });
    expect(advice!.channel.conversationId).toBe(AU);
    // AU's card in its channel asks for advice; nobody is offered a decision on it.
    const auCard = await waitFor(
      () => connector.sent.find((s) => s.conversationId === AU && s.method === 'POST' && JSON.stringify(s.activity).includes(advice!.id)),
      'the advice card in AU’s channel',
    );
    const auCardJson = JSON.stringify(auCard.activity);
    expect(cardText(auCard.activity)).toMatch(/Advice from Skate's working committee \(AU\): konseptdokumentasjon|Råd fra Skates arbeidsutvalg \(AU\): konseptdokumentasjon/);
    expect(cardText(auCard.activity)).toMatch(/the advice is recorded beside the decision and never holds the measure back|rådet registreres ved siden av beslutningen og holder ikke tilbake tiltaket/);
    expect(auCardJson).toContain('https://docs.example.org/konsept');
    expect(auCardJson).not.toContain('gate.decide');

    // Refusals by role, in the reader's language: the office, an AU member, the director.
    const approve = { programmeId: 'skate', number, gate: 'konseptdokumentasjon' };
    expect(await shown(p.office, 'idea.ownerApprove', approve)).toContain('Only the measure owner can approve konseptdokumentasjon');
    expect(await shown(p.au1, 'idea.ownerApprove', approve, nb)).toContain('Bare tiltakseieren kan godkjenne konseptdokumentasjon');
    expect(await shown(p.director, 'idea.ownerApprove', approve)).toContain('Only the measure owner can approve');
    expect(await shown(p.owner, 'idea.ownerApprove', { programmeId: 'skate', number })).not.toContain('moved to');
    expect((await stored()).phase).toBe('konsept');

    later(2);
    const approved = await shown(p.owner, 'idea.ownerApprove', approve, nb);
    expect(approved).toContain(`Du har godkjent konseptdokumentasjon Tiltakseierens godkjenning av konseptdokumentasjonen. ${number} er flyttet til fasen Planlegging.`);
    expect(await stored()).toMatchObject({ phase: 'planlegging', status: 'active' });
    // A second click (an old card) is refused on the card as it is now.
    expect(await shown(p.owner, 'idea.ownerApprove', approve)).toContain('does not fit the idea');

    // AU objects afterwards: its advice is recorded beside the approval and moves nothing.
    later(1);
    await voteAndClose(advice!.id, AU, [
      [p.au1, 'against'],
      [p.au2, 'against'],
      [p.au3, 'abstain'],
    ]);
    await eventually(async () => (await ideas.history(key, number)).some((h) => h.event.kind === 'advice-recorded'), 'the advice in the history');
    expect((await stored()).phase).toBe('planlegging');
    const card = cardText(await ideaCardOf(p.skate1));
    expect(card).toContain("Skate's working committee (AU) advised on konseptdokumentasjon The measure owner's approval of the concept documentation: against");
    expect(card).toContain(`${p.owner.name} (measure owner) approved konseptdokumentasjon`);
    // The owner is told AU's advice in personal chat (§3.4 «AU kan gi råd til tiltakseier»).
    await waitFor(
      () => connector.sent.some((s) => s.conversationId === `a:personal-${p.owner.aadObjectId}` && /(Advice from Skate's working committee \(AU\): konseptdokumentasjon.*: Advice: do not adopt|Råd fra Skates arbeidsutvalg \(AU\): konseptdokumentasjon.*: Råd: ikke vedta)/.test(String(s.activity.text ?? ''))),
      'the owner told of the advice',
    );
  });

  it('planlegging: AU does not meet; its vote closes without quorum, and the owner has approved all the same', async () => {
    const asked = await propose({ 'styringsdokumentasjon-planlegging': 'https://docs.example.org/plan' }, '2026-10-20', { advice: true });
    expect(asked.answer).toContain("Skate's working committee (AU)");
    const advice = (await auVotes()).find((v) => v.gate === 'planleggingsdokumentasjon')!;
    later(24);
    expect(await shown(p.owner, 'idea.ownerApprove', { programmeId: 'skate', number, gate: 'planleggingsdokumentasjon' })).toContain(
      `${number} has moved to the Implementation phase.`,
    );
    clockNow = osloTime('2026-10-21', 9, 0);
    expect(await service.app.votes.closeDueVotes(clockNow)).toMatchObject({ closed: [advice.id], failed: [] });
    await eventually(async () => (await ideas.history(key, number)).filter((h) => h.event.kind === 'advice-recorded').length === 2, 'the second advice');
    expect(await stored()).toMatchObject({ phase: 'gjennomforing', status: 'active' });
    const card = cardText(await ideaCardOf(p.skate1, nb));
    expect(card).toContain('Skates arbeidsutvalg (AU) ga ikke råd om planleggingsdokumentasjon Tiltakseierens godkjenning av planleggingsdokumentasjonen (ikke beslutningsdyktig)');
  });

  it("the decision log shows AU's advice beside the owner's approvals", async () => {
    const log = cardText((await chat.say(p.skate2, `decision log ${number}`, en)).card);
    expect(log).toContain("Advice from Skate's working committee (AU): konseptdokumentasjon");
    expect(log).toContain('Advice: do not adopt');
    expect(log).toContain('No quorum – no advice');
    const nbLog = cardText((await chat.say(p.skate2, `beslutningslogg ${number}`, nb)).card);
    expect(nbLog).toContain('Råd fra Skates arbeidsutvalg (AU): planleggingsdokumentasjon');
  });

  // ── The quarterly samlesak (issue 23.5, seed 004 §5.1/§5.3), while the measure is in
  // gjennomføring: AU assesses every measure, adopts, the case reaches Skate's channel, Skate
  // advises and the director decides on the corrective actions; the measure goes on. ─────────
  it('the quarterly samlesak (§5.1, §5.3): AU assesses and adopts, Skate advises, the director decides, and the measure is not held', async () => {
    const run = await runQuarterlySamlesak({
      chat,
      connector,
      programme: skate,
      office: p.office,
      au: p.au1,
      decider: p.director,
      channelId: SKATE,
      decisions: { [number]: { advice: 'Skate anbefaler å følge opp gevinstplanen.', decision: 'Tiltakseier følger opp gevinstplanen innen Q1.' } },
    });
    expect(run.measures).toContain(number);
    expect(run.channelCard).toContain(number);
    expect(run.csv).toContain(number);
    expect(run.finalCard).toContain('Tiltakseier følger opp gevinstplanen innen Q1.');
    expect(await stored()).toMatchObject({ phase: 'gjennomforing', status: 'active' });
  });

  it('final treatment (§6): the feedback round, Skate’s recommendation with AU’s treatment, the director’s decision ends it', async () => {
    const { card } = await chat.say(p.office, `new final treatment ${number}`, en);
    const opened = await shown(p.office, 'finalTreatment.open', {
      ...actionData(card, 'finalTreatment.open'),
      measureId: number,
      part: '',
      request: 'Sluttrapporten ligger på Skates samhandlingsområde.',
      deadline: '2026-11-04',
    });
    expect(opened).toContain('Final treatment S-001 is open.');
    const ids = { programmeId: 'skate', treatmentId: 'S-001' };
    await click(p.skate1, 'finalTreatment.feedback', { ...ids, text: 'Skatteetaten støtter.' });
    await click(p.skate2, 'finalTreatment.feedback', { ...ids, text: 'NAV støtter.' });
    const form = actionData(await click(p.office, 'finalTreatment.show', ids), 'finalTreatment.recommend');
    const recommended = await shown(p.office, 'finalTreatment.recommend', {
      ...form,
      verdict: 'in-accordance',
      consensus: 'true',
      text: 'Skate anbefaler at tiltaket godkjennes.',
      auTreatment: 'AU behandlet sluttrapporten 28. oktober.',
    });
    expect(recommended).toContain('AU treatment: AU behandlet sluttrapporten 28. oktober.');
    const decideForm = actionData(await click(p.director, 'finalTreatment.show', ids), 'finalTreatment.decide');
    await click(p.director, 'finalTreatment.decide', { ...decideForm, verdict: 'in-accordance', text: 'Levert i samsvar med strategien.' });
    await eventually(async () => (await stored()).status === 'completed', 'the measure finally treated');
    expect(await stored()).toMatchObject({ phase: 'sluttbehandlet', status: 'completed' });
  });

  it('AU never held the measure: each of its votes was a recommendation or advice, and the owner moved both documentation gates', async () => {
    expect((await auVotes()).map((v) => [v.gate, v.matter?.kind])).toEqual(
      expect.arrayContaining([
        ['prioritering', 'recommendation'],
        ['konseptdokumentasjon', 'advice'],
        ['planleggingsdokumentasjon', 'advice'],
      ]),
    );
    expect(await auDecidingVotes()).toEqual([]);
    const moves = (await ideas.history(key, number)).flatMap((h) => (h.event.kind === 'gate-adopted' ? [[h.event.gate, h.by.id, h.event.approvedBy ?? '']] : []));
    expect(moves).toEqual([
      ['prioritering', p.director.aadObjectId, ''],
      ['konseptdokumentasjon', p.owner.aadObjectId, 'owner'],
      ['planleggingsdokumentasjon', p.owner.aadObjectId, 'owner'],
      ['sluttbehandling', p.director.aadObjectId, ''],
    ]);
  });
});

