// Which parties take part in a project and each one's own decision (DSOP §3.3: the office shall
// «Identifisere parter som ønsker å delta i dette initiativet»; §4.3: «hver av partene har egne
// beslutningsprosesser før anbefaling om å gå til gjennomføring legges frem for Topplederforum»;
// §4.4: «forutsatt positiv beslutning om realisering hos alle aktørene»). A gate marked
// `requiresPartyDecisions` needs a positive latest decision from every participating party. Pure.
import type { Gate, Programme } from '../../../shared/programme/schema.js';
import type { Idea, PartyDecision } from './idea.js';
import { ok } from '../../../shared/result.js';
import { checkOpen, historyEntry, invalid, type Act, type TransitionResult } from './transition.js';

/** Records the participating parties (replacing the earlier list; decisions already made stay). */
export function recordParticipants(programme: Programme, idea: Idea, input: Act & { parties: readonly string[] }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const parties = [...new Set(input.parties)];
  if (parties.length === 0) return invalid('parties', 'name at least one participating party');
  const unknown = parties.find((p) => !programme.parties.some((known) => known.id === p));
  if (unknown) return invalid('parties', `unknown party "${unknown}"`);
  const next: Idea = { ...idea, participation: { parties, decisions: idea.participation?.decisions ?? [] } };
  return ok({ idea: next, history: historyEntry(next, input, { kind: 'participants-recorded', parties }) });
}

/** Records one participating party's own decision; its latest decision is the one that counts. */
export function recordPartyDecision(programme: Programme, idea: Idea, input: Act & { party: string; positive: boolean; note: string }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const participation = idea.participation;
  if (!participation?.parties.includes(input.party)) return invalid('participant', `"${input.party}" is not recorded as taking part in ${idea.number}`);
  const decision: PartyDecision = { party: input.party, positive: input.positive, note: input.note.trim(), by: input.by, at: input.at };
  const next: Idea = { ...idea, participation: { ...participation, decisions: [...participation.decisions, decision] } };
  return ok({ idea: next, history: historyEntry(next, input, { kind: 'party-decision-recorded', party: input.party, positive: input.positive }) });
}

/** Each party's latest decision. */
export function latestDecisions(idea: Pick<Idea, 'participation'>): Map<string, PartyDecision> {
  const latest = new Map<string, PartyDecision>();
  for (const d of idea.participation?.decisions ?? []) latest.set(d.party, d);
  return latest;
}

/**
 * What stands in the way of the gate: no participants recorded, or the parties without a
 * positive latest decision. Empty when the gate does not ask for the parties' decisions.
 */
export function missingPartyDecisions(gate: Pick<Gate, 'requiresPartyDecisions'>, idea: Pick<Idea, 'participation'>): { noParticipants: boolean; parties: string[] } {
  if (!gate.requiresPartyDecisions) return { noParticipants: false, parties: [] };
  const parties = idea.participation?.parties ?? [];
  if (parties.length === 0) return { noParticipants: true, parties: [] };
  const latest = latestDecisions(idea);
  return { noParticipants: false, parties: parties.filter((p) => latest.get(p)?.positive !== true) };
}
