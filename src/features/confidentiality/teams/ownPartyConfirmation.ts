// The Teams side of "no party speaks for another" (seed 000 §6.3): the card that asks the sharer
// to confirm they speak only for their own party, the held reply kept until they do, and the
// two verbs that answer it. `share.confirm` releases the held reply once, as a new message in
// the conversation (the clicked card becomes a receipt); `share.decline` shares nothing.
import { z } from 'zod';
import type { AuditLog, AuditSubject } from '../app/ports.js';
import { answerHeldShare, holdForConfirmation, type AnswerProblem, type HeldShareRecord, type HeldShares } from '../app/ownPartyShares.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { Disclosed } from '../../../shared/disclosure/content.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { disclosuresOf, withDisclosures, type AdaptiveCard, type CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { programmeIdField } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition } from '../../../platform/routing/verbRouter.js';
import { cardReply, type Reply } from '../../../platform/channel/reply.js';

/** The held reply as text (a card keeps what it discloses, which JSON alone would drop). */
export const serialiseReply = (reply: Reply): string =>
  JSON.stringify(reply.kind === 'card' ? { kind: 'card', card: reply.card, discloses: disclosuresOf(reply.card) } : reply);

export function replyOf(payload: string): Reply {
  const parsed = JSON.parse(payload) as Reply | { kind: 'card'; card: AdaptiveCard; discloses: Disclosed[] };
  return parsed.kind === 'card' && 'discloses' in parsed ? cardReply(withDisclosures(parsed.card, parsed.discloses)) : (parsed as Reply);
}

/** What a confirmation's answer carries to the edge: the reply to send, and for which programmes the sharer confirmed. */
export interface ReleasedShare {
  reply: Reply;
  confirmedFor: readonly string[];
}

const RELEASES = Symbol('releases');

/** The receipt card with the share it releases attached where JSON never sees it (as disclosures are). */
function releasing(card: AdaptiveCard, released: ReleasedShare): AdaptiveCard {
  Object.defineProperty(card, RELEASES, { value: released, enumerable: false });
  return card;
}

/** The share a `share.confirm` answer releases: the Outbound sends it before answering the invoke. */
export const releasedShareOf = (card: AdaptiveCard): ReleasedShare | undefined => (card as { [RELEASES]?: ReleasedShare })[RELEASES];

/** What the held reply shares, in the reader's words: the list, or its ideas counted. */
function whatText(language: Language, subjects: readonly AuditSubject[]): string {
  if (subjects.some((s) => s.kind === 'prioritised-list')) return translate(language, 'share.what.list');
  const count = new Set(subjects.map((s) => s.number ?? '')).size;
  return translate(language, new Intl.PluralRules(language).select(count) === 'one' ? 'share.what.ideas.one' : 'share.what.ideas.other', { count });
}

const subjectsOf = (share: HeldShareRecord): AuditSubject[] => share.items.flatMap((i) => (i.subject ? [i.subject] : []));

/**
 * Holds a reply the guard let out of the programme only once confirmed, and answers with the
 * card that asks for the confirmation; undefined when the asker has no party in a programme it
 * discloses (then nobody here can confirm, and the reply is refused).
 */
export async function askOwnParty(
  deps: { shares: HeldShares; cards: CardRenderer },
  ctx: RequestContext,
  reply: Reply,
  awaiting: readonly Disclosed[],
): Promise<AdaptiveCard | undefined> {
  const held = await holdForConfirmation(deps.shares, ctx, awaiting, serialiseReply(reply));
  if (!held.ok) return undefined;
  const share = held.value;
  const { language } = ctx;
  const programme = ctx.tenantProgrammes.find((p) => p.id === share.programmeId);
  const party = share.programmes.map((p) => p.party.name).filter((name, i, all) => all.indexOf(name) === i).join(', ');
  const data = { programmeId: share.programmeId, share: share.id };
  return deps.cards.render(
    'choice',
    {
      heading: translate(language, 'share.ask.heading'),
      text: translate(language, 'share.ask.text', { programme: programme?.name ?? share.programmeId, what: whatText(language, subjectsOf(share)), party }),
      options: [
        { title: translate(language, 'share.ask.confirm', { party }), verb: 'share.confirm', data },
        { title: translate(language, 'share.ask.decline'), verb: 'share.decline', data },
      ],
    },
    [],
  );
}

export function ownPartyVerbs(deps: { shares: HeldShares; audit: Pick<AuditLog, 'append'>; cards: CardRenderer }): Record<string, VerbDefinition> {
  const schema = z.object({ programmeId: programmeIdField, share: z.uuid() });
  const note = (heading: string, text: string) => deps.cards.render('choice', { heading, text, options: [] }, []);
  const problem = (ctx: RequestContext, error: AnswerProblem) =>
    deps.cards.render('error', { title: translate(ctx.language, 'share.declined.heading'), message: translate(ctx.language, `share.problem.${error.code}`, { who: error.sharer ?? '' }), details: [] }, []);
  const answer = (confirm: boolean) =>
    defineVerb({
      schema,
      handle: async (ctx, data) => {
        const result = await answerHeldShare(deps, ctx, { programmeId: data.programmeId, shareId: data.share, confirm });
        if (!result.ok) return problem(ctx, result.error);
        const share = result.value;
        const what = whatText(ctx.language, subjectsOf(share));
        if (!confirm) return note(translate(ctx.language, 'share.declined.heading'), translate(ctx.language, 'share.declined', { who: share.sharerName, what }));
        const party = share.programmes.map((p) => p.party.name).filter((name, i, all) => all.indexOf(name) === i).join(', ');
        const receipt = note(
          translate(ctx.language, 'share.confirmed.heading'),
          translate(ctx.language, 'share.confirmed', { who: share.sharerName, party, what, at: formatDateTime(ctx.now, ctx.language) }),
        );
        return releasing(receipt, { reply: replyOf(share.payload), confirmedFor: share.programmes.map((p) => p.programmeId) });
      },
    });
  return { 'share.confirm': answer(true), 'share.decline': answer(false) };
}
