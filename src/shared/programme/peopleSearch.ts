// Finding a programme's people by name, as the leader picker's typeahead asks (Teams'
// Data.Query): case and accents ignored (Å is A, é is e; Æ is ae and Ø is o, as a keyboard
// without them would type them), a match at the start of a word first, then by name. Pure.
import type { Person } from './schema.js';

/** The text as compared: accents folded, lower case, runs of spaces as one. */
export function foldName(text: string): string {
  return text
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PeoplePage {
  skip: number;
  top: number;
}

/**
 * The people whose name holds the query, each once (by Entra object id, the first listing
 * wins), those where it starts a word before those where it does not, then by name (Bokmål
 * order); `skip` and `top` page through them. An empty query matches everyone.
 */
export function searchPeople(people: readonly Pick<Person, 'aadObjectId' | 'name'>[], query: string, page: PeoplePage): Pick<Person, 'aadObjectId' | 'name'>[] {
  const wanted = foldName(query);
  const seen = new Set<string>();
  const found: { person: Pick<Person, 'aadObjectId' | 'name'>; atWord: boolean }[] = [];
  for (const person of people) {
    if (seen.has(person.aadObjectId)) continue;
    seen.add(person.aadObjectId);
    const name = foldName(person.name);
    const at = name.indexOf(wanted);
    if (at < 0) continue;
    found.push({ person, atWord: at === 0 || name[at - 1] === ' ' || name.split(' ').some((w) => w.startsWith(wanted)) });
  }
  found.sort((a, b) => Number(b.atWord) - Number(a.atWord) || a.person.name.localeCompare(b.person.name, 'nb'));
  return found.slice(page.skip, page.skip + page.top).map((f) => f.person);
}
