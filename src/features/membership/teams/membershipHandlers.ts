// Membership fee and notice of withdrawal: the commands `kontingent <år>` / `fees <year>` and
// `oppsigelse [dato]` / `notice [date]`, and their verbs.
import { z } from 'zod';
import { calculateFees, feeSheet, noticeFor, type FeeSheet, type MembershipError, type FeeRepository } from '../app/membership.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { FeeTable } from '../domain/fees.js';
import type { NoticeEffect } from '../domain/notice.js';
import type { NoticeRule } from '../../../shared/programme/schema.js';
import { checkIsoDate, isoDate, osloDate, osloTime, type IsoDate } from '../../../shared/schedule/oslo.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { normaliseCommandText } from '../../../platform/routing/normaliseText.js';
import { ideaErrorText } from '../../ideas/teams/ideaText.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { cardReply, textReply, type Reply } from '../../../platform/channel/reply.js';
import type { FeeRowView, FeeView } from './feeCardView.js';
import { programmeIdField } from '../../../platform/routing/fields.js';

export interface MembershipDependencies {
  fees: FeeRepository;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
const year = z.coerce.number().int().min(2000).max(2100);
const INPUT_PREFIX = 'inh.';
const MAX_INHABITANTS = 99_999_999;

/** 150 000 kr (nb) or NOK 150,000 (en); øre only when there are any. */
export function formatMoney(ore: number, language: Language): string {
  const kroner = Math.trunc(ore / 100);
  const rest = Math.abs(ore % 100);
  const grouped = formatCount(kroner, language);
  const decimals = rest === 0 ? '' : `${language === 'nb' ? ',' : '.'}${String(rest).padStart(2, '0')}`;
  return language === 'nb' ? `${grouped}${decimals} kr` : `NOK ${grouped}${decimals}`;
}

export function formatCount(n: number, language: Language): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'nb' ? ' ' : ',');
}

export function membershipErrorText(error: MembershipError, language: Language): string {
  switch (error.code) {
    case 'no-fee-rule':
      return translate(language, 'feeError.no-fee-rule');
    case 'no-notice-rule':
      return translate(language, 'noticeError.no-notice-rule');
    case 'no-rate':
      return translate(language, 'feeError.no-rate', { year: error.year, firstYear: error.firstYear });
    case 'no-municipalities':
      return translate(language, 'feeError.no-municipalities');
    case 'unknown-party':
    case 'duplicate-municipality':
      return translate(language, 'feeError.unknown-party', { party: error.partyId });
    case 'invalid-inhabitants':
      return translate(language, 'fee.inhabitantsInvalid', { party: error.partyId });
    default:
      return ideaErrorText(error, language);
  }
}

function feeRows(table: FeeTable, language: Language): { rows: FeeRowView[]; total: FeeRowView } {
  const rows = table.lines.map((l) => ({
    name: l.variableOnly ? `${l.name} *` : l.name,
    inhabitants: formatCount(l.inhabitants, language),
    fixed: formatMoney(l.fixedOre, language),
    variable: formatMoney(l.variableOre, language),
    total: formatMoney(l.totalOre, language),
  }));
  const sum = (pick: (l: FeeTable['lines'][number]) => number) => table.lines.reduce((s, l) => s + pick(l), 0);
  return {
    rows,
    total: {
      name: translate(language, 'fee.total', { count: table.lines.length }),
      inhabitants: formatCount(sum((l) => l.inhabitants), language),
      fixed: formatMoney(sum((l) => l.fixedOre), language),
      variable: formatMoney(sum((l) => l.variableOre), language),
      total: formatMoney(table.totalOre, language),
    },
  };
}

