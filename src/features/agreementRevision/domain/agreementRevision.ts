// The yearly revision of the agreement after a hearing (Digi Rogaland §8: «Alle endringer til
// denne avtale skal gjøres skriftlig, og revideres årlig. Styringsgruppen har mandat til å
// beslutte endringer i avtalen etter en høringsperiode hos alle medlemskommunene.»).
//
// The office opens a revision with the proposed changes, in writing; every member party (the
// programme file's parties of the configured kind: the municipalities) is asked in writing by a
// deadline (the written feedback round of hearing/feedbackRound.ts, as Skate's final treatment
// runs one). The hearing closes at the deadline or earlier by the office; then the deciding body
// (the steering group) votes on the revision through the ordinary vote machinery, and its
// decision is recorded here. Every step is in the revision's history. Pure: the caller passes the
// time, the person and the numbers issued.
import {
  addAnswer,
  checkDeadline,
  currentFeedback,
  deadlineAfter,
  feedbackDueAt,
  outstandingOrganisations,
  type AnswerProblem,
  type DeadlineProblem,
  type FeedbackRound,
  type FeedbackVersion,
} from '../../../shared/feedbackRound.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { isWebLink } from '../../../shared/text.js';
import type { AgreementRevisionRule, Programme } from '../../../shared/programme/schema.js';
import type { IsoDate } from '../../../shared/schedule/oslo.js';

export type RevisionStage = 'hearing' | 'closed' | 'voting' | 'adopted' | 'rejected';

export type RevisionEvent =
  | { kind: 'opened'; deadline: IsoDate; organisations: string[] }
  | { kind: 'answer'; party: string; version: number; late: boolean }
  | { kind: 'hearing-closed'; missing: string[]; early: boolean }
  | { kind: 'voting'; voteId: string }
  | { kind: 'decided'; adopted: boolean; voteId: string };

export interface RevisionHistoryEntry {
  at: number;
  by: PersonRef;
  event: RevisionEvent;
}

export interface AgreementRevision extends FeedbackRound {
  /** Readable id, e.g. A-001. */
  id: string;
  /** The year whose revision this is (Oslo calendar year of the opening). */
  year: number;
  /** The body that decides (the steering group). */
  body: string;
  /** The proposed changes, in writing (§8: «skal gjøres skriftlig»). */
  changes: string;
  /** Where the full text of the revised agreement is ('' for none). */
  link: string;
  /** The hearing closed: at the deadline (by Samspill) or earlier by the office. */
  hearingClosed?: { at: number; by: PersonRef; missing: string[]; early: boolean };
  /** The body's vote on the revision, once opened. */
  voteId?: string;
  decision?: { adopted: boolean; voteId: string; at: number; by: PersonRef };
  openedBy: PersonRef;
  /** Every step, oldest first. */
  history: RevisionHistoryEntry[];
}

export type RevisionAction = 'open' | 'answer' | 'close';

export type AgreementRevisionProblem =
  | { code: 'no-agreement-revision' }
  | { code: 'no-parties-to-hear' }
  | { code: 'not-allowed'; action: RevisionAction; needs: 'office' | 'heard-party' }
  | { code: 'out-of-order'; action: RevisionAction | 'vote' | 'decide'; stage: RevisionStage }
  | { code: 'revision-under-way'; id: string }
  | { code: 'invalid'; field: 'changes' | 'link' }
  | DeadlineProblem
  | AnswerProblem;

export interface RevisionStep {
  revision: AgreementRevision;
  changed: boolean;
}

export const CHANGES_MAX = 4000;
export const LINK_MAX = 1000;

export const formatRevisionId = (n: number) => `A-${String(n).padStart(3, '0')}`;

const personOf = (programme: Programme, id: string) => programme.people.find((p) => p.aadObjectId === id);
const isOffice = (programme: Programme, id: string) => personOf(programme, id)?.roles.includes('office') ?? false;

export const revisionRuleOf = (programme: Programme): AgreementRevisionRule | undefined => programme.agreementRevision;

/** «alle medlemskommunene»: the parties of the configured kind (every party when none is
 * named), in the programme file's order. */
export function hearingParties(programme: Programme, rule: AgreementRevisionRule): string[] {
  const kind = rule.among.partyKind;
  return programme.parties.filter((p) => kind === undefined || p.kind === kind).map((p) => p.id);
}

