// The yearly revision of the agreement after a hearing (Digi Rogaland §8): the office opens a
// revision with the proposed changes; each member party's representatives get the hearing card
// in personal chat (the written feedback round, as in Skate's final treatment) and are reminded
// before the deadline; when the hearing closes (at the deadline, by the sweep, or earlier by the
// office) the deciding body's vote on the revision opens through the ordinary vote machinery
// (card in the body's channel, rule, closer, decision log), and the closer records the decision
// on the revision. Proactive messages go through the HearingMail port under keys that name
// exactly what they are, so every instance may run the sweep and each goes out once.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { closeHearing, compareRevisions, giveHearingAnswer, hearingCloseDue, hearingParties, markVoting, openAgreementRevision, partyRepresentatives, recordRevisionDecision, revisionRuleOf, revisionStage, type AgreementRevision, type AgreementRevisionProblem } from '../domain/agreementRevision.js';
import { outstandingOrganisations, roundChaseEvent } from '../../../shared/feedbackRound.js';
import type { AgreementRevisionRule, Programme } from '../../../shared/programme/schema.js';
import { addBusinessDays } from '../../../shared/schedule/businessDays.js';
import { osloDate, osloTime } from '../../../shared/schedule/oslo.js';
import { parseDeadline } from '../../votes/domain/deadline.js';
import { AGREEMENT_REVISION_GATE, voteBefore, voteIdFor, type Applied, type GateVote, type VoteLanguage } from '../../votes/domain/gateVote.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { postOnce } from '../../votes/app/openVote.js';
import { SYSTEM, type VoteDeps } from '../../votes/app/voteDeps.js';
import type { VoteError } from '../../votes/app/voteErrors.js';
import type { AgreementRevisionRepository, RevisionNotFound } from './ports.js';
export type { AgreementRevisionRepository } from './ports.js';

export type AgreementRevisionError = IdeaUseCaseError | AgreementRevisionProblem | RevisionNotFound | VoteError;

/** A hearing letter: the request when it opens, a reminder before the deadline. */
export interface HearingLetter {
  /** The delivery key: one message per key, ever. */
  key: string;
  kind: 'request' | 'reminder';
  programme: Programme;
  revision: AgreementRevision;
  /** Entra object id of the recipient. */
  to: string;
  party: string;
  /** reminder: business days left before the deadline. */
  businessDaysBefore?: number;
}

/** Renders a letter in the recipient's language and hands it to proactive delivery (idempotent
 * per key). */
export interface HearingMail {
  send(letter: HearingLetter): Promise<'queued' | 'duplicate'>;
}

/** What the vote record calls the revision (in the channel's language, as its card). */
export type AgreementRevisionTitle = (language: VoteLanguage, revision: AgreementRevision) => string;

const keyBase = (programme: Programme, r: AgreementRevision) => `${programme.tenantId}:${programme.id}:agreementrevision:${r.id}`;

export const hearingLetterKeys = {
  request: (p: Programme, r: AgreementRevision, person: string) => `${keyBase(p, r)}:request:${person}`,
  reminder: (p: Programme, r: AgreementRevision, n: number, person: string) => `${keyBase(p, r)}:${r.deadline}:remind:${n}:${person}`,
};

const ruleFor = (r: AgreementRevision): Pick<AgreementRevisionRule, 'body'> => ({ body: r.body });

function requestLetters(programme: Programme, r: AgreementRevision): HearingLetter[] {
  return r.organisations.flatMap((party) =>
    partyRepresentatives(programme, ruleFor(r), party).map((person) => ({
      key: hearingLetterKeys.request(programme, r, person.id),
      kind: 'request' as const,
      programme,
      revision: r,
      to: person.id,
      party,
    })),
  );
}

async function sendAll(mail: HearingMail, letters: readonly HearingLetter[]): Promise<void> {
  for (const letter of letters) await mail.send(letter);
}

// ---- use cases ----

export interface RevisionOpening {
  access: Access;
  rule: AgreementRevisionRule;
  parties: string[];
}

/** What the opening form offers: the parties that will be heard (office only). */
export function openingChoices(ctx: RequestContext, programmeId: string): Result<RevisionOpening, AgreementRevisionError> {
  const access = officeAccess(ctx, programmeId);
  if (!access.ok) return access;
  const rule = revisionRuleOf(access.value.programme);
  if (!rule) return err({ code: 'no-agreement-revision' });
  return ok({ access: access.value, rule, parties: hearingParties(access.value.programme, rule) });
}

export interface OpenRevisionInput {
  programmeId: string;
  submissionId: string;
  changes: string;
  link: string;
  deadline: string;
}

/** Opens the hearing and sends each heard party's representatives the hearing card. A repeated
 * submission returns the first revision and sends again (idempotent keys). */
