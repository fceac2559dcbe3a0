// The collaboration checklist of a project (Difi, seed 002): the project leader and the
// programme office tick it through; progress is a query other cards can show. Handing it to
// the project leader is checklistDelivery.ts.
import {
  applyTicks,
  changesFromCard,
  checklistProgress,
  isChecklistInProgress,
  type ChecklistProgress,
  type Ticks,
} from '../domain/difiChecklist.js';
import type { Idea, IdeaStatus } from '../../ideas/domain/idea.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { type Access, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ChecklistRepository } from './ports.js';
export type { ChecklistRepository } from './ports.js';

export type ChecklistError =
  | IdeaUseCaseError
  | { code: 'forbidden-checklist' }
  | { code: 'not-a-project'; number: string; status: IdeaStatus }
  | { code: 'not-started'; number: string; status: IdeaStatus }
  | { code: 'no-project-leader'; number: string }
  | { code: 'leader-not-in-programme'; number: string };

/** Before qualification an idea is not a project and has no checklist. */
const noChecklist: readonly IdeaStatus[] = ['registered', 'prioritised'];

export interface ChecklistState {
  access: Access;
  idea: Idea;
  ticks: Ticks;
  progress: ChecklistProgress;
  canTick: boolean;
  /** The office may (re)send it to the project leader. */
  canSend: boolean;
}

async function load(
  ideas: IdeaRepository,
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
): Promise<Result<{ access: Access; idea: Idea }, ChecklistError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const idea = await ideas.get(access.value.key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  const isLeader = idea.projectLeader !== undefined && idea.projectLeader === ctx.actor.aadObjectId;
  if (!access.value.roles.isOffice && !isLeader) return err({ code: 'forbidden-checklist' });
  if (noChecklist.includes(idea.status)) return err({ code: 'not-a-project', number: idea.number, status: idea.status });
  return ok({ access: access.value, idea });
}

const state = (access: Access, idea: Idea, ticks: Ticks): ChecklistState => ({
  access,
  idea,
  ticks,
  progress: checklistProgress(ticks),
  canTick: isChecklistInProgress(idea.status),
  canSend: access.roles.isOffice && idea.status === 'active' && idea.projectLeader !== undefined,
});

/** The checklist of a project, for its leader or the office. */
export async function openChecklist(
  ideas: IdeaRepository,
  checklists: ChecklistRepository,
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
): Promise<Result<ChecklistState, ChecklistError>> {
  const loaded = await load(ideas, ctx, ref);
  if (!loaded.ok) return loaded;
  const { access, idea } = loaded.value;
  const record = await checklists.get(access.key, idea.number);
  return ok(state(access, idea, record?.ticks ?? {}));
}

/** Applies what a submitted card changed: `seen` is what the card showed as done, `submitted`
 * the toggles as sent (item id → done). */
export async function tickChecklist(
  ideas: IdeaRepository,
  checklists: ChecklistRepository,
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
  input: { seen: ReadonlySet<string>; submitted: Readonly<Record<string, boolean>> },
): Promise<Result<ChecklistState & { changed: number }, ChecklistError>> {
  const loaded = await load(ideas, ctx, ref);
  if (!loaded.ok) return loaded;
  const { access, idea } = loaded.value;
  if (!isChecklistInProgress(idea.status)) return err({ code: 'idea-closed', status: idea.status });
  const changes = changesFromCard(input.seen, input.submitted);
  const record =
    changes.length === 0
      ? ((await checklists.get(access.key, idea.number)) ?? { ideaNumber: idea.number, ticks: {} })
      : await checklists.change(access.key, idea.number, (current) => ({
          ...current,
          ticks: applyTicks(current.ticks, changes, { by: access.actor, at: ctx.now }),
        }));
  return ok({ ...state(access, idea, record.ticks), changed: changes.length });
}

/** The checklist as a person sees it, without a request: the card that goes to a project
 * leader's personal chat. Undefined when the person is not (or no longer) in the programme or
 * the idea has no checklist. */
export async function checklistForPerson(
  checklists: ChecklistRepository,
  programme: Programme,
  key: ProgrammeKey,
  idea: Idea,
  personId: string,
): Promise<ChecklistState | undefined> {
  const roles = rolesIn(programme, personId);
  if (!roles || noChecklist.includes(idea.status)) return undefined;
  const access: Access = { programme, roles, key, actor: { id: personId, name: roles.person.name } };
  const record = await checklists.get(key, idea.number);
  return state(access, idea, record?.ticks ?? {});
}

/** Progress of a project's checklist (no role check: it is a count, and the caller has already
 * decided the reader may see the project's working material). */
export async function checklistProgressOf(checklists: ChecklistRepository, key: ProgrammeKey, ideaNumber: string): Promise<ChecklistProgress> {
  const record = await checklists.get(key, ideaNumber);
  return checklistProgress(record?.ticks ?? {});
}

/** What the idea card reads of a project's checklist: its progress, nothing else. */
export interface ChecklistProgressReader {
  progressOf(key: ProgrammeKey, ideaNumber: string): Promise<ChecklistProgress>;
}

export const checklistProgressReader = (checklists: ChecklistRepository): ChecklistProgressReader => ({
  progressOf: (key, ideaNumber) => checklistProgressOf(checklists, key, ideaNumber),
});
