// The roadmap: `veikart` / `roadmap` shows it; the office adds and changes entries from the
// card (verb roadmap.add); the change log (verb roadmap.log) has every change that took effect
// and every decided revision. Where a body decides roadmap changes (Digi Rogaland §4.7), an
// edit is a proposed change, shown on the card as such until the body adopts it; putting the
// changes to the vote is on the revision card (roadmapRevisionHandlers.ts).
import { z } from 'zod';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { ChangeRow, RoadmapRevisionRepository } from '../app/revisions.js';
import { planRoadmapEntry, roadmapLog, showRoadmap, type RoadmapPicture, type RoadmapRepository } from '../app/roadmap.js';
import { ideaContent, type Disclosed } from '../../../shared/disclosure/content.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { RoadmapProposal } from '../domain/revision.js';
import { quarterOf, quartersAround, type RoadmapRevision, type RoadmapRow } from '../domain/roadmap.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { osloDate } from '../../../shared/schedule/oslo.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { RecordsView } from '../../../platform/cards/views.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { phaseName, statusText } from '../../ideas/teams/ideaText.js';
import { ideaNumberField, programmeIdField } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import { bodyName } from '../../votes/teams/voteText.js';
import type { RoadmapItemView, RoadmapView } from './roadmapCardView.js';
import { halfYearText, proposedChangeText, quarterText, revisionLines, roadmapErrorText } from './roadmapText.js';

export { quarterText, revisionLines, roadmapErrorText } from './roadmapText.js';

export interface RoadmapDependencies {
  ideas: IdeaRepository;
  roadmap: RoadmapRepository;
  /** Pending changes and revisions (programmes where a body decides roadmap changes). */
  revisions: RoadmapRevisionRepository;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
const ideaNumber = ideaNumberField;
const quarter = z.string().trim().toUpperCase().regex(/^\d{4}-Q[1-4]$/);
/** Records on the log card, and the characters of their lines (the card stays far below Teams'
 * message size limit; older records are left out with a note). */
const LOG_ON_CARD = 40;
const LOG_LINE_BUDGET = 14_000;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);

/** A note longer than this is shortened on the card (the full note stays in storage and the log). */
export const NOTE_ON_CARD = 160;
/** Rows per page: the card must stay well under Teams' message size limit. */
export const ROADMAP_PAGE_SIZE = 25;
/** Changes not in force shown on the roadmap card; the revision card lists them all. */
export const CHANGES_ON_CARD = 10;

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

/** "DIGI-2026-001 Title" for a change, or the number alone when the idea is gone. */
export const changeTitle = (row: ChangeRow) => (row.idea ? `${row.idea.number} ${row.idea.title}` : row.change.ideaNumber);

/** The changes not in force yet, as the roadmap card marks them: those put to the vote first. */
function changeItems(picture: RoadmapPicture, language: Language): { items: RoadmapItemView[]; more: number; shown: ChangeRow[] } {
  const changes = picture.changes;
  if (!changes) return { items: [], more: 0, shown: [] };
  const t = tr(language);
  const body = bodyName(picture.access.programme, changes.body, language);
  const open = changes.open;
  const all = [
    ...(open ? open.rows.map((row) => ({ row, status: t('roadmap.change.voting', { body, id: open.proposal.id }) })) : []),
    ...changes.pending.map((row) => ({
      row,
      status: t('roadmap.change.pending', { who: row.change.by.name, when: formatDateTime(row.change.at, language) }),
    })),
  ];
  const shown = all.slice(0, CHANGES_ON_CARD);
  return {
    items: shown.map(({ row, status }) => ({ title: changeTitle(row), detail: `${proposedChangeText(row.change, language, NOTE_ON_CARD)} · ${status}` })),
    more: all.length - shown.length,
    shown: shown.map((s) => s.row),
  };
}

