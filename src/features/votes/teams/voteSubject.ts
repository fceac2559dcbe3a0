// What a vote's card is about, loaded for rendering: the idea whose gate is decided, the
// membership application (DSOP §2.3), or a roadmap revision with the ideas it changes (Digi
// Rogaland §4.7). The vote record names it; this reads it.
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ApplicationRepository } from '../../membership/app/admission.js';
import type { RoadmapRevisionRepository } from '../../roadmap/app/revisions.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { MembershipApplication } from '../../membership/domain/admission.js';
import type { GateVote } from '../domain/gateVote.js';
import type { RoadmapProposal } from '../../roadmap/domain/revision.js';
import type { AgreementRevisionRepository } from '../../agreementRevision/app/agreementRevision.js';
import type { AgreementRevision } from '../../agreementRevision/domain/agreementRevision.js';
import { mapPool } from '../../../shared/pool.js';

export type VoteSubject =
  | { kind: 'idea'; idea: Idea }
  | { kind: 'admission'; application: MembershipApplication }
  /** `ideas`: the ideas the revision changes that still exist, in the revision's order. */
  | { kind: 'roadmap-revision'; revision: RoadmapProposal; ideas: Idea[] }
  /** Digi Rogaland §8: a revision of the agreement with its hearing. */
  | { kind: 'agreement-revision'; revision: AgreementRevision }
  /** DSOP §3.1: thanking a party off; the vote names it (nothing else to read). */
  | { kind: 'retirement'; partyId: string; partyName: string };

export class VoteSubjects {
  /** Reads of an idea in flight: a burst of votes on one idea's gate shares them. */
  private readonly reading = new Map<string, Promise<Idea | undefined>>();

  constructor(
    private readonly ideas: Pick<IdeaRepository, 'get'>,
    private readonly applications: Pick<ApplicationRepository, 'get'>,
    private readonly revisions?: Pick<RoadmapRevisionRepository, 'get'>,
    private readonly agreementRevisions?: Pick<AgreementRevisionRepository, 'get'>,
  ) {}

  /** Undefined when the record it names is gone (never deleted in practice). */
  async of(vote: GateVote): Promise<VoteSubject | undefined> {
    const key = { tenantId: vote.tenantId, programmeId: vote.programmeId };
    if (vote.matter?.kind === 'roadmap-revision') {
      const revision = await this.revisions?.get(key, vote.matter.revisionId);
      if (!revision) return undefined;
      // A revision may change many entries: a few reads at a time (issue 25).
      const ideas = await mapPool(revision.changes, 4, (c) => this.ideas.get(key, c.ideaNumber));
      return { kind: 'roadmap-revision', revision, ideas: ideas.filter((i): i is Idea => i !== undefined) };
    }
    if (vote.matter?.kind === 'agreement-revision') {
      const revision = await this.agreementRevisions?.get(key, vote.matter.revisionId);
      return revision && { kind: 'agreement-revision', revision };
    }
    if (vote.matter?.kind === 'retirement') return { kind: 'retirement', partyId: vote.matter.partyId, partyName: vote.ideaTitle };
    if (vote.matter?.kind === 'admission') {
      const application = await this.applications.get(key, vote.matter.applicationId);
      return application && { kind: 'admission', application };
    }
    const idea = await this.idea(key, vote.ideaNumber);
    return idea && { kind: 'idea', idea };
  }

  /** Only reads still in flight are shared; nothing is kept once a read has answered, so the
   * next card after a change to the idea reads it afresh. */
  private idea(key: { tenantId: string; programmeId: string }, number: string): Promise<Idea | undefined> {
    const id = `${key.tenantId}|${key.programmeId}|${number}`;
    let pending = this.reading.get(id);
    if (!pending) {
      pending = this.ideas.get(key, number);
      this.reading.set(id, pending);
      const done = () => void this.reading.delete(id);
      pending.then(done, done);
    }
    return pending;
  }
}
