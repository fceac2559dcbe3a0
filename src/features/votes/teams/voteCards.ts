// Renders a vote's card for one reader or for the channel: the open vote, or its outcome.
// Declares what the card discloses (the idea, and its documents when the decision basis or
// the qualification is shown) for the disclosure guard.
import { ideaContent, ideaDocuments, type Disclosed } from '../../../shared/disclosure/content.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { refreshAudience, type BallotRecord, type GateVote } from '../domain/gateVote.js';
import type { Language } from '../../../shared/language.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { TeamsIds } from './teamsIds.js';
import { openVoteView, outcomeView, type Banner, type PersonalViewer } from './voteViews.js';
import type { VoteSubject } from './voteSubject.js';

export interface VoteCardInput {
  programme: Programme;
  vote: GateVote;
  subject: VoteSubject;
  latest: readonly BallotRecord[];
  language: Language;
  personal?: PersonalViewer;
  banner?: Banner;
}

/** An idea's vote shows the idea (and its documents with the basis or the qualification); an
 * application is the programme's internal business until it is decided; a roadmap revision
 * names every idea it changes, and each is judged as the roadmap card judges it (an idea still
 * internal to the programme stops the card for an outside audience). */
export function voteDisclosures(programme: Programme, vote: GateVote, subject: VoteSubject): Disclosed[] {
  if (subject.kind === 'admission' || subject.kind === 'agreement-revision' || subject.kind === 'retirement') return [subjectDisclosure(programme, subject)];
  if (subject.kind === 'roadmap-revision') return subject.ideas.map((idea) => ideaContent(programme.id, idea));
  const { idea } = subject;
  const documents = vote.basis.some((b) => b.link) || idea.qualification !== undefined;
  return [subjectDisclosure(programme, subject), ...(documents ? [ideaDocuments(programme.id, idea)] : [])];
}

/** What naming the matter discloses (a notice in personal chat names only that: a revision's
 * notice names the revision, not its ideas). */
export const subjectDisclosure = (programme: Programme, subject: VoteSubject): Disclosed =>
  subject.kind === 'idea' ? ideaContent(programme.id, subject.idea) : { kind: 'programme-internal', programmeId: programme.id };

export class VoteCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly ids: TeamsIds,
  ) {}

  async render(input: VoteCardInput): Promise<AdaptiveCard> {
    const { programme, vote, subject } = input;
    const discloses = voteDisclosures(programme, vote, subject);
    // Each reader Teams refreshes gets their own view in the language of their own Teams (the
    // refresh invoke's locale): while the vote runs, members see their own vote and observers
    // that they observe; once it is closed, the outcome (and a named decider the decision to
    // record). The shared card stays in the language the channel was linked in.
    const refreshUserIds = await this.ids.of(vote.tenantId, refreshAudience(vote));
    if (vote.status !== 'closed') return this.cards.render('vote', openVoteView({ ...input, refreshUserIds }), discloses);
    return this.cards.render('voteOutcome', outcomeView({ ...input, refreshUserIds }), discloses);
  }
}
