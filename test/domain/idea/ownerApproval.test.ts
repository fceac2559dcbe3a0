// Skate seed 004 §3.1/§3.4: the measure owner approves their own governance documentation and
// so moves the measure; the advising body's vote is recorded beside it and moves nothing.
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { approveAsOwner, recordAdvice } from '../../../src/features/ideas/domain/ownerApproval.js';
import { leader, office, presetProgramme } from './programmes.js';

const skate = presetProgramme('skate');
const at = Date.UTC(2026, 11, 1, 9);

const measure = (over: Partial<Idea> = {}): Idea => ({
  programmeId: 'skate',
  number: 'SKATE-2026-001',
  title: 'Felles datakatalog',
  description: 'Katalog.',
  party: 'nav',
  links: [],
  submittedBy: office,
  registeredAt: at - 10_000,
  phase: 'konsept',
  phaseStartedAt: at - 5_000,
  status: 'active',
  disputes: [],
  projectLeader: leader.id,
  ...over,
});

describe('approveAsOwner', () => {
  it('the owner approves the concept documentation: on to planning, the history says the owner approved', () => {
    const result = approveAsOwner(skate, measure(), { by: leader, at, gate: 'konseptdokumentasjon' });
    expect(result.ok && result.value.idea).toMatchObject({ phase: 'planlegging', phaseStartedAt: at, status: 'active' });
    expect(result.ok && result.value.history.event).toStrictEqual({
      kind: 'gate-adopted',
      gate: 'konseptdokumentasjon',
      fromPhase: 'konsept',
      toPhase: 'planlegging',
      status: 'active',
      approvedBy: 'owner',
    });
  });

  it('refuses anyone but the owner (the office included), a measure without an owner, and a gate a body decides', () => {
    expect(approveAsOwner(skate, measure(), { by: office, at, gate: 'konseptdokumentasjon' })).toMatchObject({ ok: false, error: { code: 'not-owner' } });
    expect(approveAsOwner(skate, measure({ projectLeader: undefined }), { by: leader, at, gate: 'konseptdokumentasjon' })).toMatchObject({ ok: false, error: { code: 'no-owner' } });
    const gjennomforing = measure({ phase: 'gjennomforing' });
    expect(approveAsOwner(skate, gjennomforing, { by: leader, at, gate: 'sluttbehandling' })).toMatchObject({ ok: false, error: { code: 'not-owner-approved' } });
  });

  it('refuses a gate that is not the measure’s next one, and a closed measure', () => {
    expect(approveAsOwner(skate, measure(), { by: leader, at, gate: 'planleggingsdokumentasjon' })).toMatchObject({ ok: false, error: { code: 'gate-not-from-current-phase' } });
    expect(approveAsOwner(skate, measure(), { by: leader, at, gate: 'nope' })).toMatchObject({ ok: false, error: { code: 'unknown-gate' } });
    // Before the first gate is qualified there is no next gate at all.
    expect(approveAsOwner(skate, measure({ phase: 'forslag', status: 'prioritised' }), { by: leader, at, gate: 'konseptdokumentasjon' })).toMatchObject({
      ok: false,
      error: { code: 'gate-not-from-current-phase', phase: 'forslag' },
    });
    expect(approveAsOwner(skate, measure({ programmeId: 'dsop' }), { by: leader, at, gate: 'konseptdokumentasjon' })).toMatchObject({ ok: false, error: { code: 'wrong-programme' } });
    expect(approveAsOwner(skate, measure({ status: 'stopped', phase: 'stanset' }), { by: leader, at, gate: 'konseptdokumentasjon' })).toMatchObject({ ok: false, error: { code: 'idea-closed' } });
  });
});

describe('recordAdvice', () => {
  it.each(['in-favour', 'against', 'no-quorum'] as const)('advice %s leaves the measure exactly as it was and is written in its history', (advice) => {
    const before = measure();
    const result = recordAdvice(skate, before, { by: office, at, gate: 'konseptdokumentasjon', body: 'au', voteId: 'v1', advice });
    expect(result.ok && result.value.idea).toBe(before);
    expect(result.ok && result.value.history.event).toStrictEqual({ kind: 'advice-recorded', gate: 'konseptdokumentasjon', body: 'au', voteId: 'v1', advice });
  });
  it('is recorded after the owner approved (a later phase) or the measure was finished', () => {
    expect(recordAdvice(skate, measure({ phase: 'sluttbehandlet', status: 'completed' }), { by: office, at, gate: 'konseptdokumentasjon', body: 'au', voteId: 'v1', advice: 'against' }).ok).toBe(true);
    expect(recordAdvice(skate, measure(), { by: { id: ' ', name: 'x' }, at, gate: 'konseptdokumentasjon', body: 'au', voteId: 'v1', advice: 'against' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(recordAdvice({ id: 'dsop' }, measure(), { by: office, at, gate: 'konseptdokumentasjon', body: 'au', voteId: 'v1', advice: 'against' })).toMatchObject({ ok: false, error: { code: 'wrong-programme' } });
  });
});
