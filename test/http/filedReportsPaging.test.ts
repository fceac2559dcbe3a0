// A project's filed reports a page at a time (issue 25.2; DSOP §4 «tilgjengeliggjøres for alle
// deltakere»), over HTTP: `reports <no>` shows the newest ten with their place in the list and
// Next, the idea card's Status reports button too; Next and Previous walk the list with the
// cursor the card carries; another project's reports never show. Seeded straight into storage
// (filing them over HTTP needs a period each).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/features/reporting/app/report.js';
import { ok } from '../../src/shared/result.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { ReportTable } from '../../src/features/reporting/storage/reportTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { dsopWithLeader, seedActiveProject } from '../support/reportingProject.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-reports-paging';
const { programme, leader, office } = dsopWithLeader(TENANT);
const key = { tenantId: TENANT, programmeId: 'dsop' };
const started = Date.UTC(2025, 0, 2, 9);

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let number: string;
let other: string;

/** Files one report straight into storage (as the report form would), in month `m` of 2025. */
async function file(reports: ReportTable, idea: string, m: number) {
  const periodKey = `2025-${String(m).padStart(2, '0')}`;
  const at = Date.UTC(2025, m - 1, 3, 9);
  const report: StatusReport = {
    programmeId: 'dsop',
    scheduleId: 'statusrapport',
    periodKey,
    ideaNumber: idea,
    ideaTitle: 'Prosjekt',
    content: {
      status: 'green',
      progress: `Fremdrift ${idea} ${periodKey}.`,
      deviations: { result: { deviates: false, text: '' }, completionDate: { deviates: false, text: '' }, cost: { deviates: false, text: '' } },
      correctiveActions: '',
      nextMilestones: 'Videre.',
    },
    author: { id: leader.aadObjectId, name: leader.name },
    version: 1,
    filedAt: at,
    updatedAt: at,
  };
  const saved = await reports.save(key, { scheduleId: 'statusrapport', periodKey, ideaNumber: idea }, undefined, () => ok({ kind: 'new-version', report }));
  if (!saved.ok) throw new Error('seed');
}

/** The data of the card's button with this title. */
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

const months = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]; // DSOP reports monthly except July

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => Date.UTC(2026, 0, 20, 9) });
  chat = conversationWith(app, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  const ideas = new IdeaTable(tables);
  const reports = new ReportTable(tables);
  number = await seedActiveProject(ideas, programme, leader, started, 'seed-paged');
  other = await seedActiveProject(ideas, programme, leader, started, 'seed-other');
  // Eleven in 2025 and two in 2026: thirteen, more than a card's ten.
  for (const m of months) await file(reports, number, m);
  for (const m of [1, 2]) await file(reports, other, m);
  for (const periodKey of ['2026-01', '2026-02']) {
    const at = Date.UTC(2026, Number(periodKey.slice(5)) - 1, 3, 9);
    const [template] = (await reports.pageOfIdea(key, number, { size: 1 })).items;
    await reports.save(key, { scheduleId: 'statusrapport', periodKey, ideaNumber: number }, undefined, () =>
      ok({ kind: 'new-version', report: { ...template!, periodKey, filedAt: at, updatedAt: at, content: { ...template!.content, progress: `Fremdrift ${number} ${periodKey}.` } } }),
    );
  }
});
afterAll(async () => app.stop());

describe('a project’s filed reports, a page at a time (issue 25.2)', () => {
  it('reports <no> shows the newest ten with their place and Next; Next shows the rest, Previous goes back', async () => {
    const { card } = await chat.say(office, `reports ${number}`);
    const first = cardText(card);
    expect(first).toContain('1–10 of 13');
    expect(first.match(/version 1, filed by leader/g)).toHaveLength(10);
    // Newest filing first: 2026-02 leads; the oldest three wait for the next page.
    expect(first.indexOf('2026-02')).toBeLessThan(first.indexOf('2026-01'));
    expect(first).not.toContain(`Fremdrift ${number} 2025-03.`);
    expect(first).not.toContain(`Fremdrift ${other}`);
    const next = await chat.click(office, 'idea.reports', buttonData(card, 'Next'));
    const second = cardText(next);
    expect(second).toContain('11–13 of 13');
    for (const m of ['2025-01', '2025-02', '2025-03']) expect(second).toContain(`Fremdrift ${number} ${m}.`);
    expect(second).not.toContain(`Fremdrift ${number} 2025-04.`);
    expect(second).toContain('Previous');
    expect(() => actionData(next, 'idea.reports')).not.toThrow();
    const back = await chat.click(office, 'idea.reports', buttonData(next, 'Previous'));
    expect(cardText(back)).toContain('1–10 of 13');
  });

  it('a project with few reports shows them all, with no place or buttons; Norwegian reads the same', async () => {
    const { card } = await chat.say(leader, `rapporter ${other}`, { locale: 'nb-NO' });
    expect(cardText(card)).toContain(`Fremdrift ${other} 2025-02.`);
    expect(cardText(card)).not.toContain(' av 2');
    expect(() => actionData(card, 'idea.reports')).toThrow();
  });

  it('a tampered cursor is refused with a localised error, not a 500', async () => {
    const card = await chat.click(office, 'idea.reports', { programmeId: 'dsop', number, cursor: { offset: -1, back: [] } }, { locale: 'nb-NO' });
    expect(cardText(card)).toContain('Noen felt må rettes');
  });
});
