// Body names as people write them (issue 24.5): «koble til styringsgruppen» must find the body
// whose id is «styringsgruppe». A body is known by its id, its names in both languages and its
// configured aliases (and, for a name with a part in parentheses, by that part and by the name
// without it: «Skates arbeidsutvalg (AU)»). Each may be written after or before the programme
// («DSOP-styringsgruppen», «styringsgruppen for DSOP»), in any case, with or without accents,
// in Bokmål's indefinite or definite form («styringsgruppe», «styringsgruppen», «styringsgruppa»,
// «topplederforumet») and in English with "the". Pure.
import { foldName } from './peopleSearch.js';
import type { Body, Programme } from './schema.js';

/** The text as words: folded as names are (case, accents, æ/ø), punctuation and hyphens as spaces. */
const wordsOf = (text: string): string[] =>
  foldName(text)
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');

/** Articles people put before a body's name: "the steering group", «den felles arbeidsgruppen». */
const ARTICLES = new Set(['the', 'den', 'det']);

/** Bokmål's definite and plural endings, longest first: «gruppen», «gruppa», «forumet»,
 * «gruppene» all come down to the stem of «gruppe», «forum». Only words of at least three
 * letters keep after the ending is cut, so «AU» and «KS» stay whole. */
const ENDINGS = ['ene', 'ane', 'et', 'en', 'er', 'ar', 'a', 'e'];

export function stem(word: string): string {
  const ending = ENDINGS.find((e) => word.length - e.length >= 3 && word.endsWith(e));
  return ending === undefined ? word : word.slice(0, -ending.length);
}

/** The phrase as compared: its words, without a leading article, each word stemmed or not. */
function phraseKey(text: string, stemmed: boolean): string {
  const words = wordsOf(text);
  while (words.length > 1 && ARTICLES.has(words[0] ?? '')) words.shift();
  return (stemmed ? words.map(stem) : words).join(' ');
}

/** A name, and for «Skates arbeidsutvalg (AU)» also «Skates arbeidsutvalg» and «AU». */
function withParentheses(name: string): string[] {
  const inside = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '');
  const outside = name.replace(/\([^)]*\)/g, ' ');
  return [name, outside, ...inside].filter((n) => n.trim() !== '');
}

/** Every way the body is named, bare. */
export function bodyNames(body: Pick<Body, 'id' | 'name' | 'aliases'>): string[] {
  return [body.id, body.name.nb, body.name.en, ...(body.aliases ?? [])].flatMap(withParentheses);
}

/** How the programme itself is named where someone qualifies a body by it. */
const programmeNames = (programme: Pick<Programme, 'id' | 'name' | 'ideaPrefix'>): string[] =>
  [programme.id, programme.ideaPrefix, ...withParentheses(programme.name)];

const PREPOSITIONS = ['for', 'i', 'til', 'in', 'of'];

/** Every phrase that names the body: bare, after the programme (also in the genitive:
 * «DSOPs styringsgruppe») or before it with a preposition. */
function namings(programme: Pick<Programme, 'id' | 'name' | 'ideaPrefix'>, body: Pick<Body, 'id' | 'name' | 'aliases'>): string[] {
  const bare = bodyNames(body);
  const qualifiers = programmeNames(programme);
  return [
    ...bare,
    ...qualifiers.flatMap((q) => bare.flatMap((n) => [`${q} ${n}`, `${q}s ${n}`, ...PREPOSITIONS.map((p) => `${n} ${p} ${q}`)])),
  ];
}

export interface NamedBody<P extends Pick<Programme, 'id' | 'name' | 'ideaPrefix' | 'bodies'>> {
  programme: P;
  body: P['bodies'][number];
}

/**
 * The bodies the text names. A match as written (case and accents aside) wins over one that
 * needs the Bokmål endings folded, so two bodies whose names differ only by an ending are still
 * told apart when written out.
 */
export function bodiesNamed<P extends Pick<Programme, 'id' | 'name' | 'ideaPrefix' | 'bodies'>>(programmes: readonly P[], text: string): NamedBody<P>[] {
  for (const stemmed of [false, true]) {
    const wanted = phraseKey(text, stemmed);
    if (wanted === '') return [];
    const found = programmes.flatMap((programme) =>
      programme.bodies
        .filter((body) => namings(programme, body).some((naming) => phraseKey(naming, stemmed) === wanted))
        .map((body) => ({ programme, body })),
    );
    if (found.length > 0) return found;
  }
  return [];
}
