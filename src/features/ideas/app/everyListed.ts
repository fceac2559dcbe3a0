// A turn that needs every idea of one list (a leader's projects, the active projects, the
// projects past the idea phase) reads that list's index a page at a time, never the programme's
// whole partition: its cost grows with what it shows, not with the programme (issue 25.1).
import type { Idea } from '../domain/idea.js';
import type { IdeaListQuery, IdeaRepository, ProgrammeKey } from './ideaRepository.js';

/** Ideas read per index request. */
const PAGE = 200;

export async function everyListed(ideas: Pick<IdeaRepository, 'page'>, key: ProgrammeKey, query: IdeaListQuery): Promise<Idea[]> {
  const out: Idea[] = [];
  for (let start: string | undefined; ; ) {
    const page = await ideas.page(key, query, start === undefined ? { size: PAGE } : { start, size: PAGE });
    out.push(...page.items.map((listed) => listed.idea));
    if (page.next === undefined) return out;
    start = page.next;
  }
}

/** The phases an open project can be in: past the idea phase and not finished (roadmap.ts's isOpenProject). */
export const projectPhases = (programme: { initialPhase: string; phases: readonly { id: string; terminal?: boolean }[] }): string[] =>
  programme.phases.filter((p) => p.id !== programme.initialPhase && p.terminal !== true).map((p) => p.id);
