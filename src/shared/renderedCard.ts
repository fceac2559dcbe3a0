// A card rendered by a feature for proactive delivery, with what it discloses: reminders,
// reports, checklists and the samlesak all hand these to the delivery, so the type is theirs in
// common rather than any one feature's.
import type { Disclosed } from './disclosure/content.js';

/** A rendered card and what it discloses (the disclosure guard checks it at send time). */
export interface RenderedCard {
  card: Record<string, unknown>;
  discloses: readonly Disclosed[];
}
