// No party speaks for another (seed 000 §6.3 «Partene skal ikke uttale seg på vegne av de andre
// partene uten forutgående samtykke»), over HTTP: sharing the prioritised list or a project's
// material into a conversation outside the programme first asks the sharer to confirm they
// speak only for their own party; only the confirmation shares it, once, and the audit log
// records who, for which party, what and where. Inside the programme nothing is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGateDecision, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import { AuditTable } from '../../src/features/confidentiality/storage/auditTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { clickAndSee as see, messageText } from '../support/ownParty.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-dsop';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('office');
const colleague = person('colleague');
const outsider = { id: '29:outsider', aadObjectId: 'aad-outsider', name: 'outsider' };

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
  ],
  seats: { members: ['aad-office', 'aad-colleague'], chair: 'aad-office' },
});
const LABEL = programme.confidentiality.prioritisedListLabel;

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let audit: AuditTable;
let clock = Date.UTC(2026, 11, 7, 9);
const key = { tenantId: TENANT, programmeId: 'dsop' };
const by = { id: 'aad-office', name: 'office' };
const member = (p: Person, tenantId = TENANT) => ({ id: p.id, aadObjectId: p.aadObjectId, tenantId, userRole: 'user' as const });
let channels = 0;
/** A channel with a member of another organisation: outside the programme. */
function externalChannel() {
  const channel = { id: `19:external-${++channels}@thread.tacv2`, conversationType: 'channel' as const };
  app.connector.rosters.set(channel.id, [member(office), member(colleague), member(outsider, 'tenant-elsewhere')]);
  return channel;
}

async function newIdea(title: string): Promise<string> {
  const created = await ideas.register(key, `seed-${title}`, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: `Beskrivelse av ${title}`, party: 'dnb', links: [], submittedBy: { id: 'aad-submitter', name: 'submitter' }, at: clock }),
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
const toPrioritised = (rank: number) => (i: Parameters<typeof prioritise>[1]) => prioritise(programme, i, { by, at: clock, rank });

const clickAndSee = (from: Person, verb: string, data: Record<string, unknown>, conversation: Parameters<typeof see>[5], locale?: string) =>
  see(app, TENANT, from, verb, data, conversation, locale);
const confirmations = async (conversationId: string) =>
  (await audit.list(TENANT, 'dsop', 1_000)).filter((e) => e.decision === 'own-party-confirmed' && e.conversation.id === conversationId);

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => clock });
  chat = conversationWith(app, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  audit = new AuditTable(tables);
  await advance(await newIdea('Delt prosjekt'), toPrioritised(1));
});
afterAll(async () => app.stop());

