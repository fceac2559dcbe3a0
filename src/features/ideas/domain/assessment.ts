// The programme office's scoring of registered ideas against the programme's criteria
// (DSOP §4.1: at least nytteverdi and gjennomførbarhet), 1–5 per criterion.
import type { Criterion, Programme } from '../../../shared/programme/schema.js';
import { isClosed, type Idea, type PersonRef } from './idea.js';
import type { LifecycleError } from './lifecycleError.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { requireStatus } from './transition.js';

export const minScore = 1;
export const maxScore = 5;

export interface Assessment {
  ideaNumber: string;
  assessor: PersonRef;
  /** Criterion id → integer 1–5. */
  scores: Record<string, number>;
  comment: string;
  /** Epoch ms. */
  at: number;
}

export type ScoreProblem =
  | { code: 'missing'; criterion: string }
  | { code: 'unknown-criterion'; criterion: string }
  | { code: 'not-an-integer'; criterion: string; value: number }
  | { code: 'out-of-range'; criterion: string; value: number };

/** An idea is scored while it waits to be prioritised: registered, in this programme. A stopped,
 * completed or already prioritised idea takes no more scores (its ranking is over), so a card
 * opened before it was stopped cannot add one. */
export function assessable(programme: Programme, idea: Pick<Idea, 'programmeId' | 'status'>): Result<undefined, LifecycleError> {
  if (idea.programmeId !== programme.id) return err({ code: 'wrong-programme', programme: programme.id, ideaProgramme: idea.programmeId });
  if (isClosed(idea)) return err({ code: 'idea-closed', status: idea.status });
  const status = requireStatus(idea, ['registered']);
  return status.ok ? ok(undefined) : status;
}

export function isValidScore(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= minScore && (value as number) <= maxScore;
}

/** Every criterion scored once, with an integer 1–5, and nothing else; empty when valid. */
export function scoreProblems(criteria: readonly Criterion[], scores: Record<string, number>): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  for (const { id } of criteria) {
    if (!Object.hasOwn(scores, id)) problems.push({ code: 'missing', criterion: id });
  }
  for (const [criterion, value] of Object.entries(scores)) {
    if (!criteria.some((c) => c.id === criterion)) problems.push({ code: 'unknown-criterion', criterion });
    else if (!Number.isInteger(value)) problems.push({ code: 'not-an-integer', criterion, value });
    else if (!isValidScore(value)) problems.push({ code: 'out-of-range', criterion, value });
  }
  return problems;
}

/** Orders two assessments by the same person of the same idea; the greater one wins. Ties on
 * time are broken by content so the result never depends on the order assessments arrive in. */
function newer(a: Assessment, b: Assessment): boolean {
  if (a.at !== b.at) return a.at > b.at;
  return canonical(a) > canonical(b);
}

function canonical(a: Assessment): string {
  const scores = Object.keys(a.scores)
    .sort()
    .map((k) => [k, a.scores[k]]);
  return JSON.stringify([scores, a.comment, a.assessor.name]);
}

const key = (a: Assessment) => JSON.stringify([a.ideaNumber, a.assessor.id]);

/** One assessment per (idea, assessor): a later one replaces the earlier. Output order is the
 * order of first appearance. */
export function latestAssessments(assessments: readonly Assessment[]): Assessment[] {
  const latest = new Map<string, Assessment>();
  for (const a of assessments) {
    const current = latest.get(key(a));
    if (current === undefined || newer(a, current)) latest.set(key(a), a);
  }
  return [...latest.values()];
}

/** Adds an assessment to a list, replacing the same assessor's earlier one of the same idea. */
export function recordAssessment(assessments: readonly Assessment[], assessment: Assessment): Assessment[] {
  return latestAssessments([...assessments, assessment]);
}
