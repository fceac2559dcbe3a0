// Why an outcome is what it is: a machine-readable code with the numbers behind it, and the
// same reason as text in Bokmål and English. Cards and minutes show the text; storage keeps
// the code so the text can be re-rendered in the reader's language.
import type { LocalisedText } from '../programme/schema.js';
import type { IgnoreWhy } from './tally.js';

/** Why the chair's vote could not decide: abstained, did not vote, or there is no voting chair. */
export type ChairAbsence = 'abstain' | 'not-voted' | 'no-chair';

export type Reason =
  | { code: 'no-quorum'; cast: number; eligible: number; required: number }
  /** Nobody against and at least one for. */
  | { code: 'consensus'; for: number; abstain: number }
  /** Consensus rule: someone voted against. */
  | { code: 'objection'; for: number; against: number; abstain: number }
  /** Consensus rule: nobody against, but nobody for either. */
  | { code: 'no-votes-for'; abstain: number }
  /** `afterNoConsensus`: consensus was sought first (consensus-then-majority). */
  | { code: 'majority-for'; for: number; against: number; afterNoConsensus: boolean; chairDoubleVoteOnTie: boolean }
  | { code: 'majority-against'; for: number; against: number; afterNoConsensus: boolean; chairDoubleVoteOnTie: boolean }
  /** A tie with no tie-break in the rule: for > against fails, so not adopted. */
  | { code: 'tie'; for: number; against: number; afterNoConsensus: boolean }
  | { code: 'tie-chair-decides'; for: number; against: number; chairVote: 'for' | 'against' }
  | { code: 'tie-chair-no-vote'; for: number; against: number; chair: ChairAbsence }
  | { code: 'budget-chair-decides'; for: number; against: number; chairVote: 'for' | 'against' }
  | { code: 'budget-chair-no-vote'; for: number; against: number; chair: ChairAbsence };

export type ReasonCode = Reason['code'];
export type Language = keyof LocalisedText;

const both = (nb: string[], en: string[]): LocalisedText => ({ nb: sentence(nb), en: sentence(en) });
const sentence = (parts: string[]) => {
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
const noConsensus = (yes: boolean, lang: Language) => (yes ? [lang === 'nb' ? 'ikke konsensus' : 'no consensus'] : []);
const abstained = (n: number, lang: Language) =>
  n === 0 ? '' : lang === 'nb' ? `, ${n} avsto` : `, ${n} abstained`;
const vote = { for: { nb: 'for', en: 'for' }, against: { nb: 'mot', en: 'against' } } as const;
const absence: Record<ChairAbsence, LocalisedText> = {
  abstain: { nb: 'lederen avsto', en: 'the chair abstained' },
  'not-voted': { nb: 'lederen stemte ikke', en: 'the chair did not vote' },
  'no-chair': { nb: 'organet har ingen leder med stemmerett', en: 'the body has no chair with a vote' },
};

/** The reason as text in both languages. The switch is exhaustive: a new code does not compile without text. */
export function describeReason(reason: Reason): LocalisedText {
  switch (reason.code) {
    case 'no-quorum': {
      const { cast, eligible, required } = reason;
      return both(
        [`ikke beslutningsdyktig: ${cast} av ${eligible} medlemmer stemte, minst ${required} kreves`],
        [`no quorum: ${cast} of ${eligible} members voted, at least ${required} required`],
      );
    }
    case 'consensus':
      return both(
        [`konsensus: ${reason.for} for, ingen mot${abstained(reason.abstain, 'nb')}`],
        [`consensus: ${reason.for} for, none against${abstained(reason.abstain, 'en')}`],
      );
    case 'objection':
      return both(
        [`ikke konsensus: ${reason.against} mot, ${reason.for} for${abstained(reason.abstain, 'nb')}`],
        [`no consensus: ${reason.against} against, ${reason.for} for${abstained(reason.abstain, 'en')}`],
      );
    case 'no-votes-for':
      return both(
        [`ikke vedtatt: ingen stemte for${abstained(reason.abstain, 'nb')}`],
        [`not adopted: nobody voted for${abstained(reason.abstain, 'en')}`],
      );
    case 'majority-for':
    case 'majority-against': {
      const { for: f, against: a } = reason;
      const won = reason.code === 'majority-for';
      const notNeeded = reason.afterNoConsensus && reason.chairDoubleVoteOnTie;
      return both(
        [
          ...noConsensus(reason.afterNoConsensus, 'nb'),
          won ? `flertall ${f}–${a}` : `flertall mot: ${f} for, ${a} mot`,
          ...(notNeeded ? ['lederens dobbeltstemme ikke nødvendig'] : []),
        ],
        [
          ...noConsensus(reason.afterNoConsensus, 'en'),
          won ? `majority ${f}–${a}` : `majority against: ${f} for, ${a} against`,
          ...(notNeeded ? ["chair's double vote not needed"] : []),
        ],
      );
    }
    case 'tie': {
      const score = `${reason.for}–${reason.against}`;
      return both(
        [...noConsensus(reason.afterNoConsensus, 'nb'), `stemmelikhet ${score}`, 'ikke vedtatt'],
        [...noConsensus(reason.afterNoConsensus, 'en'), `tie ${score}`, 'not adopted'],
      );
    }
    case 'tie-chair-decides': {
      const score = `${reason.for}–${reason.against}`;
      const chose = vote[reason.chairVote];
      return both(
        ['ikke konsensus', `stemmelikhet ${score}`, `lederen stemte ${chose.nb}`, 'dobbeltstemmen avgjør'],
        ['no consensus', `tie ${score}`, `the chair voted ${chose.en}`, 'the double vote decides'],
      );
    }
    case 'tie-chair-no-vote': {
      const score = `${reason.for}–${reason.against}`;
      const why = absence[reason.chair];
      return both(
        ['ikke konsensus', `stemmelikhet ${score}`, why.nb, 'dobbeltstemmen bryter ikke likheten', 'ikke vedtatt'],
        ['no consensus', `tie ${score}`, why.en, 'no double vote breaks the tie', 'not adopted'],
      );
    }
    case 'budget-chair-decides': {
      const chose = vote[reason.chairVote];
      return both(
        [`ikke konsensus i budsjettsak (${reason.for} for, ${reason.against} mot)`, `lederen beslutter og stemte ${chose.nb}`],
        [`no consensus in a budget matter (${reason.for} for, ${reason.against} against)`, `the chair decides and voted ${chose.en}`],
      );
    }
    case 'budget-chair-no-vote': {
      const why = absence[reason.chair];
      return both(
        [`ikke konsensus i budsjettsak (${reason.for} for, ${reason.against} mot)`, why.nb, 'ingen budsjettbeslutning', 'ikke vedtatt'],
        [`no consensus in a budget matter (${reason.for} for, ${reason.against} against)`, why.en, 'no budget decision', 'not adopted'],
      );
    }
  }
}

export function formatReason(reason: Reason, lang: Language): string {
  return describeReason(reason)[lang];
}

const ignoreTexts: Record<IgnoreWhy, LocalisedText> = {
  observer: { nb: 'observatører har ikke stemmerett', en: 'observers have no vote' },
  secretary: { nb: 'sekretæren er ikke medlem og har ikke stemmerett', en: 'the secretary is not a member and has no vote' },
  'non-member': { nb: 'ikke medlem av organet', en: 'not a member of the body' },
  'after-close': { nb: 'avgitt etter at avstemningen ble lukket', en: 'cast after the vote closed' },
};

/** Why a ballot was not counted, in both languages. */
export function describeIgnored(why: IgnoreWhy): LocalisedText {
  return ignoreTexts[why];
}
