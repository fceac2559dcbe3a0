// Runs a card submission once (issue 22.9). A submission is the person, the verb and the data
// the card sent (a form's data carries its fresh submission id, so two renderings are two
// submissions, while a double click or a Teams retry is one). The first arrival claims it and
// handles it; a repeat gets the first one's answer card, stored with the claim, and changes
// nothing and notifies nobody; a repeat arriving while the first is still being handled waits
// briefly for that answer. A turn that fails releases its claim, so the retry is handled afresh.
// For a handler that recognises a repeat itself, the claim is freed once handled: the guard then
// only keeps two arrivals from being handled at once, and the handler answers the later one.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../shared/requestContext.js';
import type { ClaimSlot, SubmissionClaims } from './submissionClaims.js';
import type { Disclosed } from '../../shared/disclosure/content.js';
import { disclosuresOf, withDisclosures, type AdaptiveCard } from '../cards/cardRenderer.js';
import { systemClock } from '../../shared/clocks.js';

export interface SubmissionGuardOptions {
  /** How long a repeat waits for the first arrival's answer (Teams gives an invoke ~15 s). */
  waitMs?: number;
  pollMs?: number;
  /** Wall time, for how long a repeat waits (default the system clock). */
  now?: () => number;
}

/** JSON with object keys sorted, so the same data always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const fingerprintOf = (verb: string, data: unknown): string =>
  createHash('sha256').update(canonicalJson({ verb, data })).digest('base64url');

/** The card with what it discloses, so the replay passes the disclosure guard like the original. */
const serialise = (card: AdaptiveCard): string => JSON.stringify({ card, discloses: disclosuresOf(card) });
function deserialise(answer: string): AdaptiveCard {
  const { card, discloses } = JSON.parse(answer) as { card: AdaptiveCard; discloses: Disclosed[] };
  return withDisclosures(card, discloses);
}

export interface GuardedAnswers {
  /** Keep the answer for repeats (true), or free the claim once handled, for a handler that
   * recognises a repeat by what is stored and answers it itself (false). */
  keepAnswer: boolean;
  /** The answer to a repeat whose first answer is not at hand (still being handled, or too big to keep). */
  repeated(ctx: RequestContext): AdaptiveCard;
  /** The answer when the handler threw. */
  failed(ctx: RequestContext, error: unknown): AdaptiveCard;
}

export class SubmissionGuard {
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(
    private readonly claims: SubmissionClaims,
    options: SubmissionGuardOptions = {},
  ) {
    this.waitMs = options.waitMs ?? 5_000;
    this.pollMs = options.pollMs ?? 100;
    this.now = options.now ?? systemClock.now;
  }

  async once(ctx: RequestContext, verb: string, data: unknown, handle: () => Promise<AdaptiveCard>, answers: GuardedAnswers): Promise<AdaptiveCard> {
    // Without an Entra id there is nobody to tell repeats apart by; the use cases refuse such a person anyway.
    if (!ctx.actor.aadObjectId) return handle().catch((error: unknown) => answers.failed(ctx, error));
    const slot: ClaimSlot = { tenantId: ctx.actor.tenantId, actor: ctx.actor.aadObjectId, verb };
    // The reader's language is part of it: the kept answer is in the language it was asked in.
    const fingerprint = fingerprintOf(verb, { data, language: ctx.language });
    const deadline = this.now() + this.waitMs;
    for (;;) {
      const claim = await this.claims.claim(slot, fingerprint, ctx.now);
      if (claim.kind === 'answered') return claim.answer === undefined ? answers.repeated(ctx) : deserialise(claim.answer);
      if (claim.kind === 'claimed') return this.handleClaimed(ctx, slot, claim.token, handle, answers);
      if (this.now() >= deadline) return answers.repeated(ctx);
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async handleClaimed(
    ctx: RequestContext,
    slot: ClaimSlot,
    token: string,
    handle: () => Promise<AdaptiveCard>,
    answers: GuardedAnswers,
  ): Promise<AdaptiveCard> {
    let card: AdaptiveCard;
    try {
      card = await handle();
    } catch (error) {
      await this.claims.release(slot, token);
      return answers.failed(ctx, error);
    }
    if (answers.keepAnswer) await this.claims.answer(slot, token, serialise(card), ctx.now);
    else await this.claims.release(slot, token);
    return card;
  }
}
