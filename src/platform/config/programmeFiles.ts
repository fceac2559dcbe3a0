// Reads programme files at startup. A bad file stops startup with a message that names the file
// and the place inside it, so whoever edits the file can fix it without reading code.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { crossReferenceProblems } from '../../shared/programme/crossReferences.js';
import { programmeSchema, type Programme } from '../../shared/programme/schema.js';
import {
  bodyFields,
  isPresetName,
  mergePreset,
  presetFileSchema,
  presetNameList,
  type Location,
  type Path,
} from './mergePreset.js';

export { isPresetName, loadPreset, presetNames, type PresetName } from './mergePreset.js';

export class ProgrammeFileError extends Error {
  override name = 'ProgrammeFileError';
  /** Each problem is "path: message", or a message about the whole file. */
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
  }
}

/** Loads one programme file, or every *.json file in a folder (sorted by name). */
export async function loadProgrammes(path: string): Promise<Programme[]> {
  const files = await programmeFilesAt(path);
  const programmes: Programme[] = [];
  const seen = new Map<string, string>();
  const fileOf = new Map<Programme, string>();
  for (const file of files) {
    const programme = parseProgrammeFile(file, await readFile(file, 'utf8'));
    // Storage keys are (tenantId, id): two files with the same pair would share data.
    const key = JSON.stringify([programme.tenantId, programme.id]);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new ProgrammeFileError(file, [
        `id: programme "${programme.id}" of tenant "${programme.tenantId}" is already defined in ${other}`,
      ]);
    }
    seen.set(key, file);
    // A person is served every programme hosted by or party to their tenant, and picks one by id:
    // two programmes of the same id served to one tenant could not be told apart.
    for (const tenant of servedTenants(programme)) {
      const clash = programmes.find((p) => p.id === programme.id && p.tenantId !== programme.tenantId && servesTenant(p, tenant));
      if (clash !== undefined) {
        throw new ProgrammeFileError(file, [
          `parties: tenant "${tenant}" would be served two programmes "${programme.id}" (hosted by "${clash.tenantId}" and "${programme.tenantId}"); give one of them another id`,
        ]);
      }
    }
    // Idea numbers (DSOP-2026-001) name their programme by prefix alone: a tenant served two
    // programmes with one prefix could not tell whose idea a number is.
    const sharing = programmes.find((p) => p.ideaPrefix === programme.ideaPrefix && servedTenants(p).some((t) => servesTenant(programme, t)));
    if (sharing !== undefined) {
      const tenant = servedTenants(sharing).find((t) => servesTenant(programme, t));
      throw new ProgrammeFileError(file, [
        `ideaPrefix: "${programme.ideaPrefix}" is also the idea prefix of programme "${sharing.id}" in ${fileOf.get(sharing)}; both are served to tenant "${tenant}", where an idea number would not say whose idea it is: give one of them another prefix`,
      ]);
    }
    programmes.push(programme);
    fileOf.set(programme, file);
  }
  return programmes;
}

const servedTenants = (programme: Programme): string[] => [...new Set([programme.tenantId, ...programme.parties.flatMap((p) => p.tenantIds)])];

function servesTenant(programme: Programme, tenant: string): boolean {
  return programme.tenantId === tenant || programme.parties.some((p) => p.tenantIds.includes(tenant));
}

async function programmeFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new ProgrammeFileError(path, ['no such file or folder']);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => e.name);
  if (names.length === 0) throw new ProgrammeFileError(path, ['no programme files (*.json) in this folder']);
  return names.sort().map((name) => join(path, name));
}