export async function openRevision(
  repo: AgreementRevisionRepository,
  mail: HearingMail,
  ctx: RequestContext,
  input: OpenRevisionInput,
): Promise<Result<{ access: Access; revision: AgreementRevision; created: boolean }, AgreementRevisionError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const year = Number(osloDate(ctx.now).slice(0, 4));
  const opened = await repo.open(key, `${actor.id}|${input.submissionId}`, (sequence, existing) =>
    openAgreementRevision(programme, existing, sequence, { changes: input.changes, link: input.link, deadline: input.deadline, by: actor, at: ctx.now, year }),
  );
  if (!opened.ok) return opened;
  await sendAll(mail, requestLetters(programme, opened.value.revision));
  return ok({ access: access.value, ...opened.value });
}

export interface RevisionCase {
  access: Access;
  revision: AgreementRevision;
}

/** One revision; everyone in the programme may read it. */
export async function revisionCase(repo: AgreementRevisionRepository, ctx: RequestContext, programmeId: string, id: string): Promise<Result<RevisionCase, AgreementRevisionError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  if (!revisionRuleOf(access.value.programme)) return err({ code: 'no-agreement-revision' });
  const revision = await repo.get(access.value.key, id);
  return revision ? ok({ access: access.value, revision }) : err({ code: 'revision-not-found', id });
}

/** Every revision of the programme, the newest first. */
export async function revisionList(repo: AgreementRevisionRepository, ctx: RequestContext, programmeId: string): Promise<Result<{ access: Access; revisions: AgreementRevision[] }, AgreementRevisionError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  if (!revisionRuleOf(access.value.programme)) return err({ code: 'no-agreement-revision' });
  const revisions = (await repo.list(access.value.key, { texts: false })).sort((a, b) => compareRevisions(b, a));
  return ok({ access: access.value, revisions });
}

/** A heard party's written answer (its latest answer counts; every version is kept). */
export async function submitAnswer(repo: AgreementRevisionRepository, ctx: RequestContext, input: { programmeId: string; revisionId: string; text: string }) {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const result = await repo.change(key, input.revisionId, (current) => giveHearingAnswer(programme, current, { text: input.text, by: actor, at: ctx.now }));
  return result.ok ? ok({ access: access.value, ...result.value }) : result;
}

export type PutToVoteDeps = VoteDeps & { revisions: AgreementRevisionRepository; title: AgreementRevisionTitle };

/**
 * Opens the deciding body's vote on a revision whose hearing has closed, and marks the revision
 * as being voted on. The submission id is the revision's, so the office's form and the sweep
 * open one vote between them; a second call finds the vote and finishes marking and posting it.
 */
export async function putRevisionToVote(
  deps: PutToVoteDeps,
  programme: Programme,
  revision: AgreementRevision,
  opening: { deadline: number; by: PersonRef; at: number },
): Promise<Result<{ vote: GateVote; revision: AgreementRevision }, AgreementRevisionError>> {
  const key: ProgrammeKey = { tenantId: programme.tenantId, programmeId: programme.id };
  const body = programme.bodies.find((b) => b.id === revision.body);
  if (!body) return err({ code: 'config-problem', message: `agreementRevision names unknown body "${revision.body}"` });
  const stage = revisionStage(revision);
  if (stage !== 'closed' && stage !== 'voting') return err({ code: 'out-of-order', action: 'vote', stage });
  const running = revision.voteId ? await deps.votes.get({ ...key, voteId: revision.voteId }) : undefined;
  if (running) return ok({ vote: await postOnce(deps, running), revision });
  const channel = await deps.channels.get(key, body.id);
  if (!channel) return err({ code: 'no-channel', body: body.id });
  const vote: GateVote = {
    id: voteIdFor(revision.id, AGREEMENT_REVISION_GATE, opening.at),
    tenantId: programme.tenantId,
    programmeId: programme.id,
    ideaNumber: revision.id,
    ideaTitle: deps.title(channel.language, revision),
    gate: AGREEMENT_REVISION_GATE,
    matter: { kind: 'agreement-revision', revisionId: revision.id },
    ...voteBefore(body, { by: opening.by, at: opening.at, deadline: opening.deadline, channel }),
    budgetMatter: false,
    // The changes, the draft's link and the hearing are the decision basis; the card reads them from the revision.
    basis: [],
  };
  const opened = await deps.votes.open(vote, `agreement-revision:${revision.id}`);
  if (opened.kind === 'already-open' && (opened.vote.matter?.kind !== 'agreement-revision' || opened.vote.matter.revisionId !== revision.id)) {
    return err({ code: 'already-open', voteId: opened.vote.id });
  }
  const marked = await deps.revisions.change(key, revision.id, (current) => markVoting(current, opened.vote.id, opening.by, opening.at));
  const stored = await postOnce(deps, opened.vote);
  return ok({ vote: stored, revision: marked.ok ? marked.value.revision : revision });
}

/** The office closes the hearing (early, or after its deadline) and opens the body's vote with
 * the deadline typed on the form. */
