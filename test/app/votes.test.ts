// Voting use cases against real (in-memory) Azurite and the real Teams board, with an
// in-memory Delivery port: many members at once, replays, the race between a late ballot and
// closing, closing twice at once, budget matters, resuming after a crash, and the coalesced
// channel-card updates (few, in order, the outcome last).
import { applyAdmission } from '../../src/features/membership/app/admission.js';
import { ApplicationTable } from '../../src/features/membership/storage/applicationTable.js';
import { PartyRegistryTable } from '../../src/features/membership/storage/partyRegistryTable.js';
import { VoteSubjects } from '../../src/features/votes/teams/voteSubject.js';
import { REMIND_VOTERS_BEFORE_MS, votersReminderDue } from '../../src/features/votes/domain/votersReminder.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, DeliveryJob, DeliveryLog, DeliveryRecord } from '../../src/shared/delivery.js';
import { ProgrammeDirectory } from '../../src/shared/programmeDirectory.js';
import type { RequestContext } from '../../src/shared/requestContext.js';
import { castVote } from '../../src/features/votes/app/castVote.js';
import { RoadmapTable } from '../../src/features/roadmap/storage/roadmapTable.js';
import { planEntry } from '../../src/features/roadmap/domain/roadmap.js';
import { closeVote, VoteCloser } from '../../src/features/votes/app/closeVote.js';
import { linkChannel } from '../../src/features/votes/app/linkChannel.js';
import { openGateVote } from '../../src/features/votes/app/openVote.js';
import { refOf, SYSTEM, type VoteDeps } from '../../src/features/votes/app/voteDeps.js';
import type { VoteRef } from '../../src/features/votes/app/voteRepository.js';
import type { Choice } from '../../src/shared/decision/ballot.js';
import { prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import { BodyChannelTable } from '../../src/features/votes/storage/bodyChannelTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { CardRenderer } from '../../src/platform/cards/cardRenderer.js';
import { TeamsIds } from '../../src/features/votes/teams/teamsIds.js';
import { TeamsVoteBoard } from '../../src/features/votes/teams/voteBoard.js';
import { VoteCards } from '../../src/features/votes/teams/voteCards.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

/** The Delivery port in memory: each key once; "sent" at once, or held until released. */
class FakeDelivery implements Delivery, DeliveryLog {
  readonly jobs: DeliveryJob[] = [];
  private readonly records = new Map<string, DeliveryRecord>();
  hold = false;
  private n = 0;

  async enqueue(job: DeliveryJob): Promise<'queued' | 'duplicate'> {
    if (this.records.has(job.key)) return 'duplicate';
    this.jobs.push(job);
    this.records.set(job.key, { key: job.key, tenantId: job.tenantId, target: job.target, state: 'queued', createdAt: Date.now() });
    if (!this.hold) this.release(job.key);
    return 'queued';
  }

  release(key: string): void {
    const record = this.records.get(key);
    const job = this.jobs.find((j) => j.key === key);
    if (!record || !job) return;
    const activityId = job.update?.activityId ?? `activity-${++this.n}`;
    this.records.set(key, { ...record, state: 'sent', outcome: { kind: 'sent', at: Date.now(), attempts: 1, activityId } });
  }

  releaseAll(): void {
    for (const job of this.jobs) if (this.records.get(job.key)?.state === 'queued') this.release(job.key);
  }

  async find(_tenantId: string, key: string) {
    return this.records.get(key);
  }

  async waiting(): Promise<DeliveryRecord[]> {
    return []; // every person here has a chat with the bot
  }

  async failures() {
    return [];
  }

  keys(pattern: RegExp): string[] {
    return this.jobs.map((j) => j.key).filter((k) => pattern.test(k));
  }
}

const MEMBERS = Array.from({ length: 60 }, (_, i) => `aad-m${String(i).padStart(2, '0')}`);
const text = (nb: string, en = nb) => ({ nb, en });

function programmeWith(rule: Programme['bodies'][number]['rule'], id = 'big'): Programme {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    id,
    ideaPrefix: id.toUpperCase(),
    people: [...base.people, ...MEMBERS.map((m) => ({ aadObjectId: m, name: `Medlem ${m}`, party: 'finans-norge' }))],
    bodies: [
      {
        id: 'styringsgruppen',
        name: text('Styringsgruppen', 'Steering group'),
        rule,
        members: ['aad-chair', ...MEMBERS],
        chair: 'aad-chair',
        observers: ['aad-observer'],
        secretary: 'aad-office',
      },
    ],
  });
}