describe('sharing outside the programme (seed 000 §6.3)', () => {
  it('the prioritised list in an external conversation asks the sharer first, and shows nothing of it yet', async () => {
    const channel = externalChannel();
    const { card } = await chat.say(office, 'prioritised list', { conversation: channel });
    const text = cardText(card);
    expect(text).toContain('Share outside the programme?');
    expect(text).toContain('§6.3');
    expect(text).toContain('your own party, Skatteetaten');
    expect(text).not.toContain('Delt prosjekt');
    expect(text).not.toContain(LABEL.en);
    expect(actionData(card, 'share.confirm')).toEqual({ programmeId: 'dsop', share: expect.any(String) });
    expect(actionData(card, 'share.decline')).toEqual(actionData(card, 'share.confirm'));
    expect(await confirmations(channel.id)).toEqual([]);
    expect((await audit.list(TENANT, 'dsop', 1_000)).some((e) => e.decision === 'external-share' && e.conversation.id === channel.id)).toBe(false);
  });

  it('confirming shares it once, as a message of its own, and the audit log records who, which party, what and where', async () => {
    const channel = externalChannel();
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    const data = actionData(ask, 'share.confirm');
    const confirmed = await clickAndSee(office, 'share.confirm', data, channel);
    expect(cardText(confirmed.card)).toContain('office confirmed speaking only for Skatteetaten and shared the prioritised list here');
    expect(confirmed.sent).toHaveLength(1);
    const shared = messageText(confirmed.sent[0]!);
    expect(shared.indexOf(LABEL.nb)).toBe(0);
    expect(shared).toContain('Delt prosjekt');
    const entries = await confirmations(channel.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: 'aad-office', name: 'office' },
      party: { id: 'skatteetaten', name: 'Skatteetaten' },
      conversation: { id: channel.id, kind: 'channel' },
      items: [
        expect.objectContaining({ subject: { kind: 'prioritised-list' }, classification: 'shareable-with-label' }),
        expect.objectContaining({ subject: { kind: 'idea', number: expect.stringMatching(/^DSOP-2026-/) } }),
      ],
    });
    // The same confirmation again (a double click, a retry): nothing is shared or recorded again.
    const again = await clickAndSee(office, 'share.confirm', data, channel);
    expect(cardText(again.card)).toContain('already confirmed and shared');
    expect(again.sent).toEqual([]);
    expect(await confirmations(channel.id)).toHaveLength(1);
    // The office reads the confirmation in the audit log, with the party.
    const log = cardText(await chat.click(office, 'audit.show', { programmeId: 'dsop' }));
    expect(log).toContain('Confirmed speaking only for their own party, and shared outside the programme');
    expect(log).toContain('office (for Skatteetaten) in channel: the prioritised list');
  });

  it('a project\'s material (an idea past registration) asks too; the Norwegian card names the sharer\'s party', async () => {
    const channel = externalChannel();
    const number = await newIdea('Prosjekt i konsept');
    await advance(
      number,
      toPrioritised(2),
      (i) => qualify(programme, i, { by, at: clock, assessment: 'Moden.', recommendation: 'Til BP1.' }),
      (i) => applyGateDecision(programme, i, { by, at: clock, gate: 'BP1', adopted: true }),
    );
    const { card: ask, sent } = await clickAndSee(colleague, 'idea.show', { programmeId: 'dsop', number }, channel, 'nb-NO');
    expect(sent).toEqual([]);
    expect(cardText(ask)).toContain('Dele utenfor programmet?');
    expect(cardText(ask)).toContain('bare på vegne av din egen aktør, DNB');
    expect(cardText(ask)).toContain('opplysninger om 1 idé');
    expect(cardText(ask)).not.toContain('Prosjekt i konsept');
    const confirmed = await clickAndSee(colleague, 'share.confirm', actionData(ask, 'share.confirm'), channel, 'nb-NO');
    expect(cardText(confirmed.card)).toContain('colleague bekreftet å uttale seg bare for DNB');
    expect(confirmed.sent.map(messageText).join('\n')).toContain('Prosjekt i konsept');
    expect(await confirmations(channel.id)).toEqual([
      expect.objectContaining({
        party: { id: 'dnb', name: 'DNB' },
        items: [expect.objectContaining({ subject: { kind: 'idea', number } }), expect.objectContaining({ subject: { kind: 'idea-documents', number } })],
      }),
    ]);
  });

  it('the shareable export (a text) is held the same way and sent as text once confirmed', async () => {
    const channel = externalChannel();
    const { card: ask } = await chat.say(office, 'share prioritised list', { conversation: channel });
    expect(cardText(ask)).toContain('Share outside the programme?');
    const confirmed = await clickAndSee(office, 'share.confirm', actionData(ask, 'share.confirm'), channel);
    expect(confirmed.sent).toHaveLength(1);
    expect(confirmed.sent[0]!.text).toContain('rank,number,title,party');
    expect(confirmed.sent[0]!.textFormat).toBe('markdown');
  });

  it('declining shares nothing, and a later confirmation of the same card shares nothing either', async () => {
    const channel = externalChannel();
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    const data = actionData(ask, 'share.decline');
    const declined = await clickAndSee(office, 'share.decline', data, channel);
    expect(cardText(declined.card)).toContain('office chose not to share the prioritised list. Nothing was shared.');
    expect(declined.sent).toEqual([]);
    const late = await clickAndSee(office, 'share.confirm', data, channel);
    expect(cardText(late.card)).toContain('You chose not to share this.');
    expect(late.sent).toEqual([]);
    expect(await confirmations(channel.id)).toEqual([]);
  });

  it('a card not confirmed within the hour shares nothing', async () => {
    const channel = externalChannel();
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    clock += 61 * 60_000;
    const late = await clickAndSee(office, 'share.confirm', actionData(ask, 'share.confirm'), channel);
    expect(cardText(late.card)).toContain('has expired');
    expect(late.sent).toEqual([]);
    expect(await confirmations(channel.id)).toEqual([]);
  });

  it('nobody else can confirm for the sharer: another member, the outsider, or the card carried to another conversation', async () => {
    const channel = externalChannel();
    const { card: ask } = await chat.say(office, 'prioritised list', { conversation: channel });
    const data = actionData(ask, 'share.confirm');
    for (const other of [colleague, outsider]) {
      const refused = await clickAndSee(other, 'share.confirm', data, channel);
      expect(cardText(refused.card)).toContain('Only office, who asked for this, can confirm');
      expect(refused.sent).toEqual([]);
    }
    const elsewhere = await clickAndSee(office, 'share.confirm', data, externalChannel());
    expect(cardText(elsewhere.card)).toContain('belongs to another conversation');
    expect(elsewhere.sent).toEqual([]);
    expect(await confirmations(channel.id)).toEqual([]);
    // The sharer still can.
    expect((await clickAndSee(office, 'share.confirm', data, channel)).sent).toHaveLength(1);
  });

  it('a malformed confirmation gets a localised error, not a 500', async () => {
    const card = await chat.click(office, 'share.confirm', { programmeId: 'dsop', share: 'not-an-id' }, { conversation: externalChannel(), locale: 'nb-NO' });
    expect(cardText(card)).toContain('Noen felt må rettes');
  });

  it('inside the programme nothing is asked: personal chat and a linked channel of members get the list at once', async () => {
    const personal = await chat.say(office, 'prioritised list');
    expect(cardText(personal.card)).toContain('Delt prosjekt');
    const channel = { id: `19:linked-${++channels}@thread.tacv2`, conversationType: 'channel' as const };
    app.connector.rosters.set(channel.id, [member(office), member(colleague)]);
    const linked = await chat.say(office, '<at>Samspill</at> link styringsgruppe', { conversation: channel });
    expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
    const { card } = await chat.say(office, 'prioritised list', { conversation: channel });
    expect(cardText(card)).toContain('Delt prosjekt');
    expect(cardText(card)).not.toContain('Share outside the programme?');
  });
});
