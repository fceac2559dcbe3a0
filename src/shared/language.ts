// The reply language follows the activity's locale: Norwegian (nb, nn, no) → Bokmål,
// anything else → English.
import { DateTime } from 'luxon';
import type { LocalisedText } from './programme/schema.js';

export type Language = 'nb' | 'en';

export const OSLO = 'Europe/Oslo';

export function languageOf(locale: string | undefined): Language {
  const primary = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'nb' || primary === 'nn' || primary === 'no' ? 'nb' : 'en';
}

export const pick = (text: LocalisedText, language: Language): string => text[language];

/** Replaces {name} placeholders; unknown placeholders are left visible rather than dropped. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Date and time in Oslo, in the reader's language. */
export function formatDateTime(epochMs: number, language: Language): string {
  return DateTime.fromMillis(epochMs, { zone: OSLO })
    .setLocale(language === 'nb' ? 'nb-NO' : 'en-GB')
    .toLocaleString(DateTime.DATETIME_MED);
}

export function formatDate(epochMs: number, language: Language): string {
  return DateTime.fromMillis(epochMs, { zone: OSLO })
    .setLocale(language === 'nb' ? 'nb-NO' : 'en-GB')
    .toLocaleString(DateTime.DATE_MED);
}

const numberFormats = { nb: new Intl.NumberFormat('nb-NO'), en: new Intl.NumberFormat('en-GB') };

/** A count in the reader's language: «1 034» (with a no-break space), "1,034". */
export const formatCount = (n: number, language: Language): string => numberFormats[language].format(n);
