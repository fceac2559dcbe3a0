// The confidentiality guard over HTTP (DSOP §6): registered ideas never reach an audience with
// outsiders, an unreadable roster fails closed, planning documents stay with the participants
// until BP3, and every refusal is audited and explained.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGateDecision, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import { AuditTable } from '../../src/features/confidentiality/storage/auditTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { NdaTable } from '../../src/features/confidentiality/storage/ndaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { confirmShare } from '../support/ownParty.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-dsop';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('office');
const colleague = person('colleague'); // same party as the submitter
const stranger = person('stranger'); // another party, not office, in no body: not a project participant
const guest = { id: '29:guest', aadObjectId: 'aad-guest', tenantId: TENANT, userRole: 'guest' as const };
/** A DNB representative invited as a B2B guest into the host tenant, listed among the
 * programme's people by that guest account's object id: a person of the programme. */
const listedGuest = { id: '29:listed-guest', aadObjectId: 'aad-listed-guest', tenantId: TENANT, userRole: 'guest' as const };

const programme = presetProgramme('dsop', {
  id: 'dsop',
  name: 'DSOP',
  ideaPrefix: 'DSOP',
  tenantId: TENANT,
  parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB' },
  people: [
    { aadObjectId: 'aad-office', name: 'office', party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: 'aad-submitter', name: 'submitter', party: 'dnb' },
    { aadObjectId: 'aad-colleague', name: 'colleague', party: 'dnb' },
    { aadObjectId: 'aad-stranger', name: 'stranger', party: 'skatteetaten' },
    { aadObjectId: 'aad-listed-guest', name: 'listed guest', party: 'dnb' },
  ],
  seats: { members: ['aad-office', 'aad-colleague'], chair: 'aad-office' },
});

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let audit: AuditTable;
const key = { tenantId: TENANT, programmeId: 'dsop' };
const at = Date.UTC(2026, 10, 22, 9);
const by = { id: 'aad-office', name: 'office' };
/** A fresh channel per test: rosters are cached per conversation, as in production. */
let channelCount = 0;
const newChannel = () => ({ id: `19:channel-${++channelCount}@thread.tacv2`, conversationType: 'channel' as const });
const member = (p: typeof office) => ({ id: p.id, aadObjectId: p.aadObjectId, tenantId: TENANT, userRole: 'user' as const });

async function newIdea(title: string, links: string[] = []): Promise<string> {
  const created = await ideas.register(key, `seed-${title}`, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: `Beskrivelse av ${title}`, party: 'dnb', links, submittedBy: { id: 'aad-submitter', name: 'submitter' }, at }),
  );
  if (!created.ok) throw new Error('seed');
  return created.value.idea.number;
}

async function advance(number: string, ...steps: ((i: Parameters<typeof prioritise>[1]) => TransitionResult)[]) {
  for (const step of steps) {
    const result = await ideas.apply(key, number, step);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
}

const toPlanning = [
  (i: Parameters<typeof prioritise>[1]) => prioritise(programme, i, { by, at, rank: 1 }),
  (i: Parameters<typeof prioritise>[1]) => qualify(programme, i, { by, at, assessment: 'Moden.', recommendation: 'Til BP1.' }),
  (i: Parameters<typeof prioritise>[1]) => applyGateDecision(programme, i, { by, at, gate: 'BP1', adopted: true }),
  (i: Parameters<typeof prioritise>[1]) => applyGateDecision(programme, i, { by, at, gate: 'BP2', adopted: true }),
];

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => at });
  chat = conversationWith(app, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  audit = new AuditTable(tables);
});
afterAll(async () => app.stop());

