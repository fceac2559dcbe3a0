// Pure parts of gate votes: CSV (RFC 4180), the refresh audience, deadlines in Oslo time,
// the ballot trail, revisions, pending work and who may decide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/features/votes/domain/csv.js';
import { parseDeadline } from '../../src/features/votes/domain/deadline.js';
import { ballotTrail } from '../../src/features/votes/domain/decisionLog.js';
import {
  mayRecordDecision,
  missingDeliverables,
  pendingWork,
  refreshAudience,
  REFRESH_LIMIT,
  revisionOf,
  viewerOf,
  type BallotRecord,
  type GateVote,
} from '../../src/features/votes/domain/gateVote.js';

/** A strict RFC 4180 reader, written independently of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (c === '\r' || c === '\n' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else (field += c), i++;
  }
  if (field !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

const shownAs = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('CSV', () => {
  it('round-trips any text through a strict RFC 4180 reader, header first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('a,b', '"q"', 'line\r\nbreak', 'lf\nonly', '=SUM(A1)', '-1', '@x', ' ')), { minLength: 1, maxLength: 6 }), { maxLength: 10 }),
        (header, rows) => {
          const parsed = parseCsv(toCsv(header, rows));
          expect(parsed[0]).toEqual(header.map(shownAs));
          expect(parsed.slice(1)).toEqual(rows.map((r) => r.map(shownAs)));
        },
      ),
    );
  });

  it('quotes only when needed and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(undefined)).toBe('');
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('a,b\r\n1,2\r\n');
  });
});

const electorate = (members: string[], extra: Partial<GateVote['electorate']> = {}) => ({ members, observers: [] as string[], ...extra });

describe('refresh audience', () => {
  it('puts the chair and the secretary first, then a named decider, voters, observers; never more than 60', () => {
    const members = Array.from({ length: 100 }, (_, i) => `m${i}`);
    const list = refreshAudience({
      electorate: electorate(members, { chair: 'c', secretary: 's', observers: ['o1', 'o2'] }),
      decidedBy: { person: 'd', title: { nb: 'D', en: 'D' } },
    });
    expect(list).toHaveLength(REFRESH_LIMIT);
    expect(list.slice(0, 4)).toEqual(['c', 's', 'd', 'm0']);
    expect(new Set(list).size).toBe(list.length);
  });

  it('lists observers after the members of a small body, once each', () => {
    const list = refreshAudience({ electorate: electorate(['a', 'b', 'c'], { chair: 'a', secretary: 's', observers: ['o', 'a'] }) });
    expect(list).toEqual(['a', 's', 'b', 'c', 'o']);
  });
});

describe('deadline', () => {
  const now = Date.UTC(2026, 2, 20, 12); // 20 March 2026
  it('reads Oslo wall-clock time across the switch to summer time', () => {
    const winter = parseDeadline('2026-03-28', '16:00', now);
    const summer = parseDeadline('2026-03-30', '16:00', now);
    expect(winter).toEqual({ ok: true, value: Date.UTC(2026, 2, 28, 15) });
    expect(summer).toEqual({ ok: true, value: Date.UTC(2026, 2, 30, 14) });
  });

  it('refuses nonsense, the past, less than an hour ahead and more than 92 days', () => {
    expect(parseDeadline('2026-02-30', '16:00', now)).toEqual({ ok: false, error: 'invalid' });
    expect(parseDeadline('tomorrow', '16:00', now)).toEqual({ ok: false, error: 'invalid' });
    expect(parseDeadline('2026-03-21', '25:00', now)).toEqual({ ok: false, error: 'invalid' });
    expect(parseDeadline('2026-03-19', '16:00', now)).toEqual({ ok: false, error: 'too-soon' });
    expect(parseDeadline('2026-03-20', '13:30', now)).toEqual({ ok: false, error: 'too-soon' });
    expect(parseDeadline('2026-09-01', '16:00', now)).toEqual({ ok: false, error: 'too-far' });
  });
});

const ballot = (voter: string, seq: number, choice: BallotRecord['choice'], castAt: number): BallotRecord => ({ voter, seq, choice, castAt });

describe('ballot trail', () => {
  it('keeps every ballot in cast order, marks changes and the one that counts', () => {
    const trail = ballotTrail([ballot('a', 2, 'against', 30), ballot('b', 1, 'for', 20), ballot('a', 1, 'for', 10), ballot('a', 3, 'against', 40)]);
    expect(trail.map((t) => [t.voter, t.seq, t.changedFrom, t.latest])).toEqual([
      ['a', 1, undefined, false],
      ['b', 1, undefined, true],
      ['a', 2, 'for', false],
      ['a', 3, undefined, true],
    ]);
  });

  it('revision grows with every ballot, whoever casts it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 60 }), (voters) => {
        const seqs = new Map<number, number>();
        let previous = 0;
        for (const v of voters) {
          seqs.set(v, (seqs.get(v) ?? 0) + 1);
          const revision = revisionOf([...seqs.values()].map((seq) => ({ seq })));
          expect(revision).toBe(previous + 1);
          previous = revision;
        }
      }),
    );
  });
});

const vote = (extra: Partial<GateVote> = {}): GateVote => ({
  id: 'v',
  tenantId: 't',
  programmeId: 'p',
  ideaNumber: 'P-2026-001',
  ideaTitle: 'x',
  gate: 'BP1',
  body: 'b',
  electorate: electorate(['a', 'b'], { chair: 'a', secretary: 's', observers: ['o'] }),
  rule: { kind: 'consensus' },
  budgetMatter: false,
  basis: [],
  openedBy: { id: 's', name: 'S' },
  openedAt: 0,
  deadline: 10,
  channel: { conversationId: 'c', language: 'nb' },
  status: 'open',
  progress: { posted: true, outcomePosted: false, notified: false, decisionPosted: false, decisionNotified: false },
  ...extra,
});

describe('rules around a vote', () => {
  it('lists missing deliverables', () => {
    const gate = { deliverables: [{ id: 'a', name: { nb: 'A', en: 'A' } }, { id: 'b', name: { nb: 'B', en: 'B' } }] };
    expect(missingDeliverables(gate, { a: 'https://x', b: '  ' })).toEqual(['b']);
    expect(missingDeliverables(gate, {})).toEqual(['a', 'b']);
  });

  it('knows which follow-up is left', () => {
    expect(pendingWork(vote())).toBe(false);
    expect(pendingWork(vote({ progress: { ...vote().progress, posted: false } }))).toBe(true);
    expect(pendingWork(vote({ status: 'closing' }))).toBe(true);
    const outcome = { status: 'adopted', adopted: true } as GateVote['outcome'];
    const closed = vote({ status: 'closed', outcome, progress: { posted: true, outcomePosted: true, notified: true, decisionPosted: false, decisionNotified: false } });
    expect(pendingWork(closed)).toBe(true); // not applied to the idea yet
    expect(pendingWork({ ...closed, applied: { at: 1, ok: true } })).toBe(false);
    // Advisory: nothing to apply until the director decides.
    const advisory = { ...closed, decidedBy: { title: { nb: 'D', en: 'D' } } };
    expect(pendingWork(advisory)).toBe(false);
    expect(pendingWork({ ...advisory, director: { adopted: true, by: 'd', name: 'D', at: 2 } })).toBe(true);
  });

  it('lets the chair and the secretary close, and only the named director (or the office, when none is named) decide', () => {
    expect(viewerOf(vote(), 'a', false)).toMatchObject({ mayClose: true, standing: { canVote: true } });
    expect(viewerOf(vote(), 's', true)).toMatchObject({ mayClose: true, standing: { standing: 'secretary', canVote: false } });
    expect(viewerOf(vote(), 'o', false)).toMatchObject({ mayClose: false, standing: { standing: 'observer' } });
    const named = { decidedBy: { person: 'd', title: { nb: 'D', en: 'D' } } };
    expect(mayRecordDecision(named, 'd', false)).toBe(true);
    expect(mayRecordDecision(named, 'x', true)).toBe(false);
    const unnamed = { decidedBy: { title: { nb: 'D', en: 'D' } } };
    expect(mayRecordDecision(unnamed, 'x', true)).toBe(true);
    expect(mayRecordDecision(unnamed, 'x', false)).toBe(false);
    expect(mayRecordDecision({}, 'd', true)).toBe(false);
  });
});
