// Finding and replacing one person in stored rows, for an export or an erasure (GDPR Art. 15/17;
// docs/operations.md). Pure: rows in, rows out. It works on any table's rows without knowing
// their schema, so a table added later is covered: a person is their Entra object id, their
// Teams user ids and their names, wherever they appear (keys, properties, JSON inside
// properties, JSON split over several properties).
import { keyPart } from './tables.js';
import type { TableRow, TypedValue } from './tableRows.js';

export interface PersonIdentifiers {
  aadObjectId: string;
  /** Teams user ids (29:…) seen with the object id in stored conversation references. */
  teamsIds: string[];
  /** Display names seen with the ids in stored rows, or given by the programme files. */
  names: string[];
}

/** What an erased person's ids and names become. */
export interface Replacement {
  id: string;
  name: string;
}

/** JSON longer than one property is split over several (voteTable: parts + data0…; the delivery
 * ledger: jobParts + job0…; feedback rounds: data, data1…), each chunk at most this long. */
const CHUNK = 30_000;

interface ChunkGroup {
  names: string[];
  count?: string;
}

/** The properties holding one JSON string between them, in order. */
function chunkGroups(properties: Record<string, TypedValue>): ChunkGroup[] {
  const isText = (name: string) => properties[name]?.type === 'String';
  const groups: ChunkGroup[] = [];
  const taken = new Set<string>();
  for (const name of Object.keys(properties)) {
    const base = /^([A-Za-z]+)0$/.exec(name)?.[1];
    if (!base || !isText(name)) continue;
    const names: string[] = [];
    for (let i = 0; isText(`${base}${i}`); i++) names.push(`${base}${i}`);
    const count = [`${base}Parts`, 'parts'].find((c) => properties[c]?.type === 'Int32' && (c !== 'parts' || base === 'data'));
    groups.push({ names, ...(count ? { count } : {}) });
    names.forEach((n) => taken.add(n));
  }
  if (isText('data') && isText('data1') && !taken.has('data1')) {
    const names = ['data'];
    for (let i = 1; isText(`data${i}`); i++) names.push(`data${i}`);
    groups.push({ names });
    names.forEach((n) => taken.add(n));
  }
  return groups;
}

/** The row's texts: each key, each single string property, and each chunk group joined. */
function texts(row: TableRow): string[] {
  const grouped = chunkGroups(row.properties);
  const inGroup = new Set(grouped.flatMap((g) => g.names));
  const out = [row.partitionKey, row.rowKey];
  for (const [name, p] of Object.entries(row.properties)) if (p.type === 'String' && !inGroup.has(name)) out.push(p.value);
  for (const g of grouped) out.push(g.names.map((n) => String(row.properties[n]!.value)).join(''));
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);
/** The forms a value takes in stored text: as is, as a key part, and escaped once or twice as
 * JSON (a conversation reference is JSON inside a JSON row); each with its replacement's form. */
const formPairs = (from: string, to: string): [string, string][] => [
  [from, to],
  [keyPart(from), keyPart(to)],
  [jsonEscaped(from), jsonEscaped(to)],
  [jsonEscaped(jsonEscaped(from)), jsonEscaped(jsonEscaped(to))],
];
const forms = (value: string) => [...new Set(formPairs(value, value).map(([f]) => f))];

/** Matches whole occurrences only: "aad-office" is not in "aad-office2", "Per" not in "Persen". */
const whole = (form: string, flags = 'gu') => new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(form)}(?![\\p{L}\\p{N}_-])`, flags);

interface Rule {
  from: string;
  pattern: RegExp;
  to: string;
}

function rules(person: PersonIdentifiers, replacement: Replacement): Rule[] {
  const byForm = new Map<string, string>();
  const add = (from: string, to: string) => {
    for (const [f, t] of formPairs(from, to)) if (f.length > 0 && !byForm.has(f)) byForm.set(f, t);
  };
  for (const id of [person.aadObjectId, ...person.teamsIds]) add(id, replacement.id);
  for (const name of person.names) add(name, replacement.name);
  // Longer first, so a name is replaced before a shorter name inside it.
  return [...byForm.entries()].sort(([a], [b]) => b.length - a.length).map(([from, to]) => ({ from, pattern: whole(from), to }));
}

const identifierForms = (person: PersonIdentifiers) => [person.aadObjectId, ...person.teamsIds, ...person.names].filter((v) => v.length > 0).flatMap(forms);

/** Whether any of the row's keys or texts names the person. */
export function mentions(row: TableRow, person: PersonIdentifiers): boolean {
  const patterns = identifierForms(person).map((form) => whole(form, 'u')); // not global: test() keeps no state
  return texts(row).some((text) => patterns.some((p) => p.test(text)));
}

function replaceAll(text: string, list: Rule[]): string {
  return list.reduce((acc, rule) => acc.replace(rule.pattern, () => rule.to), text);
}

/** The row with every id of the person replaced by the pseudonym and every name by the erased
 * name; chunked JSON is joined, replaced and split again. */
export function pseudonymise(row: TableRow, person: PersonIdentifiers, replacement: Replacement): TableRow {
  const list = rules(person, replacement);
  const grouped = chunkGroups(row.properties);
  const inGroup = new Set(grouped.flatMap((g) => g.names));
  const properties: Record<string, TypedValue> = {};
  for (const [name, p] of Object.entries(row.properties)) {
    if (inGroup.has(name)) continue;
    properties[name] = p.type === 'String' ? { type: 'String', value: replaceAll(p.value, list) } : p;
  }
  for (const g of grouped) {
    const joined = replaceAll(g.names.map((n) => String(row.properties[n]!.value)).join(''), list);
    const chunks = split(joined);
    const base = g.names[0] === 'data' ? 'data' : g.names[0]!.replace(/0$/, '');
    chunks.forEach((chunk, i) => {
      const name = g.names[0] === 'data' ? (i === 0 ? 'data' : `data${i}`) : `${base}${i}`;
      properties[name] = { type: 'String', value: chunk };
    });
    if (g.count) properties[g.count] = { type: 'Int32', value: chunks.length };
  }
  return { partitionKey: replaceAll(row.partitionKey, list), rowKey: replaceAll(row.rowKey, list), properties };
}

function split(json: string): string[] {
  const out: string[] = [];
  for (let start = 0; start < json.length || out.length === 0; ) {
    let end = Math.min(start + CHUNK, json.length);
    if (end < json.length && /[\uD800-\uDBFF]/.test(json[end - 1] ?? '')) end--; // never split a surrogate pair
    out.push(json.slice(start, end));
    start = end;
  }
  return out;
}

/** Teams ids and names stored with the person's object id: in conversation references
 * ({ id: "29:…", aadObjectId, name }) and in records of who did what ({ id: aadObjectId, name }). */
export function identifiersIn(row: TableRow, aadObjectId: string): { teamsIds: string[]; names: string[] } {
  const teamsIds = new Set<string>();
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const trimmed = value.trimStart();
      if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        try {
          visit(JSON.parse(value));
        } catch {
          // Not JSON: plain text.
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const name = typeof o.name === 'string' && o.name.trim() !== '' ? o.name : undefined;
      if (o.aadObjectId === aadObjectId) {
        if (typeof o.id === 'string' && o.id !== aadObjectId) teamsIds.add(o.id);
        if (name) names.add(name);
      } else if (o.id === aadObjectId && name) {
        names.add(name);
      }
      Object.values(o).forEach(visit);
    }
  };
  texts(row).slice(2).forEach(visit);
  return { teamsIds: [...teamsIds], names: [...names] };
}
