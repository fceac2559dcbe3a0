// For tests of reminders: DSOP's monthly status-report schedule, and a project seeded straight
// into storage as active with its leader (the gate votes that get it there are tested elsewhere).
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import type { Programme, Schedule } from '../../src/shared/programme/schema.js';
import type { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import type { Person } from './activities.js';
import { presetProgramme } from './presetProgramme.js';

/** Monthly except July, due 5 business days in, reminders 3 and 1 business days before. */
export const monthlyStatusReport = (name = { nb: 'Månedlig statusrapport', en: 'Monthly status report' }): Schedule => ({
  id: 'statusrapport',
  name,
  kind: 'status-report',
  cadence: { kind: 'monthly', exceptMonths: [7] },
  recipients: 'project-leaders',
  deadlineBusinessDays: 5,
  remindBusinessDaysBefore: [3, 1],
});

/** Registers an idea and makes it an active project in the concept phase led by `leader`; its number. */
export async function seedActiveProject(ideas: IdeaTable, programme: Programme, leader: Person, started: number, seed = 'seed-1'): Promise<string> {
  const result = await ideas.register({ tenantId: programme.tenantId, programmeId: programme.id }, seed, { prefix: programme.ideaPrefix, year: 2026 }, (number) => {
    const r = register(programme, {
      number,
      title: 'Prosjekt',
      description: 'Et prosjekt.',
      party: programme.people.find((p) => p.aadObjectId === leader.aadObjectId)?.party ?? programme.parties[0]!.id,
      links: [],
      submittedBy: { id: leader.aadObjectId, name: leader.name },
      at: started,
    });
    if (!r.ok) return r;
    return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started, projectLeader: leader.aadObjectId }, history: r.value.history });
  });
  if (!result.ok) throw new Error(`cannot seed a project: ${JSON.stringify(result.error)}`);
  return result.value.idea.number;
}

const person = (name: string): Person => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });

/** DSOP from its preset in `tenantId`, with an office person (the steering group's secretary), a
 * project leader from DNB and the steering group's one member and chair. */
export function dsopWithLeader(tenantId: string) {
  const people = { office: person('office'), leader: person('leader'), chair: person('chair') };
  const programme = presetProgramme('dsop', {
    id: 'dsop',
    name: 'DSOP',
    ideaPrefix: 'DSOP',
    tenantId,
    parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB' },
    people: [
      { aadObjectId: 'aad-office', name: 'office', party: 'skatteetaten', roles: ['office'] },
      { aadObjectId: 'aad-leader', name: 'leader', party: 'dnb' },
      { aadObjectId: 'aad-chair', name: 'chair', party: 'skatteetaten' },
    ],
    seats: { members: ['aad-chair'], chair: 'aad-chair', secretary: 'aad-office' },
  });
  return { programme, ...people };
}
