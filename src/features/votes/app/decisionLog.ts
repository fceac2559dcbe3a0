// The decision log: every gate vote of a programme (or of one idea or one body), with every
// ballot as cast, changes included, the rule and the reason. Open to the programme's
// participants: the programme's decisions are transparent inside it. Read a page at a time
// from the votes' index, so a turn costs the same at 10 votes as at 10,000: the index page, the
// page's vote records with the list's count (one query), the page's ideas (one query) and, with
// the first page, the disputed ideas: four storage requests. A closed vote's ballots are on its
// record; only an open vote on the page reads its own (at most a page of them, a few at once).
import type { Idea } from '../../ideas/domain/idea.js';
import { ok, type Result } from '../../../shared/result.js';
import type { BallotRecord, GateVote } from '../domain/gateVote.js';
import { type Access, accessTo } from '../../../shared/access.js';
import { firstPage, readPageAt, type Page, type PageCursor } from '../../../shared/paging.js';
import { mapPool } from '../../../shared/pool.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';

/** Votes with their ballots on one card. */
export const DECISION_LOG_PAGE = 5;
/** Disputed ideas shown with the log's first page. */
const DISPUTED_ON_LOG = 20;
/** Open votes' ballots read at once (closed votes carry theirs). */
const READS_AT_ONCE = 5;

export interface LoggedVote {
  vote: GateVote;
  ballots: BallotRecord[];
}

export interface DecisionLog {
  access: Access;
  filter: { ideaNumber?: string; body?: string };
  page: Page<LoggedVote>;
  /** The ideas the page's votes are about (for the disclosure guard). */
  ideas: Idea[];
  /** Ideas with disputes (DSOP §5) that belong in this log: none when filtered by body, and only with the first page. */
  disputed: Idea[];
}

type LogDeps = Pick<VoteDeps, 'votes' | 'ideas'>;
type LogInput = { programmeId: string; ideaNumber?: string; body?: string };

export async function decisionLog(deps: LogDeps, ctx: RequestContext, input: LogInput, cursor: PageCursor = firstPage): Promise<Result<DecisionLog, VoteError>> {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const { key } = access.value;
  const filter = filterOf(input);
  const first = cursor.offset === 0;
  // The disputed ideas do not depend on the page: read beside it.
  const disputedAll = first && !filter.body && !filter.ideaNumber ? firstDisputed(deps, key) : Promise.resolve([]);
  disputedAll.catch(() => undefined); // awaited below; a page read that fails first must not leave it unhandled
  const votes = await readPageAt(cursor, DECISION_LOG_PAGE, (request) => deps.votes.page(key, filter, request));
  // One idea's log asks for its idea's disputes: that idea is read with the page's.
  const wanted = [...new Set([...votes.items.map((v) => v.ideaNumber), ...(first && filter.ideaNumber ? [filter.ideaNumber] : [])])];
  const [page, found] = await Promise.all([withBallots(deps, key, votes), wanted.length > 0 ? deps.ideas.getMany(key, wanted) : Promise.resolve([])]);
  const onPage = new Set(votes.items.map((v) => v.ideaNumber));
  const ideas = found.filter((i) => onPage.has(i.number));
  const disputed = !first || filter.body ? [] : filter.ideaNumber ? found.filter((i) => i.number === filter.ideaNumber && i.disputes.length > 0) : await disputedAll;
  return ok({ access: access.value, filter, page, ideas, disputed });
}

/**
 * The log from its newest vote, up to `atMost` votes (the CSV export: a message has a size
 * limit, so there is no point reading further). `complete` says whether that was all of it.
 */
export async function decisionLogUpTo(
  deps: LogDeps,
  ctx: RequestContext,
  input: LogInput,
  atMost: number,
): Promise<Result<DecisionLog & { votes: LoggedVote[]; complete: boolean }, VoteError>> {
  const first = await decisionLog(deps, ctx, input);
  if (!first.ok) return first;
  const votes = [...first.value.page.items];
  const ideas = [...first.value.ideas];
  let next = first.value.page.next;
  while (next && votes.length < atMost) {
    const more = await decisionLog(deps, ctx, input, next);
    if (!more.ok) return more;
    votes.push(...more.value.page.items);
    ideas.push(...more.value.ideas.filter((i) => !ideas.some((j) => j.number === i.number)));
    next = more.value.page.next;
  }
  return ok({ ...first.value, ideas, votes: votes.slice(0, atMost), complete: next === undefined && votes.length <= atMost });
}

const filterOf = (input: LogInput) => ({
  ...(input.ideaNumber ? { ideaNumber: input.ideaNumber } : {}),
  ...(input.body ? { body: input.body } : {}),
});

async function withBallots(deps: LogDeps, key: Access['key'], votes: Page<GateVote>): Promise<Page<LoggedVote>> {
  // A closed vote keeps its final ballots on its record; only open (or older) votes read theirs.
  const items = await mapPool(votes.items, READS_AT_ONCE, async (vote) => ({ vote, ballots: vote.ballotLog ?? (await deps.votes.ballots({ ...key, voteId: vote.id })) }));
  return { ...votes, items };
}

/**
 * Disputes belong to an idea, not a body: none when the log is filtered by body, the one idea
 * when filtered by idea (read with the page's ideas), else the first ideas of the disputed index
 * (the log shows no count of them: one read, not two).
 */
async function firstDisputed(deps: LogDeps, key: Access['key']): Promise<Idea[]> {
  return (await deps.ideas.first(key, { by: 'disputed' }, DISPUTED_ON_LOG)).map((x) => x.idea);
}