describe('a registered idea', () => {
  it('is shown to a programme member in personal chat', async () => {
    const number = await newIdea('Hemmelig idé');
    const { card } = await chat.say(stranger, `idea ${number}`);
    expect(cardText(card)).toContain('Hemmelig idé');
  });

  it('is refused in a channel with a guest, with an explanation and an audit row', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), member(stranger), guest]);
    const number = await newIdea('Intern idé');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel });
    const text = cardText(card);
    expect(text).not.toContain('Intern idé');
    expect(text).not.toContain('Beskrivelse av Intern idé');
    expect(text).toContain('The conversation includes guests or anonymous participants.');
    const entries = await audit.list(TENANT, 'dsop', 10);
    expect(entries).toContainEqual(
      expect.objectContaining({
        decision: 'refused',
        items: expect.arrayContaining([expect.objectContaining({ what: `idea ${number}`, reason: 'guest-present' })]),
        guests: { listed: [], unlisted: ['aad-guest'] },
      }),
    );
  });

  it('is shown in a channel whose only guest is listed among the programme\'s people, and the audit says so', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), listedGuest]);
    await chat.say(office, '<at>Samspill</at> link styringsgruppe', { conversation: channel });
    const number = await newIdea('Gjest hører til');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel });
    expect(cardText(card)).toContain('Beskrivelse av Gjest hører til');
    const entries = await audit.list(TENANT, 'dsop', 20);
    expect(entries).toContainEqual(
      expect.objectContaining({
        decision: 'listed-guest-share',
        items: expect.arrayContaining([expect.objectContaining({ what: `idea ${number}` })]),
        guests: { listed: ['aad-listed-guest'], unlisted: [] },
      }),
    );
  });

  it('is refused when a listed guest sits next to an unlisted one; the audit tells them apart', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), listedGuest, guest]);
    const number = await newIdea('Blandet gjester');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel });
    expect(cardText(card)).not.toContain('Blandet gjester');
    const entries = await audit.list(TENANT, 'dsop', 20);
    expect(entries).toContainEqual(
      expect.objectContaining({
        decision: 'refused',
        items: expect.arrayContaining([expect.objectContaining({ what: `idea ${number}`, reason: 'guest-present' })]),
        guests: { listed: ['aad-listed-guest'], unlisted: ['aad-guest'] },
      }),
    );
  });

  it('is refused in a channel with a member of another tenant', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), { ...member(stranger), tenantId: 'other-tenant' }]);
    const number = await newIdea('Annen leietaker');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel });
    expect(cardText(card)).not.toContain('Annen leietaker');
    expect(cardText(card)).toContain('another organisation/tenant');
  });

  it('is shown in a channel linked to one of the programme\'s bodies with only its members', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), member(stranger), member(colleague)]);
    const linked = await chat.say(office, '<at>Samspill</at> link styringsgruppe', { conversation: channel });
    expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
    const number = await newIdea('Trygg idé');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel });
    expect(cardText(card)).toContain('Trygg idé');
    expect(cardText(card)).toContain('Beskrivelse av Trygg idé');
  });

  it('is refused when the roster cannot be read (fail closed)', async () => {
    const channel = newChannel();
    app.connector.brokenRosters.add(channel.id);
    const number = await newIdea('Uleselig');
    const card = await chat.click(office, 'idea.show', { programmeId: 'dsop', number }, { conversation: channel, locale: 'nb-NO' });
    expect(cardText(card)).not.toContain('Uleselig');
    expect(cardText(card)).toContain('Jeg fikk ikke lest hvem som er med i samtalen');
    app.connector.brokenRosters.delete(channel.id);
  });

  it('is refused to a guest in personal chat', async () => {
    const guestUser = { id: '29:guest', aadObjectId: 'aad-guest', name: 'Gjest' };
    app.connector.rosters.set('a:personal-aad-guest', [{ ...guest }]);
    const number = await newIdea('Ikke for gjester');
    const card = await chat.click(guestUser, 'idea.show', { programmeId: 'dsop', number });
    expect(cardText(card)).not.toContain('Ikke for gjester');
  });
});

describe('the prioritised list', () => {
  it('carries the label in an external conversation and no registered idea', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), guest]);
    const listed = await newIdea('På listen');
    await advance(listed, toPlanning[0]!);
    await newIdea('Ikke på listen');
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    // Outside the programme the sharer first confirms they speak only for their own party (§6.3).
    const text = await confirmShare(app, TENANT, office, ask!, channel);
    expect(text.indexOf(programme.confidentiality.prioritisedListLabel.nb)).toBe(0);
    expect(text).toContain('På listen');
    expect(text).not.toContain('Ikke på listen');
  });

  // Seed 000 §6.1: any output that shows a prioritised idea outside the programme carries the
  // label; the guard holds back the portfolio card, which has none.
  it('a prioritised idea on the portfolio card does not reach a registered channel with a member of another tenant', async () => {
    const channel = newChannel();
    app.connector.rosters.set(channel.id, [member(office), member(colleague)]);
    const linked = await chat.say(office, '<at>Samspill</at> link styringsgruppe', { conversation: channel });
    expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
    app.connector.rosters.set(channel.id, [member(office), member(colleague), { ...member(stranger), tenantId: 'other-tenant' }]);
    const number = await newIdea('Prioritert i porteføljen');
    await advance(number, toPlanning[0]!);
    const card = await chat.click(office, 'portfolio.show', { programmeId: 'dsop', page: 1 }, { conversation: channel });
    expect(cardText(card)).not.toContain('Prioritert i porteføljen');
    expect(cardText(card)).toContain('Prioritised ideas may only be shown outside the programme with the caveat label');
    const all = await audit.list(TENANT, 'dsop', 1_000);
    const refused = all.filter((e) => e.decision === 'refused' && e.conversation.id === channel.id);
    expect(refused.flatMap((e) => e.items).some((i) => i.subject?.number === number && i.reason === 'label-missing')).toBe(true);
    // The same idea on the prioritised list goes to that channel, under the label.
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    const list = await confirmShare(app, TENANT, office, ask!, channel);
    expect(list.indexOf(programme.confidentiality.prioritisedListLabel.nb)).toBe(0);
    expect(list).toContain('Prioritert i porteføljen');
  });

  it('the shareable export starts with the label in both languages and is audited', async () => {
    const { text } = await chat.say(office, 'share prioritised list');
    const lines = (text ?? '').split('\n');
    expect(lines[0]).toContain(programme.confidentiality.prioritisedListLabel.nb.slice(0, 40));
    expect(lines[1]).toContain(programme.confidentiality.prioritisedListLabel.en.slice(0, 40));
    expect(text).toContain('rank,number,title,party');
    // Every entry of the file's tests shares the test clock's instant, so newest-first cannot order them: read them all.
    const all = await audit.list(TENANT, 'dsop', 1_000);
    expect(all.some((e) => e.decision === 'external-share' && e.items.some((i) => i.subject?.kind === 'prioritised-list'))).toBe(true);
  });
});

