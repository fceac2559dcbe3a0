// Samples of the roadmap revision's cards (Digi Rogaland §4.7), built with the real view
// builders at their largest: the most pending changes a revision may hold, each with a long
// title and note, a revision being voted on, earlier revisions; the roadmap card with changes
// not in force; and the vote card of a revision, open and decided, with every ballot.
import type { Access } from '../../src/shared/access.js';
import type { ChangeRow, RevisionPicture } from '../../src/features/roadmap/app/revisions.js';
import { decide } from '../../src/shared/decision/decide.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { MAX_CHANGES_PER_REVISION, type ProposedChange, type RoadmapProposal } from '../../src/features/roadmap/domain/revision.js';
import { roadmapLayout } from '../../src/features/roadmap/domain/roadmap.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import type { RoadmapView } from '../../src/features/roadmap/teams/roadmapCardView.js';
import { roadmapView } from '../../src/features/roadmap/teams/roadmapHandlers.js';
import type { RoadmapRevisionView } from '../../src/features/roadmap/teams/roadmapRevisionCardView.js';
import { roadmapRevisionView } from '../../src/features/roadmap/teams/roadmapRevisionHandlers.js';
import type { VoteOutcomeView, VoteView } from '../../src/features/votes/teams/voteCardViews.js';
import { openVoteView, outcomeView } from '../../src/features/votes/teams/voteViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const at = Date.UTC(2026, 10, 1, 9);
const office = { id: 'aad-office', name: 'Ola Office med et ganske langt navn' };

// Sixty members, so the outcome card carries the most ballot lines it shows.
const members = Array.from({ length: 60 }, (_, i) => `aad-m${i}`);
const base = testProgramme();
export const revisionProgramme = testProgramme({
  roadmap: { body: 'styringsgruppen' },
  people: [...base.people, ...members.map((id) => ({ aadObjectId: id, name: `Medlem ${id} ${long(30)}`, party: 'skatteetaten', roles: [] }))],
  bodies: base.bodies.map((b) => ({ ...b, members: [...b.members, ...members] })),
});
const access = (id: string): Access => ({
  programme: revisionProgramme,
  roles: rolesIn(revisionProgramme, id)!,
  key: { tenantId: TENANT, programmeId: revisionProgramme.id },
  actor: { id, name: 'Sample' },
});

const idea = (n: number): Idea => {
  const made = register(revisionProgramme, {
    number: `DSOP-2026-${String(n).padStart(3, '0')}`,
    title: `${n} ${long(200)}`,
    description: long(400),
    party: 'skatteetaten',
    links: [],
    submittedBy: office,
    at,
  });
  if (!made.ok) throw new Error('sample idea');
  return { ...made.value.idea, status: 'active', phase: 'konsept' };
};
const change = (n: number): ProposedChange => ({
  ideaNumber: `DSOP-2026-${String(n).padStart(3, '0')}`,
  start: '2027-Q1',
  end: '2028-Q4',
  note: long(500),
  by: office,
  at,
  kind: 'changed',
  changes: [
    { field: 'start', from: '2026-Q3', to: '2027-Q1' },
    { field: 'end', from: '2027-Q4', to: '2028-Q4' },
    { field: 'note', from: long(500), to: long(500) },
  ],
});
const ideas = Array.from({ length: MAX_CHANGES_PER_REVISION * 2 }, (_, i) => idea(i + 1));
const rows = (from: number): ChangeRow[] =>
  Array.from({ length: MAX_CHANGES_PER_REVISION }, (_, i) => ({ change: change(from + i), idea: ideas[from + i - 1]! }));

const proposal = (sequence: number, status: RoadmapProposal['status']): RoadmapProposal => ({
  id: `R-${String(sequence).padStart(3, '0')}`,
  sequence,
  body: 'styringsgruppen',
  status,
  changes: rows(1).map((r) => r.change),
  proposedBy: office,
  proposedAt: at,
  submissionId: 'sample-submission',
  voteId: `R-00${sequence}.roadmap-revision.abcdefgh`,
  ...(status === 'adopted' || status === 'rejected'
    ? { decision: { adopted: status === 'adopted', voteId: `R-00${sequence}.roadmap-revision.abcdefgh`, at, by: office } }
    : {}),
});
const open = proposal(6, 'voting');
const full: RevisionPicture = {
  access: access('aad-office'),
  body: 'styringsgruppen',
  pending: rows(MAX_CHANGES_PER_REVISION + 1),
  open: { proposal: open, rows: rows(1) },
  decided: [1, 2, 3, 4, 5].map((n) => proposal(n, n % 2 === 0 ? 'rejected' : 'adopted')),
};
const { open: _voting, ...notVoting } = full;
const empty: RevisionPicture = { access: access('aad-member'), body: 'styringsgruppen', pending: [], decided: [] };

export const roadmapRevisionSamples: { roadmapRevision: RoadmapRevisionView[] } = {
  roadmapRevision: [
    roadmapRevisionView(empty, { language: 'nb', now: at, channelMissing: false }),
    roadmapRevisionView(full, { language: 'en', now: at, channelMissing: true, banner: long(300), bannerStyle: 'attention', values: { deadlineDate: '2026-11-20', deadlineTime: '10:00' } }),
    // The office with pending changes and nothing being voted on: the proposal form.
    roadmapRevisionView(notVoting, { language: 'nb', now: at, channelMissing: false }),
  ],
};

/** The roadmap card with changes not in force (added to the roadmap samples). */
export const roadmapWithChangesSamples: RoadmapView[] = [
  roadmapView(
    {
      access: access('aad-office'),
      layout: roadmapLayout(revisionProgramme, ideas.slice(0, 25), []),
      lastRevision: { ideaNumber: 'DSOP-2026-001', by: office, at, kind: 'changed', changes: [], decision: { revisionId: 'R-005', voteId: 'x' } },
      changes: { body: 'styringsgruppen', open: { proposal: open, rows: rows(1) }, pending: rows(MAX_CHANGES_PER_REVISION + 1) },
    },
    { language: 'nb', now: at },
    long(200),
  ),
];

const vote: GateVote = {
  id: `${open.id}.roadmap-revision.mh0000`,
  tenantId: TENANT,
  programmeId: revisionProgramme.id,
  ideaNumber: open.id,
  ideaTitle: '30 endringer i veikartet',
  gate: 'roadmap-revision',
  matter: { kind: 'roadmap-revision', revisionId: open.id },
  body: 'styringsgruppen',
  electorate: { members: ['aad-chair', 'aad-member', ...members], chair: 'aad-chair', observers: ['aad-observer'], secretary: 'aad-office' },
  rule: { kind: 'consensus' },
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
const closed: GateVote = {
  ...vote,
  status: 'closed',
  closing: { at, by: office, how: 'manual' },
  outcome: decide({ body: { ...vote.electorate, rule: vote.rule }, ballots, budgetMatter: false }),
  applied: { at, ok: true },
};
const subject = { kind: 'roadmap-revision' as const, revision: open, ideas: ideas.slice(0, MAX_CHANGES_PER_REVISION) };
const input = { programme: revisionProgramme, subject, latest: ballots, refreshUserIds: [] };

/** The revision's vote card, open and decided (added to the vote samples). */
export const roadmapRevisionVoteSamples: { vote: VoteView[]; voteOutcome: VoteOutcomeView[] } = {
  vote: [openVoteView({ ...input, vote, language: 'nb' }), openVoteView({ ...input, vote, language: 'en' })],
  voteOutcome: [outcomeView({ ...input, vote: closed, language: 'nb' }), outcomeView({ ...input, vote: closed, language: 'en' })],
};
