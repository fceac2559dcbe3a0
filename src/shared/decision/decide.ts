// The outcome of a vote under a body's decision rule. Pure: the clock, the store and Teams
// stay outside; times arrive as epoch milliseconds.
import type { Body } from '../programme/schema.js';
import type { Ballot } from './ballot.js';
import { standingIn, eligibleVoters, type Electorate } from './eligibility.js';
import { requiredVotes } from './quorum.js';
import type { ChairAbsence, Reason } from './reason.js';
import { tally, type Counts, type IgnoredBallot } from './tally.js';

export type OutcomeStatus = 'adopted' | 'rejected' | 'no-quorum';

export interface Outcome {
  status: OutcomeStatus;
  adopted: boolean;
  counts: Counts;
  /** The ballot that counts per member who voted, in member order: who voted what, and when. */
  effective: Ballot[];
  didNotVote: string[];
  ignored: IgnoredBallot[];
  reason: Reason;
}

export interface DecideInput {
  body: Electorate & Pick<Body, 'rule'>;
  /** The full history, changed votes included; the latest per voter counts. */
  ballots: readonly Ballot[];
  /** Read only by consensus-then-majority (Digi Rogaland §4.2: the chair decides budget matters). */
  budgetMatter?: boolean;
  /** Ballots cast after this instant are ignored. */
  closedAt?: number;
}

export function decide({ body, ballots, budgetMatter = false, closedAt }: DecideInput): Outcome {
  const counted = tally(body, ballots, closedAt);
  const { counts } = counted;
  const finish = (status: OutcomeStatus, reason: Reason): Outcome => ({
    status,
    adopted: status === 'adopted',
    ...counted,
    reason,
  });
  const verdict = (adopted: boolean) => (adopted ? 'adopted' : 'rejected');

  // Quorum comes first: a body that is not quorate decides nothing, not even by consensus.
  const eligible = eligibleVoters(body).length;
  const cast = counts.for + counts.against + counts.abstain;
  const required = requiredVotes(body.rule.quorum, eligible);
  if (cast < required) return finish('no-quorum', { code: 'no-quorum', cast, eligible, required });

  const { for: f, against: a, abstain } = counts;
  // Abstentions do not block consensus; someone must still be for it.
  const consensus = a === 0 && f > 0;
  const rule = body.rule;

  switch (rule.kind) {
    case 'consensus':
      if (consensus) return finish('adopted', { code: 'consensus', for: f, abstain });
      if (a > 0) return finish('rejected', { code: 'objection', for: f, against: a, abstain });
      return finish('rejected', { code: 'no-votes-for', abstain });

    case 'majority':
      if (f === a) return finish('rejected', { code: 'tie', for: f, against: a, afterNoConsensus: false });
      return finish(verdict(f > a), {
        code: f > a ? 'majority-for' : 'majority-against',
        for: f,
        against: a,
        afterNoConsensus: false,
        chairDoubleVoteOnTie: false,
      });

    case 'consensus-then-majority': {
      if (consensus) return finish('adopted', { code: 'consensus', for: f, abstain });
      const chair = chairVote(body, counted.effective);

      // §4.2: "Dersom konsensus ikke oppnås i budsjettrelaterte saker, beslutter styringsgruppens
      // leder." The chair decides by voting for or against. A chair who abstains or stays away has
      // not decided, and the majority may not step in (§4.2 gives budget matters to the chair, not
      // to the majority), so nothing is adopted and the budget stays as it is.
      if (budgetMatter && rule.chairDecidesBudgetMatters) {
        if (chair === 'for' || chair === 'against') {
          return finish(verdict(chair === 'for'), { code: 'budget-chair-decides', for: f, against: a, chairVote: chair });
        }
        return finish('rejected', { code: 'budget-chair-no-vote', for: f, against: a, chair });
      }

      if (f !== a) {
        return finish(verdict(f > a), {
          code: f > a ? 'majority-for' : 'majority-against',
          for: f,
          against: a,
          afterNoConsensus: true,
          chairDoubleVoteOnTie: rule.chairDoubleVoteOnTie,
        });
      }
      if (!rule.chairDoubleVoteOnTie) return finish('rejected', { code: 'tie', for: f, against: a, afterNoConsensus: true });
      // "Ved stemmelikhet har styringsgruppens leder dobbeltstemme": counting the chair's vote
      // twice breaks the tie only if the chair voted for or against. An abstention doubled is
      // still no vote, so the tie stands and the proposal is not adopted.
      if (chair === 'for' || chair === 'against') {
        return finish(verdict(chair === 'for'), { code: 'tie-chair-decides', for: f, against: a, chairVote: chair });
      }
      return finish('rejected', { code: 'tie-chair-no-vote', for: f, against: a, chair });
    }
  }
}

/** The chair's counted choice, or why there is none. */
function chairVote(body: Electorate, effective: Ballot[]): 'for' | 'against' | ChairAbsence {
  const chair = body.chair;
  if (chair === undefined || !standingIn(body, chair).canVote) return 'no-chair';
  const ballot = effective.find((b) => b.voter === chair);
  if (ballot === undefined) return 'not-voted';
  return ballot.choice;
}