describe('planning-phase documents', () => {
  it('are hidden from a non-participant before BP3 and shown after BP3 is adopted', async () => {
    const number = await newIdea('Planleggingsprosjekt', ['https://docs.example.org/plan']);
    await advance(number, ...toPlanning);
    const before = cardText((await chat.say(stranger, `idea ${number}`)).card);
    expect(before).toContain('Planleggingsprosjekt');
    expect(before).not.toContain('https://docs.example.org/plan');
    expect(before).toContain('visible only to its participants');
    const participant = cardText((await chat.say(colleague, `idea ${number}`)).card);
    expect(participant).toContain('https://docs.example.org/plan');

    await advance(number, (i) => applyGateDecision(programme, i, { by, at, gate: 'BP3', adopted: true }));
    const after = cardText((await chat.say(stranger, `idea ${number}`)).card);
    expect(after).toContain('https://docs.example.org/plan');
  });
});

describe('the audit log', () => {
  it('is listable by the office, in words rather than codes, and refused to others', async () => {
    const { card } = await chat.say(office, 'audit log');
    const shown = cardText(card);
    expect(shown).toContain('Withheld');
    expect(shown).toMatch(/in channel: idea DSOP-\d{4}-\d{3} \(internal to the programme\) – The conversation includes guests/);
    expect(shown).toMatch(/in personal chat: the prioritised list \(\d+ ideas\) \(shareable with its label\)/);
    expect(shown).not.toContain('programme-internal');
    const norsk = cardText((await chat.say(office, 'revisjonslogg', { locale: 'nb-NO' })).card);
    expect(norsk).toMatch(/i kanal: idé DSOP-\d{4}-\d{3} \(internt i programmet\)/);
    const { card: refused } = await chat.say(stranger, 'audit log');
    expect(cardText(refused)).toContain('Only the programme office can do this.');
  });

  it('shows 30 entries a page, newest first, with its place and Previous/Next', async () => {
    const at = Date.UTC(2027, 0, 1);
    for (let i = 0; i < 35; i++) {
      await audit.append({ tenantId: TENANT, programmeId: 'dsop', at: at + i * 60_000, actor: { id: 'aad-office', name: `Revisor ${i}` }, conversation: { id: 'c', kind: 'personal' }, decision: 'refused', items: [] });
    }
    const total = (await audit.page(TENANT, 'dsop', { size: 1 })).total;
    const { card } = await chat.say(office, 'audit log');
    expect(cardText(card)).toContain(`1–30 of ${total}`);
    const second = await chat.click(office, 'audit.show', actionData(card, 'audit.show'));
    expect(cardText(second)).toContain(`31–${Math.min(60, total)} of ${total}`);
    const back = await chat.click(office, 'audit.show', actionData(second, 'audit.show'));
    expect(cardText(back)).toBe(cardText(card));
  });
});

describe('the NDA register', () => {
  it('lists 20 NDAs a page by person, with its place and Previous/Next (issue 25.2)', async () => {
    const ndas = new NdaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
    for (let i = 0; i < 25; i++) {
      const who = { id: `aad-nda-${String(i).padStart(2, '0')}`, name: `Signer ${String(i).padStart(2, '0')}` };
      await ndas.record({ tenantId: TENANT, programmeId: 'dsop', person: who, covers: ['registered-ideas'], scope: 'Prioritert liste.', handling: 'Ikke videre.', signedOn: '2026-11-20', recordedBy: by, recordedAt: at });
    }
    const { card } = await chat.say(office, 'ndas');
    const first = cardText(card);
    expect(first).toContain('1–20 of 25');
    expect(first).toContain('Signer 00');
    expect(first).not.toContain('Signer 20');
    const second = cardText(await chat.click(office, 'nda.list', actionData(card, 'nda.list')));
    expect(second).toContain('21–25 of 25');
    expect(second).toContain('Signer 24');
    expect(second).not.toContain('Signer 19');
  });
});
