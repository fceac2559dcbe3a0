// R37 (seed 004 §5.1 «Det skal ved neste rapportering gis tilbakemelding på om Skates beslutning
// er fulgt»): the report form asks whether the decision on the measure recorded in the previous
// quarter's samlesak was followed, naming it. Without a recorded decision the form asks in
// general, as before, when the measure reported last quarter.
import type { CorrectiveDecision } from '../domain/samlesak.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { previousPeriodKey } from './report.js';
import type { SkateDecisionLookup } from './samlesak.js';

export async function previousSkateDecision(
  lookup: SkateDecisionLookup | undefined,
  key: ProgrammeKey,
  programme: Programme,
  schedule: Schedule,
  periodKey: string,
  measureId: string,
): Promise<CorrectiveDecision | undefined> {
  if (!lookup || programme.samlesak?.schedule !== schedule.id) return undefined;
  const previous = previousPeriodKey(schedule, periodKey);
  return previous ? lookup.decisionFor(key, schedule.id, previous, measureId) : undefined;
}
