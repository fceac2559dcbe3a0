// What an outgoing message discloses. Every card and text the bot sends declares these items;
// their classification is derived from state and configuration (classify.ts), never chosen by
// the caller.
import type { Idea } from '../../features/ideas/domain/idea.js';

/** The parts of an idea that decide how confidential it is. */
export type IdeaState = Pick<Idea, 'number' | 'status' | 'phase' | 'stop' | 'party' | 'submittedBy' | 'projectLeader'>;

export type Disclosed =
  /** An idea's title, description and state. */
  | { kind: 'idea'; programmeId: string; idea: IdeaState }
  /** An idea's working documents: links, qualification, decision basis, reports. */
  | { kind: 'idea-documents'; programmeId: string; idea: IdeaState }
  /** The prioritised list; `labelled` says whether the rendering carries the programme's label. */
  | { kind: 'prioritised-list'; programmeId: string; labelled: boolean }
  /** The programme's internal working material: scores, audit log, NDA register, failures. */
  | { kind: 'programme-internal'; programmeId: string };

export const ideaContent = (programmeId: string, idea: IdeaState): Disclosed => ({ kind: 'idea', programmeId, idea });
export const ideaDocuments = (programmeId: string, idea: IdeaState): Disclosed => ({ kind: 'idea-documents', programmeId, idea });
