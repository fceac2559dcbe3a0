// Renders a vote's card for one reader or for the channel: the open vote, or its outcome.
// Declares what the card discloses (the idea, and its documents when the decision basis or
// the qualification is shown) for the disclosure guard.
import { ideaContent, ideaDocuments, type Disclosed } from '../../domain/disclosure/content.js';
import type { Idea } from '../../domain/idea/idea.js';
import type { Programme } from '../../domain/programme/schema.js';
import { refreshAudience, type BallotRecord, type GateVote } from '../../domain/vote/gateVote.js';
import type { Language } from '../../i18n/language.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import type { TeamsIds } from './teamsIds.js';
import { openVoteView, outcomeView, type Banner, type PersonalViewer } from './voteViews.js';

export interface VoteCardInput {
  programme: Programme;
  vote: GateVote;
  idea: Idea;
  latest: readonly BallotRecord[];
  language: Language;
  personal?: PersonalViewer;
  banner?: Banner;
}

export function voteDisclosures(programme: Programme, vote: GateVote, idea: Idea): Disclosed[] {
  const documents = vote.basis.some((b) => b.link) || idea.qualification !== undefined;
  return [ideaContent(programme.id, idea), ...(documents ? [ideaDocuments(programme.id, idea)] : [])];
}

export class VoteCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly ids: TeamsIds,
  ) {}

  async render(input: VoteCardInput): Promise<AdaptiveCard> {
    const { programme, vote, idea } = input;
    const discloses = voteDisclosures(programme, vote, idea);
    if (vote.status !== 'closed') {
      // While the vote runs, members see their own vote and observers that they observe.
      const refreshUserIds = await this.ids.of(vote.tenantId, refreshAudience(vote));
      return this.cards.render('vote', openVoteView({ ...input, refreshUserIds }), discloses);
    }
    // After it closes only a named decider still has something of their own to see.
    const awaiting = vote.decidedBy?.person && !vote.director ? [vote.decidedBy.person] : [];
    const refreshUserIds = await this.ids.of(vote.tenantId, awaiting);
    return this.cards.render('voteOutcome', outcomeView({ ...input, refreshUserIds }), discloses);
  }
}
