// Samples of the agreement-revision cards (Digi Rogaland §8), built with the real domain steps
// and view builders, at their largest: twenty municipalities that all answered at full length,
// full-length proposed changes, and the vote card with the hearing summary.
import {
  closeHearing,
  giveHearingAnswer,
  markVoting,
  openAgreementRevision,
  type AgreementRevision,
} from '../../src/features/agreementRevision/domain/agreementRevision.js';
import { decide } from '../../src/shared/decision/decide.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import { type AgreementRevisionFormView, type AgreementRevisionView, hearingCardView, revisionFormView, revisionView } from '../../src/features/agreementRevision/teams/agreementRevisionViews.js';
import type { FinalTreatmentFeedbackView } from '../../src/features/measures/teams/finalTreatmentCardViews.js';
import type { VoteOutcomeView, VoteView } from '../../src/features/votes/teams/voteCardViews.js';
import { openVoteView, outcomeView } from '../../src/features/votes/teams/voteViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const text = (nb: string, en = nb) => ({ nb, en });
const kommuner = Array.from({ length: 20 }, (_, i) => `kommune-${i + 1}`);

export const rogalandSample: Programme = programmeSchema.parse({
  ...testProgramme(),
  id: 'digi',
  name: 'Digi Rogaland',
  parties: [...kommuner.map((id) => ({ id, name: `${long(30)} ${id}`, kind: 'kommune', tenantIds: [TENANT] })), { id: 'ks', name: 'KS', kind: 'ks', tenantIds: [TENANT] }],
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'ks', roles: ['office'] },
    ...kommuner.map((party, i) => ({ aadObjectId: `aad-k${i}`, name: `Rådmann ${i}`, party })),
  ],
  bodies: [{ id: 'styringsgruppe', name: text('Styringsgruppen'), rule: { kind: 'majority' }, members: kommuner.map((_, i) => `aad-k${i}`), chair: 'aad-k0' }],
  agreementRevision: { body: 'styringsgruppe', among: { partyKind: 'kommune' } },
});

const at = osloTime('2027-01-11', 10);
const office = { id: 'aad-office', name: 'Ola Office' };
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const opened = must(openAgreementRevision(rogalandSample, [], 1, { changes: long(4000), link: 'https://example.org/avtale', deadline: '2027-02-05', by: office, at, year: 2027 }));
let answered: AgreementRevision = opened;
for (let round = 0; round < 2; round++) {
  kommuner.forEach((_, i) => {
    answered = must(giveHearingAnswer(rogalandSample, answered, { text: `${round} ${long(3990)}`, by: { id: `aad-k${i}`, name: `Rådmann ${i}` }, at: at + round * 1000 + i })).revision;
  });
}
const closed = must(closeHearing(rogalandSample, answered, { by: office, at: at + 5000 })).revision;
const voting = must(markVoting(closed, 'A-001.agreement-revision.x', office, at + 6000)).revision;

const vote: GateVote = {
  id: 'A-001.agreement-revision.x',
  tenantId: TENANT,
  programmeId: 'digi',
  ideaNumber: 'A-001',
  ideaTitle: 'Revisjon av avtalen 2027',
  gate: 'agreement-revision',
  matter: { kind: 'agreement-revision', revisionId: 'A-001' },
  body: 'styringsgruppe',
  electorate: { members: kommuner.map((_, i) => `aad-k${i}`), chair: 'aad-k0', observers: [], secretary: 'aad-office' },
  rule: { kind: 'majority' },
  budgetMatter: false,
  basis: [],
  openedBy: office,
  openedAt: at,
  deadline: at + 7 * 86_400_000,
  channel: { conversationId: '19:channel@thread.tacv2', language: 'nb' },
  status: 'open',
  progress: { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false },
};
const ballots = vote.electorate.members.map((voter, i) => ({ voter, choice: 'for' as const, castAt: at + i, seq: 1, comment: long(500) }));
const decidedVote: GateVote = {
  ...vote,
  status: 'closed',
  closing: { at, by: office, how: 'manual' },
  outcome: decide({ body: { ...vote.electorate, rule: vote.rule }, ballots, budgetMatter: false }),
  applied: { at, ok: true },
};
const input = { programme: rogalandSample, subject: { kind: 'agreement-revision' as const, revision: voting }, latest: ballots, refreshUserIds: [] };

export const agreementRevisionSamples: {
  agreementRevisionForm: AgreementRevisionFormView[];
  agreementRevision: AgreementRevisionView[];
  hearingCards: FinalTreatmentFeedbackView[];
} = {
  agreementRevisionForm: [
    revisionFormView({ programme: rogalandSample, rule: rogalandSample.agreementRevision!, parties: kommuner, language: 'nb', now: at }),
    revisionFormView({ programme: rogalandSample, rule: rogalandSample.agreementRevision!, parties: kommuner, language: 'en', now: at, values: { changes: long(4000), link: long(1000) }, problems: [long(200), long(200)] }),
  ],
  agreementRevision: [
    revisionView({ programme: rogalandSample, revision: answered, viewer: 'aad-office', language: 'nb', now: at, banner: long(300), problems: [long(200)] }),
    revisionView({ programme: rogalandSample, revision: voting, viewer: 'aad-k1', language: 'en', now: at }),
    revisionView({ programme: rogalandSample, revision: opened, viewer: 'aad-k1', language: 'nb', now: at }),
  ],
  hearingCards: [
    hearingCardView({ programme: rogalandSample, revision: opened, party: 'kommune-1', language: 'nb', banner: long(300) }),
    hearingCardView({ programme: rogalandSample, revision: voting, party: 'kommune-2', language: 'en', problems: [long(200)], value: long(4000) }),
  ],
};

/** The revision's vote card with the hearing summary, open and decided (added to the vote samples). */
export const agreementRevisionVoteSamples: { vote: VoteView[]; voteOutcome: VoteOutcomeView[] } = {
  vote: [openVoteView({ ...input, vote, language: 'nb' }), openVoteView({ ...input, vote, language: 'en' })],
  voteOutcome: [outcomeView({ ...input, vote: decidedVote, language: 'nb' }), outcomeView({ ...input, vote: decidedVote, language: 'en' })],
};