/**
 * Who gets a party's hearing request: its representatives in the deciding body (the
 * municipality's chief executive in the steering group); a party with no seat there, everyone the
 * programme file names for it. Anyone of the party may answer for it.
 */
export function partyRepresentatives(programme: Programme, rule: Pick<AgreementRevisionRule, 'body'>, party: string): PersonRef[] {
  const body = programme.bodies.find((b) => b.id === rule.body);
  const seats = body ? [...new Set([...(body.chair ? [body.chair] : []), ...body.members])] : [];
  const seated = seats.flatMap((id) => {
    const person = personOf(programme, id);
    return person && person.party === party ? [{ id, name: person.name }] : [];
  });
  if (seated.length > 0) return seated;
  return programme.people.filter((p) => p.party === party).map((p) => ({ id: p.aadObjectId, name: p.name }));
}

export function revisionStage(r: AgreementRevision): RevisionStage {
  if (r.decision) return r.decision.adopted ? 'adopted' : 'rejected';
  if (r.voteId) return 'voting';
  if (r.hearingClosed) return 'closed';
  return 'hearing';
}

const underWay = (r: AgreementRevision) => ['hearing', 'closed', 'voting'].includes(revisionStage(r));

/** The hearing deadline the opening form suggests. */
export const defaultHearingDeadline = (rule: Pick<AgreementRevisionRule, 'hearingBusinessDays'>, now: number): IsoDate => deadlineAfter(now, rule.hearingBusinessDays);

/** The party a person answers for, when it was heard. */
export function answeringParty(programme: Programme, r: AgreementRevision, personId: string): string | undefined {
  const party = personOf(programme, personId)?.party;
  return party !== undefined && r.organisations.includes(party) ? party : undefined;
}

export interface OpenRevisionInput {
  changes: string;
  link: string;
  deadline: string;
  by: PersonRef;
  at: number;
  year: number;
}

/** Opens the hearing (office only). One revision is under way at a time: a new one may follow
 * once the body has decided the last. */
export function openAgreementRevision(
  programme: Programme,
  existing: readonly AgreementRevision[],
  sequence: number,
  input: OpenRevisionInput,
): Result<AgreementRevision, AgreementRevisionProblem> {
  if (!isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'open', needs: 'office' });
  const rule = revisionRuleOf(programme);
  if (!rule) return err({ code: 'no-agreement-revision' });
  const organisations = hearingParties(programme, rule);
  if (organisations.length === 0) return err({ code: 'no-parties-to-hear' });
  const changes = input.changes.trim();
  if (changes === '' || changes.length > CHANGES_MAX) return err({ code: 'invalid', field: 'changes' });
  const link = input.link.trim();
  if (link !== '' && (link.length > LINK_MAX || !isWebLink(link))) return err({ code: 'invalid', field: 'link' });
  const deadline = checkDeadline(input.deadline, input.at);
  if (!deadline.ok) return deadline;
  const ongoing = existing.find(underWay);
  if (ongoing) return err({ code: 'revision-under-way', id: ongoing.id });
  return ok({
    id: formatRevisionId(sequence),
    year: input.year,
    body: rule.body,
    changes,
    link,
    deadline: deadline.value,
    organisations,
    feedback: [],
    openedBy: input.by,
    openedAt: input.at,
    history: [{ at: input.at, by: input.by, event: { kind: 'opened', deadline: deadline.value, organisations } }],
  });
}

/** A heard party's written answer, accepted while the hearing is open (after the deadline day,
 * until the hearing is closed, it is marked late). */
export function giveHearingAnswer(
  programme: Programme,
  r: AgreementRevision,
  input: { text: string; by: PersonRef; at: number },
): Result<RevisionStep & { version: FeedbackVersion }, AgreementRevisionProblem> {
  const party = answeringParty(programme, r, input.by.id);
  if (party === undefined) return err({ code: 'not-allowed', action: 'answer', needs: 'heard-party' });
  const stage = revisionStage(r);
  if (stage !== 'hearing') return err({ code: 'out-of-order', action: 'answer', stage });
  const added = addAnswer(r, party, input);
  if (!added.ok) return added;
  const { changed, version, feedback } = added.value;
  if (!changed) return ok({ revision: r, changed: false, version });
  const event: RevisionEvent = { kind: 'answer', party, version: version.version, late: version.late };
  return ok({ revision: { ...r, feedback, history: [...r.history, { at: input.at, by: input.by, event }] }, changed: true, version });
}

