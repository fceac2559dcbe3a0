// Test helper: a Programme built from a shipped preset (governance only) plus the least a
// programme file adds: parties, people and the idea prefix.
import { readFileSync } from 'node:fs';
import { governanceSchema, programmeSchema, type Programme } from '../../../src/shared/programme/schema.js';
import type { PersonRef } from '../../../src/shared/personRef.js';

export const presetNames = ['dsop', 'digi-rogaland', 'skate'] as const;
export type PresetName = (typeof presetNames)[number];

const prefixes: Record<PresetName, string> = { dsop: 'DSOP', 'digi-rogaland': 'DIGIROG', skate: 'SKATE' };

export const office: PersonRef = { id: 'office-1', name: 'Programkontoret' };
export const leader: PersonRef = { id: 'leader-1', name: 'Prosjektleder' };

export function presetProgramme(name: PresetName): Programme {
  const file = new URL(`../../../src/platform/config/presets/${name}.json`, import.meta.url);
  const governance = governanceSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return programmeSchema.parse({
    ...governance,
    id: name,
    name,
    ideaPrefix: prefixes[name],
    tenantId: 'tenant-1',
    parties: [
      { id: 'skatteetaten', name: 'Skatteetaten' },
      { id: 'nav', name: 'NAV' },
      { id: 'finans-norge', name: 'Finans Norge' },
      { id: 'brreg', name: 'Brønnøysundregistrene' },
    ],
    people: [
      { aadObjectId: office.id, name: office.name, party: 'brreg', roles: ['office'] },
      { aadObjectId: leader.id, name: leader.name, party: 'nav' },
    ],
  });
}
