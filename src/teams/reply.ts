import type { AdaptiveCard } from './cards/cardRenderer.js';

/** What a handler answers with; the edge turns it into a Teams activity. */
export type Reply = { kind: 'card'; card: AdaptiveCard } | { kind: 'text'; text: string };

export const cardReply = (card: AdaptiveCard): Reply => ({ kind: 'card', card });
export const textReply = (text: string): Reply => ({ kind: 'text', text });
