// The list cards: my ideas, the portfolio (with a chart and paging), the ranking, and the
// prioritised list (which always opens with the programme's confidentiality label).
import type { Access } from '../../app/ideas/ideaAccess.js';
import type { Portfolio } from '../../app/ideas/ideaQueries.js';
import { ideaContent, type Disclosed } from '../../domain/disclosure/content.js';
import type { Idea } from '../../domain/idea/idea.js';
import type { RankedIdea } from '../../domain/idea/ranking.js';
import type { Programme } from '../../domain/programme/schema.js';
import { pick, type Language } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import type { IdeaListView } from '../cards/views.js';
import { listItem } from './ideaViews.js';

export const PAGE_SIZE = 20;

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

export function myIdeasCard(cards: CardRenderer, groups: { programme: Programme; ideas: Idea[] }[], language: Language): AdaptiveCard {
  const sections = groups
    .filter((g) => g.ideas.length > 0)
    .map((g) => ({ heading: g.programme.name, items: g.ideas.map((idea) => listItem(g.programme, idea, language)) }));
  return cards.render('ideaList', {
    ...emptyList(translate(language, 'list.mine')),
    sections,
    emptyText: sections.length === 0 ? translate(language, 'list.mineEmpty') : '',
  }, groups.flatMap((g) => g.ideas.map((idea) => ideaContent(g.programme.id, idea))));
}

export function portfolioCard(cards: CardRenderer, view: Portfolio, page: number, language: Language): AdaptiveCard {
  const { programme } = view.access;
  const pages = Math.max(1, Math.ceil(view.total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  // Ideas in phase order, then cut out this page; sections keep their phase headings.
  const ordered = view.byPhase.flatMap(({ phase, ideas }) => ideas.map((idea) => ({ phase, idea })));
  const onPage = ordered.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const sections = view.byPhase
    .map(({ phase }) => ({
      heading: pick(phase.name, language),
      items: onPage.filter((x) => x.phase.id === phase.id).map((x) => listItem(programme, x.idea, language)),
    }))
    .filter((s) => s.items.length > 0);
  const counted = view.byPhase.filter((p) => p.ideas.length > 0 || !p.phase.terminal);
  const button = (title: string, target: number) => ({ title, verb: 'portfolio.show', data: { programmeId: programme.id, page: target } });
  return cards.render('ideaList', {
    heading: translate(language, 'list.portfolio', { programme: programme.name }),
    subheading: [
      translate(language, 'list.portfolioSummary', { total: view.total }),
      ...(pages > 1 ? [translate(language, 'list.page', { page: current, pages })] : []),
    ].join(' · '),
    chartTitle: translate(language, 'list.chartTitle'),
    chart: view.total > 0 ? counted.map((p) => ({ x: pick(p.phase.name, language), y: p.ideas.length })) : [],
    chartFallback: translate(language, 'list.chartFallback'),
    facts: counted.map((p) => ({ title: pick(p.phase.name, language), value: String(p.ideas.length) })),
    sections,
    emptyText: view.total === 0 ? translate(language, 'list.empty') : '',
    pager: [
      ...(current > 1 ? [button(translate(language, 'list.previous'), current - 1)] : []),
      ...(current < pages ? [button(translate(language, 'list.next'), current + 1)] : []),
    ],
  }, onPage.map((x) => ideaContent(programme.id, x.idea)));
}

export function rankingCard(cards: CardRenderer, access: Access, ranked: RankedIdea<Idea>[], language: Language): AdaptiveCard {
  const { programme } = access;
  const items = ranked.map(({ idea, score }, i) =>
    listItem(
      programme,
      idea,
      language,
      translate(language, 'list.rankingItem', {
        position: i + 1,
        score: score
          ? `${score.weightedScore.toFixed(2)} (${score.assessors})${score.disagreement ? ' ⚠' : ''}`
          : translate(language, 'list.notAssessed'),
      }),
    ),
  );
  return cards.render('ideaList', {
    ...emptyList(translate(language, 'list.ranking', { programme: programme.name })),
    subheading: translate(language, 'list.rankingSubtitle'),
    sections: items.length > 0 ? [{ heading: '', items }] : [],
    emptyText: items.length === 0 ? translate(language, 'list.rankingEmpty') : '',
  }, [{ kind: 'programme-internal', programmeId: programme.id }, ...ranked.map(({ idea }) => ideaContent(programme.id, idea))]);
}

export function prioritisedListCard(cards: CardRenderer, access: Access, ideas: Idea[], language: Language): AdaptiveCard {
  const { programme } = access;
  return cards.render('prioritisedList', {
    label: programme.confidentiality.prioritisedListLabel,
    heading: translate(language, 'list.prioritised', { programme: programme.name }),
    items: ideas.map((idea, i) => ({ ...listItem(programme, idea, language), rank: idea.rank ?? i + 1 })),
    emptyText: ideas.length === 0 ? translate(language, 'list.prioritisedEmpty') : '',
  }, [
    // The template always opens with the label, so every rendering of this card is labelled.
    { kind: 'prioritised-list', programmeId: programme.id, labelled: true } satisfies Disclosed,
    ...ideas.map((idea) => ideaContent(programme.id, idea)),
  ]);
}
