// What every transition returns, and the guards they share.
import type { Programme } from '../../../shared/programme/schema.js';
import type { HistoryEntry, HistoryEvent } from './history.js';
import { isClosed, type Idea, type IdeaStatus, type PersonRef } from './idea.js';
import type { LifecycleError } from './lifecycleError.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { nonBlank } from '../../../shared/text.js';

export interface Transition {
  idea: Idea;
  history: HistoryEntry;
}
export type TransitionResult = Result<Transition, LifecycleError>;

/** Who acted and when (epoch ms); every transition takes one. */
export interface Act {
  by: PersonRef;
  at: number;
}

export const invalid = (field: string, message: string) =>
  err<LifecycleError>({ code: 'invalid-input', field, message });

export function historyEntry(idea: Idea, act: Act, event: HistoryEvent): HistoryEntry {
  return { programmeId: idea.programmeId, ideaNumber: idea.number, at: act.at, by: act.by, event };
}

export function checkAct(act: Act): Result<undefined, LifecycleError> {
  if (!nonBlank(act.by.id)) return invalid('by', 'who acted must be given');
  if (!Number.isFinite(act.at)) return invalid('at', 'the time must be epoch milliseconds');
  return ok(undefined);
}

/** Common guards: right programme, a valid actor, and the idea still open. */
export function checkOpen(programme: Programme, idea: Idea, act: Act): Result<undefined, LifecycleError> {
  if (idea.programmeId !== programme.id) {
    return err({ code: 'wrong-programme', programme: programme.id, ideaProgramme: idea.programmeId });
  }
  const actOk = checkAct(act);
  if (!actOk.ok) return actOk;
  if (isClosed(idea)) return err({ code: 'idea-closed', status: idea.status });
  return ok(undefined);
}

export function requireStatus(idea: Pick<Idea, 'status'>, allowed: IdeaStatus[]): Result<undefined, LifecycleError> {
  return allowed.includes(idea.status) ? ok(undefined) : err({ code: 'wrong-status', status: idea.status, allowed });
}
