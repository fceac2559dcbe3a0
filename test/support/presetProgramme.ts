// A programme on one of the shipped presets (its governance as shipped), with a test's own
// parties and people, all in one tenant, and the same people seated on every body.
import { loadPreset } from '../../src/platform/config/mergePreset.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';

export interface PresetProgrammeFile {
  id: string;
  name: string;
  ideaPrefix: string;
  tenantId: string;
  /** Party id → name; every party in `tenantId`. */
  parties: Record<string, string>;
  people: { aadObjectId: string; name: string; party: string; roles?: string[] }[];
  /** Seated on every body of the preset. */
  seats: { members: string[]; chair: string; secretary?: string };
}

export function presetProgramme(preset: string, { parties, seats, ...file }: PresetProgrammeFile): Programme {
  const governance = loadPreset(preset);
  return programmeSchema.parse({
    ...governance,
    ...file,
    parties: Object.entries(parties).map(([id, name]) => ({ id, name, tenantIds: [file.tenantId] })),
    bodies: governance.bodies.map((body) => ({ ...body, ...seats })),
  });
}
