// Skate seed 004 §2.2: «Difis direktør avgjør hvilke tiltak som er Difis linjeoppgaver og hvilke
// som skal følges opp gjennom Skate og AU». The decision is the director's; the programme office
// may record it on the director's behalf, and the record says so unless the director did it
// (§2.4, issue 23.2). A line task leaves the programme's follow-up: it is no longer under way in
// the portfolio (no status report reminders, not among the measures), and takes no transitions.
// Pure: the clock and the actor are passed in.
import { adviceBody } from '../../measures/domain/finalTreatment.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Idea } from './idea.js';
import { checkOpen, historyEntry, requireStatus, type Act, type TransitionResult } from './transition.js';

export type LineTaskRight = 'director' | 'office-on-behalf';

/** Who may record the decision: the director the programme names, or the office on their behalf.
 * Undefined: this person may not; `no-director`: the programme has no director who decides. */
export function lineTaskRight(programme: Programme, personId: string, isOffice: boolean): Result<LineTaskRight, 'no-director' | 'forbidden'> {
  const body = adviceBody(programme);
  if (!body?.decidedBy) return err('no-director');
  if (body.decidedBy.person === personId) return ok('director');
  return isOffice ? ok('office-on-behalf') : err('forbidden');
}

/** The measure becomes Difi's line task: from the prioritised list or while under way. */
export function decideLineTask(programme: Programme, idea: Idea, input: Act & { onBehalf: boolean }): TransitionResult {
  const guard = checkOpen(programme, idea, input);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['prioritised', 'qualified', 'active']);
  if (!status.ok) return status;
  const next: Idea = { ...idea, status: 'line-task', lineTask: { by: input.by, at: input.at, onBehalf: input.onBehalf, fromStatus: idea.status } };
  return ok({ idea: next, history: historyEntry(next, input, { kind: 'line-task-decided', fromStatus: idea.status, onBehalf: input.onBehalf }) });
}
