// The ideas a background job needs, without reading the programme's every idea (issue 25): the
// projects under way from the status index (reminders, the checklist handover, the samlesak),
// and the few ideas a job names by number (the convene reminder's matters, a samlesak's
// projects), a few point reads at a time. Both in number order, the order the whole `idea|`
// range used to give them in.
import { compareIdeaNumbers } from '../domain/ideaNumber.js';
import type { Idea } from '../domain/idea.js';
import { mapPool } from '../../../shared/pool.js';
import { everyListed } from './everyListed.js';
import type { IdeaRepository, ProgrammeKey } from './ideaRepository.js';

/** Point reads at once when a job reads ideas by number. */
const READS_AT_ONCE = 4;

const byNumber = (a: Idea, b: Idea) => compareIdeaNumbers(a.number, b.number);

/** The active ideas (projects under way), from the status index. */
export async function activeIdeas(ideas: Pick<IdeaRepository, 'page'>, key: ProgrammeKey): Promise<Idea[]> {
  return (await everyListed(ideas, key, { by: 'status', status: 'active' })).filter((i) => i.status === 'active').sort(byNumber);
}

/** The ideas of these numbers that exist (a number without an idea is left out). */
export async function ideasNumbered(ideas: Pick<IdeaRepository, 'get'>, key: ProgrammeKey, numbers: Iterable<string>): Promise<Idea[]> {
  const found = await mapPool([...new Set(numbers)], READS_AT_ONCE, (number) => ideas.get(key, number));
  return found.filter((i): i is Idea => i !== undefined).sort(byNumber);
}
