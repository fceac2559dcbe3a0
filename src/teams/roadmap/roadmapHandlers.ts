// The roadmap: `veikart` / `roadmap` shows it; the office adds and changes entries from the
// card (verb roadmap.add); every change is in the log (verb roadmap.log).
import { z } from 'zod';
import type { IdeaRepository } from '../../app/ideas/ideaRepository.js';
import type { RequestContext } from '../../app/requestContext.js';
import {
  planRoadmapEntry,
  roadmapLog,
  showRoadmap,
  type RoadmapError,
  type RoadmapPicture,
  type RoadmapRepository,
} from '../../app/roadmap/roadmap.js';
import { ideaContent } from '../../domain/disclosure/content.js';
import type { Idea } from '../../domain/idea/idea.js';
import {
  parseQuarter,
  quarterOf,
  quartersAround,
  type RoadmapRevision,
  type RoadmapRow,
} from '../../domain/roadmap/roadmap.js';
import type { Programme } from '../../domain/programme/schema.js';
import { osloDate } from '../../domain/schedule/oslo.js';
import { formatDateTime, type Language } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import type { CommandHandler } from '../commands/commandRouter.js';
import { ideaErrorText, phaseName, statusText } from '../ideas/ideaText.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../invoke/verbRouter.js';
import { chooseProgramme } from '../programmeChoice.js';
import { cardReply } from '../reply.js';
import type { RoadmapItemView, RoadmapView } from './roadmapCardView.js';
import { ideaNumberField, programmeIdField } from '../invoke/fields.js';

