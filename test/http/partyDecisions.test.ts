// The parties taking part in a project and their own decisions before BP3 (DSOP §3.3, §4.3
// «hver av partene har egne beslutningsprosesser før anbefaling om å gå til gjennomføring legges
// frem for Topplederforum», §4.4 «positiv beslutning om realisering hos alle aktørene»), over
// HTTP on the shipped DSOP preset: the office records the participating parties and each one's
// decision; BP3 cannot be put to the vote until each has a positive one, unless the office
// overrides it with a reason, which the vote and the audit log keep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGateDecision, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import { AuditTable } from '../../src/features/confidentiality/storage/auditTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { actionData, cardText, conversationWith, type Card } from '../support/conversation.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-parties';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('Ola Office');
const chair = person('Kari Chair');
const member = person('Nils NAV');

const programme = presetProgramme('dsop', {
  id: 'dsop',
  name: 'DSOP',
  ideaPrefix: 'DSOP',
  tenantId: TENANT,
  parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB', nav: 'NAV' },
  people: [
    { aadObjectId: office.aadObjectId, name: office.name, party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: chair.aadObjectId, name: chair.name, party: 'skatteetaten' },
    { aadObjectId: member.aadObjectId, name: member.name, party: 'nav' },
  ],
  seats: { members: [chair.aadObjectId, member.aadObjectId], chair: chair.aadObjectId, secretary: office.aadObjectId },
});

const STEERING = '19:styringsgruppe@thread.tacv2';
const key = { tenantId: TENANT, programmeId: 'dsop' };
const at = Date.UTC(2026, 11, 7, 9);
const by = { id: office.aadObjectId, name: office.name };
let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let votes: VoteTable;
let audit: AuditTable;

async function inPlanning(title: string): Promise<string> {
  const created = await ideas.register(key, `seed-${title}`, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: `Om ${title}`, party: 'dnb', links: [], submittedBy: by, at }),
  );
  if (!created.ok) throw new Error('seed');
  const number = created.value.idea.number;
  const steps: ((i: Parameters<typeof prioritise>[1]) => TransitionResult)[] = [
    (i) => prioritise(programme, i, { by, at, rank: 1 }),
    (i) => qualify(programme, i, { by, at, assessment: 'Moden.', recommendation: 'Til BP1.' }),
    (i) => applyGateDecision(programme, i, { by, at, gate: 'BP1', adopted: true }),
    (i) => applyGateDecision(programme, i, { by, at, gate: 'BP2', adopted: true }),
  ];
  for (const step of steps) {
    const result = await ideas.apply(key, number, step);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  return number;
}

const links = {
  'link.plan-for-realisering': 'https://docs.example.org/plan',
  'link.gevinstberegninger': 'https://docs.example.org/gevinst',
  'link.gevinstrealiseringsplan': 'https://docs.example.org/grp',
  'link.aktorenes-vilje': 'https://docs.example.org/vilje',
};
let submissions = 0;
async function proposeBp3(number: string, extra: Record<string, string> = {}): Promise<Card> {
  const form = await chat.click(office, 'gate.proposeForm', { programmeId: 'dsop', number });
  const data = { ...actionData(form, 'gate.propose'), deadlineDate: '2026-12-14', deadlineTime: '16:00', ...links, submissionId: `bp3-submission-${++submissions}`, ...extra };
  return chat.click(office, 'gate.propose', data);
}

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => at, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(app, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  audit = new AuditTable(tables);
  await chat.say(office, '<at>Samspill</at> link styringsgruppe', { conversation: { id: `${STEERING};messageid=1`, conversationType: 'channel' } });
});
afterAll(async () => app.stop());

describe('BP3 waits for each participating party’s own positive decision (DSOP §4.3/§4.4)', () => {
  it('without participants recorded, BP3 is refused and says what to do', async () => {
    const number = await inPlanning('Uten deltakere');
    expect(cardText(await proposeBp3(number))).toContain('No participating parties are recorded for the project');
    expect(await votes.list(key, { ideaNumber: number })).toEqual([]);
  });

  it('the office records the parties and their decisions; BP3 opens once every one is positive', async () => {
    const number = await inPlanning('Med deltakere');
    expect((await chat.say(member, `participants ${number} DNB, NAV`)).text).toContain('programme office');
    const recorded = await chat.say(office, `deltakere ${number} DNB, NAV`, { locale: 'nb-NO' });
    expect(recorded.text).toContain(`Deltakende parter i ${number} «Med deltakere»:`);
    expect(recorded.text).toContain('DNB: ingen beslutning ennå');
    expect((await chat.say(office, `party decision ${number} dnb yes`)).text).toContain('DNB: positive decision (7 Dec 2026, recorded by Ola Office)');
    expect((await chat.say(office, `party decision ${number} nav no`)).text).toContain('NAV: negative decision');
    expect((await chat.say(office, `party decision ${number} nav maybe`)).text).toContain('Type "party decision <no> <party> yes|no".');
    expect((await chat.say(office, `party decision ${number} skatteetaten yes`)).text).toContain('the party is not recorded as taking part in the project');

    const refused = cardText(await proposeBp3(number));
    expect(refused).toContain('Every participating party needs a positive decision of its own before this gate');
    expect(refused).toContain('Missing: NAV.');
    expect(refused).not.toContain('DNB');
    expect(await votes.list(key, { ideaNumber: number })).toEqual([]);

    await chat.say(office, `partsbeslutning ${number} NAV ja`);
    const opened = cardText(await proposeBp3(number));
    expect(opened).not.toContain('participating party');
    const [vote] = await votes.list(key, { ideaNumber: number });
    expect(vote).toMatchObject({ gate: 'BP3', body: 'styringsgruppe', status: 'open' });
    expect(vote!.override).toBeUndefined();
    expect((await ideas.get(key, number))?.participation?.decisions.map((d) => [d.party, d.positive])).toEqual([
      ['dnb', true],
      ['nav', false],
      ['nav', true],
    ]);
  });

  it('an override opens it with the reason, kept on the vote and in the audit log', async () => {
    const number = await inPlanning('Overstyrt');
    await chat.say(office, `participants ${number} dnb, nav`);
    await chat.say(office, `party decision ${number} dnb yes`);
    expect(cardText(await proposeBp3(number, { override: 'true' }))).toContain('Say why the vote opens');
    await proposeBp3(number, { override: 'true', overrideReason: 'NAV beslutter 15. desember; tidskritisk.' });
    const [vote] = await votes.list(key, { ideaNumber: number });
    expect(vote?.override).toMatchObject({ missing: [], missingDecisions: ['nav'], reason: 'NAV beslutter 15. desember; tidskritisk.', by: { id: office.aadObjectId } });
    const entries = await audit.list(TENANT, 'dsop', 10);
    expect(entries).toContainEqual(
      expect.objectContaining({
        decision: 'gate-override',
        actor: expect.objectContaining({ id: office.aadObjectId }),
        items: [expect.objectContaining({ what: `BP3 ${number} without the decision of nav: NAV beslutter 15. desember; tidskritisk.`, subject: { kind: 'idea', number } })],
      }),
    );
    const log = await chat.say(office, 'audit log');
    expect(JSON.stringify(log)).toContain('Gate opened without the parties’ decisions');
  });
});
