// `kommende` / `upcoming` (issue 24.9): for the programme office, what the ticks of the next days
// will send and to whom (reminders, escalations, convene notices), from the tick's own planners
// (src/features/reporting/app/upcoming.ts). `kommende 30` looks 30 days ahead (default 14, at most 62).
import type { RequestContext } from '../../../shared/requestContext.js';
import { UPCOMING_DEFAULT_DAYS, UPCOMING_MAX_DAYS, upcomingSends, type PlannedSend, type UpcomingDeps } from '../app/upcoming.js';
import type { Disclosed } from '../../../shared/disclosure/content.js';
import { formatDate, formatDateTime, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import { personName } from './reportCards.js';

/** Names shown per line before "and N more" (a fan-out of thousands stays a readable card). */
const NAMES_PER_LINE = 25;

function whatText(send: PlannedSend, language: Language): string {
  const { programme, what } = send;
  const scheduleName = (id: string) => {
    const schedule = programme.schedules.find((s) => s.id === id);
    return schedule ? pick(schedule.name, language) : id;
  };
  switch (what.kind) {
    case 'reminder':
      return translate(language, `upcoming.reminder.${what.step}`, { schedule: scheduleName(what.scheduleId), period: what.periodKey });
    case 'escalation':
      return translate(language, 'upcoming.escalation', { schedule: scheduleName(what.scheduleId), period: what.periodKey });
    case 'convene': {
      const body = programme.bodies.find((b) => b.id === what.bodyId);
      return translate(language, 'upcoming.convene', { body: body ? pick(body.name, language) : what.bodyId, period: what.periodKey });
    }
    case 'other':
      return translate(language, 'upcoming.other');
  }
}

const recipientName = (send: PlannedSend, language: Language): string =>
  send.to.kind === 'person' ? personName(send.programme, send.to.aadObjectId) : translate(language, 'upcoming.channel');

/** Parses the optional number of days; undefined when the text is not one. */
export function upcomingDays(args: string): number | undefined {
  const text = args.trim();
  if (text === '') return UPCOMING_DEFAULT_DAYS;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const days = Number(text);
  return days >= 1 && days <= UPCOMING_MAX_DAYS ? days : undefined;
}

export function upcomingCommand(deps: UpcomingDeps, renderer: CardRenderer): CommandHandler {
  return async (ctx: RequestContext, args: string) => {
    const { language } = ctx;
    const programmes = ctx.memberships.filter((m) => m.isOffice).map((m) => m.programme);
    if (programmes.length === 0) return textReply(translate(language, 'upcoming.officeOnly'));
    const days = upcomingDays(args);
    if (days === undefined) return textReply(translate(language, 'upcoming.badDays', { max: UPCOMING_MAX_DAYS }));
    const sends = await upcomingSends(deps, programmes, ctx.now, days);
    const until = formatDate(ctx.now + days * 86_400_000, language);
    // One record per tick and programme; one line per message kind, with everyone it goes to.
    const records: { title: string; lines: string[] }[] = [];
    const groups = new Map<string, PlannedSend[]>();
    for (const send of sends) {
      const group = `${send.at}\u0000${send.programme.tenantId}\u0000${send.programme.id}`;
      groups.set(group, [...(groups.get(group) ?? []), send]);
    }
    for (const group of groups.values()) {
      const [first] = group as [PlannedSend];
      const byWhat = new Map<string, string[]>();
      for (const send of group) {
        const what = whatText(send, language);
        byWhat.set(what, [...(byWhat.get(what) ?? []), recipientName(send, language)]);
      }
      const lines = [...byWhat].map(([what, names]) => {
        const shown = names.slice(0, NAMES_PER_LINE).join(', ');
        const more = names.length > NAMES_PER_LINE ? translate(language, 'upcoming.more', { count: names.length - NAMES_PER_LINE }) : '';
        return translate(language, 'upcoming.line', { what, people: `${shown}${more}` });
      });
      const when = first.at === ctx.now ? translate(language, 'upcoming.nextTick') : formatDateTime(first.at, language);
      records.push({ title: translate(language, 'upcoming.when', { when, programme: first.programme.name }), lines });
    }
    const discloses: Disclosed[] = programmes.map((p) => ({ kind: 'programme-internal', programmeId: p.id }));
    return cardReply(
      renderer.render(
        'records',
        {
          heading: translate(language, 'upcoming.heading'),
          subheading: translate(language, 'upcoming.subheading', { until, from: formatDateTime(ctx.now, language) }),
          records,
          emptyText: records.length === 0 ? translate(language, 'upcoming.nothing', { until }) : '',
        },
        discloses,
      ),
    );
  };
}
