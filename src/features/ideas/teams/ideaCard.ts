// The idea card as the reader sees it now, with what other features add to it (the project's
// checklist progress), for every verb that answers with the idea: its own verbs and the vote's
// proposal. One place, so no answer shows a card with a line missing. A banner says what was
// done, or (attention) why an old card's action was refused.
import type { ChecklistProgressReader } from '../../checklist/app/checklist.js';
import type { IdeaRef } from '../app/changeIdea.js';
import type { IdeaUseCaseError } from '../app/ideaErrors.js';
import { ideaDetail } from '../app/ideaQueries.js';
import type { IdeaRepository } from '../app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { isChecklistInProgress } from '../../checklist/domain/difiChecklist.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { ideaErrorText } from './ideaText.js';
import { ideaDetailView } from './ideaViews.js';

export interface IdeaCardDeps {
  ideas: IdeaRepository;
  cards: CardRenderer;
  /** A project's checklist progress for its card; without it the card has no checklist line. */
  checklists?: ChecklistProgressReader | undefined;
}

export interface IdeaBanner {
  text: string;
  style: 'good' | 'attention';
}

export const ideaErrorCard = (cards: CardRenderer, ctx: RequestContext, e: IdeaUseCaseError, details: string[] = []): AdaptiveCard =>
  cards.render('error', { title: translate(ctx.language, 'error.title'), message: ideaErrorText(e, ctx.language), details }, []);

export async function ideaCard({ ideas, cards, checklists }: IdeaCardDeps, ctx: RequestContext, ref: IdeaRef, banner?: IdeaBanner): Promise<AdaptiveCard> {
  const detail = await ideaDetail(ideas, ctx, ref.programmeId, ref.number);
  if (!detail.ok) return ideaErrorCard(cards, ctx, detail.error);
  const { access, idea } = detail.value;
  const checklist = checklists && isChecklistInProgress(idea.status) ? (await checklists.progressOf(access.key, idea.number)).overall : undefined;
  const { view, discloses } = ideaDetailView(detail.value, ctx, banner?.text ?? '', {
    ...(checklist ? { checklist } : {}),
    ...(banner ? { bannerStyle: banner.style } : {}),
  });
  return cards.render('ideaDetail', view, discloses);
}
