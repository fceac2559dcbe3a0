// The office puts the pending roadmap changes to the deciding body as one revision (Digi
// Rogaland §4.7: «Arbeidsutvalget har ansvar for saksgrunnlaget relatert til veikartet, og
// styringsgruppen beslutter eventuelle endringer»). Same machinery as a gate: the body's
// electorate as it is now, its rule, a deadline, one vote per proposal form, the card in the
// body's channel. Nothing moves unless the body has a channel and the deadline is valid.
import { err, ok, type Result } from '../../../shared/result.js';
import { proposeRevision, roadmapBodyOf, type RevisionProblem, type RoadmapProposal } from '../domain/revision.js';
import { parseDeadline } from '../../votes/domain/deadline.js';
import { ROADMAP_REVISION_GATE, voteBefore, voteIdFor, type GateVote, type VoteLanguage } from '../../votes/domain/gateVote.js';
import { officeAccess } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from '../../votes/app/openVote.js';
import type { VoteDeps } from '../../votes/app/voteDeps.js';
import type { VoteError } from '../../votes/app/voteErrors.js';
import type { RoadmapRevisionRepository } from './revisions.js';

export interface RevisionProposalInput {
  programmeId: string;
  submissionId: string;
  deadlineDate: string;
  deadlineTime: string;
}

export type RevisionVoteError = VoteError | RevisionProblem;

/** What the vote record calls the revision (it is stored in the channel's language, as the
 * card there is). */
export type RevisionTitle = (language: VoteLanguage, proposal: RoadmapProposal) => string;

export async function openRevisionVote(
  deps: VoteDeps & { revisions: RoadmapRevisionRepository; title: RevisionTitle },
  ctx: RequestContext,
  input: RevisionProposalInput,
): Promise<Result<{ vote: GateVote; proposal: RoadmapProposal; created: boolean }, RevisionVoteError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const bodyId = roadmapBodyOf(programme);
  if (!bodyId) return err({ code: 'no-roadmap-body' });
  const body = programme.bodies.find((b) => b.id === bodyId);
  if (!body) return err({ code: 'config-problem', message: `roadmap names unknown body "${bodyId}"` });
  const channel = await deps.channels.get(key, body.id);
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const deadline = parseDeadline(input.deadlineDate, input.deadlineTime, ctx.now);
  if (!deadline.ok) return err({ code: 'bad-deadline', problem: deadline.error });

  // A revision stored but never put to the vote (a crash between the two steps) is put to the
  // vote now rather than left hanging; a revision being voted on blocks a second one.
  const open = await deps.revisions.open(key);
  const proposed =
    open && (open.status === 'proposed' || open.submissionId === input.submissionId)
      ? ok({ proposal: open, created: false })
      : await deps.revisions.propose(key, input.submissionId, (state) =>
          proposeRevision({ ...state, body: body.id, by: actor, at: ctx.now, submissionId: input.submissionId }),
        );
  if (!proposed.ok) return proposed;
  const { proposal } = proposed.value;

  const vote: GateVote = {
    id: voteIdFor(proposal.id, ROADMAP_REVISION_GATE, ctx.now),
    tenantId: programme.tenantId,
    programmeId: programme.id,
    ideaNumber: proposal.id,
    ideaTitle: deps.title(channel.language, proposal),
    gate: ROADMAP_REVISION_GATE,
    matter: { kind: 'roadmap-revision', revisionId: proposal.id },
    ...voteBefore(body, { by: actor, at: ctx.now, deadline: deadline.value, channel }),
    budgetMatter: false,
    // The changes are the decision basis; the card reads them from the revision.
    basis: [],
  };
  // The form's submission opens one vote; a second form for the same revision finds the vote
  // already running (the lock is per revision) and takes it as this revision's.
  const opened = await deps.votes.open(vote, proposal.submissionId);
  const running = opened.vote;
  if (opened.kind === 'already-open' && (running.matter?.kind !== 'roadmap-revision' || running.matter.revisionId !== proposal.id)) {
    return err({ code: 'already-open', voteId: running.id });
  }
  const marked = (await deps.revisions.markVoting(key, proposal.id, running.id)) ?? proposal;
  const stored = await postOnce(deps, running);
  return ok({ vote: stored, proposal: marked, created: proposed.value.created && opened.kind === 'opened' });
}