export async function closeAndPutToVote(
  deps: PutToVoteDeps,
  ctx: RequestContext,
  input: { programmeId: string; revisionId: string; deadlineDate: string; deadlineTime: string },
): Promise<Result<{ access: Access; vote: GateVote; revision: AgreementRevision }, AgreementRevisionError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const deadline = parseDeadline(input.deadlineDate, input.deadlineTime, ctx.now);
  if (!deadline.ok) return err({ code: 'bad-deadline', problem: deadline.error });
  const body = programme.bodies.find((b) => b.id === programme.agreementRevision?.body);
  // Checked before the hearing closes, so a missing channel leaves the hearing open.
  if (body && !(await deps.channels.get(key, body.id))) return err({ code: 'no-channel', body: body.id });
  const closed = await deps.revisions.change(key, input.revisionId, (current) => closeHearing(programme, current, { by: actor, at: ctx.now }));
  if (!closed.ok) return closed;
  const put = await putRevisionToVote(deps, programme, closed.value.revision, { deadline: deadline.value, by: actor, at: ctx.now });
  return put.ok ? ok({ access: access.value, ...put.value }) : put;
}

/** The vote a hearing closed at its deadline opens with: `voteBusinessDays` business days on, at 16:00 Oslo. */
export const sweepVoteDeadline = (rule: Pick<AgreementRevisionRule, 'voteBusinessDays'>, now: number): number =>
  osloTime(addBusinessDays(osloDate(now), rule.voteBusinessDays), 16, 0);

/** Applies the body's decision to the revision (the vote closer calls it through `matters.apply`). */
export async function applyAgreementRevision(
  revisions: Pick<AgreementRevisionRepository, 'change'>,
  vote: GateVote,
  adopted: boolean,
  by: PersonRef,
  at: number,
): Promise<Applied> {
  if (vote.matter?.kind !== 'agreement-revision') return { at, ok: false, error: 'not-an-agreement-revision' };
  const key: ProgrammeKey = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  const decided = await revisions.change(key, vote.matter.revisionId, (current) => recordRevisionDecision(current, { adopted, voteId: vote.id, by, at }));
  return decided.ok ? { at, ok: true } : { at, ok: false, error: decided.error.code };
}

// ---- the sweep ----

export interface HearingSweepDeps {
  programmes: readonly Programme[];
  revisions: AgreementRevisionRepository;
  mail: HearingMail;
  votes: PutToVoteDeps;
  log: { error(details: Record<string, unknown>, message: string): void };
}

/** The letters due at `now`: reminders to parties that have not answered, while the hearing is open. */
export function reminderLetters(programme: Programme, revisions: readonly AgreementRevision[], now: number): HearingLetter[] {
  const letters: HearingLetter[] = [];
  for (const r of revisions) {
    if (revisionStage(r) !== 'hearing') continue;
    const event = roundChaseEvent(r, now);
    if (event?.kind !== 'remind') continue;
    for (const party of outstandingOrganisations(r)) {
      for (const person of partyRepresentatives(programme, ruleFor(r), party)) {
        letters.push({ key: hearingLetterKeys.reminder(programme, r, event.businessDaysBefore, person.id), kind: 'reminder', programme, revision: r, to: person.id, party, businessDaysBefore: event.businessDaysBefore });
      }
    }
  }
  return letters;
}

/**
 * Runs on the reminder ticker, on every instance: reminds parties that have not answered, closes
 * each hearing whose deadline day has passed and opens the body's vote on it (a revision left
 * closed without a vote, e.g. while the body had no channel, is retried on every tick). A failing
 * programme is logged and does not stop the others.
 */
export function hearingSweep(deps: HearingSweepDeps): (now: number) => Promise<void> {
  return async (now) => {
    for (const programme of deps.programmes) {
      const rule = revisionRuleOf(programme);
      if (!rule) continue;
      try {
        const key = { tenantId: programme.tenantId, programmeId: programme.id };
        const revisions = await deps.revisions.list(key, { texts: false });
        await sendAll(deps.mail, reminderLetters(programme, revisions, now));
        for (const r of revisions) {
          let current = r;
          if (hearingCloseDue(r, now)) {
            const closed = await deps.revisions.change(key, r.id, (c) => closeHearing(programme, c, { by: SYSTEM, at: now, system: true }));
            if (!closed.ok) continue;
            current = closed.value.revision;
          }
          const stage = revisionStage(current);
          if (stage !== 'closed' && !(stage === 'voting' && current.hearingClosed && now - current.hearingClosed.at < 2 * 24 * 3600_000)) continue;
          const put = await putRevisionToVote(deps.votes, programme, current, { deadline: sweepVoteDeadline(rule, now), by: SYSTEM, at: now });
          if (!put.ok) deps.log.error({ programmeId: programme.id, revisionId: r.id, code: put.error.code }, 'agreement revision: cannot open the vote; the next tick retries');
        }
      } catch (error) {
        deps.log.error({ err: error, programmeId: programme.id }, 'agreement revisions: sweep failed');
      }
    }
  };
}
