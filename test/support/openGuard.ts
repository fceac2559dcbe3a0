// A disclosure guard for delivery tests whose jobs disclose nothing: the real guard over no
// programmes, so a job that does declare content is refused rather than waved through.
import { DisclosureGuard } from '../../src/app/disclosure/disclosureGuard.js';
import { ProgrammeDirectory } from '../../src/app/programmeDirectory.js';
import type { ProactiveGuard } from '../../src/teams/delivery/sendToTeams.js';

export function guardWithoutProgrammes(): ProactiveGuard {
  return {
    guard: new DisclosureGuard(
      new ProgrammeDirectory([]),
      { record: async () => undefined, list: async () => [] },
      { append: async () => undefined, list: async () => [] },
    ),
    registry: { programmesOf: async () => [] },
    now: () => Date.now(),
  };
}
