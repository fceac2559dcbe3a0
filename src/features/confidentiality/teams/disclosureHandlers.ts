// The office's confidentiality tools: the audit log, the NDA register, and the shareable
// prioritised list (whose production is itself audited).
import { z } from 'zod';
import type { AuditEntry, AuditLog, AuditSubject, NdaRegister, NdaTopic } from '../app/ports.js';
import { officeAccess } from '../../../shared/access.js';
import { prioritisedList } from '../../ideas/app/ideaQueries.js';
import { firstPage, readPageAt, type PageCursor } from '../../../shared/paging.js';
import { pagerButtons, positionText } from '../../../platform/cards/pager.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { exportRows, prioritisedListCsv, prioritisedListMarkdown } from '../../../shared/disclosure/prioritisedListExport.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { ideaErrorText } from '../../ideas/teams/ideaText.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import { pageCursorField, programmeIdField } from '../../../platform/routing/fields.js';

/** The shared list is one read of the list's index: a prioritised list is tens of ideas, and this bound keeps a turn's memory bounded whatever it holds. */
const SHARED_AT_MOST = 500;

export interface DisclosureDependencies {
  ideas: IdeaRepository;
  cards: CardRenderer;
  audit: AuditLog;
  ndas: NdaRegister;
}

const AUDIT_ON_CARD = 30;
/** NDAs on one card of the office's list. */
const NDAS_ON_CARD = 20;
const topics: NdaTopic[] = ['registered-ideas', 'planning-documents'];
const programmeId = programmeIdField;

const auditWhere = ['personal', 'channel', 'groupChat'] as const;
const auditLevels = ['shareable', 'shareable-with-label', 'programme-internal', 'participants-only'] as const;
const known = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** An audit entry's subject in the reader's language (entries store data, not sentences). */
export function subjectText(language: Language, subject: AuditSubject): string {
  switch (subject.kind) {
    case 'idea':
      return translate(language, 'audit.what.idea', { number: subject.number ?? '' });
    case 'idea-documents':
      return translate(language, 'audit.what.idea-documents', { number: subject.number ?? '' });
    case 'prioritised-list':
      return subject.rows === undefined ? translate(language, 'audit.what.list') : translate(language, 'audit.what.listRows', { rows: subject.rows });
    case 'programme-internal':
      return translate(language, 'audit.what.internal');
  }
}

