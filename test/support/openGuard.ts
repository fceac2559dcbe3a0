// A disclosure guard for delivery tests whose jobs disclose nothing: the real guard over no
// programmes, so a job that does declare content is refused rather than waved through.
import { DisclosureGuard } from '../../src/features/confidentiality/app/disclosureGuard.js';
import { ProgrammeDirectory } from '../../src/shared/programmeDirectory.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import type { ProactiveGuard } from '../../src/platform/channel/sendToTeams.js';

export function guardWithoutProgrammes(): ProactiveGuard {
  return guardFor([]);
}

/** The real guard over the given programmes; no NDAs are on record and nothing is linked. */
export function guardFor(programmes: readonly Programme[]): ProactiveGuard {
  return {
    guard: new DisclosureGuard(
      new ProgrammeDirectory(programmes),
      { record: async () => undefined, list: async () => [], page: async () => ({ items: [], total: 0 }) },
      { append: async () => undefined },
    ),
    registry: { programmesOf: async () => [] },
    now: () => Date.now(),
  };
}
