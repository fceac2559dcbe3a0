// The office's and chairs' actions on an idea: each is a pure transition from the domain,
// applied under the idea's ETag after the role check.
import { recordParticipants, recordPartyDecision } from '../domain/participation.js';
import { type Assessment, assessable, scoreProblems } from '../domain/assessment.js';
import { recordConsumerChoice, recordDispute, type DisputeChoice } from '../domain/dispute.js';
import type { Idea } from '../domain/idea.js';
import { applyGateDecision, assignProjectLeader, prioritise, qualify, rerank, stop } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Act, TransitionResult } from '../domain/transition.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { accessTo, isChairForIdea, officeAccess, type Access } from './ideaAccess.js';
import type { IdeaUseCaseError } from './ideaErrors.js';
import type { IdeaRepository } from './ideaRepository.js';

type Outcome = Promise<Result<Idea, IdeaUseCaseError>>;
type Step = (programme: Programme, idea: Idea, act: Act) => TransitionResult;

async function change(ideas: IdeaRepository, access: Result<Access, IdeaUseCaseError>, number: string, now: number, step: Step): Outcome {
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  return ideas.apply(key, number, (idea) => step(programme, idea, { by: actor, at: now }));
}

export interface IdeaRef {
  programmeId: string;
  number: string;
}

export const prioritiseIdea = (ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef, rank: number): Outcome =>
  change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) =>
    idea.status === 'registered' ? prioritise(p, idea, { ...act, rank }) : rerank(p, idea, { ...act, rank }),
  );

export const qualifyIdea = (
  ideas: IdeaRepository,
  ctx: RequestContext,
  ref: IdeaRef,
  input: { assessment: string; recommendation: string },
): Outcome => change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => qualify(p, idea, { ...act, ...input }));

export const assignLeader = (ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef, person: string): Outcome =>
  change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => assignProjectLeader(p, idea, { ...act, person }));

export const recordIdeaDispute = (
  ideas: IdeaRepository,
  ctx: RequestContext,
  ref: IdeaRef,
  input: { subject: string; dataOwner: string; decision: string },
): Outcome => change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => recordDispute(p, idea, { ...act, ...input }));

export const recordIdeaConsumerChoice = (
  ideas: IdeaRepository,
  ctx: RequestContext,
  ref: IdeaRef,
  input: { dispute: number; party: string; choice: DisputeChoice },
): Outcome =>
  change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => recordConsumerChoice(p, idea, { ...act, ...input }));

/** The office, or the chair of the body deciding the idea's next gate, may stop it. */
export async function stopIdea(ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef, lessonsLearned: string): Outcome {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const idea = await ideas.get(access.value.key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  if (!access.value.roles.isOffice && !isChairForIdea(access.value, idea)) return err({ code: 'forbidden', needs: 'office-or-chair' });
  return change(ideas, access, ref.number, ctx.now, (p, current, act) => stop(p, current, { ...act, lessonsLearned }));
}

/**
 * Applies a body's decision at a gate. Called by the voting use case once a vote closes (and
 * by the Skate director's decision); the decision itself was authorised there.
 */
export function applyDecision(
  ideas: IdeaRepository,
  programme: Programme,
  ref: IdeaRef & { tenantId: string },
  input: Act & { gate: string; adopted: boolean; decisionId?: string },
): Outcome {
  return ideas.apply({ tenantId: ref.tenantId, programmeId: programme.id }, ref.number, (idea) => applyGateDecision(programme, idea, input));
}

/** An office member scores a registered idea on every criterion of the programme (1–5) with a comment. */
export async function assessIdea(
  ideas: IdeaRepository,
  ctx: RequestContext,
  ref: IdeaRef,
  input: { scores: Record<string, number>; comment: string },
): Promise<Result<Assessment, IdeaUseCaseError>> {
  const access = officeAccess(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const problems = scoreProblems(programme.criteria, input.scores);
  if (problems.length > 0) return err({ code: 'invalid-scores', problems });
  const assessment: Assessment = { ideaNumber: ref.number, assessor: actor, scores: input.scores, comment: input.comment.trim(), at: ctx.now };
  // The idea as it is now, not as the card showed it: a stopped idea takes no score.
  const saved = await ideas.saveAssessment(key, assessment, programme, (idea) => assessable(programme, idea));
  return saved.ok ? ok(assessment) : saved;
}

/** DSOP §3.3/§4.3: the parties taking part in the project, and each one's own decision (office). */
export const recordIdeaParticipants = (ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef, parties: readonly string[]): Outcome =>
  change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => recordParticipants(p, idea, { ...act, parties }));

export const recordIdeaPartyDecision = (ideas: IdeaRepository, ctx: RequestContext, ref: IdeaRef, input: { party: string; positive: boolean; note: string }): Outcome =>
  change(ideas, officeAccess(ctx, ref.programmeId), ref.number, ctx.now, (p, idea, act) => recordPartyDecision(p, idea, { ...act, ...input }));