export function disclosureVerbs({ cards, audit, ndas }: DisclosureDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details: [] }, []);
  const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];

  const auditLine = (ctx: RequestContext, entry: AuditEntry) =>
    entry.items.map((item) =>
      translate(ctx.language, 'audit.line', {
        who: entry.party
          ? translate(ctx.language, 'audit.whoForParty', { who: entry.actor.name || entry.actor.id, party: entry.party.name })
          : entry.actor.name || entry.actor.id,
        where: known(auditWhere, entry.conversation.kind) ? translate(ctx.language, `audit.where.${entry.conversation.kind}`) : entry.conversation.kind,
        what: item.subject ? subjectText(ctx.language, item.subject) : item.what,
        classification: known(auditLevels, item.classification) ? translate(ctx.language, `audit.level.${item.classification}`) : item.classification,
        reason: item.reason ? ` – ${translate(ctx.language, `disclosure.reason.${item.reason}`)}` : '',
      }),
    );

  return {
    'audit.show': defineVerb({
      schema: z.object({ programmeId, cursor: pageCursorField }),
      handle: async (ctx, data) => {
        const access = officeAccess(ctx, data.programmeId);
        if (!access.ok) return refusal(ctx, ideaErrorText(access.error, ctx.language));
        const { programme, key } = access.value;
        const page = await readPageAt(data.cursor, AUDIT_ON_CARD, (request) => audit.page(key.tenantId, programme.id, request));
        const entries = page.items;
        const position = positionText(page, ctx.language);
        return cards.render(
          'records',
          {
            heading: translate(ctx.language, 'audit.heading', { programme: programme.name }),
            subheading: [translate(ctx.language, 'audit.subheading'), ...(position ? [position] : [])].join(' · '),
            pager: pagerButtons(page, 'audit.show', { programmeId: programme.id }, ctx.language),
            records: entries.map((e) => ({
              title: `${formatDateTime(e.at, ctx.language)} · ${translate(ctx.language, `audit.${e.decision}`)}`,
              lines: auditLine(ctx, e),
            })),
            emptyText: entries.length === 0 ? translate(ctx.language, 'audit.empty') : '',
          },
          internal(programme.id),
        );
      },
    }),
    'nda.form': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => {
        const access = officeAccess(ctx, data.programmeId);
        if (!access.ok) return refusal(ctx, ideaErrorText(access.error, ctx.language));
        const t = (k: Parameters<typeof translate>[1]) => translate(ctx.language, k);
        return cards.render(
          'ndaForm',
          {
            heading: t('nda.heading'),
            intro: t('nda.intro'),
            labels: { person: t('nda.person'), covers: t('nda.covers'), scope: t('nda.scope'), handling: t('nda.handling'), signedOn: t('nda.signedOn') },
            people: access.value.programme.people.map((p) => ({ title: p.name, value: p.aadObjectId })),
            topics: topics.map((topic) => ({ title: t(`nda.topic.${topic}`), value: topic })),
            programmeId: access.value.programme.id,
            submitLabel: t('nda.submit'),
          },
          [],
        );
      },
    }),
    'nda.record': defineVerb({
      schema: z.object({
        programmeId,
        person: z.string().trim().min(1).max(128),
        covers: z
          .string()
          .max(200)
          .transform((v) => v.split(',').map((s) => s.trim()))
          .pipe(z.array(z.enum(topics)).min(1)),
        scope: z.string().trim().min(1).max(1000),
        handling: z.string().trim().min(1).max(1000),
        signedOn: z.iso.date(),
      }),
      labels: {
        person: { nb: translate('nb', 'nda.person'), en: translate('en', 'nda.person') },
        covers: { nb: translate('nb', 'nda.covers'), en: translate('en', 'nda.covers') },
        scope: { nb: translate('nb', 'nda.scope'), en: translate('en', 'nda.scope') },
        handling: { nb: translate('nb', 'nda.handling'), en: translate('en', 'nda.handling') },
        signedOn: { nb: translate('nb', 'nda.signedOn'), en: translate('en', 'nda.signedOn') },
      },
      handle: async (ctx, data) => {
        const access = officeAccess(ctx, data.programmeId);
        if (!access.ok) return refusal(ctx, ideaErrorText(access.error, ctx.language));
        const { programme, key, actor } = access.value;
        const person = programme.people.find((p) => p.aadObjectId === data.person);
        if (!person) return refusal(ctx, translate(ctx.language, 'nda.unknownPerson'));
        await ndas.record({
          tenantId: key.tenantId,
          programmeId: programme.id,
          person: { id: person.aadObjectId, name: person.name },
          covers: data.covers,
          scope: data.scope,
          handling: data.handling,
          signedOn: data.signedOn,
          recordedBy: actor,
          recordedAt: ctx.now,
        });
        return listNdas(ctx, programme.id, translate(ctx.language, 'nda.recorded', { person: person.name }));
      },
    }),
    'nda.list': defineVerb({
      schema: z.object({ programmeId, cursor: pageCursorField }),
      handle: (ctx, data) => listNdas(ctx, data.programmeId, '', data.cursor),
    }),
  };

  async function listNdas(ctx: RequestContext, id: string, notice = '', cursor: PageCursor = firstPage): Promise<AdaptiveCard> {
    const access = officeAccess(ctx, id);
    if (!access.ok) return refusal(ctx, ideaErrorText(access.error, ctx.language));
    const { programme, key } = access.value;
    // A page at a time (issue 25.2), with its place in the list and Previous/Next.
    const page = await readPageAt(cursor, NDAS_ON_CARD, (request) => ndas.page(key.tenantId, programme.id, request));
    const records = page.items;
    const position = positionText(page, ctx.language);
    return cards.render(
      'records',
      {
        heading: translate(ctx.language, 'nda.listHeading', { programme: programme.name }),
        subheading: [notice, position].filter(Boolean).join(' · '),
        pager: pagerButtons(page, 'nda.list', { programmeId: programme.id }, ctx.language),
        records: records.map((r) => ({
          title: `${r.person.name}: ${r.covers.map((c) => translate(ctx.language, `nda.topic.${c}`)).join(', ')}`,
          lines: [r.scope, r.handling, translate(ctx.language, 'nda.line', { signedOn: r.signedOn, by: r.recordedBy.name })],
        })),
        emptyText: records.length === 0 ? translate(ctx.language, 'nda.empty') : '',
      },
      internal(programme.id),
    );
  }
}

export function disclosureCommands({ ideas, cards, audit }: DisclosureDependencies, verbs: VerbRouter) {
  const viaVerb =
    (verb: string): CommandHandler =>
    async (ctx, args) => {
      const choice = chooseProgramme(ctx, args, verb, cards);
      return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, verb, { programmeId: choice.programmeId }));
    };

  /** The shareable version: the label first, then the list, as Markdown and CSV. Producing it
   * is recorded in the audit log as an external share, whoever asks and wherever. */
  const sharePrioritisedList: CommandHandler = async (ctx, args) => {
    const choice = chooseProgramme(ctx, args, 'prioritised.show', cards);
    if ('reply' in choice) return choice.reply;
    const result = await prioritisedList(ideas, ctx, choice.programmeId, firstPage, SHARED_AT_MOST);
    if (!result.ok) return textReply(ideaErrorText(result.error, ctx.language));
    const { programme, actor, key } = result.value.access;
    const rows = exportRows(programme, result.value.page.items);
    await audit.append({
      tenantId: key.tenantId,
      programmeId: programme.id,
      at: ctx.now,
      actor,
      conversation: ctx.conversation,
      decision: 'external-share',
      items: [{ what: `prioritised list (${rows.length})`, subject: { kind: 'prioritised-list', rows: rows.length }, classification: 'shareable-with-label' }],
    });
    const heading = translate(ctx.language, 'share.heading', { programme: programme.name });
    const markdown = prioritisedListMarkdown(programme, heading, rows, translate(ctx.language, 'share.empty'));
    const csv = prioritisedListCsv(programme, rows);
    return textReply(`${markdown}\n\n\`\`\`csv\n${csv}\n\`\`\``, 'markdown', [
      { kind: 'prioritised-list', programmeId: programme.id, labelled: true },
      ...result.value.page.items.map((idea) => ({ kind: 'idea' as const, programmeId: programme.id, idea })),
    ]);
  };

  return {
    auditLog: viaVerb('audit.show'),
    nda: viaVerb('nda.form'),
    ndaList: viaVerb('nda.list'),
    sharePrioritisedList,
  } satisfies Record<string, CommandHandler>;
}
