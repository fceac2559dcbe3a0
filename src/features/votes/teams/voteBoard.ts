// The vote's card in the body's channel and the personal notices, through the Delivery port.
//
// Keys (the Delivery port sends each key once, ever):
//   vote|<programme>|<vote>|post          the card, posted when the vote opens
//   vote|<programme>|<vote>|r<revision>   an update showing the state at that revision
//                                         (revisionOf: grows with every recorded ballot)
//   vote|<programme>|<vote>|outcome       the outcome card (replaces the card)
//   vote|<programme>|<vote>|decided       the outcome with the director's decision
//   vote|<programme>|<vote>|<what>|<aad>  a notice in a person's personal chat
//
// Order: updates replace one activity, so a late one would show an old state. Each update
// is enqueued only once the previous one has been sent (or has failed), and the vote record's
// `cardKey` (changed under its ETag) names the last one enqueued: an update is enqueued only
// by whoever moved `cardKey` to it, and never after the vote stopped being open. The final
// card is always enqueued last.
//
// Rate: updates go through a CardCoalescer, at most one every `intervalMs` per vote (2 s:
// well under Teams' 7/1 s, 8/2 s and 60/30 s per conversation, leaving room for other votes
// and messages in the same channel). The delivery worker's rate limiter enforces the limits
// themselves.
import type { Delivery, DeliveryLog, DeliveryTarget } from '../../../shared/delivery.js';
import type { Clock, ConversationStore } from '../../../shared/ports.js';
import { openVoteAt } from '../app/departures.js';
import type { ProgrammeDirectory } from '../../../shared/programmeDirectory.js';
import type { VoteBoard } from '../app/voteBoard.js';
import type { VoteRef, VoteRepository } from '../app/voteRepository.js';
import { revisionOf, type BallotRecord, type GateVote } from '../domain/gateVote.js';
import type { Language } from '../../../shared/language.js';
import { votersReminderText } from './voteReminderText.js';
import { StoredChatLanguage, type RecipientLanguage } from '../../../platform/outbound/recipientLanguage.js';
import { disclosuresOf, type AdaptiveCard } from '../../../platform/cards/cardRenderer.js';
import { CardCoalescer, type CoalescerOptions, type FlushResult } from './cardCoalescer.js';
import { subjectDisclosure, type VoteCards } from './voteCards.js';
import type { VoteSubjects } from './voteSubject.js';
import { notificationText } from './voteViews.js';

export interface BoardLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface VoteBoardDeps {
  votes: VoteRepository;
  subjects: VoteSubjects;
  directory: ProgrammeDirectory;
  /** For the electorate as it stands today (a party that left, departedVoters.ts). */
  clock: Clock;
  voteCards: VoteCards;
  delivery: Delivery;
  deliveryLog: DeliveryLog;
  conversations: Pick<ConversationStore, 'personalFor'>;
  log: BoardLog;
  coalescing?: Partial<CoalescerOptions>;
}

export const DEFAULT_COALESCING: CoalescerOptions = { intervalMs: 2_000, settleMs: 250, maxRetries: 150 };

export const deliveryKeys = (vote: Pick<GateVote, 'programmeId' | 'id'>) => {
  const base = `vote|${vote.programmeId}|${vote.id}`;
  return {
    post: `${base}|post`,
    revision: (n: number) => `${base}|r${n}`,
    outcome: `${base}|outcome`,
    decided: `${base}|decided`,
    notice: (what: string, person: string) => `${base}|${what}|${person}`,
  };
};

const refKey = (ref: VoteRef) => JSON.stringify([ref.tenantId, ref.programmeId, ref.voteId]);
const refOfKey = (key: string): VoteRef => {
  const [tenantId, programmeId, voteId] = JSON.parse(key) as [string, string, string];
  return { tenantId, programmeId, voteId };
};

type PostState = { kind: 'pending' } | { kind: 'sent'; activityId: string } | { kind: 'gone' };

export class TeamsVoteBoard implements VoteBoard {
  private readonly coalescer: CardCoalescer;
  private readonly languages: RecipientLanguage;

