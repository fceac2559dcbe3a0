// Samples of the vote cards, built with the real view builders: an open vote (shared, a
// voter's own view, an observer's, the chair's with the close button), outcomes (adopted with
// 60 ballots and long comments, Skate advice awaiting and with the director's decision), the
// proposal form, and the decision log.
import type { Access } from '../../src/shared/access.js';
import { decide } from '../../src/shared/decision/decide.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { viewerOf, type BallotRecord, type GateVote } from '../../src/features/votes/domain/gateVote.js';
import type { VoteLogView, VoteOutcomeView, VoteProposalView, VoteView } from '../../src/features/votes/teams/voteCardViews.js';
import { logView } from '../../src/features/votes/teams/voteLog.js';
import { openVoteView, outcomeView, proposalView } from '../../src/features/votes/teams/voteViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const at = Date.UTC(2026, 10, 1, 9);
const programme = testProgramme();
const made = register(programme, {
  number: 'DSOP-2026-001',
  title: 'Tittel med ${ikke.evaluert}',
  description: long(3900),
  party: 'skatteetaten',
  links: [],
  submittedBy: { id: 'aad-member', name: 'Per Member' },
  at,
});
if (!made.ok) throw new Error('sample idea');
const idea = {
  ...made.value.idea,
  status: 'qualified' as const,
  qualification: { assessment: long(300), recommendation: long(300), gate: 'BP1', by: { id: 'aad-office', name: 'Ola' }, at },
};

const members = ['aad-chair', 'aad-member', ...Array.from({ length: 58 }, (_, i) => `aad-extra-${i}`)];
const vote: GateVote = {
  id: 'DSOP-2026-001.BP1.mh0000',
  tenantId: TENANT,
  programmeId: 'dsop',
  ideaNumber: idea.number,
  ideaTitle: idea.title,
  gate: 'BP1',
  body: 'styringsgruppen',
  electorate: { members, chair: 'aad-chair', observers: ['aad-observer'], secretary: 'aad-office' },
  rule: { kind: 'consensus-then-majority', chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true, quorum: { minShareCast: 0.5 } },
  budgetMatter: true,
  basis: [{ deliverable: 'kvalifisering', link: 'https://example.org/a(b) c' }, { deliverable: 'mangler' }],
  override: { by: { id: 'aad-office', name: 'Ola Office' }, at, missing: ['mangler'], reason: long(500) },
  openedBy: { id: 'aad-office', name: 'Ola Office' },
  openedAt: at,
  deadline: at + 7 * 86_400_000,
  channel: { conversationId: '19:channel@thread.tacv2', language: 'nb' },
  status: 'open',
  progress: { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false },
};
const ballots: BallotRecord[] = members.map((voter, i) => ({
  voter,
  choice: i % 3 === 0 ? 'against' : 'for',
  castAt: at + i * 60_000,
  comment: long(1000),
  seq: 1 + (i % 2),
}));
const userIds = Array.from({ length: 60 }, (_, i) => `29:${'x'.repeat(80)}${i}`);
const viewer = (id: string) => ({ id, viewer: viewerOf(vote, id, id === 'aad-office'), own: ballots.find((b) => b.voter === id) });
const base = { programme, vote, subject: { kind: 'idea' as const, idea }, latest: ballots, refreshUserIds: userIds };

const outcome = decide({ body: { ...vote.electorate, rule: vote.rule }, ballots, budgetMatter: true });
const closed: GateVote = {
  ...vote,
  status: 'closed',
  closing: { at: at + 86_400_000, by: { id: 'aad-chair', name: 'Kari Chair' }, how: 'manual' },
  outcome,
  applied: { at, ok: true, toPhase: 'konsept' },
};
const skate: GateVote = { ...closed, decidedBy: { title: { nb: 'Difis direktør', en: 'The Director of Difi' } }, applied: undefined };
const decided: GateVote = {
  ...skate,
  director: { adopted: false, by: 'aad-office', name: 'Ola Office', at, comment: long(500) },
  applied: { at, ok: false, error: 'gate-not-from-current-phase' },
};

const access: Access = {
  programme,
  roles: rolesIn(programme, 'aad-office')!,
  key: { tenantId: TENANT, programmeId: 'dsop' },
  actor: { id: 'aad-office', name: 'Ola Office' },
};

export const voteSamples: {
  vote: VoteView[];
  voteOutcome: VoteOutcomeView[];
  voteProposal: VoteProposalView[];
  voteLog: VoteLogView[];
} = {
  vote: [
    openVoteView({ ...base, latest: [], language: 'nb' }),
    openVoteView({ ...base, language: 'en', personal: viewer('aad-member'), banner: { text: 'Your vote is recorded: For.', style: 'good' } }),
    openVoteView({ ...base, language: 'nb', personal: viewer('aad-observer'), banner: { text: long(200), style: 'attention' } }),
    openVoteView({ ...base, language: 'nb', personal: viewer('aad-chair') }),
    openVoteView({ ...base, language: 'en', personal: viewer('aad-office'), refreshUserIds: [] }),
  ],
  voteOutcome: [
    outcomeView({ ...base, vote: closed, language: 'nb' }),
    outcomeView({ ...base, vote: skate, language: 'en', refreshUserIds: [] }),
    outcomeView({ ...base, vote: skate, language: 'nb', personal: viewer('aad-office'), refreshUserIds: [] }),
    outcomeView({ ...base, vote: decided, language: 'en', refreshUserIds: [] }),
  ],
  voteProposal: [
    proposalView({ programme, idea, gate: programme.gates[0]!, channelMissing: true, language: 'nb', now: at, submissionId: 'sub-12345678' }),
    proposalView({
      programme,
      idea,
      gate: { ...programme.gates[0]!, deliverables: [{ id: 'a', name: { nb: long(120), en: long(120) } }, { id: 'b', name: { nb: 'B', en: 'B' } }] },
      channelMissing: false,
      language: 'en',
      now: at,
      submissionId: 'sub-12345678',
      values: { 'link.a': 'https://example.org/${ikke.evaluert}', deadlineDate: '2026-11-20', deadlineTime: '10:00', override: 'true', overrideReason: long(300) },
      problems: [long(200)],
    }),
  ],
  voteLog: [
    logView(
      {
        access,
        filter: {},
        page: {
          items: Array.from({ length: 5 }, (_, i) => ({ vote: i % 2 ? decided : closed, ballots: ballots.slice(0, 60) })),
          offset: 5,
          total: 12,
          next: { start: 'vix|all|0000000000001|v-11', offset: 10, back: [''] },
          previous: { offset: 0, back: [] },
        },
      },
      'nb',
      '',
    ),
    logView({ access, filter: { body: 'styringsgruppen' }, page: { items: [], offset: 0, total: 0 } }, 'en', 'styringsgruppen'),
    // Disputes only: free text with template syntax in it stays text.
    logView({ access, filter: {}, page: { items: [], offset: 0, total: 0 } }, 'nb', '', [`Uenighet 1 i DSOP-2026-001: \${ikke.evaluert} ${long(200)}`]),
  ],
};
