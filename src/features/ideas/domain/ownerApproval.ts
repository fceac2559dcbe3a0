// Skate's measure owner approves their own governance documentation and so moves the phase
// (seed 004 §3.1: «Utpekte tiltakseiere er ansvarlige for å utarbeide, godkjenne og revidere
// styringsdokumentasjonen»). The advising body's treatment (§3.4: «AU kan gi råd til tiltakseier
// om forbedringer. Dette fratar ikke tiltakseierne ansvaret») is recorded beside it and is never
// a condition: nothing here looks at advice. Pure: the clock and the actor are passed in.
import type { Programme } from '../../../shared/programme/schema.js';
import type { AdviceOutcome } from './history.js';
import type { Idea } from './idea.js';
import { nextGate } from './lifecycle.js';
import { err, ok } from '../../../shared/result.js';
import { checkAct, checkOpen, historyEntry, type Act, type TransitionResult } from './transition.js';

/** The owner's approval of the idea's next gate, when that gate is theirs to approve. */
export function approveAsOwner(programme: Programme, idea: Idea, input: Act & { gate: string }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const gate = programme.gates.find((g) => g.id === input.gate);
  if (!gate) return err({ code: 'unknown-gate', gate: input.gate });
  // Only the gate the measure stands before now (a gate out of an earlier or later phase is stale).
  if (nextGate(programme, idea)?.id !== gate.id) {
    return err({ code: 'gate-not-from-current-phase', gate: gate.id, gateFrom: gate.from, phase: idea.phase });
  }
  if (gate.approvedBy !== 'owner') return err({ code: 'not-owner-approved', gate: gate.id });
  // The measure owner is the project leader the office named (seed 004 §2.3: the director
  // appoints the owner, who accepts; the office records it on the idea card).
  if (idea.projectLeader === undefined) return err({ code: 'no-owner', gate: gate.id });
  if (idea.projectLeader !== input.by.id) return err({ code: 'not-owner', gate: gate.id });
  const target = programme.phases.find((p) => p.id === gate.to);
  if (!target) return err({ code: 'config-problem', message: `gate "${gate.id}" leads to unknown phase "${gate.to}"` });
  const status = target.terminal ? 'completed' : 'active';
  const next: Idea = { ...idea, phase: target.id, phaseStartedAt: input.at, status };
  return ok({
    idea: next,
    history: historyEntry(next, input, { kind: 'gate-adopted', gate: gate.id, fromPhase: idea.phase, toPhase: target.id, status, approvedBy: 'owner' }),
  });
}

/** The advising body's vote, written into the idea's history as it closed. The idea itself does
 * not change, whatever the advice, and it is recorded whether or not the gate was passed meanwhile. */
export function recordAdvice(
  programme: Pick<Programme, 'id'>,
  idea: Idea,
  input: Act & { gate: string; body: string; voteId: string; advice: AdviceOutcome },
): TransitionResult {
  if (idea.programmeId !== programme.id) return err({ code: 'wrong-programme', programme: programme.id, ideaProgramme: idea.programmeId });
  const act = checkAct(input);
  if (!act.ok) return act;
  return ok({ idea, history: historyEntry(idea, input, { kind: 'advice-recorded', gate: input.gate, body: input.body, voteId: input.voteId, advice: input.advice }) });
}
