// Text commands of gate votes: linking a channel to a body, and the decision log (card or CSV).
import type { RequestContext } from '../../../shared/requestContext.js';
import { decisionLogUpTo } from '../app/decisionLog.js';
import { linkChannel } from '../app/linkChannel.js';
import { linkProjectSteeringGroup } from '../../reporting/app/projectSteeringGroup.js';
import { ideaErrorText } from '../../ideas/teams/ideaText.js';
import type { VoteDeps } from '../app/voteDeps.js';
import { ideaContent } from '../../../shared/disclosure/content.js';
import { parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import { bodiesNamed } from '../../../shared/programme/bodyNames.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { pick } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { normaliseCommandText } from '../../../platform/routing/normaliseText.js';
import type { VerbRouter } from '../../../platform/routing/verbRouter.js';
import { cardReply, textReply, type Reply } from '../../../platform/channel/reply.js';
import { logCsv } from './voteLog.js';
import { voteErrorText } from './voteText.js';

export interface VoteCommandDependencies {
  deps: VoteDeps;
  cards: CardRenderer;
  verbs: VerbRouter;
}

/** Teams refuses messages much above 80 KB; the CSV stays well below. */
export const MAX_CSV_BYTES = 60_000;
/** Votes the CSV reads at most: more would not fit in MAX_CSV_BYTES anyway (a vote is a header row and its ballots). */
const CSV_VOTES_AT_MOST = 100;

/** Bodies the text names, as people write them (bodyNames.ts). */
export function findBodies(programmes: readonly Programme[], text: string): { programme: Programme; bodyId: string }[] {
  return bodiesNamed(programmes, text).map(({ programme, body }) => ({ programme, bodyId: body.id }));
}

type LogTarget = { programme: Programme; ideaNumber?: string; body?: string; filterText: string } | { reply: Reply };

export function voteCommands({ deps, cards, verbs }: VoteCommandDependencies) {
  const link: CommandHandler = async (ctx, args) => {
    const { language } = ctx;
    const mine = ctx.memberships.map((m) => m.programme);
    const linkable = ctx.memberships.flatMap((m) =>
      m.programme.bodies
        .filter((b) => m.isOffice || b.secretary === ctx.actor.aadObjectId)
        .map((b) => ({ programme: m.programme, body: b })),
    );
    if (ctx.conversation.kind !== 'channel') return textReply(voteErrorText({ code: 'not-in-channel' }, language));
    // `koble til prosjekt DSOP-2026-001`: this channel is the project's own steering group (DSOP §3.5).
    const project = /^(?:prosjekt|project)(?:\s+(\S+))?$/.exec(args.trim());
    if (project) return linkProject(ctx, project[1] ?? '');
    if (!args.trim()) {
      if (linkable.length === 0) return textReply(translate(language, 'voteError.may-not-link', { body: '…' }));
      return textReply(
        translate(language, 'vote.link.which', {
          example: linkable[0]?.body.id ?? '',
          bodies: linkable.map(({ body }) => `${body.id} (${pick(body.name, language)})`).join(', '),
        }),
      );
    }
    const found = findBodies(mine, args);
    if (found.length === 0) {
      const bodies = [...new Set(mine.flatMap((p) => p.bodies.map((b) => `${b.id} (${pick(b.name, language)})`)))];
      return textReply(voteErrorText({ code: 'unknown-body', name: args.trim(), bodies }, language));
    }
    // Among bodies of the same name in several programmes, the ones this person may link decide;
    // with none, the use case gives the refusal.
    const mayLink = found.filter((f) => linkable.some((l) => l.programme.id === f.programme.id && l.body.id === f.bodyId));
    const candidates = mayLink.length > 0 ? mayLink : found.slice(0, 1);
    if (candidates.length > 1) {
      return textReply(voteErrorText({ code: 'ambiguous-body', name: args.trim(), programmes: candidates.map((f) => f.programme.id) }, language));
    }
    const [{ programme, bodyId }] = candidates as [(typeof candidates)[number]];
    const result = await linkChannel(deps, ctx, { programmeId: programme.id, bodyId });
    if (!result.ok) return textReply(voteErrorText(result.error, language, programme));
    const body = pick(result.value.body.name, language);
    const done = translate(language, 'vote.link.done', { body, programme: programme.name });
    return textReply(result.value.previous ? `${done} ${translate(language, 'vote.link.moved')}` : done);
  };

  const linkProject = async (ctx: RequestContext, typed: string): Promise<Reply> => {
    const { language } = ctx;
    const number = typed.toUpperCase();
    const parts = parseIdeaNumber(number);
    const programme = parts && ctx.memberships.find((m) => m.programme.ideaPrefix === parts.prefix)?.programme;
    if (!programme) return textReply(translate(language, 'project.link.which'));
    const result = await linkProjectSteeringGroup(deps, ctx, { programmeId: programme.id, number });
    if (!result.ok) {
      return textReply(result.error.code === 'not-in-channel' ? translate(language, 'project.link.notInChannel') : ideaErrorText(result.error, language));
    }
    return textReply(translate(language, 'project.link.done', { number: result.value.number, title: result.value.title }));
  };

  /** What the log is about: an idea number, a body, a programme, or the only programme. */
  const logTarget = (ctx: RequestContext, args: string): LogTarget => {
    const { language } = ctx;
    const mine = ctx.memberships.map((m) => m.programme);
    if (mine.length === 0) return { reply: textReply(translate(language, 'help.noProgramme')) };
    const text = args.trim();
    const upper = text.toUpperCase();
    const parts = parseIdeaNumber(upper);
    if (parts) {
      const programme = mine.find((p) => p.ideaPrefix === parts.prefix);
      if (programme) return { programme, ideaNumber: upper, filterText: upper };
    }
    const bodies = findBodies(mine, text);
    if (bodies[0]) return { programme: bodies[0].programme, body: bodies[0].bodyId, filterText: bodies[0].bodyId };
    const named = mine.find((p) => normaliseCommandText(p.id) === text || normaliseCommandText(p.name) === text);
    if (named) return { programme: named, filterText: '' };
    if (!text && mine.length === 1 && mine[0]) return { programme: mine[0], filterText: '' };
    if (!text) {
      return {
        reply: cardReply(
          cards.render(
            'choice',
            {
              heading: translate(language, 'idea.pickProgramme'),
              text: '',
              options: mine.map((p) => ({ title: p.name, verb: 'gate.log', data: { programmeId: p.id } })),
            },
            [],
          ),
        ),
      };
    }
    return { reply: textReply(translate(language, 'log.unknownFilter', { filter: text })) };
  };

  const showLog: CommandHandler = async (ctx, args) => {
    const target = logTarget(ctx, args);
    if ('reply' in target) return target.reply;
    return cardReply(
      await verbs.route(ctx, 'gate.log', {
        programmeId: target.programme.id,
        ...(target.ideaNumber ? { ideaNumber: target.ideaNumber } : {}),
        ...(target.body ? { body: target.body } : {}),
      }),
    );
  };

  /**
   * The log as CSV, sent as the text of a plain message: Teams has no simple way for a bot to
   * attach a file in every scope (files in personal chat need the file-consent flow, channels
   * need SharePoint), so the CSV is the message itself, ready to copy. Plain text format keeps
   * every character as it is; the first line is the header.
   */
  const csv: CommandHandler = async (ctx, args) => {
    const target = logTarget(ctx, args);
    if ('reply' in target) return target.reply;
    const log = await decisionLogUpTo(
      deps,
      ctx,
      {
        programmeId: target.programme.id,
        ...(target.ideaNumber ? { ideaNumber: target.ideaNumber } : {}),
        ...(target.body ? { body: target.body } : {}),
      },
      CSV_VOTES_AT_MOST,
    );
    if (!log.ok) return textReply(voteErrorText(log.error, ctx.language, target.programme));
    const { disputed, ideas } = log.value;
    const text = logCsv(log.value, ctx.language, disputed);
    const size = Buffer.byteLength(text);
    if (size > MAX_CSV_BYTES || !log.value.complete) {
      const example = log.value.votes[0]?.vote.ideaNumber ?? disputed[0]?.number ?? target.programme.bodies[0]?.id ?? '';
      return textReply(translate(ctx.language, 'log.tooLarge', { size: Math.ceil(size / 1024), example }));
    }
    return textReply(
      text,
      'plain',
      [...ideas, ...disputed.filter((i) => !ideas.some((j) => j.number === i.number))].map((i) => ideaContent(target.programme.id, i)),
    );
  };

  return { link, decisionLog: showLog, decisionLogCsv: csv } satisfies Record<string, CommandHandler>;
}
