// Text rules shared by the idea transitions. Letters are matched with \p{L}, not \w, so
// Norwegian æ, ø and å count as word characters.

/** Trimmed text, or undefined when it is blank. */
export function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** At least one sentence: some letter or digit, and a final . ! or ? (closing quotes or
 * brackets after it are fine: «… sa de.» or (se rapport.)). A lone "x" or a list of keywords
 * is not an analysis; one plain sentence is the least the office can show others. */
export function isSentence(text: string): boolean {
  const trimmed = text.trim();
  return /[\p{L}\p{N}]/u.test(trimmed) && /[.!?]["'»”’)\]]*$/u.test(trimmed);
}

/** Absolute http(s) URL. */
export function isWebLink(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'https:' || protocol === 'http:';
}