export function feeView(
  sheet: FeeSheet,
  language: Language,
  options: { banner?: string; problems?: string[]; values?: Record<string, string> } = {},
): FeeView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { access, rate, stored } = sheet;
  const rule = [
    t('fee.rule', { fromYear: rate.fromYear, fixed: formatMoney(rate.fixed * 100, language), perInhabitant: formatMoney(Math.round(rate.perInhabitant * 100), language) }),
    ...(rate.smallestPayVariableOnly > 0 ? [t('fee.rule.smallest', { n: rate.smallestPayVariableOnly })] : []),
  ].join(' ');
  const notes: string[] = [];
  if (rate.fromYear < sheet.year) notes.push(t('fee.olderRate', { fromYear: rate.fromYear }));
  if (stored?.tieAtBoundary && stored.variableOnlyUpTo !== undefined) {
    notes.push(t('fee.tie', { n: rate.smallestPayVariableOnly, inhabitants: formatCount(stored.variableOnlyUpTo, language) }));
  }
  if (stored?.lines.some((l) => l.variableOnly)) notes.push(t('fee.exemptMark'));
  const table = stored ? feeRows(stored, language) : undefined;
  const blank: FeeRowView = { name: '', inhabitants: '', fixed: '', variable: '', total: '' };
  return {
    heading: t('fee.heading', { year: sheet.year, programme: access.programme.name }),
    rule,
    basis: sheet.basis ? pick(sheet.basis, language) : '',
    notes,
    banner: options.banner ?? '',
    problemsHeading: t('fee.problems'),
    problems: options.problems ?? [],
    hasTable: table !== undefined,
    tableHeading: t('fee.tableHeading'),
    columns: {
      name: t('fee.col.name'),
      inhabitants: t('fee.col.inhabitants'),
      fixed: t('fee.col.fixed'),
      variable: t('fee.col.variable'),
      total: t('fee.col.total'),
    },
    rows: table?.rows ?? [],
    total: table?.total ?? blank,
    computed: stored
      ? t('fee.computed', { when: formatDateTime(stored.computedAt, language), who: stored.computedBy.name })
      : t('fee.notComputed', { year: sheet.year }),
    formHeading: t('fee.formHeading'),
    formIntro: t('fee.formIntro'),
    inputs: sheet.parties.map((p) => ({
      id: `${INPUT_PREFIX}${p.partyId}`,
      label: p.name,
      value: options.values?.[p.partyId] ?? (p.inhabitants !== undefined ? String(p.inhabitants) : ''),
    })),
    programmeId: access.programme.id,
    year: sheet.year,
    submitLabel: t('fee.submit'),
  };
}

/** "2026-12-31", "31 12 2026" (from 31.12.2026 after normalising) or "31-12-2026". */
export function parseDateArgument(text: string): IsoDate | undefined {
  const iso = /^(\d{4})[- ](\d{1,2})[- ](\d{1,2})$/.exec(text);
  const nordic = /^(\d{1,2})[- ](\d{1,2})[- ](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : nordic ? [nordic[3], nordic[2], nordic[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return undefined;
  try {
    return isoDate(Number(y), Number(m), Number(d));
  } catch {
    return undefined;
  }
}

const dayText = (date: IsoDate, language: Language) => formatDate(osloTime(date, 12), language);

function noticeLines(rule: NoticeRule, e: NoticeEffect, language: Language): string[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  switch (rule.kind) {
    case 'years-from-next-new-year':
      return [
        t('notice.years.period', {
          years: rule.years === 1 ? t('notice.year') : t('notice.yearsN', { n: rule.years }),
          start: dayText(e.periodStarts, language),
        }),
        t('notice.years.lastDay', { date: dayText(e.lastDay, language) }),
        t('notice.years.effective', { date: dayText(e.effective, language) }),
      ];
    case 'months':
      return e.agreementEndsFirst
        ? [t('notice.months.agreementEndsFirst', { date: dayText(e.effective, language) })]
        : [t('notice.months.effective', { months: rule.months, date: dayText(e.effective, language) })];
  }
}

export function membershipVerbs({ fees, cards }: MembershipDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);
  const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];
  const render = (ctx: RequestContext, sheet: FeeSheet, options: Parameters<typeof feeView>[2] = {}) =>
    cards.render('fee', feeView(sheet, ctx.language, options), internal(sheet.access.programme.id));

  const inhabitantsValue = z
    .string()
    .transform((v) => v.replace(/[\s\u00a0\u202f.,]/g, ''))
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,8}$/).transform(Number).pipe(z.number().int().min(1).max(MAX_INHABITANTS))]));

  return {
    'fee.form': defineVerb({
      schema: z.object({ programmeId, year }),
      labels: { year: { nb: translate('nb', 'fee.field.year'), en: translate('en', 'fee.field.year') } },
      handle: async (ctx, data) => {
        const sheet = await feeSheet(fees, ctx, data.programmeId, data.year);
        return sheet.ok ? render(ctx, sheet.value) : refusal(ctx, membershipErrorText(sheet.error, ctx.language));
      },
    }),
    'fee.compute': defineVerb({
      schema: z.looseObject({ programmeId, year }),
      labels: { year: { nb: translate('nb', 'fee.field.year'), en: translate('en', 'fee.field.year') } },
      handle: async (ctx, data) => {
        const sheet = await feeSheet(fees, ctx, data.programmeId, data.year);
        if (!sheet.ok) return refusal(ctx, membershipErrorText(sheet.error, ctx.language));
        const { programme } = sheet.value.access;
        // Every party's field is read through the same schema; a bad one keeps the form with
        // what was typed and says which party it is.
        const values: Record<string, string> = {};
        const inhabitants: Record<string, number> = {};
        const problems: string[] = [];
        for (const party of programme.parties) {
          const raw = data[`${INPUT_PREFIX}${party.id}`];
          const text = typeof raw === 'string' ? raw.slice(0, 20) : raw === undefined ? '' : String(raw).slice(0, 20);
          values[party.id] = text;
          const parsed = inhabitantsValue.safeParse(text);
          if (!parsed.success) problems.push(translate(ctx.language, 'fee.inhabitantsInvalid', { party: party.name }));
          else if (parsed.data !== '') inhabitants[party.id] = parsed.data;
        }
        if (problems.length > 0) return render(ctx, sheet.value, { problems, values });
        const result = await calculateFees(fees, ctx, { programmeId: data.programmeId, year: data.year, inhabitants });
        if (!result.ok) {
          return result.error.code === 'no-municipalities' || result.error.code === 'invalid-inhabitants'
            ? render(ctx, sheet.value, { problems: [membershipErrorText(result.error, ctx.language)], values })
            : refusal(ctx, membershipErrorText(result.error, ctx.language));
        }
        return render(ctx, result.value, { banner: translate(ctx.language, 'fee.saved', { year: data.year }) });
      },
    }),
    'notice.show': defineVerb({
      schema: z.object({ programmeId, date: z.iso.date().optional() }),
      handle: async (ctx, data) => {
        const answer = noticeFor(ctx, data.programmeId, data.date);
        if (!answer.ok) return refusal(ctx, membershipErrorText(answer.error, ctx.language));
        const { access, rule, basis, effect } = answer.value;
        const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(ctx.language, key, params);
        return cards.render(
          'records',
          {
            heading: t('notice.heading', { programme: access.programme.name }),
            subheading: basis ? pick(basis, ctx.language) : '',
            records: [{ title: t('notice.givenOn', { date: dayText(effect.givenOn, ctx.language) }), lines: noticeLines(rule, effect, ctx.language) }],
            emptyText: data.date ? '' : t('notice.otherDate'),
          },
          [],
        );
      },
    }),
  };
}

