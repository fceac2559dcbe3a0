// DSOP §3.5: «Dersom det er etablert egen styringsgruppe for prosjektet …» — the office records
// that a project has a steering group of its own; the project's reports then go there instead
// of to the programme office.
import type { Programme } from '../../../shared/programme/schema.js';
import type { Idea } from './idea.js';
import { checkOpen, historyEntry, requireStatus, type Act, type TransitionResult } from './transition.js';

export function markOwnSteeringGroup(programme: Programme, idea: Idea, act: Act): TransitionResult {
  const guard = checkOpen(programme, idea, act);
  if (!guard.ok) return guard;
  const status = requireStatus(idea, ['qualified', 'active']);
  if (!status.ok) return status;
  const next: Idea = { ...idea, ownSteeringGroup: true };
  return { ok: true, value: { idea: next, history: historyEntry(next, act, { kind: 'own-steering-group-linked' }) } };
}
