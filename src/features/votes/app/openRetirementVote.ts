// The office proposes that a party be thanked off (DSOP §3.1: «Det til enhver tid "sittende"
// Topplederforum … takker av aktører som ikke lenger er aktive i programmet»): the programme's
// retirement body votes on it through the gate-vote machinery (same card, closer, decision log),
// as on an admission. The deadline is our choice (the seed is silent): 10 business days ahead,
// 16:00 Oslo; the chair or the secretary may close it earlier. Adopted, the retirement is recorded
// with the vote and takes effect that day (applyRetirement).
import { err, ok, type Result } from '../../../shared/result.js';
import type { PersonRef } from '../../../shared/personRef.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { withQuorumOf } from '../../../shared/decision/quorum.js';
import { recordWithdrawal, type WithdrawalProblem } from '../../membership/domain/withdrawal.js';
import { addBusinessDays } from '../../../shared/schedule/businessDays.js';
import { osloDate, osloTime } from '../../../shared/schedule/oslo.js';
import { RETIREMENT_GATE, voteBefore, voteIdFor, type Applied, type GateVote } from '../domain/gateVote.js';
import { officeAccess } from '../../../shared/access.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { refreshWithdrawals, type WithdrawalDeps } from '../../membership/app/withdrawals.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from './openVote.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';

export const RETIREMENT_DEADLINE_BUSINESS_DAYS = 10;

export type RetirementVoteError = VoteError | WithdrawalProblem | { code: 'no-retirement-vote' };

/** The matter id of a party's retirement vote (one running at a time per party). */
export const retirementMatterId = (partyId: string): string => `retire-${partyId}`;

export async function openRetirementVote(
  deps: Pick<VoteDeps, 'votes' | 'channels' | 'board'> & Pick<WithdrawalDeps, 'withdrawals'>,
  ctx: RequestContext,
  input: { programmeId: string; partyId: string },
): Promise<Result<{ vote: GateVote; created: boolean }, RetirementVoteError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const retirement = programme.membership?.retirement;
  if (!retirement) return err({ code: 'no-retirement-vote' });
  // Known party, not already gone (the same checks the recorded retirement will pass).
  const check = recordWithdrawal(programme, await deps.withdrawals.list(key), {
    partyId: input.partyId,
    kind: 'retirement',
    by: actor,
    at: ctx.now,
    decision: { voteId: 'check', body: retirement.body },
  });
  if (!check.ok) return check;
  const body = programme.bodies.find((b) => b.id === retirement.body);
  if (!body) return err({ code: 'config-problem', message: `retirement names unknown body "${retirement.body}"` });
  const channel = await deps.channels.get(key, body.id);
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const party = programme.parties.find((p) => p.id === input.partyId)!;
  const matterId = retirementMatterId(party.id);
  const vote: GateVote = {
    id: voteIdFor(matterId, RETIREMENT_GATE, ctx.now),
    tenantId: programme.tenantId,
    programmeId: programme.id,
    ideaNumber: matterId,
    ideaTitle: party.name,
    gate: RETIREMENT_GATE,
    matter: { kind: 'retirement', partyId: party.id },
    ...voteBefore(body, {
      by: actor,
      at: ctx.now,
      deadline: osloTime(addBusinessDays(osloDate(ctx.now), RETIREMENT_DEADLINE_BUSINESS_DAYS), 16),
      channel,
    }),
    rule: retirement.rule ? withQuorumOf(retirement.rule, body.rule) : body.rule,
    budgetMatter: false,
    basis: [],
  };
  // One proposal per party and day: the command sent again (or by another office member) that
  // day answers with the vote it opened.
  const opened = await deps.votes.open(vote, `${matterId}.${osloDate(ctx.now)}`);
  if (opened.kind === 'already-open') {
    if (opened.vote.matter?.kind === 'retirement' && opened.vote.matter.partyId === party.id) return ok({ vote: opened.vote, created: false });
    return err({ code: 'already-open', voteId: opened.vote.id });
  }
  return ok({ vote: await postOnce(deps, opened.vote), created: opened.kind === 'opened' });
}

/** Applies the body's decision once: adopted, the retirement is recorded with the vote, effective
 * the day of the decision, and this instance's directory drops the party's seats at once. */
export async function applyRetirement(
  deps: Pick<WithdrawalDeps, 'withdrawals'> & { directory: WithdrawalDeps['directory'] & { readonly programmes: readonly Programme[] } },
  vote: GateVote,
  adopted: boolean,
  by: PersonRef,
  at: number,
): Promise<Applied> {
  if (vote.matter?.kind !== 'retirement') return { at, ok: false, error: 'not-a-retirement' };
  if (!adopted) return { at, ok: true };
  const partyId = vote.matter.partyId;
  const key: ProgrammeKey = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  const programme = deps.directory.programmes.find((p) => p.tenantId === key.tenantId && p.id === key.programmeId);
  if (!programme) return { at, ok: false, error: 'programme-not-found' };
  const existing = await deps.withdrawals.list(key);
  const decided = recordWithdrawal(programme, existing, { partyId, kind: 'retirement', by, at, decision: { voteId: vote.id, body: vote.body } });
  if (!decided.ok) {
    // Recorded already (this decision applied before a crash, or another instance): it stands.
    const earlier = existing.find((w) => w.partyId === partyId);
    return earlier ? { at, ok: true } : { at, ok: false, error: decided.error.code };
  }
  await deps.withdrawals.record(key, decided.value);
  await refreshWithdrawals(deps, key, at);
  return { at, ok: true };
}