export function membershipCommands({ cards }: MembershipDependencies, verbs: VerbRouter) {
  /** The programme named in the words left over, the only one, or a card to pick. */
  const choose = (ctx: RequestContext, rest: string, verb: string, data: Record<string, unknown>): { programmeId: string } | { reply: Reply } => {
    const candidates = ctx.memberships.map((m) => m.programme);
    if (candidates.length === 0) return { reply: textReply(translate(ctx.language, 'help.noProgramme')) };
    const named = rest ? candidates.find((p) => normaliseCommandText(p.id) === rest || normaliseCommandText(p.name) === rest) : undefined;
    const chosen = named ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) return { programmeId: chosen.id };
    return {
      reply: cardReply(
        cards.render(
          'choice',
          {
            heading: translate(ctx.language, 'idea.pickProgramme'),
            text: '',
            options: candidates.map((p) => ({ title: p.name, verb, data: { ...data, programmeId: p.id } })),
          },
          [],
        ),
      ),
    };
  };

  const fees: CommandHandler = async (ctx, args) => {
    const words = args.split(' ').filter((w) => w !== '');
    const yearWord = words.find((w) => /^\d{4}$/.test(w));
    const rest = words.filter((w) => w !== yearWord).join(' ');
    const chosenYear = yearWord ? Number(yearWord) : Number(osloDate(ctx.now).slice(0, 4));
    const choice = choose(ctx, rest, 'fee.form', { year: chosenYear });
    return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, 'fee.form', { programmeId: choice.programmeId, year: chosenYear }));
  };

  const notice: CommandHandler = async (ctx, args) => {
    const dateMatch = /(\d{4}[- ]\d{1,2}[- ]\d{1,2}|\d{1,2}[- ]\d{1,2}[- ]\d{4})/.exec(args);
    const date = dateMatch ? parseDateArgument(dateMatch[1] ?? '') : undefined;
    if (dateMatch && !date) return textReply(translate(ctx.language, 'noticeError.badDate', { text: dateMatch[1] ?? '' }));
    const rest = (dateMatch ? args.replace(dateMatch[0], ' ') : args).replace(/\s+/g, ' ').trim();
    const data = date ? { date: checkIsoDate(date) } : {};
    const choice = choose(ctx, rest, 'notice.show', data);
    return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, 'notice.show', { ...data, programmeId: choice.programmeId }));
  };

  return { fees, notice } satisfies Record<string, CommandHandler>;
}
