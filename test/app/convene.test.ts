// Convene reminders' planning over small in-memory ports: the open matters of each body (open
// votes, reports with significant deviations this period and the last, pending roadmap changes
// only for the body that decides the roadmap), one job per convener and period, none for an
// ad-hoc body; the text is the real one in each recipient's language.
import { describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/shared/delivery.js';
import { planConveneReminders, type ConveneDeps } from '../../src/features/meetings/app/convene.js';
import type { StatusReport } from '../../src/features/reporting/app/report.js';
import { programmeSchema } from '../../src/shared/programme/schema.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import { conveneText } from '../../src/features/meetings/teams/conveneText.js';
import { testProgramme } from '../support/fixtures.js';

const base = testProgramme();
const programme = programmeSchema.parse({
  ...base,
  roadmap: { body: 'styringsgruppen' },
  schedules: [
    {
      id: 'statusrapport',
      name: { nb: 'Status', en: 'Status' },
      kind: 'status-report',
      cadence: { kind: 'monthly', exceptMonths: [7] },
      recipients: 'project-leaders',
      deadlineBusinessDays: 5,
    },
  ],
  bodies: [
    { ...base.bodies[0]!, meets: 'quarterly' },
    { ...base.bodies[0]!, id: 'adhoc', name: { nb: 'Ad hoc', en: 'Ad hoc' }, meets: 'ad-hoc' },
  ],
});
const noDeviation = { deviates: false, text: '' };
const report = (ideaNumber: string, periodKey: string, deviates: boolean): StatusReport => ({
  programmeId: 'dsop',
  scheduleId: 'statusrapport',
  periodKey,
  ideaNumber,
  ideaTitle: `Prosjekt ${ideaNumber}`,
  content: {
    status: deviates ? 'red' : 'green',
    progress: '',
    deviations: { result: noDeviation, completionDate: deviates ? { deviates: true, text: 'Forsinket' } : noDeviation, cost: noDeviation },
    correctiveActions: deviates ? 'Mer folk' : '',
    nextMilestones: '',
  },
  author: { id: 'aad-chair', name: 'Kari' },
  version: 1,
  filedAt: 0,
  updatedAt: 0,
});

function deps(jobs: DeliveryJob[]): ConveneDeps {
  const sent = new Set<string>();
  return {
    programmes: [programme],
    votes: {
      list: async (_key, filter) =>
        [
          { id: 'v1', body: 'styringsgruppen', status: 'open', ideaNumber: 'DSOP-2027-001', ideaTitle: 'Åpen sak', deadline: Date.UTC(2027, 0, 15, 15) },
          { id: 'v0', body: 'styringsgruppen', status: 'closed', ideaNumber: 'DSOP-2027-009', ideaTitle: 'Lukket sak', deadline: 0 },
        ].filter((v) => !filter?.body || v.body === filter.body) as GateVote[],
    },
    reports: {
      forPeriod: async (_key, _schedule, periodKey) =>
        ({ '2026-12': [report('DSOP-2026-004', '2026-12', true), report('DSOP-2026-005', '2026-12', false)], '2027-01': [report('DSOP-2026-006', '2027-01', true)] })[periodKey] ?? [],
    },
    ideas: { get: async () => undefined },
    roadmapChanges: { pending: async () => [{ ideaNumber: 'DSOP-2026-007' }] },
    delivery: {
      enqueue: async (job) => {
        if (sent.has(job.key)) return 'duplicate';
        sent.add(job.key);
        jobs.push(job);
        return 'queued';
      },
    },
    languages: { of: async (_tenant, person) => (person === 'aad-chair' ? 'nb' : 'en') },
    text: conveneText,
  };
}

describe('planConveneReminders', () => {
  it('lists the quarterly body’s open matters to its chair and secretary, once; nothing for the ad-hoc body', async () => {
    const jobs: DeliveryJob[] = [];
    const d = deps(jobs);
    const now = Date.UTC(2027, 0, 11, 10); // Q1 2027; January's report period is open
    const queued = await planConveneReminders(d, now);
    expect(queued).toEqual([
      'tenant-a:dsop:meeting:styringsgruppen:2027-Q1:aad-chair:convene',
      'tenant-a:dsop:meeting:styringsgruppen:2027-Q1:aad-office:convene',
    ]);
    const chair = jobs[0]!.message.kind === 'text' ? jobs[0]!.message.text : '';
    expect(chair.split('\n')).toEqual([
      'Tid for å kalle inn Styringsgruppen (DSOP test): organet møtes hvert kvartal, og perioden 2027-Q1 har begynt.',
      'Åpne saker:',
      '- Åpen avstemning: DSOP-2027-001 «Åpen sak», frist 15. jan. 2027, 16:00',
      '- Statusrapport med vesentlige avvik: DSOP-2026-004 «Prosjekt DSOP-2026-004» (2026-12)',
      '- Statusrapport med vesentlige avvik: DSOP-2026-006 «Prosjekt DSOP-2026-006» (2027-01)',
      '- 1 endring i veikartet venter på beslutning: DSOP-2026-007',
    ]);
    expect(jobs[1]!.message).toMatchObject({ kind: 'text', text: expect.stringContaining('Open vote: DSOP-2027-001 "Åpen sak"') });
    expect(await planConveneReminders(d, now + 3_600_000)).toEqual([]);
  });
});
