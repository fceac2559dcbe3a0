// Joint measures and deviation notices (KMD–KS §2.1, §6). The office creates measures; a
// member of one of a measure's parties (or its owner, or the office) files a deviation, which
// goes at once to the measure's other parties through the DeviationNotifier port; open
// deviations are the agenda of the next consultation meeting.
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  closeDeviation,
  consultationAgenda,
  createMeasure,
  fileDeviation,
  mayFileDeviation,
  type Deviation,
  type Measure,
  type MeasureProblem,
  type Recipient,
} from '../domain/measures.js';
import { readPageAt, type Page, type PageCursor } from '../../../shared/paging.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { MeasureRepository } from './ports.js';
export type { MeasureRepository } from './ports.js';

/** A deviation notice to be sent at once to the measure's other parties. */
export interface DeviationNotice {
  tenantId: string;
  programmeId: string;
  measure: { id: string; title: string };
  deviation: Deviation;
  recipients: Recipient[];
}

/** Sends a deviation notice to its recipients. Must be idempotent per (deviation, recipient):
 * it is called again when the same form is submitted twice. */
export interface DeviationNotifier {
  notify(notice: DeviationNotice): Promise<void>;
}

export type MeasureError =
  | IdeaUseCaseError
  | MeasureProblem
  | { code: 'measure-not-found'; id: string }
  | { code: 'deviation-not-found'; id: string };

export interface MeasureInput {
  programmeId: string;
  submissionId: string;
  title: string;
  description: string;
  owners: readonly string[];
  parties: readonly string[];
}

export async function newMeasure(
  repo: MeasureRepository,
  ctx: RequestContext,
  input: MeasureInput,
): Promise<Result<{ access: Access; measure: Measure; created: boolean }, MeasureError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const result = await repo.createMeasure(key, `${actor.id}|${input.submissionId}`, (sequence) =>
    createMeasure(programme, sequence, { ...input, by: actor, at: ctx.now }),
  );
  return result.ok ? ok({ access: access.value, ...result.value }) : result;
}

export async function listMeasures(
  repo: MeasureRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; measures: Measure[]; deviations: Deviation[] }, MeasureError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const [measures, deviations] = await Promise.all([repo.measures(access.value.key), repo.deviations(access.value.key)]);
  return ok({ access: access.value, measures, deviations });
}

/** One page of the measures (the `tiltak` / `measures` card, issue 25.2), with the deviations of the page's measures. */
export async function measuresPage(
  repo: MeasureRepository,
  ctx: RequestContext,
  programmeId: string,
  cursor: PageCursor,
  size: number,
): Promise<Result<{ access: Access; page: Page<Measure>; deviations: Deviation[] }, MeasureError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { key } = access.value;
  const page = await readPageAt(cursor, size, (request) => repo.measurePage(key, request));
  // The page's deviations only, never the programme's (issue 25).
  const deviations = await repo.deviationsOf(key, page.items.map((m) => m.id));
  return ok({ access: access.value, page, deviations });
}

/** The measures this person may file a deviation on. */
export async function deviationChoices(
  repo: MeasureRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; measures: Measure[] }, MeasureError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const measures = (await repo.measures(access.value.key)).filter((m) => mayFileDeviation(access.value.programme, m, ctx.actor.aadObjectId));
  return ok({ access: access.value, measures });
}

export interface DeviationInput {
  programmeId: string;
  submissionId: string;
  measureId: string;
  what: string;
  impact: string;
  proposal: string;
}

/** Files a deviation and hands it to the notifier at once. A repeated submission of the same
 * form returns the first deviation and notifies again (the notifier is idempotent), so a
 * crash between storing and notifying is healed by the retry. */
export async function reportDeviation(
  repo: MeasureRepository,
  notifier: DeviationNotifier,
  ctx: RequestContext,
  input: DeviationInput,
): Promise<Result<{ access: Access; measure: Measure; deviation: Deviation; created: boolean }, MeasureError>> {
  const access = accessTo(ctx, input.programmeId);
  if (!access.ok) return access;
  const { programme, key, actor } = access.value;
  const measure = await repo.measure(key, input.measureId);
  if (!measure) return err({ code: 'measure-not-found', id: input.measureId });
  const filed = await repo.fileDeviation(key, `${actor.id}|${input.submissionId}`, (sequence) =>
    fileDeviation(programme, measure, sequence, { what: input.what, impact: input.impact, proposal: input.proposal, by: actor, at: ctx.now }),
  );
  if (!filed.ok) return filed;
  const { deviation, created } = filed.value;
  await notifier.notify({
    tenantId: key.tenantId,
    programmeId: programme.id,
    measure: { id: measure.id, title: measure.title },
    deviation,
    recipients: deviation.recipients,
  });
  return ok({ access: access.value, measure, deviation, created });
}

/** Open deviations per measure, for the next consultation meeting. */
export async function openDeviations(
  repo: MeasureRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<{ access: Access; agenda: { measure: Measure; deviations: Deviation[] }[] }, MeasureError>> {
  const listed = await listMeasures(repo, ctx, programmeId);
  if (!listed.ok) return listed;
  return ok({ access: listed.value.access, agenda: consultationAgenda(listed.value.measures, listed.value.deviations) });
}

/** Closes a deviation once handled (office only), with how it was resolved. */
export async function resolveDeviation(
  repo: MeasureRepository,
  ctx: RequestContext,
  input: { programmeId: string; deviationId: string; resolution: string },
): Promise<Result<{ access: Access; deviation: Deviation }, MeasureError>> {
  const access = officeAccess(ctx, input.programmeId);
  if (!access.ok) return access;
  const by: PersonRef = access.value.actor;
  const result = await repo.changeDeviation(access.value.key, input.deviationId, (current) =>
    closeDeviation(current, { resolution: input.resolution, by, at: ctx.now }),
  );
  return result.ok ? ok({ access: access.value, deviation: result.value }) : result;
}
