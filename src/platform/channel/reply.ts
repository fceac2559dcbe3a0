import type { Disclosed } from '../../shared/disclosure/content.js';
import type { AdaptiveCard } from '../cards/cardRenderer.js';

/** What a handler answers with; the edge turns it into a Teams activity. A card carries what it
 * discloses from rendering; a text says so itself. */
export type Reply =
  | { kind: 'card'; card: AdaptiveCard }
  | { kind: 'text'; text: string; format: 'plain' | 'markdown'; discloses: readonly Disclosed[] };

export const cardReply = (card: AdaptiveCard): Reply => ({ kind: 'card', card });
export const textReply = (text: string, format: 'plain' | 'markdown' = 'plain', discloses: readonly Disclosed[] = []): Reply => ({
  kind: 'text',
  text,
  format,
  discloses,
});
