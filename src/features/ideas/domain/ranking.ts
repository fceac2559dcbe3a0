// Turns the office's assessments into a ranking of ideas: mean and spread per criterion, a
// weighted score, and a flag where assessors disagree enough that the office should talk.
import type { Governance } from '../../../shared/programme/schema.js';
import { isValidScore, latestAssessments, type Assessment } from './assessment.js';
import { compareIdeaNumbers } from './ideaNumber.js';

/** A Programme (or its governance) will do. */
export type ScoringRules = Pick<Governance, 'criteria' | 'disagreementSpread'>;

export interface CriterionSummary {
  criterion: string;
  weight: number;
  /** Number of assessors who scored this criterion. */
  count: number;
  mean: number;
  min: number;
  max: number;
  /** max − min */
  spread: number;
}

export interface IdeaScore {
  ideaNumber: string;
  /** Assessors with at least one valid score. */
  assessors: number;
  /** Criteria with at least one valid score, in config order. */
  criteria: CriterionSummary[];
  /** Σ weight·mean / Σ weight over `criteria`. */
  weightedScore: number;
  /** Criteria whose spread reaches the programme's disagreementSpread. */
  disagreements: string[];
  disagreement: boolean;
}

export interface RankedIdea<T> {
  idea: T;
  /** Undefined for an idea nobody has assessed yet. */
  score?: IdeaScore;
}

/** Summary of one idea's assessments; undefined when there is no valid score. Scores for
 * criteria no longer in the config, and invalid values, are left out rather than guessed. */
export function scoreIdea(ideaNumber: string, assessments: readonly Assessment[], rules: ScoringRules): IdeaScore | undefined {
  const mine = latestAssessments(assessments.filter((a) => a.ideaNumber === ideaNumber));
  const assessors = new Set<string>();
  const criteria: CriterionSummary[] = [];
  for (const { id, weight } of rules.criteria) {
    const values: number[] = [];
    for (const a of mine) {
      const value = Object.hasOwn(a.scores, id) ? a.scores[id] : undefined;
      if (isValidScore(value)) {
        values.push(value);
        assessors.add(a.assessor.id);
      }
    }
    if (values.length === 0) continue;
    // Integer sums are exact, so the mean does not depend on the order of assessments.
    const sum = values.reduce((s, v) => s + v, 0);
    const min = Math.min(...values);
    const max = Math.max(...values);
    criteria.push({ criterion: id, weight, count: values.length, mean: sum / values.length, min, max, spread: max - min });
  }
  if (criteria.length === 0) return undefined;

  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    weighted += c.weight * c.mean;
    weights += c.weight;
  }
  const disagreements = criteria.filter((c) => c.spread >= rules.disagreementSpread).map((c) => c.criterion);
  return {
    ideaNumber,
    assessors: assessors.size,
    criteria,
    weightedScore: weighted / weights,
    disagreements,
    disagreement: disagreements.length > 0,
  };
}

/** Highest weighted score first; unassessed ideas last; equal scores by idea number. */
export function rankIdeas<T extends { number: string }>(
  ideas: readonly T[],
  assessments: readonly Assessment[],
  rules: ScoringRules,
): RankedIdea<T>[] {
  const ranked: RankedIdea<T>[] = ideas.map((idea) => {
    const score = scoreIdea(idea.number, assessments, rules);
    return score ? { idea, score } : { idea };
  });
  return ranked.sort((a, b) => {
    const sa = a.score?.weightedScore;
    const sb = b.score?.weightedScore;
    if (sa !== undefined && sb !== undefined && sa !== sb) return sb - sa;
    if (sa !== undefined && sb === undefined) return -1;
    if (sa === undefined && sb !== undefined) return 1;
    return compareIdeaNumbers(a.idea.number, b.idea.number);
  });
}
