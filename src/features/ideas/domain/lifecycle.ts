// The idea's state machine, driven by the programme's phases and gates. Pure: the caller
// passes the time and who acted, and stores the new idea with the returned history entry.
import type { Gate, Programme } from '../../../shared/programme/schema.js';
import type { HistoryEvent } from './history.js';
import { isClosed, type Idea, type IdeaStatus, type PersonRef } from './idea.js';
import { formatIdeaNumber, parseIdeaNumber } from './ideaNumber.js';
import type { LifecycleError } from './lifecycleError.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { isSentence, isWebLink, nonBlank } from '../../../shared/text.js';
import { checkAct, checkOpen, historyEntry as entry, invalid, requireStatus, type Act, type TransitionResult } from './transition.js';

export type { Act, Transition, TransitionResult } from './transition.js';

export const maxTitleLength = 200;

export interface RegistrationInput {
  /** Issued by the caller, e.g. with nextIdeaNumber(); must carry the programme's prefix. */
  number: string;
  title: string;
  description: string;
  party: string;
  expectedBenefit?: string;
  links?: string[];
  submittedBy: PersonRef;
  at: number;
}

/** Registers an idea as it came in: initial phase, no assessment (DSOP §4.1). */
export function register(programme: Programme, input: RegistrationInput): TransitionResult {
  const parts = parseIdeaNumber(input.number);
  if (!parts || parts.prefix !== programme.ideaPrefix) {
    return invalid('number', `must look like ${programme.ideaPrefix}-2026-001`);
  }
  const title = nonBlank(input.title);
  if (!title) return invalid('title', 'the idea needs a title');
  if (title.length > maxTitleLength) return invalid('title', `the title is longer than ${maxTitleLength} characters`);
  const description = nonBlank(input.description);
  if (!description) return invalid('description', 'the idea needs a description');
  if (!programme.parties.some((p) => p.id === input.party)) return invalid('party', `unknown party "${input.party}"`);
  const links = (input.links ?? []).map((l) => l.trim()).filter((l) => l !== '');
  const badLink = links.find((l) => !isWebLink(l));
  if (badLink !== undefined) return invalid('links', `"${badLink}" is not a web address`);
  if (!nonBlank(input.submittedBy.name)) return invalid('submittedBy', 'the submitter needs a name');
  const actOk = checkAct({ by: input.submittedBy, at: input.at });
  if (!actOk.ok) return actOk;
  if (!programme.phases.some((p) => p.id === programme.initialPhase)) {
    return err({ code: 'config-problem', message: `initial phase "${programme.initialPhase}" is not a phase` });
  }

  const expectedBenefit = nonBlank(input.expectedBenefit);
  const idea: Idea = {
    programmeId: programme.id,
    number: formatIdeaNumber(parts),
    title,
    description,
    party: input.party,
    ...(expectedBenefit !== undefined ? { expectedBenefit } : {}),
    links,
    submittedBy: input.submittedBy,
    registeredAt: input.at,
    phase: programme.initialPhase,
    phaseStartedAt: input.at,
    status: 'registered',
    disputes: [],
  };
  const act = { by: input.submittedBy, at: input.at };
  return ok({ idea, history: entry(idea, act, { kind: 'registered', phase: idea.phase }) });
}

function checkRank(rank: number): Result<undefined, LifecycleError> {
  return Number.isInteger(rank) && rank >= 1 ? ok(undefined) : invalid('rank', 'the rank must be a whole number ≥ 1');
}

/** Moves a registered idea to the prioritised list at the given place. */
export function prioritise(programme: Programme, idea: Idea, input: Act & { rank: number }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['registered']);
  if (!status.ok) return status;
  const rank = checkRank(input.rank);
  if (!rank.ok) return rank;
  const next: Idea = { ...idea, status: 'prioritised', rank: input.rank };
  return ok({ idea: next, history: entry(next, input, { kind: 'prioritised', rank: input.rank }) });
}

/** Changes the place of an idea that is already on the prioritised list. */
export function rerank(programme: Programme, idea: Idea, input: Act & { rank: number }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['prioritised', 'qualified']);
  if (!status.ok) return status;
  const rank = checkRank(input.rank);
  if (!rank.ok) return rank;
  const next: Idea = { ...idea, rank: input.rank };
  const event: HistoryEvent = { kind: 'reranked', from: idea.rank ?? input.rank, to: input.rank };
  return ok({ idea: next, history: entry(next, input, event) });
}

/** Gates out of a phase, in config order; gates into the stopped phase are not steps forward. */
function gatesOutOf(programme: Programme, phase: string): Gate[] {
  return programme.gates.filter((g) => g.from === phase && g.to !== programme.stoppedPhase);
}

/** Records the office's qualification of a prioritised idea and its recommendation for the
 * gate out of the initial phase (DSOP BP1). */
