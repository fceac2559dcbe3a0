// The paging line and buttons every list card shares: where the page is in the list
// ("21–40 of 1,034" / «21–40 av 1 034») and Previous/Next as Action.Execute buttons whose data
// is the verb's own plus the neighbouring page's cursor (checked by the verb's zod schema).
import type { Page } from '../../shared/paging.js';
import { formatCount, type Language } from '../../shared/language.js';
import { translate } from '../i18n/messages.js';
import type { ActionButton } from './views.js';

/** The page's place in the list, or '' when the whole list is on this page. */
export function positionText(page: Page<unknown>, language: Language): string {
  if (page.items.length === 0 || (page.offset === 0 && page.next === undefined)) return '';
  return translate(language, 'list.position', {
    from: formatCount(page.offset + 1, language),
    to: formatCount(page.offset + page.items.length, language),
    total: formatCount(page.total, language),
  });
}

export function pagerButtons(page: Page<unknown>, verb: string, data: Record<string, unknown>, language: Language): ActionButton[] {
  return [
    ...(page.previous ? [{ title: translate(language, 'list.previous'), verb, data: { ...data, cursor: page.previous } }] : []),
    ...(page.next ? [{ title: translate(language, 'list.next'), verb, data: { ...data, cursor: page.next } }] : []),
  ];
}
