// No party speaks for another (seed 000 §6.3): an output the disclosure guard would let out of
// the programme (the prioritised list, a project's material) is held until its sharer confirms,
// on a card, that they speak only for their own party. This file holds the port of the held
// shares and the two use cases: asking (hold the output, name the party) and answering (confirm
// or decline). A confirmation releases the share once and is audited (who, which party, what,
// where); a decline, or no answer, shares nothing.
import { randomUUID } from 'node:crypto';
import type { Disclosed } from '../../../shared/disclosure/content.js';
import { confirmationProblem, type ConfirmationProblem } from '../../../shared/disclosure/ownParty.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { classify } from '../../../shared/disclosure/classify.js';
import { describeItem, subjectOf } from './disclosureGuard.js';
import type { AuditLog, SharedProgramme, HeldShareRecord, HeldShares } from './ports.js';
export type { HeldShareRecord, HeldShares } from './ports.js';

export type AskProblem = { code: 'not-a-member'; programmeId: string };

/** Holds an output for the sharer's confirmation. The sharer must be a person of every
 * programme it discloses: their party there is whom they speak for. */
export async function holdForConfirmation(
  shares: HeldShares,
  ctx: RequestContext,
  awaiting: readonly Disclosed[],
  payload: string,
): Promise<Result<HeldShareRecord, AskProblem>> {
  const programmes: SharedProgramme[] = [];
  const items: HeldShareRecord['items'] = [];
  for (const programmeId of new Set(awaiting.map((i) => i.programmeId))) {
    const programme = ctx.tenantProgrammes.find((p) => p.id === programmeId);
    const roles = programme && rolesIn(programme, ctx.actor.aadObjectId);
    if (!programme || !roles?.party) return err({ code: 'not-a-member', programmeId });
    programmes.push({ programmeId, tenantId: programme.tenantId, party: { id: roles.party.id, name: roles.party.name } });
    for (const item of awaiting.filter((i) => i.programmeId === programmeId)) {
      items.push({ programmeId, what: describeItem(item), subject: subjectOf(item), classification: classify(programme, item).classification.level });
    }
  }
  const first = programmes[0];
  if (!first) throw new Error('holdForConfirmation: nothing awaits confirmation');
  const share: HeldShareRecord = {
    id: randomUUID(),
    tenantId: first.tenantId,
    programmeId: first.programmeId,
    sharer: ctx.actor.aadObjectId,
    sharerName: ctx.actor.name,
    conversationId: ctx.conversation.id,
    conversationKind: ctx.conversation.kind,
    askedAt: ctx.now,
    state: 'pending',
    programmes,
    items,
    payload,
  };
  await shares.hold(share);
  return ok(share);
}

/** Why an answer released nothing; `sharer` names who asked, when the share is known. */
export interface AnswerProblem {
  code: ConfirmationProblem | 'unknown-share';
  sharer?: string;
}

/**
 * The sharer's answer on the card. Confirming moves the share to confirmed under its version
 * (of two arrivals one wins; the other is 'already-confirmed') and writes one audit entry per
 * programme; the caller then sends the held output, once. Declining shares nothing.
 */
export async function answerHeldShare(
  deps: { shares: HeldShares; audit: Pick<AuditLog, 'append'> },
  ctx: RequestContext,
  input: { programmeId: string; shareId: string; confirm: boolean },
): Promise<Result<HeldShareRecord, AnswerProblem>> {
  const programme = ctx.tenantProgrammes.find((p) => p.id === input.programmeId);
  if (!programme) return err({ code: 'unknown-share' });
  const found = await deps.shares.get(programme.tenantId, programme.id, input.shareId);
  if (!found) return err({ code: 'unknown-share' });
  const { share, version } = found;
  const sharer = share.sharerName;
  const problem = confirmationProblem(share, ctx.actor.aadObjectId, ctx.conversation.id, ctx.now);
  if (problem) return err({ code: problem, sharer });
  const state = input.confirm ? 'confirmed' : 'declined';
  if (!(await deps.shares.decide(share, version, state, ctx.now))) {
    const now = await deps.shares.get(programme.tenantId, programme.id, input.shareId);
    return err({ code: now?.share.state === 'declined' ? 'declined' : 'already-confirmed', sharer });
  }
  if (input.confirm) {
    for (const shared of share.programmes) {
      await deps.audit.append({
        tenantId: shared.tenantId,
        programmeId: shared.programmeId,
        at: ctx.now,
        actor: { id: share.sharer, name: share.sharerName },
        conversation: { id: share.conversationId, kind: share.conversationKind },
        decision: 'own-party-confirmed',
        party: shared.party,
        items: share.items.filter((i) => i.programmeId === shared.programmeId).map(({ programmeId: _programme, ...item }) => item),
      });
    }
  }
  return ok({ ...share, state, decidedAt: ctx.now });
}
