// Revisions of the roadmap decided by a body. Digi Rogaland §4.7: «Veikartet revideres minst to
// ganger årlig. Arbeidsutvalget har ansvar for saksgrunnlaget relatert til veikartet, og
// styringsgruppen beslutter eventuelle endringer.» §4.2 names the roadmap among the documents
// the steering group treats: «Endringer i de ovenfor nevnte dokumenter skal også godkjennes av
// styringsgruppen.»
//
// So where a programme names the deciding body (`roadmap.body`), the office's edits are pending
// changes; the office puts the pending changes to the body's vote as one revision; adopted, the
// changes take effect together (logged with the decision); rejected, they are discarded (kept
// on the revision's record, not on the roadmap). The adopted roadmap is what the rest of the
// programme goes by, the start gate included. Pure: the caller passes the time and the person.
import type { Idea } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import {
  diffEntry,
  entryAfter,
  planEntry,
  type EntryValues,
  type FieldChange,
  type PlanInput,
  type RoadmapEntry,
  type RoadmapProblem,
  type RoadmapRevision,
} from './roadmap.js';

/** The body that decides roadmap changes, or undefined: the office's edits take effect at once. */
export const roadmapBodyOf = (programme: Pick<Programme, 'roadmap'>): string | undefined => programme.roadmap?.body;

/**
 * Changes one revision may hold. A revision is decided in one storage transaction (each change
 * writes its entry and its log line; Table Storage takes at most 100 writes in one), and the
 * revision card lists every pending change within Teams' message size.
 */
export const MAX_CHANGES_PER_REVISION = 30;

/** An edit the office made that is not in force yet: what the entry is to say, by whom, when. */
export interface PendingChange extends EntryValues {
  ideaNumber: string;
  by: PersonRef;
  at: number;
}

/** A pending change as put to the vote: with what it changes on the adopted roadmap then. */
export interface ProposedChange extends PendingChange {
  kind: 'added' | 'changed';
  changes: FieldChange[];
}

/** proposed: stored, its vote not yet opened (a crash between the two; the next attempt opens
 * it); voting: the body's vote runs; adopted / rejected: decided. */
export type RevisionStatus = 'proposed' | 'voting' | 'adopted' | 'rejected';

export interface RevisionDecision {
  adopted: boolean;
  voteId: string;
  at: number;
  by: PersonRef;
}

/** One revision of the roadmap: the changes put to the body together and its decision. */
export interface RoadmapProposal {
  /** … per programme. */
  id: string;
  sequence: number;
  body: string;
  status: RevisionStatus;
  changes: ProposedChange[];
  proposedBy: PersonRef;
  proposedAt: number;
  /** The proposal form that created it (a repeated submission finds it again). */
  submissionId: string;
  voteId?: string;
  decision?: RevisionDecision;
}

export type RevisionProblem =
  | { code: 'no-roadmap-body' }
  | { code: 'too-many-pending'; max: number }
  | { code: 'nothing-pending' }
  | { code: 'revision-open'; id: string }
  | { code: 'revision-not-found'; id: string }
  | { code: 'already-decided'; id: string };

export const revisionIdFor = (sequence: number): string => `R-${String(sequence).padStart(3, '0')}`;

export const isOpenRevision = (p: Pick<RoadmapProposal, 'status'>): boolean => p.status === 'proposed' || p.status === 'voting';

/**
 * What an office edit does where the body decides: `staged` (the idea's pending change now says
 * this), `withdrawn` (the edit says what the adopted roadmap says, so the pending change is
 * dropped) or `unchanged` (nothing to do). The edit is checked as a direct edit would be.
 */
export type StageOutcome =
  | { kind: 'staged'; pending: PendingChange }
  | { kind: 'withdrawn'; ideaNumber: string }
  | { kind: 'unchanged'; ideaNumber: string };

export function stageChange(
  idea: Pick<Idea, 'number' | 'status'>,
  adopted: RoadmapEntry | undefined,
  pending: PendingChange | undefined,
  /** How many ideas have a pending change now (this one included if it has one). */
  pendingCount: number,
  input: PlanInput,
): Result<StageOutcome, RoadmapProblem | RevisionProblem> {
  const planned = planEntry(idea, adopted, input);
  if (!planned.ok) return planned;
  const ideaNumber = idea.number;
  if ('unchanged' in planned.value) return ok(pending ? { kind: 'withdrawn', ideaNumber } : { kind: 'unchanged', ideaNumber });
  const { start, end, note } = planned.value.entry;
  if (pending && pending.start === start && pending.end === end && pending.note === note) return ok({ kind: 'unchanged', ideaNumber });
  if (!pending && pendingCount >= MAX_CHANGES_PER_REVISION) return err({ code: 'too-many-pending', max: MAX_CHANGES_PER_REVISION });
  return ok({ kind: 'staged', pending: { ideaNumber, start, end, note, by: input.by, at: input.at } });
}

