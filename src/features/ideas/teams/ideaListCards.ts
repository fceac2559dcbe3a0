// The list cards: my ideas, the portfolio (with a chart), the ranking, and the prioritised list
// (which always opens with the programme's confidentiality label). Each shows one page, with
// its place in the list and Previous/Next.
import type { Access } from '../app/ideaAccess.js';
import type { Portfolio } from '../app/ideaQueries.js';
import { ideaContent, type Disclosed } from '../../../shared/disclosure/content.js';
import type { Idea } from '../domain/idea.js';
import type { RankedIdea } from '../domain/ranking.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { formatCount, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { Page } from '../../../shared/paging.js';
import { pagerButtons, positionText } from '../../../platform/cards/pager.js';
import type { IdeaListView } from '../../../platform/cards/views.js';
import { listItem } from './ideaViews.js';

const emptyList = (heading: string): IdeaListView => ({
  heading,
  subheading: '',
  chartTitle: '',
  chart: [],
  chartFallback: '',
  facts: [],
  sections: [],
  emptyText: '',
  pager: [],
});

/** The first page of the actor's ideas in each programme, with a button to the rest where there is more. */
export function myIdeasCard(cards: CardRenderer, groups: { programme: Programme; page: Page<Idea> }[], language: Language): AdaptiveCard {
  const shown = groups.filter((g) => g.page.items.length > 0);
  const sections = shown.map(({ programme, page }) => {
    const position = positionText(page, language);
    return { heading: position ? `${programme.name} · ${position}` : programme.name, items: page.items.map((idea) => listItem(programme, idea, language)) };
  });
  // One programme: its Previous/Next. Several: a "more" button per programme that has more.
  const pager =
    shown.length === 1 && shown[0]
      ? pagerButtons(shown[0].page, 'mine.show', { programmeId: shown[0].programme.id }, language)
      : shown.flatMap(({ programme, page }) =>
          page.next ? [{ title: translate(language, 'list.mineMore', { programme: programme.name }), verb: 'mine.show', data: { programmeId: programme.id, cursor: page.next } }] : [],
        );
  return cards.render('ideaList', {
    ...emptyList(translate(language, 'list.mine')),
    sections,
    emptyText: sections.length === 0 ? translate(language, 'list.mineEmpty') : '',
    pager,
  }, groups.flatMap((g) => g.page.items.map((idea) => ideaContent(g.programme.id, idea))));
}

export function portfolioCard(cards: CardRenderer, view: Portfolio, language: Language): AdaptiveCard {
  const { programme } = view.access;
  const { page } = view;
  const total = view.byPhase.reduce((sum, p) => sum + p.count, 0);
  // Sections keep their phase headings; a page may span phases.
  const sections = view.byPhase
    .map(({ phase }) => ({
      heading: pick(phase.name, language),
      items: page.items.filter((idea) => idea.phase === phase.id).map((idea) => listItem(programme, idea, language)),
    }))
    .filter((s) => s.items.length > 0);
  const counted = view.byPhase.filter((p) => p.count > 0 || !p.phase.terminal);
  const position = positionText(page, language);
  return cards.render('ideaList', {
    heading: translate(language, 'list.portfolio', { programme: programme.name }),
    subheading: [translate(language, 'list.portfolioSummary', { total: formatCount(total, language) }), ...(position ? [position] : [])].join(' · '),
    chartTitle: translate(language, 'list.chartTitle'),
    chart: total > 0 ? counted.map((p) => ({ x: pick(p.phase.name, language), y: p.count })) : [],
    chartFallback: translate(language, 'list.chartFallback'),
    facts: counted.map((p) => ({ title: pick(p.phase.name, language), value: formatCount(p.count, language) })),
    sections,
    emptyText: total === 0 ? translate(language, 'list.empty') : '',
    pager: pagerButtons(page, 'portfolio.show', { programmeId: programme.id }, language),
  }, page.items.map((idea) => ideaContent(programme.id, idea)));
}

export function rankingCard(cards: CardRenderer, access: Access, page: Page<RankedIdea<Idea>>, language: Language): AdaptiveCard {
  const { programme } = access;
  const items = page.items.map(({ idea, score }, i) =>
    listItem(
      programme,
      idea,
      language,
      translate(language, 'list.rankingItem', {
        position: page.offset + i + 1,
        score: score
          ? `${score.weightedScore.toFixed(2)} (${score.assessors})${score.disagreement ? ' ⚠' : ''}`
          : translate(language, 'list.notAssessed'),
      }),
    ),
  );
  const position = positionText(page, language);
  return cards.render('ideaList', {
    ...emptyList(translate(language, 'list.ranking', { programme: programme.name })),
    subheading: [translate(language, 'list.rankingSubtitle'), ...(position ? [position] : [])].join(' · '),
    sections: items.length > 0 ? [{ heading: '', items }] : [],
    emptyText: items.length === 0 ? translate(language, 'list.rankingEmpty') : '',
    pager: pagerButtons(page, 'ranking.show', { programmeId: programme.id }, language),
  }, [{ kind: 'programme-internal', programmeId: programme.id }, ...page.items.map(({ idea }) => ideaContent(programme.id, idea))]);
}

export function prioritisedListCard(cards: CardRenderer, access: Access, page: Page<Idea>, language: Language): AdaptiveCard {
  const { programme } = access;
  return cards.render('prioritisedList', {
    label: programme.confidentiality.prioritisedListLabel,
    heading: translate(language, 'list.prioritised', { programme: programme.name }),
    position: positionText(page, language),
    items: page.items.map((idea, i) => ({ ...listItem(programme, idea, language), rank: idea.rank ?? page.offset + i + 1 })),
    emptyText: page.items.length === 0 ? translate(language, 'list.prioritisedEmpty') : '',
    pager: pagerButtons(page, 'prioritised.show', { programmeId: programme.id }, language),
  }, [
    // The template always opens with the label, so every rendering of this card is labelled.
    { kind: 'prioritised-list', programmeId: programme.id, labelled: true } satisfies Disclosed,
    ...page.items.map((idea) => ideaContent(programme.id, idea)),
  ]);
}