/** The hearing is due to close: its deadline day has passed. */
export const hearingCloseDue = (r: AgreementRevision, now: number): boolean => revisionStage(r) === 'hearing' && now > feedbackDueAt(r);

/**
 * Closes the hearing: by the office at any time (early, e.g. once every party has answered), or
 * by Samspill (`system`) once the deadline day has passed. Closing again changes nothing.
 */
export function closeHearing(
  programme: Programme,
  r: AgreementRevision,
  input: { by: PersonRef; at: number; system?: boolean },
): Result<RevisionStep, AgreementRevisionProblem> {
  if (!input.system && !isOffice(programme, input.by.id)) return err({ code: 'not-allowed', action: 'close', needs: 'office' });
  const stage = revisionStage(r);
  if (stage !== 'hearing') {
    if (r.hearingClosed) return ok({ revision: r, changed: false });
    return err({ code: 'out-of-order', action: 'close', stage });
  }
  if (input.system && !hearingCloseDue(r, input.at)) return err({ code: 'out-of-order', action: 'close', stage });
  const missing = outstandingOrganisations(r);
  const early = input.at <= feedbackDueAt(r);
  return ok({
    revision: {
      ...r,
      hearingClosed: { at: input.at, by: input.by, missing, early },
      history: [...r.history, { at: input.at, by: input.by, event: { kind: 'hearing-closed', missing, early } }],
    },
    changed: true,
  });
}

/** The body's vote is open on the revision (after the hearing closed). The same vote again
 * changes nothing. */
export function markVoting(r: AgreementRevision, voteId: string, by: PersonRef, at: number): Result<RevisionStep, AgreementRevisionProblem> {
  if (r.voteId === voteId) return ok({ revision: r, changed: false });
  const stage = revisionStage(r);
  // A new round of a vote without quorum replaces the first.
  if (stage !== 'closed' && stage !== 'voting') return err({ code: 'out-of-order', action: 'vote', stage });
  return ok({ revision: { ...r, voteId, history: [...r.history, { at, by, event: { kind: 'voting', voteId } }] }, changed: true });
}

/** The body's decision, recorded once (the vote closer may run it again after a crash). */
export function recordRevisionDecision(
  r: AgreementRevision,
  input: { adopted: boolean; voteId: string; by: PersonRef; at: number },
): Result<RevisionStep, AgreementRevisionProblem> {
  if (r.decision) return r.decision.voteId === input.voteId ? ok({ revision: r, changed: false }) : err({ code: 'out-of-order', action: 'decide', stage: revisionStage(r) });
  const stage = revisionStage(r);
  if (stage !== 'closed' && stage !== 'voting') return err({ code: 'out-of-order', action: 'decide', stage });
  const decision = { adopted: input.adopted, voteId: input.voteId, at: input.at, by: input.by };
  const event: RevisionEvent = { kind: 'decided', adopted: input.adopted, voteId: input.voteId };
  return ok({ revision: { ...r, voteId: r.voteId ?? input.voteId, decision, history: [...r.history, { at: input.at, by: input.by, event }] }, changed: true });
}

export interface HearingSummary {
  asked: number;
  /** Each party's current answer, in the order the parties were asked. */
  answers: { party: string; version: FeedbackVersion }[];
  /** Parties that have not answered. */
  missing: string[];
  late: number;
}

/** The hearing in numbers and answers: what the body's vote card shows. */
export function hearingSummary(r: AgreementRevision): HearingSummary {
  const current = currentFeedback(r);
  const answers = r.organisations.flatMap((party) => {
    const version = current.get(party);
    return version ? [{ party, version }] : [];
  });
  return { asked: r.organisations.length, answers, missing: outstandingOrganisations(r), late: answers.filter((a) => a.version.late).length };
}

/** Whether the year's revision was opened (the yearly reminder stops then). */
export const revisedInYear = (revisions: readonly AgreementRevision[], year: number): boolean => revisions.some((r) => r.year === year);

/** Orders A-999 before A-1000. */
export const compareRevisions = (a: AgreementRevision, b: AgreementRevision): number => Number(a.id.slice(2)) - Number(b.id.slice(2));
