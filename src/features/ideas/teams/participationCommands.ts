// `deltakere <nr> <part>, <part>` / `participants <no> <party>, <party>` and `partsbeslutning <nr>
// <part> ja|nei` / `party decision <no> <party> yes|no` (office): the parties
// taking part in a project (DSOP §3.3 «Identifisere parter som ønsker å delta») and each one's own
// decision (§4.3 «hver av partene har egne beslutningsprosesser»; §4.4 «positiv beslutning …
// hos alle aktørene»); BP3 and BP4 wait for them (openVote.ts). Text replies in the reader's
// language; the words are checked with zod like a card's fields. (A command's text arrives
// normalised, lower-case and without punctuation, so it carries no free-text note; the domain
// keeps a note field for a card that may ask for one.)
import { z } from 'zod';
import { recordIdeaParticipants, recordIdeaPartyDecision } from '../app/changeIdea.js';
import type { IdeaRepository } from '../app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { Idea } from '../domain/idea.js';
import { parseIdeaNumber } from '../domain/ideaNumber.js';
import { latestDecisions } from '../domain/participation.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { formatDate, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { normaliseCommandText } from '../../../platform/routing/normaliseText.js';
import { textReply } from '../../../platform/channel/reply.js';
import { ideaErrorText, partyName } from './ideaText.js';

const participantsArgs = z.object({ number: z.string().trim().toUpperCase().min(1).max(40), parties: z.array(z.string().trim().min(1).max(100)).max(50) });
const decisionArgs = z.object({
  number: z.string().trim().toUpperCase().min(1).max(40),
  party: z.string().trim().min(1).max(100),
  answer: z.enum(['ja', 'nei', 'yes', 'no']),
});

/** The office's programme the idea number belongs to. */
const programmeOf = (ctx: RequestContext, number: string): Programme | undefined => {
  const prefix = parseIdeaNumber(number)?.prefix;
  return ctx.memberships.find((m) => m.programme.ideaPrefix === prefix)?.programme;
};

/** A party named by id or name. */
const knownParty = (programme: Programme, words: string): string | undefined => {
  const wanted = normaliseCommandText(words);
  return programme.parties.find((p) => normaliseCommandText(p.id) === wanted || normaliseCommandText(p.name) === wanted)?.id;
};
const partyId = (programme: Programme, words: string): string => knownParty(programme, words) ?? words;

/** The parties a list of words names (the command text arrives without its commas): the longest
 * run of words that names a party each time ("Finans Norge NAV" → finans-norge, nav); a word
 * that names none is kept as it is, so the rule can say which one is unknown. */
function partiesIn(programme: Programme, words: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = words.length;
    while (j > i && !knownParty(programme, words.slice(i, j).join(' '))) j--;
    if (j > i) {
      found.push(knownParty(programme, words.slice(i, j).join(' '))!);
      i = j;
    } else found.push(words[i++]!);
  }
  return found;
}

export function participationText(programme: Programme, idea: Idea, language: Language): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const parties = idea.participation?.parties ?? [];
  if (parties.length === 0) return t('participation.none', { number: idea.number });
  const latest = latestDecisions(idea);
  const lines = parties.map((p) => {
    const d = latest.get(p);
    if (!d) return t('participation.pending', { party: partyName(programme, p) });
    const said = t(d.positive ? 'participation.positive' : 'participation.negative', { party: partyName(programme, p), date: formatDate(d.at, language), by: d.by.name });
    return d.note ? `${said} – ${d.note}` : said;
  });
  return [t('participation.heading', { number: idea.number, title: idea.title }), ...lines.map((l) => `- ${l}`)].join('\n');
}

export function participationCommands(ideas: IdeaRepository) {
  const participants: CommandHandler = async (ctx, args) => {
    const [number = '', ...rest] = args.trim().split(/\s+/);
    const parsed = participantsArgs.safeParse({ number, parties: rest.flatMap((w) => w.split(/[,;]/)).filter(Boolean) });
    const programme = parsed.success ? programmeOf(ctx, parsed.data.number) : undefined;
    if (!parsed.success || !programme) return textReply(translate(ctx.language, 'participation.usage'));
    const ref = { programmeId: programme.id, number: parsed.data.number };
    if (parsed.data.parties.length === 0) {
      const idea = await ideas.get({ tenantId: programme.tenantId, programmeId: programme.id }, ref.number);
      return textReply(idea ? participationText(programme, idea, ctx.language) : ideaErrorText({ code: 'not-found', number: ref.number }, ctx.language));
    }
    const result = await recordIdeaParticipants(ideas, ctx, ref, partiesIn(programme, parsed.data.parties));
    return textReply(result.ok ? participationText(programme, result.value, ctx.language) : ideaErrorText(result.error, ctx.language));
  };

  const partyDecision: CommandHandler = async (ctx, args) => {
    // The answer is the last word; the party's name may have several ("finans norge").
    const words = args.trim().split(/\s+/);
    const [number = '', ...rest] = words;
    const answer = rest.pop() ?? '';
    const parsed = decisionArgs.safeParse({ number, party: rest.join(' '), answer });
    const programme = parsed.success ? programmeOf(ctx, parsed.data.number) : undefined;
    if (!parsed.success || !programme) return textReply(translate(ctx.language, 'participation.decisionUsage'));
    const { data } = parsed;
    const positive = data.answer === 'ja' || data.answer === 'yes';
    const result = await recordIdeaPartyDecision(ideas, ctx, { programmeId: programme.id, number: data.number }, { party: partyId(programme, data.party), positive, note: '' });
    return textReply(result.ok ? participationText(programme, result.value, ctx.language) : ideaErrorText(result.error, ctx.language));
  };

  return { participants, partyDecision } satisfies Record<string, CommandHandler>;
}
