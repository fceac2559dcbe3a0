// New parties (DSOP §2.3): the office files an application with the programme's criteria
// assessed; the deciding body's vote (src/features/votes/app/openAdmissionVote.ts) decides it; an
// adopted application adds the party to the programme's configuration store, where every
// admission is kept as a dated record (the history), and the programme directory serves it
// from then on without anyone editing the programme file.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  admissionOf,
  admittedParty,
  decideApplication,
  fileApplication,
  type ApplicationInput,
  type ApplicationProblem,
  type MembershipApplication,
} from '../domain/admission.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { Applied, GateVote } from '../../votes/domain/gateVote.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ProgrammeDirectory } from '../../../shared/programmeDirectory.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { ApplicationRepository, AdmissionRecord, PartyRegistry } from './ports.js';
export type { ApplicationRepository, AdmissionRecord, PartyRegistry } from './ports.js';

export interface AdmissionDeps {
  applications: ApplicationRepository;
  registry: PartyRegistry;
  directory: ProgrammeDirectory;
}

export type AdmissionError = IdeaUseCaseError | ApplicationProblem;

export async function fileMembershipApplication(
  deps: Pick<AdmissionDeps, 'applications'>,
  ctx: RequestContext,
  input: { programmeId: string; submissionId: string } & Omit<ApplicationInput, 'by' | 'at'>,
): Promise<Result<{ application: MembershipApplication; created: boolean }, AdmissionError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  if (!admissionOf(programme)) return err({ code: 'no-admission' });
  const { programmeId: _p, submissionId, ...fields } = input;
  return deps.applications.file(key, submissionId, (sequence) => fileApplication(programme, sequence, { ...fields, by: actor, at: ctx.now }));
}

/** The programme's applications, for its participants (decisions are transparent inside it). */
export async function membershipApplications(
  deps: Pick<AdmissionDeps, 'applications' | 'registry'>,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; applications: MembershipApplication[]; admitted: AdmissionRecord[] }, AdmissionError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  if (!admissionOf(access.value.programme)) return err({ code: 'no-admission' });
  const [applications, admitted] = await Promise.all([deps.applications.list(access.value.key), deps.registry.admitted(access.value.key)]);
  return ok({ access: access.value, applications, admitted });
}

/**
 * Applies the body's decision on an application once: the application records it and, when
 * adopted, the party joins the configuration store and this instance's directory at once
 * (other instances pick it up on their next refresh). Safe to run again after a crash.
 */
export async function applyAdmission(deps: AdmissionDeps, vote: GateVote, adopted: boolean, by: PersonRef, at: number): Promise<Applied> {
  if (vote.matter?.kind !== 'admission') return { at, ok: false, error: 'not-an-admission' };
  const key: ProgrammeKey = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  const application = await deps.applications.get(key, vote.matter.applicationId);
  if (!application) return { at, ok: false, error: 'application-not-found' };
  const decided = await deps.applications.update(key, application.id, (a) =>
    a.decision ? undefined : decideApplication(a, { adopted, at, voteId: vote.id }),
  );
  const current = decided ?? (await deps.applications.get(key, application.id)) ?? application;
  // The first decision stands: a second vote cannot undo or redo an admission.
  if (current.decision && current.decision.voteId !== vote.id) return { at, ok: false, error: 'already-decided' };
  if (!adopted) return { at, ok: true };
  const { party, people, seats } = admittedParty(current, vote.body);
  await deps.registry.admit(key, { party, people, seats, applicationId: current.id, voteId: vote.id, decidedAt: at, decidedBy: by });
  await refreshAdmissions(deps, key);
  return { at, ok: true };
}

/** Loads the admitted parties of one programme into the directory. */
export async function refreshAdmissions(deps: Pick<AdmissionDeps, 'registry' | 'directory'>, key: ProgrammeKey): Promise<void> {
  deps.directory.admit(key, await deps.registry.admitted(key));
}

/** Loads every served programme's admitted parties (at start-up and on every tick). */
export async function refreshAllAdmissions(deps: Pick<AdmissionDeps, 'registry' | 'directory'>, programmes: readonly Programme[]): Promise<void> {
  for (const programme of programmes) {
    if (!admissionOf(programme)) continue;
    await refreshAdmissions(deps, { tenantId: programme.tenantId, programmeId: programme.id });
  }
}
