// Recording a party's withdrawal or retirement (office only) and serving it: the directory
// takes the party's people out of every body from the effective date. Loaded at start-up and on
// every tick, so a withdrawal recorded on another instance, or one whose day has come, is
// served within a minute.
import { err, ok, type Result } from '../../../shared/result.js';
import { peopleOf, recordWithdrawal, type DepartureKind, type Withdrawal, type WithdrawalProblem } from '../domain/withdrawal.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { type Access, officeAccess } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ProgrammeDirectory } from '../../../shared/programmeDirectory.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { WithdrawalRegistry } from './ports.js';

export interface WithdrawalDeps {
  withdrawals: WithdrawalRegistry;
  directory: Pick<ProgrammeDirectory, 'withdraw' | 'files'>;
}

export type WithdrawalError = IdeaUseCaseError | WithdrawalProblem;

export interface RecordedWithdrawal {
  access: Access;
  withdrawal: Withdrawal;
  /** The party's people, who lose their seats on the effective date. */
  people: string[];
}

export async function withdrawParty(
  deps: WithdrawalDeps,
  ctx: RequestContext,
  input: { programmeId: string; partyId: string; kind: DepartureKind },
): Promise<Result<RecordedWithdrawal, WithdrawalError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const existing = await deps.withdrawals.list(key);
  const decided = recordWithdrawal(programme, existing, { partyId: input.partyId, kind: input.kind, by: actor, at: ctx.now });
  if (!decided.ok) return decided;
  if ((await deps.withdrawals.record(key, decided.value)) === 'already') {
    // Another office member recorded it meanwhile: theirs stands.
    const theirs = (await deps.withdrawals.list(key)).find((w) => w.partyId === input.partyId);
    return err({ code: 'already-withdrawn', partyId: input.partyId, effective: theirs?.effective ?? decided.value.effective });
  }
  await refreshWithdrawals(deps, key, ctx.now);
  return ok({ access: access.value, withdrawal: decided.value, people: peopleOf(programme, input.partyId) });
}

/** The programme's recorded withdrawals (office only). */
export async function listWithdrawals(deps: WithdrawalDeps, ctx: RequestContext, programmeId: string): Promise<Result<{ access: Access; withdrawals: Withdrawal[] }, WithdrawalError>> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  return ok({ access: access.value, withdrawals: await deps.withdrawals.list(access.value.key) });
}

export async function refreshWithdrawals(deps: WithdrawalDeps, key: ProgrammeKey, now: number): Promise<void> {
  deps.directory.withdraw(key, await deps.withdrawals.list(key), now);
}

/** One programme's storage failing holds up no other (it keeps what it served, and the next
 * tick retries); the ids of those that failed are returned for the log. */
export async function refreshAllWithdrawals(deps: WithdrawalDeps, programmes: readonly Programme[], now: number): Promise<string[]> {
  const failed: string[] = [];
  for (const programme of programmes) {
    try {
      await refreshWithdrawals(deps, { tenantId: programme.tenantId, programmeId: programme.id }, now);
    } catch {
      failed.push(programme.id);
    }
  }
  return failed;
}
