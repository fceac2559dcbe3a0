// Closing a vote, at its deadline or when the chair or secretary closes it, and everything
// that follows: count (decide), record the outcome, apply an adopted gate to the idea, show
// the outcome card in the channel and tell the project leader and the office.
//
// Every step is idempotent and recorded on the vote, so a crash anywhere is resumed by the
// closer's next sweep (VoteCloser.closeDueVotes), in this instance or another.
import { decide } from '../../../shared/decision/decide.js';
import { eligibleVoters } from '../../../shared/decision/eligibility.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { asBallot, finalAdoption, mayClose, type Applied, type Closing, type GateVote } from '../domain/gateVote.js';
import { applyDecision } from '../../ideas/app/changeIdea.js';
import { accessTo } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from './openVote.js';
import { remindVoters } from './remindVoters.js';
import { votersReminderDue } from '../domain/votersReminder.js';
import { refOf, SYSTEM, type VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import type { VoteRef } from './voteRepository.js';
import { voteMetrics } from '../../../platform/observability/metrics.js';
import { electorateAt } from '../domain/departedVoters.js';
import { withdrawalsFor } from './departures.js';

/** The chair or the secretary closes the vote before its deadline. */
export async function closeVoteByHand(
  deps: VoteDeps,
  ctx: RequestContext,
  target: { programmeId: string; voteId: string },
): Promise<Result<GateVote, VoteError>> {
  const access = accessTo(ctx, target.programmeId);
  if (!access.ok) return access;
  const ref: VoteRef = { ...access.value.key, voteId: target.voteId };
  const vote = await deps.votes.get(ref);
  if (!vote) return err({ code: 'vote-not-found', voteId: target.voteId });
  if (!mayClose(vote, access.value.actor.id)) return err({ code: 'may-not-close', body: vote.body });
  if (vote.status === 'closed') return err({ code: 'vote-closed' });
  const closed = await closeVote(deps, access.value.programme, ref, { at: ctx.now, by: access.value.actor, how: 'manual' });
  return closed ? ok(closed) : err({ code: 'vote-not-found', voteId: target.voteId });
}

/** Closes (or resumes closing) one vote. Safe to call twice, from two instances at once. */
export async function closeVote(deps: VoteDeps, programme: Programme, ref: VoteRef, closing: Closing): Promise<GateVote | undefined> {
  const marked = await deps.votes.update(ref, (v) => (v.status === 'open' ? { ...v, status: 'closing', closing } : undefined));
  if (!marked) return undefined;
  let vote = marked.vote;
  if (vote.status === 'closing') vote = await count(deps, programme, ref, vote);
  const finished = await finishVote(deps, programme, vote);
  voteMetrics.closed(programme.id, closing.how, finished.outcome?.status);
  return finished;
}

/**
 * Seals every voter's latest ballot first: a ballot either made it in before the seal (and
 * counts) or was refused as too late; none is lost between reading and counting.
 */
async function count(deps: VoteDeps, programme: Programme, ref: VoteRef, vote: GateVote): Promise<GateVote> {
  const latest = await deps.votes.seal(ref, eligibleVoters(vote.electorate));
  // Voters whose party had left by the close no longer count, unless they voted before (departedVoters.ts).
  const at = vote.closing?.at ?? vote.deadline;
  const electorate = electorateAt(vote.electorate, programme, withdrawalsFor(deps.departures, vote), latest, at);
  const outcome = decide({
    body: { ...electorate, rule: vote.rule },
    ballots: latest.map(asBallot),
    budgetMatter: vote.budgetMatter,
  });
  // Read after the seal, so final: the decision log shows them from the record (no ballot reads).
  const ballotLog = await deps.votes.ballots(ref);
  const done = await deps.votes.update(ref, (v) => (v.status === 'closing' ? { ...v, status: 'closed', outcome, ballotLog } : undefined));
  return done?.vote ?? vote;
}

/** The people told of the outcome: the idea's project leader (if any) and the programme office. */
export function recipientsOf(programme: Programme, projectLeader: string | undefined): string[] {
  const office = programme.people.filter((p) => p.roles.includes('office')).map((p) => p.aadObjectId);
  return [...new Set([...(projectLeader ? [projectLeader] : []), ...office])];
}

/** The steps after the count; each is skipped when the vote record says it is done. */
export async function finishVote(deps: VoteDeps, programme: Programme, start: GateVote): Promise<GateVote> {
  let vote = start;
  if (vote.status !== 'closed') return vote;
  const ref = refOf(vote);
  const reload = async () => (await deps.votes.get(ref)) ?? vote;

  const adopted = finalAdoption(vote);
  if (adopted !== undefined && !vote.applied) {
    const applied = await applyOnce(deps, programme, vote, adopted);
    vote = (await deps.votes.update(ref, (v) => (v.applied ? undefined : { ...v, applied })))?.vote ?? vote;
  }

  const cardDone = vote.progress.outcomePosted && (!vote.director || vote.progress.decisionPosted);
  if (!cardDone) {
    await deps.board.settle(ref);
    vote = await reload();
  }

  const needsOutcome = !vote.progress.notified;
  const needsDecision = vote.director !== undefined && !vote.progress.decisionNotified;
  if (needsOutcome || needsDecision) {
    // Advice on a gate goes to the measure owner too (seed 004 §3.4: «AU kan gi råd til tiltakseier»).
    const idea = vote.matter && vote.matter.kind !== 'advice' ? undefined : await deps.ideas.get({ tenantId: vote.tenantId, programmeId: vote.programmeId }, vote.ideaNumber);
    const people = recipientsOf(programme, idea?.projectLeader);
    if (needsOutcome) await deps.board.notify(vote, people, 'outcome');
    if (needsDecision) await deps.board.notify(vote, people, 'decision');
    vote =
      (
        await deps.votes.update(ref, (v) => ({
          ...v,
          progress: { ...v.progress, notified: v.progress.notified || needsOutcome, decisionNotified: v.progress.decisionNotified || needsDecision },
        }))
      )?.vote ?? vote;
  }
  return vote;
}

/**
 * Applies the decision to the idea once. The idea's history names the vote (decisionId), so
 * a retry after a crash between applying and recording it finds the entry and stops there.
 */
async function applyOnce(deps: VoteDeps, programme: Programme, vote: GateVote, adopted: boolean): Promise<Applied> {
  const key = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  const director = vote.director;
  const at = director?.at ?? vote.closing?.at ?? vote.deadline;
  const by: PersonRef = director ? { id: director.by, name: director.name } : (vote.closing?.by ?? SYSTEM);
  if (vote.matter) return deps.matters.apply(vote, adopted, by, at);
  /** The decision as already recorded in the idea's history (written atomically with the idea). */
  const recorded = async (): Promise<Applied | undefined> => {
    const done = (await deps.ideas.history(key, vote.ideaNumber)).find(
      (h) => (h.event.kind === 'gate-adopted' || h.event.kind === 'gate-rejected') && h.event.decisionId === vote.id,
    );
    return done && { at, ok: true, ...(done.event.kind === 'gate-adopted' ? { toPhase: done.event.toPhase } : {}) };
  };
  const already = await recorded();
  if (already) return already;
  const result = await applyDecision(deps.ideas, programme, { tenantId: vote.tenantId, programmeId: vote.programmeId, number: vote.ideaNumber }, {
    gate: vote.gate,
    adopted,
    by,
    at,
    decisionId: vote.id,
  });
  // A concurrent closer may have applied it between our check and our write: its history entry
  // then explains our refusal, and the decision counts as applied.
  if (!result.ok) return (await recorded()) ?? { at, ok: false, error: result.error.code };
  return { at, ok: true, ...(adopted ? { toPhase: result.value.phase } : {}) };
}

export interface CloserLog {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface SweepReport {
  closed: string[];
  resumed: string[];
  /** `voteId:person` of each member reminded that the vote closes soon. */
  reminded: string[];
  failed: string[];
}

/**
 * Closes votes whose deadline has passed, resumes any follow-up left undone, and reminds the
 * members who have not voted the day before a vote closes. State lives in
 * storage, so a restart loses nothing: the next sweep finds the same votes. main/app runs it
 * on an interval; tests call it with the time they want.
 */
export class VoteCloser {
  private running: Promise<SweepReport> | undefined;

  constructor(
    private readonly deps: VoteDeps,
    /** The programmes as served now (the directory: admitted parties included). */
    private readonly served: { readonly programmes: readonly Programme[] },
    private readonly log: CloserLog,
  ) {}

  /** One sweep at a time per instance; a call during a sweep waits for it and sweeps again. */
  async closeDueVotes(now: number): Promise<SweepReport> {
    while (this.running) await this.running.catch(() => undefined);
    const sweep = this.sweep(now);
    this.running = sweep;
    try {
      return await sweep;
    } finally {
      this.running = undefined;
    }
  }

  private async sweep(now: number): Promise<SweepReport> {
    const report: SweepReport = { closed: [], resumed: [], reminded: [], failed: [] };
    for (const programme of this.served.programmes) {
      const key = { tenantId: programme.tenantId, programmeId: programme.id };
      let due: GateVote[];
      try {
        due = await this.deps.votes.due(key, now);
      } catch (error) {
        this.log.error({ err: error, programme: programme.id }, 'votes: cannot list due votes');
        continue;
      }
      for (const vote of due) {
        try {
          if (vote.status === 'open' && vote.deadline <= now) {
            const closed = await closeVote(this.deps, programme, refOf(vote), { at: vote.deadline, by: SYSTEM, how: 'deadline' });
            report.closed.push(vote.id);
            this.log.info({ voteId: vote.id, status: closed?.outcome?.status }, 'votes: closed at the deadline');
          } else if (vote.status === 'open') {
            await postOnce(this.deps, vote);
            if (votersReminderDue(vote, now)) {
              const reminded = await remindVoters(this.deps, programme, vote, now);
              report.reminded.push(...reminded.map((person) => `${vote.id}:${person}`));
            } else report.resumed.push(vote.id);
          } else {
            await closeVote(this.deps, programme, refOf(vote), vote.closing ?? { at: now, by: SYSTEM, how: 'deadline' });
            report.resumed.push(vote.id);
          }
        } catch (error) {
          report.failed.push(vote.id);
          this.log.error({ err: error, voteId: vote.id }, 'votes: closing or follow-up failed; the next sweep retries');
        }
      }
    }
    return report;
  }
}

