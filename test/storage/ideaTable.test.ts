// The idea store against real Azurite: idempotent registration, unique numbers under
// concurrency, ETag-guarded transitions with their history, tenant separation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { prioritise, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { LifecycleError } from '../../src/features/ideas/domain/lifecycleError.js';
import { err, ok } from '../../src/shared/result.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

let azurite: TestAzurite;
let ideas: IdeaTable;
const programme = testProgramme();
const key = { tenantId: TENANT, programmeId: programme.id };
const by = { id: 'aad-member', name: 'Per Member' };
const at = Date.UTC(2026, 10, 22, 12);

const registerOne = (submissionKey: string, title = 'Felles API for kontoopplysninger', k = key) =>
  ideas.register(k, submissionKey, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: 'Beskrivelse.', party: 'skatteetaten', submittedBy: by, at }),
  );

beforeAll(async () => {
  azurite = await startTestAzurite();
  ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
});
afterAll(async () => azurite.stop());

describe('register', () => {
  it('numbers ideas per programme and year and stores a history entry', async () => {
    const result = await registerOne('s-1');
    expect(result.ok && result.value.idea.number).toBe('DSOP-2026-001');
    const history = await ideas.history(key, 'DSOP-2026-001');
    expect(history.map((h) => h.event.kind)).toEqual(['registered']);
  });

  it('a repeated submission returns the first idea and stores nothing new', async () => {
    const [a, b] = await Promise.all([registerOne('s-dup'), registerOne('s-dup')]);
    const numbers = [a, b].map((r) => (r.ok ? r.value.idea.number : 'error'));
    expect(numbers[0]).toBe(numbers[1]);
    expect([a, b].filter((r) => r.ok && r.value.created)).toHaveLength(1);
    const list = await ideas.list(key);
    expect(list.filter((i) => i.number === numbers[0])).toHaveLength(1);
  });

  it('gives 10 concurrent submissions 10 distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => registerOne(`s-par-${i}`)));
    const numbers = results.map((r) => (r.ok ? r.value.idea.number : 'error'));
    expect(new Set(numbers).size).toBe(10);
  });

  it('takes no number for a double submit or a refused one: concurrent registrations are numbered without gaps', async () => {
    const fresh = { tenantId: TENANT, programmeId: 'gapless' };
    const one = (submissionKey: string) =>
      ideas.register(fresh, submissionKey, { prefix: 'DSOP', year: 2026 }, (number) =>
        register(programme, { number, title: `Idé ${submissionKey}`, description: 'Beskrivelse.', party: 'skatteetaten', submittedBy: by, at }),
      );
    const refused = await ideas.register(fresh, 'refused', { prefix: 'DSOP', year: 2026 }, (number) =>
      register(programme, { number, title: ' ', description: 'Beskrivelse.', party: 'skatteetaten', submittedBy: by, at }),
    );
    expect(refused.ok).toBe(false);
    // Six cards, each submitted three times at once.
    const results = await Promise.all(Array.from({ length: 18 }, (_, i) => one(`card-${i % 6}`)));
    expect(results.filter((r) => r.ok && r.value.created)).toHaveLength(6);
    const numbers = (await ideas.list(fresh)).map((i) => i.number).sort();
    expect(numbers).toEqual(['001', '002', '003', '004', '005', '006'].map((n) => `DSOP-2026-${n}`));
    // Each card's three submissions were answered with its one idea.
    for (let card = 0; card < 6; card++) {
      const answers = results.filter((_, i) => i % 6 === card).map((r) => (r.ok ? r.value.idea.number : 'error'));
      expect(new Set(answers).size).toBe(1);
    }
    const next = await one('card-after');
    expect(next.ok && next.value.idea.number).toBe('DSOP-2026-007');
  });

  it('keeps tenants apart', async () => {
    await registerOne('s-other', 'Annen leietaker', { tenantId: 'tenant-b', programmeId: programme.id });
    const mine = await ideas.list(key);
    expect(mine.some((i) => i.title === 'Annen leietaker')).toBe(false);
    const theirs = await ideas.list({ tenantId: 'tenant-b', programmeId: programme.id });
    expect(theirs.map((i) => i.number)).toEqual(['DSOP-2026-001']);
  });
});

describe('apply', () => {
  it('applies one of two racing transitions and refuses the other on the new state', async () => {
    const created = await registerOne('s-race');
    if (!created.ok) throw new Error('setup');
    const number = created.value.idea.number;
    const office = { id: 'aad-office', name: 'Ola Office' };
    const results = await Promise.all(
      [1, 2].map((rank) => ideas.apply(key, number, (idea) => prioritise(programme, idea, { by: office, at, rank }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'wrong-status' } });
    const history = await ideas.history(key, number);
    expect(history.map((h) => h.event.kind)).toEqual(['registered', 'prioritised']);
  });

  it('reports an unknown idea', async () => {
    expect(await ideas.apply(key, 'DSOP-2026-999', () => ({ ok: false, error: { code: 'idea-closed', status: 'stopped' } }))).toEqual({
      ok: false,
      error: { code: 'not-found', number: 'DSOP-2026-999' },
    });
  });
});

describe('assessments', () => {
  const assessable = (idea: Idea) => (idea.status === 'registered' ? ok(undefined) : err<LifecycleError>({ code: 'wrong-status', status: idea.status, allowed: ['registered'] }));

  it('keeps one assessment per assessor and idea', async () => {
    const a = { ideaNumber: 'DSOP-2026-001', assessor: by, scores: { nytteverdi: 3, gjennomforbarhet: 4 }, comment: '', at };
    expect(await ideas.saveAssessment(key, a, programme, assessable)).toEqual(ok(undefined));
    await ideas.saveAssessment(key, { ...a, scores: { nytteverdi: 5, gjennomforbarhet: 5 }, at: at + 1 }, programme, assessable);
    const stored = await ideas.assessments(key, 'DSOP-2026-001');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.scores.nytteverdi).toBe(5);
  });

  it('saves nothing for an idea the check refuses as stored, or one that does not exist', async () => {
    const created = await registerOne('s-assess-stopped');
    const number = created.ok ? created.value.idea.number : '';
    await ideas.apply(key, number, (idea) => prioritise(programme, idea, { by, at, rank: 1 }));
    const a = { ideaNumber: number, assessor: by, scores: { nytteverdi: 3, gjennomforbarhet: 4 }, comment: '', at };
    expect(await ideas.saveAssessment(key, a, programme, assessable)).toMatchObject({ ok: false, error: { code: 'wrong-status', status: 'prioritised' } });
    expect(await ideas.saveAssessment(key, { ...a, ideaNumber: 'DSOP-2026-999' }, programme, assessable)).toEqual(err({ code: 'not-found', number: 'DSOP-2026-999' }));
    expect(await ideas.assessments(key, number)).toEqual([]);
  });
});