const consensusProgramme = programmeWith({ kind: 'consensus' }, 'big');
const budgetProgramme = programmeWith({ kind: 'consensus-then-majority', chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true }, 'digi');
/** BP1 starts a project here: it may only be put to a vote for an idea on the roadmap. */
const roadmapProgramme = programmeSchema.parse({
  ...programmeWith({ kind: 'consensus' }, 'road'),
  gates: programmeWith({ kind: 'consensus' }, 'road').gates.map((g) => (g.id === 'BP1' ? { ...g, requiresRoadmapEntry: true } : g)),
});
/** Its own programme, so the reminder sweep sees only the votes of its test. */
const reminderProgramme = programmeWith({ kind: 'consensus' }, 'remind');
const programmes = [consensusProgramme, budgetProgramme, roadmapProgramme, reminderProgramme];
const directory = new ProgrammeDirectory(programmes);
const START = Date.UTC(2026, 10, 23, 9);

let azurite: TestAzurite;
let deps: VoteDeps;
let roadmap: RoadmapTable;
let delivery: FakeDelivery;
let board: TeamsVoteBoard;
let ideas: IdeaTable;
let votes: VoteTable;

function ctx(person: string, programme: Programme, now = START, kind: 'personal' | 'channel' = 'personal'): RequestContext {
  return {
    language: 'en',
    actor: { tenantId: TENANT, aadObjectId: person, name: person },
    conversation: { id: kind === 'channel' ? `19:${programme.id}@thread.tacv2;messageid=1` : `a:${person}`, kind },
    tenantProgrammes: programmes,
    memberships: programmes.flatMap((p) => rolesIn(p, person) ?? []),
    now,
  };
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  ideas = new IdeaTable(tables);
  votes = new VoteTable(tables);
  const conversations = new ConversationTable(tables, { now: () => Date.now() });
  delivery = new FakeDelivery();
  const applications = new ApplicationTable(tables);
  board = new TeamsVoteBoard({
    votes,
    subjects: new VoteSubjects(ideas, applications),
    directory,
    clock: { now: () => START },
    voteCards: new VoteCards(new CardRenderer(), new TeamsIds(conversations)),
    delivery,
    deliveryLog: delivery,
    conversations,
    log: { warn: () => undefined },
    coalescing: { intervalMs: 300, settleMs: 50 },
  });
  roadmap = new RoadmapTable(tables);
  deps = {
    ideas,
    votes,
    channels: new BodyChannelTable(tables),
    conversations,
    board,
    roadmap: { onRoadmap: async (key, number) => (await roadmap.get(key, number)) !== undefined },
    matters: { apply: (vote, adopted, by, at) => applyAdmission({ applications, registry: new PartyRegistryTable(tables), directory }, vote, adopted, by, at) },
    departures: directory,
  };
  for (const programme of programmes) {
    const here = ctx('aad-office', programme, START, 'channel');
    await conversations.save({
      tenantId: TENANT,
      conversationId: here.conversation.id,
      kind: 'channel',
      reference: { conversation: { id: here.conversation.id }, serviceUrl: 'http://stub' },
      updatedAt: START,
    });
    const linked = await linkChannel(deps, here, { programmeId: programme.id, bodyId: 'styringsgruppen' });
    expect(linked.ok).toBe(true);
  }
});

