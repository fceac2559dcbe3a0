// An advising body's closed vote on a gate (Skate seed 004 §3.4: «Sentral styringsdokumentasjon …
// skal behandles i AU … AU kan gi råd til tiltakseier om forbedringer. Dette fratar ikke
// tiltakseierne ansvaret»): written into the idea's history as advice, so the measure's card shows
// it beside the owner's approval. It never changes the idea's phase, whatever it says.
import type { PersonRef } from '../../../shared/personRef.js';
import type { AdviceOutcome } from '../../ideas/domain/history.js';
import { recordAdvice } from '../../ideas/domain/ownerApproval.js';
import type { Applied, GateVote } from '../domain/gateVote.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';

export const adviceOutcome = (vote: Pick<GateVote, 'outcome'>): AdviceOutcome =>
  vote.outcome?.status === 'no-quorum' ? 'no-quorum' : vote.outcome?.adopted ? 'in-favour' : 'against';

export async function applyAdvice(ideas: IdeaRepository, vote: GateVote, by: PersonRef, at: number): Promise<Applied> {
  const key = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  // Once per vote: a retry after a crash finds its entry.
  const recorded = (await ideas.history(key, vote.ideaNumber)).some((h) => h.event.kind === 'advice-recorded' && h.event.voteId === vote.id);
  if (recorded) return { at, ok: true };
  const result = await ideas.apply(key, vote.ideaNumber, (idea) =>
    recordAdvice({ id: vote.programmeId }, idea, { by, at, gate: vote.gate, body: vote.body, voteId: vote.id, advice: adviceOutcome(vote) }),
  );
  return result.ok ? { at, ok: true } : { at, ok: false, error: result.error.code };
}
