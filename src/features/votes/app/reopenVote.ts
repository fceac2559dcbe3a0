// The office puts a vote that closed without quorum to the body again ("not decided": nothing
// was adopted or rejected). A new round with its own id, deadline and ballots, through the
// same machinery (lock, card in the body's channel, closer, decision log); the closed round
// names it, so it is reopened once.
import { withQuorumOf } from '../../../shared/decision/quorum.js';
import { nextGate } from '../../ideas/domain/lifecycle.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { admissionOf } from '../../membership/domain/admission.js';
import { parseDeadline } from '../domain/deadline.js';
import { mayReopen, reopenedVote, type GateVote } from '../domain/gateVote.js';
import { officeAccess } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from './openVote.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';

export interface ReopenInput {
  programmeId: string;
  voteId: string;
  submissionId: string;
  deadlineDate: string;
  deadlineTime: string;
}

export async function reopenVote(
  deps: VoteDeps,
  ctx: RequestContext,
  input: ReopenInput,
): Promise<Result<{ vote: GateVote; previous: GateVote; created: boolean }, VoteError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const ref = { ...key, voteId: input.voteId };
  const previous = await deps.votes.get(ref);
  if (!previous) return err({ code: 'vote-not-found', voteId: input.voteId });
  if (previous.reopenedAs) {
    // Reopened already (this form again, or another office member's): that round.
    const round = await deps.votes.get({ ...key, voteId: previous.reopenedAs });
    if (round) return ok({ vote: round, previous, created: false });
  }
  if (!mayReopen(previous)) return err({ code: 'not-reopenable' });
  const body = programme.bodies.find((b) => b.id === previous.body);
  if (!body) return err({ code: 'config-problem', message: `vote ${previous.id} names unknown body "${previous.body}"` });
  if (!previous.matter) {
    // An idea's gate: still the idea's next gate (it may have been decided in another round).
    const idea = await deps.ideas.get(key, previous.ideaNumber);
    if (!idea) return err({ code: 'not-found', number: previous.ideaNumber });
    const gate = nextGate(programme, idea);
    if (gate?.id !== previous.gate) return err({ code: 'wrong-gate', gate: previous.gate, ...(gate ? { expected: gate.id } : {}) });
  }
  const channel = await deps.channels.get(key, body.id);
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const deadline = parseDeadline(input.deadlineDate, input.deadlineTime, ctx.now);
  if (!deadline.ok) return err({ code: 'bad-deadline', problem: deadline.error });

  // An admission or a retirement keeps its own rule in the new round.
  const own =
    previous.matter?.kind === 'admission' ? admissionOf(programme)?.rule : previous.matter?.kind === 'retirement' ? programme.membership?.retirement?.rule : undefined;
  const rule = own ? withQuorumOf(own, body.rule) : body.rule;
  const vote = reopenedVote(previous, body, { by: actor, at: ctx.now, deadline: deadline.value, channel }, rule);
  const opened = await deps.votes.open(vote, input.submissionId);
  if (opened.kind === 'already-open') return err({ code: 'already-open', voteId: opened.vote.id });
  const round = opened.vote;
  await deps.votes.update(ref, (v) => (v.reopenedAs ? undefined : { ...v, reopenedAs: round.id }));
  const stored = await postOnce(deps, round);
  return ok({ vote: stored, previous: { ...previous, reopenedAs: round.id }, created: opened.kind === 'opened' });
}
