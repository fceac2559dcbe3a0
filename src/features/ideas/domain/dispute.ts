// Disputes about the concrete solution in a project (DSOP §5): the data owner has the final
// word; each consumer party either accepts the solution or withdraws from the project.
import type { Programme } from '../../../shared/programme/schema.js';
import { disputeChoices, type ConsumerChoice, type Dispute, type DisputeChoice, type DisputeProblem } from './disputeRecord.js';
import type { Idea } from './idea.js';
import { err, ok } from '../../../shared/result.js';
import { nonBlank } from '../../../shared/text.js';
import { checkOpen, historyEntry, requireStatus, type Act, type TransitionResult } from './transition.js';

export { disputeChoices, type ConsumerChoice, type Dispute, type DisputeChoice, type DisputeProblem } from './disputeRecord.js';

export interface DisputeInput extends Act {
  subject: string;
  dataOwner: string;
  decision: string;
  /** Choices already known; the rest come later through recordConsumerChoice. */
  consumers?: { party: string; choice: DisputeChoice }[];
}

/** Everything wrong with a dispute record, in field order; empty when it is valid. */
export function disputeProblems(
  programme: Pick<Programme, 'parties'>,
  dispute: Pick<Dispute, 'subject' | 'dataOwner' | 'decision'> & { consumers: { party: string; choice: string }[] },
): DisputeProblem[] {
  const problems: DisputeProblem[] = [];
  const isParty = (id: string) => programme.parties.some((p) => p.id === id);
  if (!nonBlank(dispute.subject)) problems.push({ field: 'subject', message: 'say what the dispute is about' });
  if (!isParty(dispute.dataOwner)) problems.push({ field: 'dataOwner', message: `unknown party "${dispute.dataOwner}"` });
  if (!nonBlank(dispute.decision)) problems.push({ field: 'decision', message: 'the data owner’s decision is required' });
  const seen = new Set<string>();
  dispute.consumers.forEach(({ party, choice }, i) => {
    const field = `consumers.${i}`;
    if (!isParty(party)) problems.push({ field, message: `unknown party "${party}"` });
    if (party === dispute.dataOwner) problems.push({ field, message: 'the data owner is not a consumer in its own dispute' });
    if (seen.has(party)) problems.push({ field, message: `"${party}" has already made its choice` });
    if (!(disputeChoices as readonly string[]).includes(choice)) {
      problems.push({ field, message: `the choice must be "accept" or "withdraw", not "${choice}"` });
    }
    seen.add(party);
  });
  return problems;
}

/** Records the data owner's decision in a running project. */
export function recordDispute(programme: Programme, idea: Idea, input: DisputeInput): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['active']);
  if (!status.ok) return status;
  const consumers = (input.consumers ?? []).map((c) => ({ ...c, by: input.by, at: input.at }));
  const draft = { subject: input.subject, dataOwner: input.dataOwner, decision: input.decision, consumers };
  const problems = disputeProblems(programme, draft);
  if (problems.length > 0) return err({ code: 'invalid-dispute', problems });

  const dispute: Dispute = {
    ...draft,
    number: idea.disputes.length + 1,
    subject: draft.subject.trim(),
    decision: draft.decision.trim(),
    recordedBy: input.by,
    at: input.at,
  };
  const next: Idea = { ...idea, disputes: [...idea.disputes, dispute] };
  const event = { kind: 'dispute-recorded', dispute: dispute.number, dataOwner: dispute.dataOwner } as const;
  return ok({ idea: next, history: historyEntry(next, input, event) });
}

/** Records one consumer's answer to the data owner's decision; each consumer answers once. */
export function recordConsumerChoice(
  programme: Programme,
  idea: Idea,
  input: Act & { dispute: number; party: string; choice: DisputeChoice },
): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['active']);
  if (!status.ok) return status;
  const dispute = idea.disputes.find((d) => d.number === input.dispute);
  if (!dispute) return err({ code: 'invalid-input', field: 'dispute', message: `no dispute ${input.dispute}` });
  const choice: ConsumerChoice = { party: input.party, choice: input.choice, by: input.by, at: input.at };
  const updated: Dispute = { ...dispute, consumers: [...dispute.consumers, choice] };
  const problems = disputeProblems(programme, updated);
  if (problems.length > 0) return err({ code: 'invalid-dispute', problems });

  const next: Idea = { ...idea, disputes: idea.disputes.map((d) => (d === dispute ? updated : d)) };
  const event = { kind: 'consumer-choice-recorded', dispute: dispute.number, party: input.party, choice: input.choice } as const;
  return ok({ idea: next, history: historyEntry(next, input, event) });
}