export interface RoadmapDependencies {
  ideas: IdeaRepository;
  roadmap: RoadmapRepository;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
const ideaNumber = ideaNumberField;
const quarter = z.string().trim().toUpperCase().regex(/^\d{4}-Q[1-4]$/);
const LOG_ON_CARD = 40;

export function roadmapErrorText(error: RoadmapError, language: Language): string {
  switch (error.code) {
    case 'invalid-quarter':
      return translate(language, 'roadmapError.invalid-quarter', { field: translate(language, `roadmap.fieldName.${error.field}`) });
    case 'end-before-start':
      return translate(language, 'roadmapError.end-before-start');
    case 'too-long':
      return translate(language, 'roadmapError.too-long', { n: error.maxQuarters });
    case 'idea-closed':
      return 'number' in error ? translate(language, 'roadmapError.idea-closed', { number: error.number }) : ideaErrorText(error, language);
    default:
      return ideaErrorText(error, language);
  }
}

export function quarterText(q: string, language: Language): string {
  const p = parseQuarter(q);
  return p ? translate(language, 'roadmap.quarter', { quarter: p.quarter, year: p.year }) : q;
}

function halfYearText(halfYear: string, language: Language): string {
  const [year, half] = halfYear.split('-H');
  return translate(language, 'roadmap.halfYear', { year: year ?? '', half: half ?? '' });
}

/** A note longer than this is shortened on the card (the full note stays in storage and the log). */
const NOTE_ON_CARD = 160;
/** Rows per page: the card must stay well under Teams' message size limit. */
export const ROADMAP_PAGE_SIZE = 25;

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

function itemView(programme: Programme, row: RoadmapRow<Idea>, language: Language): RoadmapItemView {
  const { idea, entry } = row;
  const where = `${phaseName(programme, idea.phase, language)} (${statusText(idea.status, language).toLowerCase()})`;
  const period = entry
    ? translate(language, 'roadmap.period', { start: quarterText(entry.start, language), end: quarterText(entry.end, language), phase: where })
    : where;
  const note = entry ? shorten(entry.note, NOTE_ON_CARD) : translate(language, 'roadmap.missingNote');
  return { title: `${idea.number} ${idea.title}`, detail: note ? `${period} — ${note}` : period };
}

/** The rows on one page: planned rows in roadmap order, then projects missing an entry. */
function pageOf(picture: RoadmapPicture, page: number) {
  const planned = picture.layout.byHalfYear.flatMap((g) => g.rows.map((row) => ({ halfYear: g.halfYear, row })));
  const all = [...planned, ...picture.layout.missing.map((row) => ({ halfYear: undefined, row }))];
  const pages = Math.max(1, Math.ceil(all.length / ROADMAP_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { onPage: all.slice((current - 1) * ROADMAP_PAGE_SIZE, current * ROADMAP_PAGE_SIZE), pages, current };
}

export function roadmapView(picture: RoadmapPicture, ctx: Pick<RequestContext, 'language' | 'now'>, banner = '', page = 1): RoadmapView {
  const { language } = ctx;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { access, layout, lastRevision } = picture;
  const { programme } = access;
  const now = quarterOf(osloDate(ctx.now));
  const quarters = quartersAround(now, 4, 16).map((q) => ({ title: quarterText(q, language), value: q }));
  const { onPage, pages, current } = pageOf(picture, page);
  const groups: RoadmapView['groups'] = [];
  for (const { halfYear, row } of onPage) {
    if (halfYear === undefined) continue;
    const heading = halfYearText(halfYear, language);
    const last = groups[groups.length - 1];
    const item = itemView(programme, row, language);
    if (last && last.heading === heading) last.items.push(item);
    else groups.push({ heading, items: [item] });
  }
  const missing = onPage.filter((r) => r.halfYear === undefined).map((r) => itemView(programme, r.row, language));
  const revised = lastRevision
    ? t('roadmap.lastRevision', { when: formatDateTime(lastRevision.at, language), who: lastRevision.by.name })
    : t('roadmap.noRevision');
  const pageButton = (p: number, key: 'list.previous' | 'list.next') => ({ title: t(key), verb: 'roadmap.show', data: { programmeId: programme.id, page: p } });
  return {
    banner,
    heading: t('roadmap.heading', { programme: programme.name }),
    subheading: pages > 1 ? `${revised} ${t('list.page', { page: current, pages })}` : revised,
    rule: t('roadmap.rule'),
    groups,
    missingHeading: t('roadmap.missingHeading'),
    missing,
    emptyText: layout.byHalfYear.length === 0 && layout.missing.length === 0 ? t('roadmap.empty') : '',
    canEdit: access.roles.isOffice,
    form: {
      title: t('roadmap.form.title'),
      ideaLabel: t('roadmap.field.idea'),
      ideaPlaceholder: `${programme.ideaPrefix}-${osloDate(ctx.now).slice(0, 4)}-001`,
      startLabel: t('roadmap.field.start'),
      endLabel: t('roadmap.field.end'),
      quarters,
      start: now,
      end: now,
      noteLabel: t('roadmap.field.note'),
      submitLabel: t('roadmap.submit'),
    },
    logLabel: t('roadmap.log'),
    programmeId: programme.id,
    pager: [...(current > 1 ? [pageButton(current - 1, 'list.previous')] : []), ...(current < pages ? [pageButton(current + 1, 'list.next')] : [])],
  };
}

/** Every idea the card names, so the disclosure guard can judge each. */
function shownIdeas(picture: RoadmapPicture, page: number): Idea[] {
  return pageOf(picture, page).onPage.map((r) => r.row.idea);
}

export function revisionLines(revision: RoadmapRevision, language: Language): string[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const value = (field: string, v: string) => (field === 'note' ? v : quarterText(v, language));
  return [
    t(revision.kind === 'added' ? 'roadmap.added' : 'roadmap.changed', { number: revision.ideaNumber }),
    ...revision.changes.map((c) => {
      const field = t(`roadmap.fieldName.${c.field}`);
      return c.from === undefined
        ? t('roadmap.change.set', { field, to: value(c.field, c.to) })
        : t('roadmap.change.from', { field, from: value(c.field, c.from), to: value(c.field, c.to) });
    }),
  ];
}

export function roadmapVerbs({ ideas, roadmap, cards }: RoadmapDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);

  const show = async (ctx: RequestContext, id: string, banner = '', page = 1): Promise<AdaptiveCard> => {
    const picture = await showRoadmap(ideas, roadmap, ctx, id);
    if (!picture.ok) return refusal(ctx, roadmapErrorText(picture.error, ctx.language));
    return cards.render(
      'roadmap',
      roadmapView(picture.value, ctx, banner, page),
      shownIdeas(picture.value, page).map((idea) => ideaContent(id, idea)),
    );
  };
  const label = (key: Parameters<typeof translate>[1]) => ({ nb: translate('nb', key), en: translate('en', key) });

  return {
    'roadmap.show': defineVerb({
      schema: z.object({ programmeId, page: z.coerce.number().int().min(1).max(10_000).default(1) }),
      handle: (ctx, data) => show(ctx, data.programmeId, '', data.page),
    }),
    'roadmap.add': defineVerb({
      schema: z.object({ programmeId, number: ideaNumber, start: quarter, end: quarter, note: z.string().max(500).default('') }),
      labels: {
        number: label('roadmap.field.idea'),
        start: label('roadmap.field.start'),
        end: label('roadmap.field.end'),
        note: label('roadmap.field.note'),
      },
      handle: async (ctx, data) => {
        const result = await planRoadmapEntry(ideas, roadmap, ctx, data);
        if (!result.ok) return refusal(ctx, roadmapErrorText(result.error, ctx.language));
        const banner = translate(ctx.language, 'unchanged' in result.value ? 'roadmap.unchanged' : 'roadmap.saved', { number: data.number });
        return show(ctx, data.programmeId, banner);
      },
    }),
    'roadmap.log': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => {
        const result = await roadmapLog(roadmap, ctx, data.programmeId, LOG_ON_CARD);
        if (!result.ok) return refusal(ctx, roadmapErrorText(result.error, ctx.language));
        const { access, revisions } = result.value;
        return cards.render(
          'records',
          {
            heading: translate(ctx.language, 'roadmap.logHeading', { programme: access.programme.name }),
            subheading: translate(ctx.language, 'roadmap.logSubheading'),
            records: revisions.map((r) => ({ title: `${formatDateTime(r.at, ctx.language)} · ${r.by.name}`, lines: revisionLines(r, ctx.language) })),
            emptyText: revisions.length === 0 ? translate(ctx.language, 'roadmap.logEmpty') : '',
          },
          [{ kind: 'programme-internal', programmeId: access.programme.id }],
        );
      },
    }),
  };
}

export function roadmapCommands({ cards }: RoadmapDependencies, verbs: VerbRouter) {
  const roadmapCommand: CommandHandler = async (ctx, args) => {
    const choice = chooseProgramme(ctx, args, 'roadmap.show', cards);
    return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, 'roadmap.show', { programmeId: choice.programmeId }));
  };
  return { roadmap: roadmapCommand } satisfies Record<string, CommandHandler>;
}
