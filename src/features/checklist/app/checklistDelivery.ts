// Hands the collaboration checklist to project leaders through the Delivery port: by itself
// when a project starts (a sweep on the reminder ticker), and again when the office sends it.
// The delivery key is the record of what was handed over, so any number of instances may sweep
// at the same time and each leader still gets a project's checklist once. This code keeps no
// state of its own.
import { dueHandovers } from '../domain/handover.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { Delivery, DeliveryLog } from '../../../shared/delivery.js';
import { accessTo } from '../../../shared/access.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { activeIdeas } from '../../ideas/app/jobIdeas.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { checklistForPerson, type ChecklistError, type ChecklistRepository, type ChecklistState } from './checklist.js';

/** Why the leader is getting the card: their project started, or the office sent it again. */
export type HandoverOccasion = { kind: 'started' } | { kind: 'resent'; by: PersonRef };

/** Renders the card for the leader's personal chat; the Teams edge picks the leader's language. */
export interface LeaderChecklistCards {
  forLeader(input: { tenantId: string; state: ChecklistState; occasion: HandoverOccasion }): Promise<RenderedCard>;
}

export interface ChecklistDeliveryDeps {
  ideas: IdeaRepository;
  checklists: ChecklistRepository;
  delivery: Delivery;
  cards: LeaderChecklistCards;
}

/** `${tenantId}:${programmeId}:checklist:${ideaNumber}:${leaderId}`: one per project and leader,
 * so a new project leader gets the checklist too. Starts with the programme's prefix, so a
 * failed handover is in the office's list of failures. */
export const checklistHandoverKey = (key: ProgrammeKey, ideaNumber: string, leaderId: string): string =>
  `${key.tenantId}:${key.programmeId}:checklist:${ideaNumber}:${leaderId}`;

/** A deliberate resend by the office is a new message: the card the office clicked names it,
 * so a double click (or Teams' retry) of the same card sends once. */
export const checklistResendKey = (key: ProgrammeKey, ideaNumber: string, leaderId: string, requestKey: string): string =>
  `${checklistHandoverKey(key, ideaNumber, leaderId)}:resend:${requestKey}`;

type HandOver = 'queued' | 'duplicate' | 'leader-not-in-programme';

async function handOver(
  deps: ChecklistDeliveryDeps,
  programme: Programme,
  key: ProgrammeKey,
  idea: Idea,
  leaderId: string,
  jobKey: string,
  occasion: HandoverOccasion,
): Promise<HandOver> {
  // A leader no longer among the programme's people gets nothing of it.
  const state = await checklistForPerson(deps.checklists, programme, key, idea, leaderId);
  if (!state) return 'leader-not-in-programme';
  const { card, discloses } = await deps.cards.forLeader({ tenantId: key.tenantId, state, occasion });
  return deps.delivery.enqueue({
    key: jobKey,
    tenantId: key.tenantId,
    target: { kind: 'person', aadObjectId: leaderId },
    message: { kind: 'card', card },
    discloses,
  });
}

export interface ChecklistSweepDeps extends ChecklistDeliveryDeps {
  programmes: readonly Programme[];
  /** Asked first, so a tick renders no card for a handover already made (most ticks). */
  ledger: Pick<DeliveryLog, 'find'>;
  log: { error(details: Record<string, unknown>, message: string): void };
}

export interface ChecklistSweepReport {
  queued: string[];
  /** Keys already in the ledger (handed over earlier, by this or another instance). */
  alreadyHandedOver: number;
  /** Programmes whose sweep failed (retried on the next tick: nothing is lost). */
  failedProgrammes: string[];
}

async function sweepProgramme(deps: ChecklistSweepDeps, programme: Programme, report: ChecklistSweepReport): Promise<void> {
  const key: ProgrammeKey = { tenantId: programme.tenantId, programmeId: programme.id };
  // A handover is due for an active project only: the active ideas' index, not the programme.
  for (const { idea, leaderId } of dueHandovers(await activeIdeas(deps.ideas, key))) {
    const jobKey = checklistHandoverKey(key, idea.number, leaderId);
    if (await deps.ledger.find(key.tenantId, jobKey)) {
      report.alreadyHandedOver++;
      continue;
    }
    const outcome = await handOver(deps, programme, key, idea, leaderId, jobKey, { kind: 'started' });
    if (outcome === 'queued') report.queued.push(jobKey);
    else if (outcome === 'duplicate') report.alreadyHandedOver++;
  }
}

/** Hands the checklist to the leader of every started project who has not had it. Safe to run
 * any number of times, on any number of instances. */
export async function handOverStartedProjects(deps: ChecklistSweepDeps): Promise<ChecklistSweepReport> {
  const report: ChecklistSweepReport = { queued: [], alreadyHandedOver: 0, failedProgrammes: [] };
  for (const programme of deps.programmes) {
    try {
      await sweepProgramme(deps, programme, report);
    } catch (error) {
      // One programme's failure (storage, a bad card) must not keep the others' leaders waiting.
      report.failedProgrammes.push(programme.id);
      deps.log.error({ err: error, programmeId: programme.id }, 'checklist: handover sweep failed');
    }
  }
  return report;
}

/** The office's "send to the project leader" button: sends the checklist as it stands now. */
export async function resendChecklist(
  deps: ChecklistDeliveryDeps,
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
  requestKey: string,
): Promise<Result<{ to: PersonRef }, ChecklistError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  if (!access.value.roles.isOffice) return err({ code: 'forbidden', needs: 'office' });
  const { programme, key, actor } = access.value;
  const idea = await deps.ideas.get(key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  if (idea.status !== 'active') return err({ code: 'not-started', number: idea.number, status: idea.status });
  const leaderId = idea.projectLeader;
  if (!leaderId) return err({ code: 'no-project-leader', number: idea.number });
  const jobKey = checklistResendKey(key, idea.number, leaderId, requestKey);
  const outcome = await handOver(deps, programme, key, idea, leaderId, jobKey, { kind: 'resent', by: actor });
  if (outcome === 'leader-not-in-programme') return err({ code: 'leader-not-in-programme', number: idea.number });
  const leader = programme.people.find((p) => p.aadObjectId === leaderId);
  return ok({ to: { id: leaderId, name: leader?.name ?? leaderId } });
}