  constructor(private readonly deps: VoteBoardDeps) {
    this.languages = new StoredChatLanguage(deps.conversations);
    this.coalescer = new CardCoalescer((key) => this.publish(refOfKey(key)), {
      ...DEFAULT_COALESCING,
      ...deps.coalescing,
      onError: (key, error) => deps.log.warn({ err: error, vote: key }, 'votes: card update failed; retrying'),
    });
  }

  async post(vote: GateVote): Promise<void> {
    const card = await this.sharedCard(vote, []);
    await this.deps.delivery.enqueue({
      key: deliveryKeys(vote).post,
      tenantId: vote.tenantId,
      target: this.channelOf(vote),
      message: { kind: 'card', card },
      discloses: disclosuresOf(card),
    });
  }

  changed(ref: VoteRef): void {
    this.coalescer.touch(refKey(ref));
  }

  async settle(ref: VoteRef): Promise<boolean> {
    const vote = await this.deps.votes.get(ref);
    if (!vote || vote.status !== 'closed') return false;
    const decided = vote.director !== undefined;
    if (decided ? vote.progress.decisionPosted : vote.progress.outcomePosted) return true;
    const keys = deliveryKeys(vote);
    const finalKey = decided ? keys.decided : keys.outcome;
    const post = await this.postState(vote, 'gone');
    const earlier = vote.cardKey && vote.cardKey !== finalKey ? vote.cardKey : undefined;
    if (post.kind === 'pending' || (earlier && (await this.inFlight(vote, earlier)))) {
      this.coalescer.retryLater(refKey(ref));
      return false;
    }
    // Claim the final key first: no progress update can be enqueued after this.
    const claimed = await this.deps.votes.update(ref, (v) => (v.cardKey === finalKey ? undefined : { ...v, cardKey: finalKey }));
    const card = await this.sharedCard(claimed?.vote ?? vote);
    await this.deps.delivery.enqueue({
      key: finalKey,
      tenantId: vote.tenantId,
      target: this.channelOf(vote),
      message: { kind: 'card', card },
      discloses: disclosuresOf(card),
      // The post never made it (failed): the outcome arrives as a new message instead.
      ...(post.kind === 'sent' ? { update: { activityId: post.activityId } } : {}),
    });
    await this.deps.votes.update(ref, (v) => ({
      ...v,
      progress: { ...v.progress, outcomePosted: true, decisionPosted: v.progress.decisionPosted || decided },
    }));
    return true;
  }

  async notify(vote: GateVote, people: readonly string[], what: 'outcome' | 'decision'): Promise<void> {
    const programme = this.programmeOf(vote);
    const keys = deliveryKeys(vote);
    // A notice names its matter: the disclosure guard checks it against the person's chat.
    const subject = await this.deps.subjects.of(vote);
    const discloses = subject ? [subjectDisclosure(programme, subject)] : [];
    for (const person of new Set(people)) {
      const text = notificationText(programme, vote, what, await this.languages.of(vote.tenantId, person));
      if (!text) continue;
      await this.deps.delivery.enqueue({
        key: keys.notice(what, person),
        tenantId: vote.tenantId,
        target: { kind: 'person', aadObjectId: person },
        message: { kind: 'text', text },
        discloses,
      });
    }
  }

  async remindVoters(vote: GateVote, people: readonly string[]): Promise<void> {
    const programme = this.programmeOf(vote);
    const subject = await this.deps.subjects.of(vote);
    const discloses = subject ? [subjectDisclosure(programme, subject)] : [];
    for (const person of new Set(people)) {
      await this.deps.delivery.enqueue({
        key: deliveryKeys(vote).notice('closing-soon', person),
        tenantId: vote.tenantId,
        target: { kind: 'person', aadObjectId: person },
        message: { kind: 'text', text: votersReminderText(programme, vote, await this.languages.of(vote.tenantId, person)) },
        discloses,
      });
    }
  }

  /** Waits for pending card updates (tests, shutdown). */
  idle(): Promise<void> {
    return this.coalescer.idle();
  }

