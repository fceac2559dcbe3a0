// Membership use cases: the yearly fee table (office only) and when a notice of withdrawal
// takes effect (any participant). The rules come from the programme's `membership` section.
import { err, ok, type Result } from '../../../shared/result.js';
import { computeFees, rateFor, type FeeProblem } from '../domain/fees.js';
import { noticeEffect, type NoticeEffect } from '../domain/notice.js';
import type { FeeRate, LocalisedText, NoticeRule } from '../../../shared/programme/schema.js';
import { osloDate, type IsoDate } from '../../../shared/schedule/oslo.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { FeeRecord, FeeRepository } from './ports.js';
export type { FeeRecord, FeeRepository } from './ports.js';

export type MembershipError = IdeaUseCaseError | FeeProblem | { code: 'no-fee-rule' } | { code: 'no-notice-rule' } | { code: 'unknown-party'; partyId: string };

export interface FeeSheet {
  access: Access;
  year: number;
  rate: FeeRate;
  basis?: LocalisedText;
  /** Every party, with the inhabitants to start from: this year's stored count, else the
   * programme file's `inhabitants`. Parties without a count do not pay (e.g. KS). */
  parties: { partyId: string; name: string; inhabitants?: number }[];
  stored?: FeeRecord;
}

function feeRule(access: Access, year: number): Result<{ rate: FeeRate; basis?: LocalisedText }, MembershipError> {
  const fee = access.programme.membership?.fee;
  if (!fee) return err({ code: 'no-fee-rule' });
  const rate = rateFor(fee, year);
  if (!rate) return err({ code: 'no-rate', year, firstYear: Math.min(...fee.rates.map((r) => r.fromYear)) });
  return ok({ rate, ...(fee.basis ? { basis: fee.basis } : {}) });
}

export async function feeSheet(fees: FeeRepository, ctx: RequestContext, programmeId: string, year: number): Promise<Result<FeeSheet, MembershipError>> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  const rule = feeRule(access.value, year);
  if (!rule.ok) return rule;
  const stored = await fees.get(access.value.key, year);
  const parties = access.value.programme.parties.map((p) => {
    const inhabitants = stored ? stored.lines.find((l) => l.partyId === p.id)?.inhabitants : p.inhabitants;
    return { partyId: p.id, name: p.name, ...(inhabitants !== undefined ? { inhabitants } : {}) };
  });
  return ok({ access: access.value, year, ...rule.value, parties, ...(stored ? { stored } : {}) });
}

/** Computes and stores the year's table from the office's inhabitant counts (party id →
 * inhabitants; parties left out pay nothing). */
export async function calculateFees(
  fees: FeeRepository,
  ctx: RequestContext,
  input: { programmeId: string; year: number; inhabitants: Readonly<Record<string, number>> },
): Promise<Result<FeeSheet & { stored: FeeRecord }, MembershipError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const fee = access.value.programme.membership?.fee;
  if (!fee) return err({ code: 'no-fee-rule' });
  const { programme } = access.value;
  const unknown = Object.keys(input.inhabitants).find((id) => !programme.parties.some((p) => p.id === id));
  if (unknown !== undefined) return err({ code: 'unknown-party', partyId: unknown });
  const municipalities = programme.parties.flatMap((p) => {
    const inhabitants = input.inhabitants[p.id];
    return inhabitants === undefined ? [] : [{ partyId: p.id, name: p.name, inhabitants }];
  });
  const table = computeFees(fee, input.year, municipalities);
  if (!table.ok) return table;
  const record: FeeRecord = { ...table.value, computedBy: access.value.actor, computedAt: ctx.now };
  await fees.save(access.value.key, record);
  const sheet = await feeSheet(fees, ctx, input.programmeId, input.year);
  if (!sheet.ok) return sheet;
  return ok({ ...sheet.value, stored: record });
}

export interface NoticeAnswer {
  access: Access;
  rule: NoticeRule;
  basis?: LocalisedText;
  effect: NoticeEffect;
}

/** When a notice given on `givenOn` (default: today in Oslo) takes effect. */
export function noticeFor(ctx: RequestContext, programmeId: string, givenOn?: IsoDate): Result<NoticeAnswer, MembershipError> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const notice = access.value.programme.membership?.notice;
  if (!notice) return err({ code: 'no-notice-rule' });
  const effect = noticeEffect(notice.rule, givenOn ?? osloDate(ctx.now));
  return ok({ access: access.value, rule: notice.rule, ...(notice.basis ? { basis: notice.basis } : {}), effect });
}
