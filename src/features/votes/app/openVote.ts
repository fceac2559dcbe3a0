// The programme office puts an idea's next gate to the deciding body: checks the decision
// basis (a link per deliverable, or a recorded override), the deadline and the body's
// channel, stores the vote once per proposal form, and has its card posted in the channel.
import { nextGate } from '../../ideas/domain/lifecycle.js';
import type { Idea } from '../../ideas/domain/idea.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { isWebLink } from '../../../shared/text.js';
import type { Body, Gate } from '../../../shared/programme/schema.js';
import { parseDeadline } from '../domain/deadline.js';
import { missingDeliverables, recordedBasis, voteBefore, voteIdFor, type GateVote } from '../domain/gateVote.js';
import { adviceStep, isOwnerApproved, preparationStep, type PreparationStep } from '../domain/preparation.js';
import { missingPartyDecisions } from '../../ideas/domain/participation.js';
import { type Access, officeAccess } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { refOf, type VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';
import type { BodyChannel } from './voteRepository.js';

export interface Proposal {
  access: Access;
  idea: Idea;
  gate: Gate;
  body: Body;
  channel: BodyChannel | undefined;
  /** Which vote the gate needs now: the preparing body's recommendation or the decision. */
  step: PreparationStep;
}

/** What the proposal form is about: the idea's next gate and the body voting now (the deciding
 * body, or first the body preparing its decision when the gate names one). */
export async function proposalFor(
  deps: Pick<VoteDeps, 'ideas' | 'channels' | 'votes'>,
  ctx: RequestContext,
  ref: { programmeId: string; number: string; advice?: boolean },
): Promise<Result<Proposal, VoteError>> {
  const access = officeAccess(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key } = access.value;
  const idea = await deps.ideas.get(key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  const gate = nextGate(programme, idea);
  if (!gate) return err({ code: 'no-gate', number: idea.number });
  // A gate the measure owner approves has no deciding vote: the office may only ask its advising
  // body (Skate §3.1/§3.4); any gate with `advisedBy` may be put to that body for advice.
  const advice = ref.advice === true || isOwnerApproved(gate);
  const step = advice
    ? adviceStep(gate)
    : gate.preparedBy === undefined
      ? preparationStep(gate, [])
      : preparationStep(gate, await deps.votes.list(key, { ideaNumber: idea.number }));
  if (!step) return err(isOwnerApproved(gate) ? { code: 'owner-approves', gate: gate.id } : { code: 'no-advice', gate: gate.id });
  const body = programme.bodies.find((b) => b.id === step.body);
  if (!body) return err({ code: 'config-problem', message: `gate "${gate.id}" names unknown body "${step.body}"` });
  return ok({ access: access.value, idea, gate, body, channel: await deps.channels.get(key, body.id), step });
}

export interface ProposalInput {
  programmeId: string;
  number: string;
  gate: string;
  submissionId: string;
  /** Deliverable id → link. */
  links: Record<string, string>;
  deadlineDate: string;
  deadlineTime: string;
  budgetMatter: boolean;
  override: boolean;
  overrideReason: string;
  /** The form asks the gate's advising body (`advisedBy`), not its deciding body. */
  advice?: boolean;
}

export async function openGateVote(
  deps: VoteDeps,
  ctx: RequestContext,
  input: ProposalInput,
): Promise<Result<{ vote: GateVote; created: boolean }, VoteError>> {
  const proposal = await proposalFor(deps, ctx, input);
  if (!proposal.ok) return proposal;
  const { access, idea, gate, body, channel, step } = proposal.value;
  if (input.gate !== gate.id) return err({ code: 'wrong-gate', gate: input.gate, expected: gate.id });
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const advising = step.stage === 'advice';
  if (!advising && gate.requiresRoadmapEntry && !(await deps.roadmap.onRoadmap(access.key, idea.number))) {
    return err({ code: 'not-on-roadmap', number: idea.number });
  }

  // What Samspill holds already (the qualification on the idea card) needs no link, and a link
  // sent for it anyway (an old form) is not used.
  const recorded = recordedBasis(gate, idea);
  const links = Object.fromEntries(Object.entries(input.links).filter(([k]) => !recorded[k]).map(([k, v]) => [k, v.trim()]));
  for (const d of gate.deliverables) {
    const link = links[d.id];
    if (link && !isWebLink(link)) return err({ code: 'bad-link', deliverable: d.id });
  }
  const missing = missingDeliverables(gate, links, recorded);
  if (missing.length > 0 && !input.override) return err({ code: 'missing-deliverables', missing });
  // DSOP §4.3/§4.4: each participating party's own positive decision, unless overridden.
  // Advice moves nothing, so it waits for no party's decision.
  const decisions = advising ? { parties: [], noParticipants: false } : missingPartyDecisions(gate, idea);
  const undecided = decisions.noParticipants ? ['*'] : decisions.parties;
  if (undecided.length > 0 && !input.override) return err({ code: 'missing-party-decisions', parties: decisions.parties, noParticipants: decisions.noParticipants });
  const overrideReason = input.overrideReason.trim();
  if ((missing.length > 0 || undecided.length > 0) && !overrideReason) return err({ code: 'override-reason' });
  const deadline = parseDeadline(input.deadlineDate, input.deadlineTime, ctx.now);
  if (!deadline.ok) return err({ code: 'bad-deadline', problem: deadline.error });

  const { programme, actor } = access;
  const budgetRule = body.rule.kind === 'consensus-then-majority' && body.rule.chairDecidesBudgetMatters;
  const vote: GateVote = {
    id: voteIdFor(idea.number, gate.id, ctx.now),
    tenantId: programme.tenantId,
    programmeId: programme.id,
    ideaNumber: idea.number,
    ideaTitle: idea.title,
    gate: gate.id,
    ...voteBefore(body, { by: actor, at: ctx.now, deadline: deadline.value, channel }),
    budgetMatter: budgetRule && input.budgetMatter,
    basis: gate.deliverables.map((d) => {
      const held = recorded[d.id];
      if (held) return { deliverable: d.id, recorded: held };
      return links[d.id] ? { deliverable: d.id, link: new URL(links[d.id]!).href } : { deliverable: d.id };
    }),
    ...(missing.length > 0 || undecided.length > 0
      ? { override: { by: actor, at: ctx.now, missing, reason: overrideReason, ...(undecided.length > 0 ? { missingDecisions: undecided } : {}) } }
      : {}),
    // The deciding body's vote opens only on an adopted recommendation (preparation.ts).
    ...(step.stage === 'recommendation' ? { matter: { kind: 'recommendation' as const, to: step.to } } : {}),
    ...(advising ? { matter: { kind: 'advice' as const } } : {}),
    ...(step.stage === 'decision' && step.recommendation ? { recommendation: step.recommendation } : {}),
  };
  const opened = await deps.votes.open(vote, input.submissionId);
  if (opened.kind === 'already-open') return err({ code: 'already-open', voteId: opened.vote.id });
  if (opened.kind === 'opened' && undecided.length > 0) {
    // The override of the parties' own decisions is kept in the audit log, with its reason.
    await deps.audit?.append({
      tenantId: programme.tenantId,
      programmeId: programme.id,
      at: ctx.now,
      actor,
      conversation: ctx.conversation,
      decision: 'gate-override',
      items: [
        {
          what: `${gate.id} ${idea.number} without the decision of ${undecided.join(', ')}: ${overrideReason}`,
          subject: { kind: 'idea', number: idea.number },
          classification: 'programme-internal',
        },
      ],
    });
  }
  const stored = await postOnce(deps, opened.vote);
  return ok({ vote: stored, created: opened.kind === 'opened' });
}

/** Posts the card unless that is done; the closer calls this too for a vote left unposted. */
export async function postOnce(deps: Pick<VoteDeps, 'votes' | 'board'>, vote: GateVote): Promise<GateVote> {
  if (vote.progress.posted) return vote;
  await deps.board.post(vote);
  const marked = await deps.votes.update(refOf(vote), (v) => (v.progress.posted ? undefined : { ...v, progress: { ...v.progress, posted: true } }));
  return marked?.vote ?? vote;
}
