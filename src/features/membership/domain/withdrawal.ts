// Parties that leave (DSOP §3.1: Topplederforum «takker av aktører som ikke lenger er aktive i
// programmet»: where the programme says so, a retirement is only recorded on that body's
// decision; Digi Rogaland §7 and KMD–KS §7: notice periods). A withdrawal (the party gives
// notice) or a retirement (the programme thanks the party off) is recorded once: the notice date
// is the day it is recorded, the effective date follows from the programme's notice rule (none:
// the same day). From the effective date the party's people hold no seat in any body; the
// record stays, so the history says who left when and on whose word. Pure.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { osloDate, type IsoDate } from '../../../shared/schedule/oslo.js';
import { noticeEffect } from './notice.js';

export const departureKinds = ['withdrawal', 'retirement'] as const;
export type DepartureKind = (typeof departureKinds)[number];

export interface Withdrawal {
  partyId: string;
  kind: DepartureKind;
  /** The day the notice was given (recorded), in Oslo. */
  givenOn: IsoDate;
  /** From this day the party's people hold no seats. */
  effective: IsoDate;
  recordedBy: PersonRef;
  recordedAt: number;
  /** A retirement the programme's body decided (DSOP §3.1): its vote. */
  decision?: { voteId: string; body: string };
}

export type WithdrawalProblem =
  | { code: 'unknown-party'; partyId: string }
  | { code: 'already-withdrawn'; partyId: string; effective: IsoDate }
  /** DSOP §3.1: Topplederforum «takker av aktører»; the office proposes, the body's vote decides. */
  | { code: 'retirement-by-vote'; partyId: string; body: string };

export function recordWithdrawal(
  programme: Programme,
  existing: readonly Withdrawal[],
  input: { partyId: string; kind: DepartureKind; by: PersonRef; at: number; decision?: { voteId: string; body: string } },
): Result<Withdrawal, WithdrawalProblem> {
  if (!programme.parties.some((p) => p.id === input.partyId)) return err({ code: 'unknown-party', partyId: input.partyId });
  const earlier = existing.find((w) => w.partyId === input.partyId);
  if (earlier) return err({ code: 'already-withdrawn', partyId: input.partyId, effective: earlier.effective });
  const givenOn = osloDate(input.at);
  const byVote = input.kind === 'retirement' ? programme.membership?.retirement : undefined;
  if (byVote) {
    // Retired by the body's decision, effective from the day it was decided.
    if (input.decision?.body !== byVote.body) return err({ code: 'retirement-by-vote', partyId: input.partyId, body: byVote.body });
    return ok({ partyId: input.partyId, kind: 'retirement', givenOn, effective: givenOn, recordedBy: input.by, recordedAt: input.at, decision: input.decision });
  }
  const rule = programme.membership?.notice?.rule;
  const effective = rule ? noticeEffect(rule, givenOn).effective : givenOn;
  return ok({ partyId: input.partyId, kind: input.kind, givenOn, effective, recordedBy: input.by, recordedAt: input.at });
}

/** The people of the party, as the programme lists them. */
export const peopleOf = (programme: Programme, partyId: string): string[] =>
  programme.people.filter((p) => p.party === partyId).map((p) => p.aadObjectId);

/** The programme as it stands on `today`: every party whose withdrawal is in effect has lost
 * its people's seats (member, chair, observer, secretary) in every body. */
export function withoutWithdrawnSeats(programme: Programme, withdrawals: readonly Withdrawal[], today: IsoDate): Programme {
  const gone = new Set(withdrawals.filter((w) => w.effective <= today).flatMap((w) => peopleOf(programme, w.partyId)));
  if (gone.size === 0) return programme;
  const bodies = programme.bodies.map((body) => {
    const { chair, secretary, ...rest } = body;
    return {
      ...rest,
      members: body.members.filter((m) => !gone.has(m)),
      observers: body.observers.filter((o) => !gone.has(o)),
      ...(chair !== undefined && !gone.has(chair) ? { chair } : {}),
      ...(secretary !== undefined && !gone.has(secretary) ? { secretary } : {}),
    };
  });
  return { ...programme, bodies };
}
