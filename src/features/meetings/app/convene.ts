// Reminders to convene a body (its `meets` cadence, src/shared/schedule/meetings.ts): once per
// meeting period, the chair and the secretary get a message in personal chat, in their own
// language, listing the body's open matters: votes still open, status reports with significant
// deviations (this period and the last), and roadmap changes waiting for the body's decision.
// Runs on the reminder ticker; the delivery key makes each reminder exactly-once.
import { ideaContent } from '../../../shared/disclosure/content.js';
import type { Body, Programme } from '../../../shared/programme/schema.js';
import { conveners, meetingPeriodAt } from '../../../shared/schedule/meetings.js';
import { periodAt, previousPeriod } from '../../../shared/schedule/period.js';
import type { Language } from '../../../shared/language.js';
import type { Delivery, DeliveryJob } from '../../../shared/delivery.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { ideasNumbered } from '../../ideas/app/jobIdeas.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import { hasDeviation, isProjectSchedule, type ReportRepository, type StatusReport } from '../../reporting/app/report.js';
import type { VoteRepository } from '../../votes/app/voteRepository.js';
import type { GateVote } from '../../votes/domain/gateVote.js';

export interface OpenMatters {
  votes: GateVote[];
  deviations: StatusReport[];
  /** Idea numbers with a roadmap change waiting for this body's decision. */
  roadmapChanges: string[];
}

export type ConveneText = (input: { programme: Programme; body: Body; periodKey: string; matters: OpenMatters; language: Language }) => string;

export interface ConveneDeps {
  programmes: readonly Programme[];
  votes: Pick<VoteRepository, 'list'>;
  reports: Pick<ReportRepository, 'forPeriod'>;
  ideas: Pick<IdeaRepository, 'get'>;
  /** Pending roadmap changes (where a body decides them). */
  roadmapChanges: { pending(key: ProgrammeKey): Promise<{ ideaNumber: string }[]> };
  delivery: Delivery;
  languages: RecipientLanguage;
  text: ConveneText;
  log?: { error(details: Record<string, unknown>, message: string): void };
}

export const conveneKey = (key: ProgrammeKey, body: string, periodKey: string, person: string): string =>
  `${key.tenantId}:${key.programmeId}:meeting:${body}:${periodKey}:${person}:convene`;

/** The body's open matters now. */
export async function openMatters(deps: Omit<ConveneDeps, 'programmes' | 'delivery' | 'languages' | 'text'>, programme: Programme, body: Body, now: number): Promise<OpenMatters> {
  const key: ProgrammeKey = { tenantId: programme.tenantId, programmeId: programme.id };
  const votes = (await deps.votes.list(key, { body: body.id })).filter((v) => v.status === 'open');
  const deviations: StatusReport[] = [];
  for (const schedule of programme.schedules.filter(isProjectSchedule)) {
    const current = periodAt(schedule, now);
    if (!current) continue;
    for (const period of [previousPeriod(schedule, current), current]) {
      deviations.push(...(await deps.reports.forPeriod(key, schedule.id, period.key)).filter((r) => hasDeviation(r.content)));
    }
  }
  const roadmapChanges = programme.roadmap?.body === body.id ? (await deps.roadmapChanges.pending(key)).map((c) => c.ideaNumber) : [];
  return { votes, deviations, roadmapChanges };
}

/** Enqueues the reminders due at `now`; returns the keys queued (duplicates left out). */
export async function planConveneReminders(deps: ConveneDeps, now: number): Promise<string[]> {
  const queued: string[] = [];
  for (const programme of deps.programmes) {
    try {
      queued.push(...(await planProgramme(deps, programme, now)));
    } catch (error) {
      // One programme's storage failing holds up no other; the next tick retries it.
      deps.log?.error({ err: error, programmeId: programme.id }, 'meetings: convene reminders failed');
    }
  }
  return queued;
}

async function planProgramme(deps: ConveneDeps, programme: Programme, now: number): Promise<string[]> {
  const queued: string[] = [];
  {
    const key: ProgrammeKey = { tenantId: programme.tenantId, programmeId: programme.id };
    for (const body of programme.bodies) {
      const period = meetingPeriodAt(body, now);
      const people = conveners(body);
      if (!period || people.length === 0) continue;
      const matters = await openMatters(deps, programme, body, now);
      // Only the ideas the matters name, by number: never the programme's every idea.
      const named = new Set([...matters.votes.filter((v) => !v.matter).map((v) => v.ideaNumber), ...matters.deviations.map((r) => r.ideaNumber), ...matters.roadmapChanges]);
      const discloses = (await ideasNumbered(deps.ideas, key, named)).map((i) => ideaContent(programme.id, i));
      for (const person of people) {
        const language = await deps.languages.of(key.tenantId, person);
        const job: DeliveryJob = {
          key: conveneKey(key, body.id, period.key, person),
          tenantId: key.tenantId,
          target: { kind: 'person', aadObjectId: person },
          message: { kind: 'text', text: deps.text({ programme, body, periodKey: period.key, matters, language }) },
          discloses,
        };
        if ((await deps.delivery.enqueue(job)) === 'queued') queued.push(job.key);
      }
    }
  }
  return queued;
}
