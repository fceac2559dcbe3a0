// The office puts a membership application to the deciding body (DSOP §2.3: «Deltakelse
// besluttes av Topplederforum»). Same machinery as a gate: the body's electorate as it is now,
// the admission rule (or the body's), a deadline, one vote per proposal form, the card in the
// body's channel. Criteria the office did not find met are shown on the card, with the office's
// reason for putting it to the vote anyway.
import { err, ok, type Result } from '../../../shared/result.js';
import { admissionOf, mayPutToVote, type ApplicationProblem } from '../../membership/domain/admission.js';
import { withQuorumOf } from '../../../shared/decision/quorum.js';
import { parseDeadline } from '../domain/deadline.js';
import { ADMISSION_GATE, voteBefore, voteIdFor, type GateVote } from '../domain/gateVote.js';
import type { ApplicationRepository } from '../../membership/app/admission.js';
import { officeAccess } from '../../../shared/access.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from './openVote.js';
import type { VoteDeps } from './voteDeps.js';
import type { VoteError } from './voteErrors.js';

export interface AdmissionProposal {
  programmeId: string;
  applicationId: string;
  submissionId: string;
  deadlineDate: string;
  deadlineTime: string;
  /** Why the application goes to the vote although some criteria are not met. */
  reason: string;
}

export type AdmissionVoteError = VoteError | ApplicationProblem | { code: 'application-not-found'; id: string };

export async function openAdmissionVote(
  deps: VoteDeps & { applications: ApplicationRepository },
  ctx: RequestContext,
  input: AdmissionProposal,
): Promise<Result<{ vote: GateVote; created: boolean }, AdmissionVoteError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const admission = admissionOf(programme);
  if (!admission) return err({ code: 'no-admission' });
  const application = await deps.applications.get(key, input.applicationId);
  if (!application) return err({ code: 'application-not-found', id: input.applicationId });
  const reason = input.reason.trim();
  const allowed = mayPutToVote(admission, application, reason);
  if (!allowed.ok) {
    // Already put to the vote (this form again, or another office member's): that vote.
    const running = application.status === 'voting' && application.voteId ? await deps.votes.get({ ...key, voteId: application.voteId }) : undefined;
    return running ? ok({ vote: running, created: false }) : allowed;
  }
  const body = programme.bodies.find((b) => b.id === admission.body);
  if (!body) return err({ code: 'config-problem', message: `admission names unknown body "${admission.body}"` });
  const channel = await deps.channels.get(key, body.id);
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const deadline = parseDeadline(input.deadlineDate, input.deadlineTime, ctx.now);
  if (!deadline.ok) return err({ code: 'bad-deadline', problem: deadline.error });

  const { unmet } = allowed.value;
  const vote: GateVote = {
    id: voteIdFor(application.id, ADMISSION_GATE, ctx.now),
    tenantId: programme.tenantId,
    programmeId: programme.id,
    ideaNumber: application.id,
    ideaTitle: application.organisation,
    gate: ADMISSION_GATE,
    matter: { kind: 'admission', applicationId: application.id },
    ...voteBefore(body, { by: actor, at: ctx.now, deadline: deadline.value, channel }),
    rule: admission.rule ? withQuorumOf(admission.rule, body.rule) : body.rule,
    budgetMatter: false,
    basis: application.link ? [{ deliverable: 'application', link: application.link }] : [],
    ...(unmet.length > 0 ? { override: { by: actor, at: ctx.now, missing: unmet, reason } } : {}),
  };
  const opened = await deps.votes.open(vote, input.submissionId);
  if (opened.kind === 'already-open') return err({ code: 'already-open', voteId: opened.vote.id });
  // Marked after the vote exists: if this step is lost, the form's retry (same submission)
  // marks it, and the closer decides the application by the vote's matter either way.
  await deps.applications.update(key, application.id, (a) => (a.status === 'filed' ? { ...a, status: 'voting', voteId: opened.vote.id } : undefined));
  const stored = await postOnce(deps, opened.vote);
  return ok({ vote: stored, created: opened.kind === 'opened' });
}