export function qualify(
  programme: Programme,
  idea: Idea,
  input: Act & { assessment: string; recommendation: string },
): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['prioritised']);
  if (!status.ok) return status;
  const assessment = nonBlank(input.assessment);
  if (!assessment) return invalid('assessment', 'the qualification needs the office’s assessment');
  const recommendation = nonBlank(input.recommendation);
  if (!recommendation) return invalid('recommendation', 'the qualification needs a recommendation');
  const gate = gatesOutOf(programme, idea.phase)[0];
  if (!gate) return err({ code: 'config-problem', message: `no gate leads out of phase "${idea.phase}"` });

  const qualification = { assessment, recommendation, gate: gate.id, by: input.by, at: input.at };
  const next: Idea = { ...idea, status: 'qualified', qualification };
  return ok({ idea: next, history: entry(next, input, { kind: 'qualified', gate: gate.id, recommendation }) });
}

/** Gates a body may decide on for this idea now. Usually one; several if the config branches. */
export function allowedGates(programme: Programme, idea: Idea): Gate[] {
  if (isClosed(idea)) return [];
  if (idea.phase === programme.initialPhase && idea.status !== 'qualified') return [];
  return gatesOutOf(programme, idea.phase);
}

/** The next gate for this idea, if one may be decided now. */
export function nextGate(programme: Programme, idea: Idea): Gate | undefined {
  return allowedGates(programme, idea)[0];
}

export interface GateDecisionInput extends Act {
  gate: string;
  adopted: boolean;
  /** The vote or decision record this outcome comes from. */
  decisionId?: string;
}

/** Applies a body's decision at a gate. Only an adopted decision of a gate out of the idea's
 * current phase moves it; a rejected one is recorded and leaves the idea where it is. */
export function applyGateDecision(programme: Programme, idea: Idea, input: GateDecisionInput): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const gate = programme.gates.find((g) => g.id === input.gate);
  if (!gate) return err({ code: 'unknown-gate', gate: input.gate });
  if (gate.from !== idea.phase) {
    return err({ code: 'gate-not-from-current-phase', gate: gate.id, gateFrom: gate.from, phase: idea.phase });
  }
  if (gate.to === programme.stoppedPhase) return err({ code: 'gate-into-stopped-phase', gate: gate.id });
  if (gate.from === programme.initialPhase && idea.status !== 'qualified') {
    return err({ code: 'not-qualified', gate: gate.id, status: idea.status });
  }
  const target = programme.phases.find((p) => p.id === gate.to);
  if (!target) return err({ code: 'config-problem', message: `gate "${gate.id}" leads to unknown phase "${gate.to}"` });
  const ref = input.decisionId !== undefined ? { decisionId: input.decisionId } : {};

  if (!input.adopted) {
    return ok({ idea, history: entry(idea, input, { kind: 'gate-rejected', gate: gate.id, phase: idea.phase, ...ref }) });
  }
  const status: IdeaStatus = target.terminal ? 'completed' : 'active';
  const next: Idea = { ...idea, phase: target.id, phaseStartedAt: input.at, status };
  const event: HistoryEvent = { kind: 'gate-adopted', gate: gate.id, fromPhase: idea.phase, toPhase: target.id, status, ...ref };
  return ok({ idea: next, history: entry(next, input, event) });
}

/** Stops an idea at a gate or between gates; a short lessons-learned analysis is required
 * (DSOP §4) and stored with it. */
export function stop(programme: Programme, idea: Idea, input: Act & { lessonsLearned: string }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const lessonsLearned = input.lessonsLearned.trim();
  if (!isSentence(lessonsLearned)) {
    return invalid('lessonsLearned', 'write at least one full sentence on what was learned, ending with . ! or ?');
  }
  if (!programme.phases.some((p) => p.id === programme.stoppedPhase)) {
    return err({ code: 'config-problem', message: `stopped phase "${programme.stoppedPhase}" is not a phase` });
  }
  const record = { lessonsLearned, by: input.by, at: input.at, fromPhase: idea.phase, fromStatus: idea.status };
  const next: Idea = { ...idea, phase: programme.stoppedPhase, phaseStartedAt: input.at, status: 'stopped', stop: record };
  const event: HistoryEvent = { kind: 'stopped', fromPhase: idea.phase, fromStatus: idea.status, lessonsLearned };
  return ok({ idea: next, history: entry(next, input, event) });
}

/** Names the project leader once the office staffs the project (DSOP §3.3). */
export function assignProjectLeader(programme: Programme, idea: Idea, input: Act & { person: string }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['qualified', 'active']);
  if (!status.ok) return status;
  if (!programme.people.some((p) => p.aadObjectId === input.person)) {
    return invalid('person', `"${input.person}" is not one of the programme's people`);
  }
  const next: Idea = { ...idea, projectLeader: input.person };
  const previous = idea.projectLeader !== undefined ? { previous: idea.projectLeader } : {};
  return ok({ idea: next, history: entry(next, input, { kind: 'project-leader-assigned', person: input.person, ...previous }) });
}