/** The rows on one page: planned rows in roadmap order, then projects missing an entry. */
function pageOf(picture: RoadmapPicture, page: number) {
  const planned = picture.layout.byHalfYear.flatMap((g) => g.rows.map((row) => ({ halfYear: g.halfYear, row })));
  const all = [...planned, ...picture.layout.missing.map((row) => ({ halfYear: undefined, row }))];
  const pages = Math.max(1, Math.ceil(all.length / ROADMAP_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { onPage: all.slice((current - 1) * ROADMAP_PAGE_SIZE, current * ROADMAP_PAGE_SIZE), pages, current };
}

function lastChangedText(lastRevision: RoadmapRevision | undefined, language: Language): string {
  const t = tr(language);
  if (!lastRevision) return t('roadmap.noRevision');
  const when = formatDateTime(lastRevision.at, language);
  return lastRevision.decision
    ? t('roadmap.lastDecided', { when, id: lastRevision.decision.revisionId })
    : t('roadmap.lastRevision', { when, who: lastRevision.by.name });
}

export function roadmapView(picture: RoadmapPicture, ctx: Pick<RequestContext, 'language' | 'now'>, banner = '', page = 1): RoadmapView {
  const { language } = ctx;
  const t = tr(language);
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
  const revised = lastChangedText(lastRevision, language);
  const pageButton = (p: number, key: 'list.previous' | 'list.next') => ({ title: t(key), verb: 'roadmap.show', data: { programmeId: programme.id, page: p } });
  const changes = changeItems(picture, language);
  const decidingBody = picture.changes ? bodyName(programme, picture.changes.body, language) : undefined;
  return {
    banner,
    heading: t('roadmap.heading', { programme: programme.name }),
    subheading: pages > 1 ? `${revised} ${t('list.page', { page: current, pages })}` : revised,
    rule: decidingBody ? t('roadmap.ruleDecided', { body: decidingBody }) : t('roadmap.rule'),
    groups,
    missingHeading: t('roadmap.missingHeading'),
    missing,
    changesHeading: t('roadmap.changesHeading'),
    changes: changes.items,
    changesMore: changes.more > 0 ? t('roadmap.change.more', { n: changes.more }) : '',
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
      submitLabel: decidingBody ? t('roadmap.form.submitProposal') : t('roadmap.submit'),
    },
    logLabel: t('roadmap.log'),
    programmeId: programme.id,
    pager: [...(current > 1 ? [pageButton(current - 1, 'list.previous')] : []), ...(current < pages ? [pageButton(current + 1, 'list.next')] : [])],
    revision: decidingBody ? [{ title: t('roadmap.revisionButton'), verb: 'roadmap.revision', data: { programmeId: programme.id } }] : [],
  };
}

/** Every idea the card names, so the disclosure guard can judge each. */
function shownIdeas(picture: RoadmapPicture, page: number, language: Language): Idea[] {
  const onPage = pageOf(picture, page).onPage.map((r) => r.row.idea);
  const changed = changeItems(picture, language).shown.flatMap((r) => (r.idea ? [r.idea] : []));
  return [...new Map([...onPage, ...changed].map((i) => [i.number, i])).values()];
}

/** A decided revision as one record of the change log: the decision, then every change. */
function decidedRecord(programme: Programme, proposal: RoadmapProposal, language: Language): RecordsView['records'][number] {
  const t = tr(language);
  const decision = proposal.decision;
  const params = { when: formatDateTime(decision?.at ?? proposal.proposedAt, language), id: proposal.id, body: bodyName(programme, proposal.body, language) };
  return {
    title: t(decision?.adopted ? 'roadmap.log.adopted' : 'roadmap.log.rejected', params),
    lines: [
      t('roadmap.log.decision', { voteId: decision?.voteId ?? proposal.voteId ?? '–', when: formatDateTime(proposal.proposedAt, language), who: proposal.proposedBy.name }),
      t(decision?.adopted ? 'roadmap.log.tookEffect' : 'roadmap.log.discarded'),
      ...proposal.changes.flatMap((c) => {
        const [first = '', ...rest] = revisionLines(c, language);
        return [`${first} ${t('roadmap.log.changedBy', { who: c.by.name })}`, ...rest];
      }),
    ],
  };
}

/** The change log: direct changes and decided revisions, newest first, within the card's budget. */
export function logRecords(programme: Programme, revisions: readonly RoadmapRevision[], decided: readonly RoadmapProposal[], language: Language): RecordsView['records'] {
  const dated = [
    // A change made by a revision is shown with its revision, not on its own.
    ...revisions
      .filter((r) => !r.decision)
      .map((r) => ({ at: r.at, record: { title: `${formatDateTime(r.at, language)} · ${r.by.name}`, lines: revisionLines(r, language) } })),
    ...decided.map((p) => ({ at: p.decision?.at ?? p.proposedAt, record: decidedRecord(programme, p, language) })),
  ].sort((a, b) => b.at - a.at);
  const records: RecordsView['records'] = [];
  let budget = LOG_LINE_BUDGET;
  for (const { record } of dated) {
    const size = record.title.length + record.lines.reduce((n, l) => n + l.length, 0);
    if (records.length >= LOG_ON_CARD || (size > budget && records.length > 0)) {
      records.push({ title: translate(language, 'roadmap.log.more'), lines: [] });
      break;
    }
    // The newest record is always shown; shortened if it alone is over the budget.
    records.push(size > budget ? { ...record, lines: record.lines.map((l) => shorten(l, 200)) } : record);
    budget -= size;
  }
  return records;
}

export function roadmapVerbs({ ideas, roadmap, revisions, cards }: RoadmapDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);

  const show = async (ctx: RequestContext, id: string, banner = '', page = 1): Promise<AdaptiveCard> => {
    const picture = await showRoadmap(ideas, roadmap, ctx, id, revisions);
    if (!picture.ok) return refusal(ctx, roadmapErrorText(picture.error, ctx.language));
    const discloses: Disclosed[] = shownIdeas(picture.value, page, ctx.language).map((idea) => ideaContent(id, idea));
    return cards.render('roadmap', roadmapView(picture.value, ctx, banner, page), discloses);
  };
  const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });

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
        const result = await planRoadmapEntry(ideas, roadmap, ctx, data, revisions);
        if (!result.ok) return refusal(ctx, roadmapErrorText(result.error, ctx.language));
        const t = tr(ctx.language);
        const outcome = result.value;
        const programme = ctx.tenantProgrammes.find((p) => p.id === data.programmeId);
        const body = (id: string) => (programme ? bodyName(programme, id, ctx.language) : id);
        const banner =
          outcome.kind === 'staged'
            ? t('roadmap.staged', { number: data.number, body: body(outcome.body) })
            : outcome.kind === 'withdrawn'
              ? t('roadmap.withdrawnSame', { number: data.number })
              : t(outcome.kind === 'unchanged' ? 'roadmap.unchanged' : 'roadmap.saved', { number: data.number });
        return show(ctx, data.programmeId, banner);
      },
    }),
    'roadmap.log': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => {
        const result = await roadmapLog(roadmap, ctx, data.programmeId, LOG_ON_CARD, revisions);
        if (!result.ok) return refusal(ctx, roadmapErrorText(result.error, ctx.language));
        const { access, revisions: log, decided } = result.value;
        const records = logRecords(access.programme, log, decided, ctx.language);
        return cards.render(
          'records',
          {
            heading: translate(ctx.language, 'roadmap.logHeading', { programme: access.programme.name }),
            subheading: translate(ctx.language, 'roadmap.logSubheading'),
            records,
            emptyText: records.length === 0 ? translate(ctx.language, 'roadmap.logEmpty') : '',
          },
          [{ kind: 'programme-internal', programmeId: access.programme.id }],
        );
      },
    }),
  };
}

export function roadmapCommands({ cards }: Pick<RoadmapDependencies, 'cards'>, verbs: VerbRouter) {
  const roadmapCommand: CommandHandler = async (ctx, args) => {
    const choice = chooseProgramme(ctx, args, 'roadmap.show', cards);
    return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, 'roadmap.show', { programmeId: choice.programmeId }));
  };
  return { roadmap: roadmapCommand } satisfies Record<string, CommandHandler>;
}
