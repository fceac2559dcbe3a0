// Samples of the admission cards (DSOP §2.3), built with the real view builders at their
// largest: every criterion with a long note, many applications and admitted parties, and the
// vote card of an admission (open and decided).
import type { Access } from '../../src/shared/access.js';
import type { AdmissionRecord } from '../../src/features/membership/app/admission.js';
import { fileApplication, type MembershipApplication } from '../../src/features/membership/domain/admission.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import type { AdmissionFormView, AdmissionListView, AdmissionProposalView } from '../../src/features/membership/teams/admissionCardViews.js';
import { admissionFormView, admissionListView, admissionProposalView } from '../../src/features/membership/teams/admissionViews.js';
import { decide } from '../../src/shared/decision/decide.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import type { VoteOutcomeView, VoteView } from '../../src/features/votes/teams/voteCardViews.js';
import { openVoteView, outcomeView } from '../../src/features/votes/teams/voteViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const at = Date.UTC(2026, 10, 1, 9);
const text = (nb: string, en: string) => ({ nb, en });

export const admissionProgramme = testProgramme({
  membership: {
    admission: {
      body: 'styringsgruppen',
      rule: { kind: 'consensus' },
      criteria: ['toppleder', 'fast-deltakelse', 'aktiv-i-prosjekt', 'stotter-visjonen', 'ikke-underlagt'].map((id) => ({
        id,
        name: text(`${id}: ${long(120)}`, `${id}: ${long(120)}`),
      })),
    },
  },
});
const access: Access = {
  programme: admissionProgramme,
  roles: rolesIn(admissionProgramme, 'aad-office')!,
  key: { tenantId: TENANT, programmeId: admissionProgramme.id },
  actor: { id: 'aad-office', name: 'Ola Office' },
};

const application = (n: number, status: MembershipApplication['status']): MembershipApplication => {
  const made = fileApplication(admissionProgramme, n, {
    organisation: `Statens ${long(80)} ${n}`,
    tenantIds: ['00000000-0000-0000-0000-000000000099'],
    representativeName: long(120),
    link: 'https://example.org/søknad(1) ${x}',
    criteria: Object.fromEntries(admissionProgramme.membership!.admission!.criteria.map((c, i) => [c.id, { met: i % 2 === 0, note: long(900) }])),
    by: { id: 'aad-office', name: 'Ola Office' },
    at,
  });
  if (!made.ok) throw new Error(`sample application: ${made.error.code}`);
  return { ...made.value, status };
};
const applications = Array.from({ length: 25 }, (_, i) => application(i + 1, (['filed', 'voting', 'admitted', 'rejected'] as const)[i % 4]!));
const admitted: AdmissionRecord[] = Array.from({ length: 10 }, (_, i) => ({
  party: { id: `ny-${i}`, name: long(100), tenantIds: [] },
  people: [],
  applicationId: `M-00${i}`,
  voteId: `M-00${i}.admission.${'x'.repeat(8)}`,
  decidedAt: at,
  decidedBy: { id: 'samspill', name: 'Samspill' },
}));

const first = applications[0]!;
const vote: GateVote = {
  id: `${first.id}.admission.mh0000`,
  tenantId: TENANT,
  programmeId: admissionProgramme.id,
  ideaNumber: first.id,
  ideaTitle: first.organisation,
  gate: 'admission',
  matter: { kind: 'admission', applicationId: first.id },
  body: 'styringsgruppen',
  electorate: { members: ['aad-chair', 'aad-member'], chair: 'aad-chair', observers: ['aad-observer'], secretary: 'aad-office' },
  rule: { kind: 'consensus' },
  budgetMatter: false,
  basis: [{ deliverable: 'application', link: first.link! }],
  override: { by: { id: 'aad-office', name: 'Ola Office' }, at, missing: ['fast-deltakelse'], reason: long(600) },
  openedBy: { id: 'aad-office', name: 'Ola Office' },
  openedAt: at,
  deadline: at + 7 * 86_400_000,
  channel: { conversationId: '19:channel@thread.tacv2', language: 'nb' },
  status: 'open',
  progress: { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false },
};
const ballots = [
  { voter: 'aad-chair', choice: 'for' as const, castAt: at, seq: 1 },
  { voter: 'aad-member', choice: 'for' as const, castAt: at, seq: 1, comment: long(500) },
];
const closed: GateVote = {
  ...vote,
  status: 'closed',
  outcome: decide({ body: { ...vote.electorate, rule: vote.rule }, ballots, budgetMatter: false }),
  applied: { at, ok: true },
};
const base = { programme: admissionProgramme, subject: { kind: 'admission' as const, application: first }, latest: ballots, refreshUserIds: [] };

export const admissionSamples: {
  admissionForm: AdmissionFormView[];
  admissionList: AdmissionListView[];
  admissionProposal: AdmissionProposalView[];
} = {
  admissionForm: [
    admissionFormView(admissionProgramme, 'nb'),
    admissionFormView(admissionProgramme, 'en', {
      values: { organisation: long(200), representative: long(200), link: 'https://x.example/${y}', 'met.toppleder': 'true', 'note.toppleder': long(1000) },
      problems: [long(300), long(300)],
      submissionId: 'sub-12345678',
    }),
  ],
  admissionList: [
    admissionListView(access, [], [], 'nb'),
    admissionListView(access, applications, admitted, 'en', long(300)),
  ],
  admissionProposal: [
    admissionProposalView(admissionProgramme, first, { language: 'nb', now: at, channelMissing: true }),
    admissionProposalView(admissionProgramme, first, {
      language: 'en',
      now: at,
      channelMissing: false,
      values: { deadlineDate: '2026-11-20', deadlineTime: '10:00', reason: long(2000) },
      problems: [long(300)],
    }),
  ],
};

/** The admission vote's card, open and decided (added to the vote samples). */
export const admissionVoteSamples: { vote: VoteView[]; voteOutcome: VoteOutcomeView[] } = {
  vote: [openVoteView({ ...base, vote, language: 'nb' }), openVoteView({ ...base, vote, language: 'en' })],
  voteOutcome: [outcomeView({ ...base, vote: closed, language: 'nb' }), outcomeView({ ...base, vote: closed, language: 'en' })],
};
