// The shipped governance presets, and how a programme file that names one is merged onto it.
// A preset defines bodies without people; the file says who sits in them. Every merged value
// can be traced back to the file (or to the preset) so that error messages point at the line a
// user can actually edit.
import { z } from 'zod';
import {
  bodyMembershipSchema,
  bodySchema,
  governanceSchema,
  type Governance,
} from '../../shared/programme/schema.js';
import digiRogaland from './presets/digi-rogaland.json' with { type: 'json' };
import dsop from './presets/dsop.json' with { type: 'json' };
import kmdKs from './presets/kmd-ks.json' with { type: 'json' };
import skate from './presets/skate.json' with { type: 'json' };

export const presetNames = ['dsop', 'digi-rogaland', 'skate', 'kmd-ks'] as const;
export type PresetName = (typeof presetNames)[number];

const rawPresets: Record<PresetName, unknown> = { dsop, 'digi-rogaland': digiRogaland, skate, 'kmd-ks': kmdKs };

export function isPresetName(name: unknown): name is PresetName {
  return typeof name === 'string' && (presetNames as readonly string[]).includes(name);
}

export const presetNameList = presetNames.map((n) => `"${n}"`).join(', ');

/** The governance part of a preset, validated (defaults applied). */
export function loadPreset(name: string): Governance {
  if (!isPresetName(name)) throw new Error(`unknown preset "${name}"; use one of ${presetNameList}`);
  return governanceSchema.parse(rawPresets[name]);
}

/** The fields a body has; a `bodies` entry of a preset file may give any of them. */
export const bodyFields = Object.keys(bodySchema.shape);

/** A `bodies` entry in a file that uses a preset: the body's id, and whichever of the body's
 * fields the file gives (usually who sits in it; the whole body, copied from the preset, is fine
 * too). Each field is checked with the merged programme, where its path still points here. */
export const presetBodyEntrySchema = z.looseObject({
  id: z.string().min(1),
  decidedBy: z.looseObject({}).optional(),
});
type PresetBodyEntry = z.infer<typeof presetBodyEntrySchema>;

/** Shape checks that must hold before merging; every other key is checked after the merge. */
export const presetFileSchema = z.looseObject({
  preset: z.enum(presetNames),
  bodies: z.array(presetBodyEntrySchema).optional(),
});

export type Path = readonly PropertyKey[];
/** Where a value of the merged programme came from: a path in `doc` (the file or the preset). */
export interface Location {
  doc: unknown;
  path: Path;
  note?: string;
}
export interface RawProblem {
  path: Path;
  message: string;
}
export interface MergedProgramme {
  programme: Record<string, unknown>;
  /** Problems in the file's `bodies` entries, with paths into the file. */
  problems: RawProblem[];
  locate: (path: Path) => Location;
}

const membershipKeys = new Set(Object.keys(bodyMembershipSchema.shape));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merge semantics: the preset's governance is the base; every top-level key of the file other
 * than `preset` and `bodies` replaces the preset's value wholesale (no deep merge, so a file
 * that gives `gates` gives all of them); each `bodies` entry is matched by id to a preset body
 * and every field it gives replaces the preset's (who sits in it, and anything else it
 * repeats or changes), except `decidedBy`, merged field by field so that giving the person keeps
 * the preset's title. Body order is the preset's.
 */
export function mergePreset(file: Record<string, unknown>, name: PresetName): MergedProgramme {
  const preset = rawPresets[name];
  if (!isRecord(preset) || !Array.isArray(preset.bodies)) throw new Error(`preset "${name}" is malformed`);
  const presetBodies = preset.bodies.filter(isRecord);
  const entries: PresetBodyEntry[] = presetBodyEntrySchema.array().parse(file.bodies ?? []);
  const problems: RawProblem[] = [];
  const known = presetBodies.map((b) => `"${String(b.id)}"`).join(', ');

  entries.forEach((entry, j) => {
    const body = presetBodies.find((b) => b.id === entry.id);
    if (body === undefined) {
      problems.push({ path: ['bodies', j, 'id'], message: `unknown body "${entry.id}"; preset "${name}" defines ${known}` });
    } else if (entry.decidedBy !== undefined && entry.decidedBy.title === undefined && !isRecord(body.decidedBy)) {
      problems.push({
        path: ['bodies', j, 'decidedBy'],
        message: `body "${entry.id}" of preset "${name}" has no separate decision-maker`,
      });
    }
    if (entries.findIndex((e) => e.id === entry.id) !== j) {
      problems.push({ path: ['bodies', j, 'id'], message: `body "${entry.id}" is given more than once` });
    }
  });

  const bodies = presetBodies.map((body) => {
    const entry = entries.find((e) => e.id === body.id);
    if (entry === undefined) return { ...body };
    const { id: _id, decidedBy, ...given } = entry;
    const merged: Record<string, unknown> = { ...body, ...given };
    if (decidedBy !== undefined) merged.decidedBy = isRecord(body.decidedBy) ? { ...body.decidedBy, ...decidedBy } : decidedBy;
    return merged;
  });

  const { preset: _preset, bodies: _bodies, ...own } = file;
  const programme: Record<string, unknown> = { ...preset, ...own, bodies };

  const locate = (path: Path): Location => {
    const [top, index, field, sub] = path;
    if (top === 'bodies' && typeof index === 'number') {
      const id = bodies[index]?.id;
      const j = entries.findIndex((e) => e.id === id);
      const entry = entries[j];
      // A field the entry gives is the file's; inside decidedBy, only the sub-fields it gives.
      const given = (node: unknown, key: PropertyKey | undefined) => isRecord(node) && typeof key === 'string' && key in node;
      const inDecidedBy = field === 'decidedBy' && sub !== undefined;
      const inFile = field === undefined || (inDecidedBy ? given(entry?.decidedBy, sub) : given(entry, field));
      if (entry !== undefined && inFile) return { doc: file, path: ['bodies', j, ...path.slice(2)] };
      if (entry === undefined && typeof field === 'string' && membershipKeys.has(field)) {
        return { doc: preset, path, note: `the file's "bodies" has no entry with id "${String(id)}"` };
      }
      return { doc: preset, path, note: `from preset "${name}"` };
    }
    if (typeof top === 'string' && top !== 'bodies' && !(top in file) && top in preset) {
      return { doc: preset, path, note: `from preset "${name}"` };
    }
    return { doc: file, path };
  };

  return { programme, problems, locate };
}
