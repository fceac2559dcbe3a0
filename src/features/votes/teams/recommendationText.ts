// The preparing body's recommendation in words (DSOP §3.2, BP2/BP3): on the deciding body's card,
// and as the outcome of the recommendation vote itself.
import type { Programme } from '../../../shared/programme/schema.js';
import type { GateVote } from '../domain/gateVote.js';
import { formatDate, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { bodyName } from './voteText.js';

/** The line on the deciding body's card saying what the preparing body recommended and when. */
export function recommendationNotes(programme: Programme, vote: GateVote, language: Language): string[] {
  const r = vote.recommendation;
  if (!r) return [];
  return [translate(language, r.adopted ? 'prep.recommended' : 'prep.notRecommended', { body: bodyName(programme, r.body, language), date: formatDate(r.closedAt, language) })];
}

/** What follows from a closed recommendation vote: the gate can go to the deciding body, or not yet. */
export function recommendationApplied(programme: Programme, vote: GateVote, adopted: boolean, language: Language): string {
  const to = vote.matter?.kind === 'recommendation' ? bodyName(programme, vote.matter.to, language) : '';
  return translate(language, adopted ? 'prep.applied.recommended' : 'prep.applied.notRecommended', { number: vote.ideaNumber, body: to });
}