afterAll(async () => {
  await board.stop();
  await azurite.stop();
});

let ideaCounter = 0;
async function qualifiedIdea(programme: Programme): Promise<string> {
  const key = { tenantId: TENANT, programmeId: programme.id };
  const by = { id: 'aad-office', name: 'Ola' };
  const made = await ideas.register(key, `sub-${++ideaCounter}`, { prefix: programme.ideaPrefix, year: 2026 }, (number) =>
    register(programme, { number, title: `Idé ${ideaCounter}`, description: 'Beskrivelse.', party: 'finans-norge', links: [], submittedBy: by, at: START }),
  );
  if (!made.ok) throw new Error('register');
  const number = made.value.idea.number;
  await ideas.apply(key, number, (idea) => prioritise(programme, idea, { by, at: START, rank: 1 }));
  await ideas.apply(key, number, (idea) => qualify(programme, idea, { by, at: START, assessment: 'Moden.', recommendation: 'Til BP1.' }));
  return number;
}

async function openVote(programme: Programme, budgetMatter = false): Promise<GateVote> {
  const number = await qualifiedIdea(programme);
  const opened = await openGateVote(deps, ctx('aad-office', programme), {
    programmeId: programme.id,
    number,
    gate: 'BP1',
    submissionId: `form-${number}`,
    links: {},
    deadlineDate: '2026-11-30',
    deadlineTime: '16:00',
    budgetMatter,
    override: false,
    overrideReason: '',
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  return opened.value.vote;
}

const cast = (programme: Programme, vote: GateVote, voter: string, choice: Choice, extra: { after?: number; now?: number; comment?: string } = {}) =>
  castVote(deps, ctx(voter, programme, extra.now ?? START + 1000), {
    programmeId: programme.id,
    voteId: vote.id,
    choice,
    ...(extra.after !== undefined ? { after: extra.after } : {}),
    ...(extra.comment ? { comment: extra.comment } : {}),
  });

describe('many members at once', () => {
  it('records 60 concurrent ballots and their 60 replays exactly once each', async () => {
    const vote = await openVote(consensusProgramme);
    const all = await Promise.all(
      MEMBERS.flatMap((m) => [cast(consensusProgramme, vote, m, 'for', { comment: `hei ${m}` }), cast(consensusProgramme, vote, m, 'for', { comment: `hei ${m}` })]),
    );
    const kinds = all.map((r) => (r.ok ? r.value.result.kind : r.error.code));
    expect(kinds.filter((k) => k === 'recorded')).toHaveLength(60);
    expect(kinds.filter((k) => k === 'duplicate')).toHaveLength(60);
    const ref = refOf(vote);
    expect(await votes.ballots(ref)).toHaveLength(60);
    expect(await votes.latest(ref)).toHaveLength(60);

    // Everyone changes their mind at once (from the card that showed their first vote); the
    // latest ballot wins for each, the history keeps both.
    const changes = await Promise.all(MEMBERS.map((m) => cast(consensusProgramme, vote, m, 'against', { after: 1 })));
    expect(changes.every((r) => r.ok && r.value.result.kind === 'recorded')).toBe(true);
    const latest = await votes.latest(ref);
    expect(latest).toHaveLength(60);
    expect(latest.every((b) => b.choice === 'against' && b.seq === 2)).toBe(true);
    expect(await votes.ballots(ref)).toHaveLength(120);
  });

  it('counts exactly the ballots that made it before the seal when closing races late voters', async () => {
    const vote = await openVote(consensusProgramme);
    const ref = refOf(vote);
    // Ballots keep arriving, one every 2 ms, while the vote is closed.
    const casting = MEMBERS.map(async (m, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 2));
      return cast(consensusProgramme, vote, m, i % 4 === 0 ? 'against' : 'for');
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const closing = closeVote(deps, consensusProgramme, ref, { at: START + 2000, by: SYSTEM, how: 'manual' });
    const results = await Promise.all(casting);
    const closed = await closing;
    const recorded = new Map<string, Choice>();
    results.forEach((r, i) => {
      if (r.ok && r.value.result.kind === 'recorded') recorded.set(MEMBERS[i]!, r.value.result.ballot.choice);
      else expect(r.ok ? r.value.result.kind : r.error.code).toBe('vote-closed');
    });
    const effective = new Map(closed!.outcome!.effective.map((b) => [b.voter, b.choice]));
    expect(effective).toEqual(recorded);
    const counts = closed!.outcome!.counts;
    expect(counts.for + counts.against + counts.abstain).toBe(recorded.size);
    expect(counts.notVoted).toBe(61 - recorded.size);
    // Nothing can be added afterwards.
    const late = await cast(consensusProgramme, vote, MEMBERS[0]!, 'abstain', { after: 9 });
    expect(late.ok ? late.value.result.kind : late.error.code).toBe('vote-closed');
  });
});

describe('closing', () => {
  it('closes once when three closers and the sweep run together; the idea moves once, notices go once', async () => {
    const vote = await openVote(consensusProgramme);
    const ref = refOf(vote);
    await cast(consensusProgramme, vote, 'aad-chair', 'for');
    await cast(consensusProgramme, vote, MEMBERS[0]!, 'for');
    const closer = new VoteCloser(deps, { programmes }, { info: () => undefined, error: () => undefined });
    const closing = { at: START + 5000, by: { id: 'aad-chair', name: 'Kari' }, how: 'manual' as const };
    await Promise.all([
      closeVote(deps, consensusProgramme, ref, closing),
      closeVote(deps, consensusProgramme, ref, closing),
      closeVote(deps, consensusProgramme, ref, closing),
      closer.closeDueVotes(vote.deadline + 1),
    ]);
    await board.idle();
    const stored = await votes.get(ref);
    expect(stored).toMatchObject({ status: 'closed', outcome: { status: 'adopted' }, applied: { ok: true, toPhase: 'konsept' } });
    const history = await ideas.history({ tenantId: TENANT, programmeId: consensusProgramme.id }, vote.ideaNumber);
    expect(history.filter((h) => h.event.kind === 'gate-adopted' || h.event.kind === 'gate-rejected')).toHaveLength(1);
    expect(delivery.keys(new RegExp(`${vote.id.replace(/\./g, '\\.')}\\|outcome$`))).toHaveLength(1);
    const notices = delivery.keys(new RegExp(`${vote.id.replace(/\./g, '\\.')}\\|outcome\\|`));
    expect(notices.sort()).toEqual([`vote|big|${vote.id}|outcome|aad-office`, `vote|big|${vote.id}|outcome|aad-office2`]);
    expect(await closer.closeDueVotes(vote.deadline + 1)).toEqual({ closed: [], resumed: [], reminded: [], failed: [] });
  });

  it('resumes a vote left half-closed by a crash', async () => {
    const vote = await openVote(consensusProgramme);
    const ref = refOf(vote);
    await cast(consensusProgramme, vote, MEMBERS[1]!, 'against');
    await votes.update(ref, (v) => ({ ...v, status: 'closing', closing: { at: START + 3000, by: SYSTEM, how: 'deadline' } }));
    const closer = new VoteCloser(deps, { programmes }, { info: () => undefined, error: () => undefined });
    const report = await closer.closeDueVotes(START + 4000);
    expect(report.resumed).toContain(vote.id);
    expect(await votes.get(ref)).toMatchObject({ status: 'closed', outcome: { status: 'rejected' }, progress: { outcomePosted: true, notified: true } });
    expect(await ideas.get({ tenantId: TENANT, programmeId: 'big' }, vote.ideaNumber)).toMatchObject({ phase: 'ide' });
  });

  it('lets the chair decide a budget matter without consensus (Digi Rogaland §4.2), and the majority otherwise', async () => {
    const budget = await openVote(budgetProgramme, true);
    const plain = await openVote(budgetProgramme, false);
    for (const vote of [budget, plain]) {
      await cast(budgetProgramme, vote, 'aad-chair', 'against');
      for (const m of MEMBERS.slice(0, 3)) await cast(budgetProgramme, vote, m, 'for');
    }
    const [b, p] = await Promise.all(
      [budget, plain].map((v) => closeVote(deps, budgetProgramme, refOf(v), { at: START + 5000, by: SYSTEM, how: 'manual' })),
    );
    expect(b?.budgetMatter).toBe(true);
    expect(b?.outcome).toMatchObject({ status: 'rejected', reason: { code: 'budget-chair-decides', chairVote: 'against' } });
    expect(p?.outcome).toMatchObject({ status: 'adopted', reason: { code: 'majority-for', for: 3, against: 1 } });
  });
});

describe('reminding the members who have not voted', () => {
  it('the day before the deadline, once, to the members without a ballot (not observers or the secretary)', async () => {
    const vote = await openVote(reminderProgramme);
    for (const m of MEMBERS.slice(0, 58)) await cast(reminderProgramme, vote, m, 'for');
    const closer = new VoteCloser(deps, { programmes: [reminderProgramme] }, { info: () => undefined, error: () => undefined });
    const dayBefore = vote.deadline - REMIND_VOTERS_BEFORE_MS;
    // Not yet a day before: nothing.
    expect(await closer.closeDueVotes(dayBefore - 1)).toEqual({ closed: [], resumed: [], reminded: [], failed: [] });
    const report = await closer.closeDueVotes(dayBefore);
    expect(report.reminded.sort()).toEqual([`${vote.id}:${MEMBERS[58]}`, `${vote.id}:${MEMBERS[59]}`, `${vote.id}:aad-chair`].sort());
    const keys = delivery.keys(new RegExp(`^vote\\|remind\\|${vote.id.replace(/\./g, '\\.')}\\|closing-soon\\|`));
    expect(keys.sort()).toEqual([MEMBERS[58], MEMBERS[59], 'aad-chair'].map((p) => `vote|remind|${vote.id}|closing-soon|${p}`).sort());
    const job = delivery.jobs.find((j) => j.key === keys[0])!;
    expect(job.message).toMatchObject({ kind: 'text' });
    // No stored personal chat here, so Bokmål.
    expect((job.message as { text: string }).text).toContain('stenger 30. nov. 2026, 16:00, og du har ikke stemt ennå');
    expect(job.discloses).toEqual([expect.objectContaining({ kind: 'idea' })]);
    expect(await votes.get(refOf(vote))).toMatchObject({ progress: { votersReminded: true } });
    // Later sweeps send nothing more, and the vote still closes at its deadline.
    expect((await closer.closeDueVotes(dayBefore + 60_000)).reminded).toEqual([]);
    expect(delivery.keys(/closing-soon/).filter((k) => k.includes(vote.id))).toHaveLength(3);
    expect((await closer.closeDueVotes(vote.deadline)).closed).toEqual([vote.id]);
  });

  it('sends none for a vote opened less than a day before its deadline', () => {
    const base = { status: 'open' as const, deadline: START + 10 * 3_600_000, progress: { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false } };
    expect(votersReminderDue({ ...base, openedAt: START }, START + 9 * 3_600_000)).toBe(false);
    expect(votersReminderDue({ ...base, openedAt: START - 86_400_000 }, START + 9 * 3_600_000)).toBe(true);
    expect(votersReminderDue({ ...base, openedAt: START - 86_400_000, progress: { ...base.progress, votersReminded: true } }, START + 9 * 3_600_000)).toBe(false);
    expect(votersReminderDue({ ...base, openedAt: START - 86_400_000, status: 'closed' }, START + 9 * 3_600_000)).toBe(false);
    expect(votersReminderDue({ ...base, openedAt: START - 86_400_000 }, base.deadline)).toBe(false);
  });
});

describe('the channel card', () => {
  const updates = (vote: GateVote) => delivery.jobs.filter((j) => j.key.startsWith(`vote|${vote.programmeId}|${vote.id}|r`));

  it('coalesces a burst into few updates showing the final count, and shows the outcome last', async () => {
    const vote = await openVote(consensusProgramme);
    const ref: VoteRef = refOf(vote);
    await Promise.all(MEMBERS.map((m) => cast(consensusProgramme, vote, m, 'for')));
    await board.idle();
    const sent = updates(vote);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThanOrEqual(5);
    expect(sent.at(-1)!.key).toBe(`vote|big|${vote.id}|r60`);
    expect(JSON.stringify(sent.at(-1)!.message)).toContain('60 of 61 members have voted.');
    const post = delivery.jobs.find((j) => j.key === `vote|big|${vote.id}|post`)!;
    expect(post.update).toBeUndefined();
    const postId = (await delivery.find(TENANT, post.key))!.outcome;
    for (const job of sent) expect(job.update?.activityId).toBe(postId?.kind === 'sent' ? postId.activityId : 'x');

    await closeVote(deps, consensusProgramme, ref, { at: START + 9000, by: SYSTEM, how: 'manual' });
    await cast(consensusProgramme, vote, 'aad-chair', 'for'); // refused: closed
    await board.idle();
    const last = delivery.jobs.filter((j) => j.key.startsWith(`vote|big|${vote.id}|`) && j.target.kind === 'conversation').at(-1)!;
    expect(last.key).toBe(`vote|big|${vote.id}|outcome`);
    expect(JSON.stringify(last.message)).toContain('Adopted');
  });

  it('never has two updates of one card on their way at once, so they cannot overtake each other', async () => {
    const vote = await openVote(consensusProgramme);
    delivery.hold = true;
    try {
      delivery.releaseAll(); // the post itself is sent
      await cast(consensusProgramme, vote, MEMBERS[0]!, 'for');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(updates(vote).map((j) => j.key)).toEqual([`vote|big|${vote.id}|r1`]);
      await cast(consensusProgramme, vote, MEMBERS[1]!, 'for');
      await cast(consensusProgramme, vote, MEMBERS[2]!, 'for');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(updates(vote)).toHaveLength(1); // r1 is still on its way: r3 waits
      delivery.releaseAll();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(updates(vote).map((j) => j.key)).toEqual([`vote|big|${vote.id}|r1`, `vote|big|${vote.id}|r3`]);
    } finally {
      delivery.hold = false;
      delivery.releaseAll();
    }
  });
});

describe('a gate that starts a project', () => {
  it('is refused for an idea without a roadmap entry, and opens once the idea is on the roadmap', async () => {
    const number = await qualifiedIdea(roadmapProgramme);
    const input = {
      programmeId: roadmapProgramme.id,
      number,
      gate: 'BP1',
      submissionId: `form-${number}`,
      links: {},
      deadlineDate: '2026-11-30',
      deadlineTime: '16:00',
      budgetMatter: false,
      override: true,
      overrideReason: 'Test',
    };
    expect(await openGateVote(deps, ctx('aad-office', roadmapProgramme), input)).toEqual({ ok: false, error: { code: 'not-on-roadmap', number } });
    const key = { tenantId: TENANT, programmeId: roadmapProgramme.id };
    const idea = (await ideas.get(key, number))!;
    const planned = await roadmap.plan(key, number, (current) =>
      planEntry(idea, current, { ideaNumber: number, start: '2027-Q1', end: '2027-Q4', note: '', by: { id: 'aad-office', name: 'Ola' }, at: START }),
    );
    expect(planned.ok).toBe(true);
    expect(await openGateVote(deps, ctx('aad-office', roadmapProgramme), input)).toMatchObject({ ok: true });
  });
});