/** Validates one programme file's text; `file` is only used in messages. */
export function parseProgrammeFile(file: string, text: string): Programme {
  const fail = (problems: string[]): never => {
    throw new ProgrammeFileError(file, problems);
  };
  const raw = parseJson(text);
  if (!raw.ok) return fail([raw.problem]);
  const doc = raw.value;
  if (!isRecord(doc)) return fail(['a programme file must be a JSON object ({ … })']);

  let candidate: unknown = doc;
  let locate = (path: Path): Location => ({ doc, path });
  let hint: Hint = () => undefined;
  if ('preset' in doc) {
    if (!isPresetName(doc.preset)) {
      fail([`preset: unknown preset ${JSON.stringify(doc.preset)}; use one of ${presetNameList}`]);
    }
    hint = (path) =>
      path.length === 2 && path[0] === 'bodies'
        ? `a body's fields are ${bodyFields.join(', ')}`
        : undefined;
    const shape = presetFileSchema.safeParse(doc);
    if (!shape.success) fail(issueProblems(shape.error.issues, doc, locate, hint));
    const merged = mergePreset(doc, shape.data!.preset);
    if (merged.problems.length > 0) fail(merged.problems.map((p) => `${render(locate(p.path))}: ${p.message}`));
    candidate = merged.programme;
    locate = merged.locate;
  }

  const parsed = programmeSchema.safeParse(candidate);
  if (!parsed.success) return fail(issueProblems(parsed.error.issues, candidate, locate, hint));
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) fail(unique(problems.map((p) => `${render(locate(p.path))}: ${p.message}`)));
  return parsed.data;
}

type Hint = (path: Path) => string | undefined;

/** Zod issues as "path: message", with the path traced back to the file. */
function issueProblems(issues: readonly z.core.$ZodIssue[], doc: unknown, locate: (p: Path) => Location, hint: Hint): string[] {
  const lines = issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const extra = hint(issue.path);
        return `${render(locate([...issue.path, key]))}: unknown field${extra === undefined ? '' : `; ${extra}`}`;
      });
    }
    let message = issue.message.replace(/^Invalid input: /, '');
    if (issue.code === 'invalid_type' && valueAt(doc, issue.path) === undefined) {
      message = `required, but missing (expected ${issue.expected})`;
    }
    return [`${render(locate(issue.path))}: ${message}`];
  });
  // Zod may report a second, less helpful issue at the same place (e.g. a size check after a
  // wrong type); the first one is the one to fix.
  const seen = new Set<string>();
  return lines.filter((line) => {
    const at = line.slice(0, line.indexOf(': '));
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

const unique = (lines: string[]) => [...new Set(lines)];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(doc: unknown, path: Path): unknown {
  let node = doc;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

/** `bodies[1] (id "styringsgruppe").chair`: array elements are named by their id so the
 * reader need not count. */
function render({ doc, path, note }: Location): string {
  let out = '';
  let node = doc;
  for (const key of path) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      out += `[${key}]${label(node)}`;
    } else {
      node = isRecord(node) ? node[String(key)] : undefined;
      out += out === '' ? String(key) : `.${String(key)}`;
    }
  }
  if (out === '') out = '(top level)';
  return note === undefined ? out : `${out} (${note})`;
}

function label(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.id === 'string') return ` (id "${node.id}")`;
  if (typeof node.aadObjectId === 'string') return ` (aadObjectId "${node.aadObjectId}")`;
  return '';
}

type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

function parseJson(text: string): JsonResult {
  const source = text.replace(/^\uFEFF/, ''); // editors on Windows may add a byte-order mark
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch {
    // Node 20's JSON.parse messages do not always give a position; find it ourselves.
    const offset = jsonErrorOffset(source);
    const before = source.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    const found = offset >= source.length ? 'end of file' : JSON.stringify(source[offset]);
    return { ok: false, problem: `invalid JSON at line ${line}, column ${column}: unexpected ${found}` };
  }
}

/** Offset of the first syntax error in `text` (strict JSON grammar). */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const stop = (): never => {
    throw new JsonStop();
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : stop());
  const string = () => {
    expect('"');
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') stop();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) stop();
      }
      i++;
    }
    stop();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          string();
          ws();
          expect(':');
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else return void expect(close);
      }
    }
    if (c === '"') return string();
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(text)) return void (i = number.lastIndex);
    const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
    if (literal === undefined) stop();
    i += literal!.length;
  };
  try {
    value();
    ws();
    if (i < text.length) stop();
  } catch (e) {
    if (!(e instanceof JsonStop)) throw e;
  }
  return i;
}

class JsonStop {}
