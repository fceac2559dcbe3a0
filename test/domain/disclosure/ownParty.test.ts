// No party speaks for another (seed 000 §6.3), the pure rules: which outputs wait for the
// sharer's confirmation (only material of the programme, only outside it, only when nothing
// else is refused), and who may confirm a held share, where and until when.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Disclosed } from '../../../src/shared/disclosure/content.js';
import type { DisclosureVerdict } from '../../../src/shared/disclosure/decide.js';
import { awaitingOwnPartyConfirmation, confirmationProblem, SHARE_CONFIRMATION_VALID_MS, type HeldShare } from '../../../src/shared/disclosure/ownParty.js';

const idea = { number: 'DSOP-2026-001', status: 'prioritised', phase: 'ide', party: 'dnb', submittedBy: { id: 'aad-s', name: 's' } } as const;
const items: Disclosed[] = [
  { kind: 'prioritised-list', programmeId: 'dsop', labelled: true },
  { kind: 'idea', programmeId: 'dsop', idea },
  { kind: 'idea-documents', programmeId: 'dsop', idea },
  { kind: 'programme-internal', programmeId: 'dsop' },
];
const verdict = (external: boolean, allowed = true): DisclosureVerdict => ({ allowed, external, withheld: [] });

describe('awaitingOwnPartyConfirmation', () => {
  it('holds the list and a project\'s material shown outside the programme, not internal material', () => {
    expect(awaitingOwnPartyConfirmation(verdict(true), items, false)).toEqual(items.slice(0, 3));
  });
  it('asks nothing inside the programme, after the confirmation, or of an output refused anyway', () => {
    expect(awaitingOwnPartyConfirmation(verdict(false), items, false)).toEqual([]);
    expect(awaitingOwnPartyConfirmation(verdict(true), items, true)).toEqual([]);
    expect(awaitingOwnPartyConfirmation(verdict(true, false), items, false)).toEqual([]);
    expect(awaitingOwnPartyConfirmation(verdict(true), [items[3]!], false)).toEqual([]);
  });
  it('for any output: something waits exactly when it is external, allowed, unconfirmed and holds material of the programme', () => {
    const material = new Set(['prioritised-list', 'idea', 'idea-documents']);
    fc.assert(
      fc.property(fc.subarray(items), fc.boolean(), fc.boolean(), fc.boolean(), (chosen, external, allowed, confirmed) => {
        const awaiting = awaitingOwnPartyConfirmation(verdict(external, allowed), chosen, confirmed);
        const expected = external && allowed && !confirmed ? chosen.filter((i) => material.has(i.kind)) : [];
        expect(awaiting).toEqual(expected);
      }),
    );
  });
});

describe('confirmationProblem', () => {
  const share: HeldShare = { sharer: 'aad-office', conversationId: '19:c', askedAt: 1_000, state: 'pending' };
  it('lets the sharer confirm where they asked, within the hour', () => {
    expect(confirmationProblem(share, 'aad-office', '19:c', 1_000 + SHARE_CONFIRMATION_VALID_MS)).toBeUndefined();
  });
  it('refuses anyone else, another conversation, a late answer, and a second answer', () => {
    expect(confirmationProblem(share, 'aad-other', '19:c', 1_000)).toBe('not-the-sharer');
    expect(confirmationProblem(share, 'aad-office', '19:elsewhere', 1_000)).toBe('other-conversation');
    expect(confirmationProblem(share, 'aad-office', '19:c', 1_001 + SHARE_CONFIRMATION_VALID_MS)).toBe('expired');
    expect(confirmationProblem({ ...share, state: 'confirmed' }, 'aad-office', '19:c', 1_000)).toBe('already-confirmed');
    expect(confirmationProblem({ ...share, state: 'declined' }, 'aad-office', '19:c', 1_000)).toBe('declined');
  });
  it('the card holds for one hour (59 minutes is in time, 61 is late)', () => {
    expect(confirmationProblem(share, 'aad-office', '19:c', 1_000 + 59 * 60_000)).toBeUndefined();
    expect(confirmationProblem(share, 'aad-office', '19:c', 1_000 + 61 * 60_000)).toBe('expired');
  });
  it('a stranger is refused as not the sharer even on a share already answered', () => {
    expect(confirmationProblem({ ...share, state: 'confirmed' }, 'aad-other', '19:c', 1_000)).toBe('not-the-sharer');
  });
});