  stop(): Promise<void> {
    return this.coalescer.stop();
  }

  /** The coalescer's flush: shows the vote's current state in the channel. */
  private async publish(ref: VoteRef): Promise<FlushResult> {
    const vote = await this.deps.votes.get(ref);
    if (!vote) return 'done';
    if (vote.status === 'closed') {
      await this.settle(ref); // schedules its own retry when it must wait
      return 'done';
    }
    if (vote.status === 'closing') return 'retry';
    const post = await this.postState(vote, 'pending');
    if (post.kind === 'pending') return 'retry';
    if (post.kind === 'gone') {
      this.deps.log.warn({ voteId: vote.id }, 'votes: the vote card was never posted; nothing to update');
      return 'done';
    }
    const latest = await this.deps.votes.latest(ref);
    const revision = revisionOf(latest);
    const key = deliveryKeys(vote).revision(revision);
    if (revision === 0 || vote.cardKey === key) return 'done';
    if (vote.cardKey && (await this.inFlight(vote, vote.cardKey))) return 'retry';
    const claimed = await this.deps.votes.update(ref, (v) =>
      v.status === 'open' && v.cardKey === vote.cardKey ? { ...v, cardKey: key } : undefined,
    );
    if (!claimed?.changed) return 'retry';
    const card = await this.sharedCard(claimed.vote, latest);
    await this.deps.delivery.enqueue({
      key,
      tenantId: vote.tenantId,
      target: this.channelOf(vote),
      message: { kind: 'card', card },
      discloses: disclosuresOf(card),
      update: { activityId: post.activityId },
    });
    return 'done';
  }

  private channelOf(vote: GateVote): DeliveryTarget {
    return { kind: 'conversation', conversationId: vote.channel.conversationId };
  }

  private programmeOf(vote: GateVote) {
    const programme = this.deps.directory.find(vote.tenantId, vote.programmeId);
    if (!programme) throw new Error(`vote ${vote.id}: programme ${vote.programmeId} is not served here`);
    return programme;
  }

  private sharedCard(vote: GateVote, latest?: readonly BallotRecord[]): Promise<AdaptiveCard> {
    return this.channelCard(vote, vote.channel.language, latest);
  }

  /** The channel's card of the vote, in `language`: what is posted (in the language the channel
   * was linked in), and what a reader who is not in the programme sees on a refresh. */
  async channelCard(vote: GateVote, language: Language, latest?: readonly BallotRecord[]): Promise<AdaptiveCard> {
    const programme = this.programmeOf(vote);
    const ref = { tenantId: vote.tenantId, programmeId: vote.programmeId, voteId: vote.id };
    const subject = await this.deps.subjects.of(vote);
    if (!subject) throw new Error(`vote ${vote.id}: ${vote.ideaNumber} not found`);
    const ballots = latest ?? (vote.status === 'open' ? await this.deps.votes.latest(ref) : []);
    return this.deps.voteCards.render({
      programme,
      vote: openVoteAt(this.deps.directory, programme, vote, ballots, this.deps.clock.now()),
      subject,
      latest: ballots,
      language,
    });
  }

  /** `missing`: what a post with no delivery record means. While the vote is open its post may
   * be about to be enqueued; once it is closed, a post never enqueued will not be. */
  private async postState(vote: GateVote, missing: 'pending' | 'gone'): Promise<PostState> {
    const record = await this.deps.deliveryLog.find(vote.tenantId, deliveryKeys(vote).post);
    if (!record) return { kind: missing };
    if (record.state === 'queued' || record.state === 'claimed') return { kind: 'pending' };
    if (record.state === 'sent' && record.outcome?.kind === 'sent' && record.outcome.activityId) {
      return { kind: 'sent', activityId: record.outcome.activityId };
    }
    return { kind: 'gone' };
  }

  private async inFlight(vote: GateVote, key: string): Promise<boolean> {
    const record = await this.deps.deliveryLog.find(vote.tenantId, key);
    return record !== undefined && (record.state === 'queued' || record.state === 'claimed');
  }
}