/** A pending change measured against the adopted roadmap; undefined when it changes nothing
 * (the roadmap was since adopted to say the same). */
export function changeAgainst(adopted: RoadmapEntry | undefined, pending: PendingChange): ProposedChange | undefined {
  const changes = diffEntry(adopted, pending);
  if (changes.length === 0) return undefined;
  return { ...pending, kind: adopted ? 'changed' : 'added', changes };
}

const byNumber = (a: { ideaNumber: string }, b: { ideaNumber: string }) => (a.ideaNumber < b.ideaNumber ? -1 : a.ideaNumber > b.ideaNumber ? 1 : 0);

export interface ProposeInput {
  sequence: number;
  body: string;
  pending: readonly PendingChange[];
  adopted: readonly RoadmapEntry[];
  /** The revision still open, if any: one revision at a time, so no two decisions collide. */
  open?: Pick<RoadmapProposal, 'id' | 'status'>;
  by: PersonRef;
  at: number;
  submissionId: string;
}

/** Gathers every pending change into a new revision, each with what it changes on the adopted
 * roadmap now. */
export function proposeRevision(input: ProposeInput): Result<RoadmapProposal, RevisionProblem> {
  if (input.open && isOpenRevision(input.open)) return err({ code: 'revision-open', id: input.open.id });
  const adopted = new Map(input.adopted.map((e) => [e.ideaNumber, e]));
  const changes = [...input.pending]
    .sort(byNumber)
    .map((p) => changeAgainst(adopted.get(p.ideaNumber), p))
    .filter((c): c is ProposedChange => c !== undefined);
  if (changes.length === 0) return err({ code: 'nothing-pending' });
  if (changes.length > MAX_CHANGES_PER_REVISION) return err({ code: 'too-many-pending', max: MAX_CHANGES_PER_REVISION });
  return ok({
    id: revisionIdFor(input.sequence),
    sequence: input.sequence,
    body: input.body,
    status: 'proposed',
    changes,
    proposedBy: input.by,
    proposedAt: input.at,
    submissionId: input.submissionId,
  });
}

/** The revision once its vote is open; undefined when that is already recorded. */
export function markVoting(proposal: RoadmapProposal, voteId: string): RoadmapProposal | undefined {
  if (proposal.status !== 'proposed') return undefined;
  return { ...proposal, status: 'voting', voteId };
}

/**
 * The body's decision on a revision. The first decision stands: the same vote again is
 * `already` (a retry after a crash), another vote is refused.
 */
export function decideRevision(proposal: RoadmapProposal, decision: RevisionDecision): Result<RoadmapProposal | 'already', RevisionProblem> {
  if (proposal.decision) return proposal.decision.voteId === decision.voteId ? ok('already') : err({ code: 'already-decided', id: proposal.id });
  return ok({ ...proposal, status: decision.adopted ? 'adopted' : 'rejected', voteId: decision.voteId, decision });
}

/**
 * What an adopted revision writes: each change against the entry as it is now, taking effect at
 * the decision; changes that no longer change anything are left out. Each log line names the
 * revision and the vote; its author is the one who made the change.
 */
export function applyRevision(
  proposal: Pick<RoadmapProposal, 'id' | 'changes'>,
  adopted: ReadonlyMap<string, RoadmapEntry>,
  decision: Pick<RevisionDecision, 'voteId' | 'at'>,
): { entry: RoadmapEntry; revision: RoadmapRevision }[] {
  return proposal.changes.flatMap((change) => {
    const existing = adopted.get(change.ideaNumber);
    const changes = diffEntry(existing, change);
    if (changes.length === 0) return [];
    const done = entryAfter(change.ideaNumber, existing, change, changes, change.by, decision.at);
    return [{ entry: done.entry, revision: { ...done.revision, decision: { revisionId: proposal.id, voteId: decision.voteId } } }];
  });
}

/**
 * Whether the roadmap counts as revised in [from, until): a revision was put to the body's vote
 * then (the secretariat's part is the case for the body, §4.7; the decision is the body's and may
 * fall later), or, where no body decides, an edit took effect then.
 */
export function revisedBetween(
  proposals: readonly Pick<RoadmapProposal, 'proposedAt' | 'voteId'>[],
  directEdits: readonly Pick<RoadmapRevision, 'at' | 'decision'>[],
  from: number,
  until: number,
): boolean {
  const within = (at: number) => at >= from && at < until;
  return proposals.some((p) => p.voteId !== undefined && within(p.proposedAt)) || directEdits.some((r) => r.decision === undefined && within(r.at));
}
