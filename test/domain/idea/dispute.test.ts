import { describe, expect, it } from 'vitest';
import { disputeProblems, recordConsumerChoice, recordDispute } from '../../../src/features/ideas/domain/dispute.js';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { applyGateDecision, nextGate, prioritise, qualify, register, type TransitionResult } from '../../../src/features/ideas/domain/lifecycle.js';
import { office, presetProgramme } from './programmes.js';

const programme = presetProgramme('dsop');
const at = Date.parse('2026-03-01T09:00:00Z');
const owner = { id: 'owner-1', name: 'Skatteetaten v/Per' };

function value(result: TransitionResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function activeIdea(): Idea {
  let idea = value(
    register(programme, {
      number: 'DSOP-2026-001',
      title: 'T',
      description: 'D',
      party: 'nav',
      submittedBy: office,
      at,
    }),
  ).idea;
  idea = value(prioritise(programme, idea, { rank: 1, by: office, at })).idea;
  idea = value(qualify(programme, idea, { assessment: 'a', recommendation: 'r', by: office, at })).idea;
  return value(applyGateDecision(programme, idea, { gate: nextGate(programme, idea)!.id, adopted: true, by: office, at })).idea;
}

describe('recordDispute', () => {
  const idea = activeIdea();

  it('records the data owner’s decision and the consumers’ choices', () => {
    const { idea: next, history } = value(
      recordDispute(programme, idea, {
        subject: ' Valg av API ',
        dataOwner: 'skatteetaten',
        decision: ' REST med OAuth2. ',
        consumers: [
          { party: 'finans-norge', choice: 'accept' },
          { party: 'nav', choice: 'withdraw' },
        ],
        by: owner,
        at,
      }),
    );
    expect(next.disputes).toEqual([
      {
        number: 1,
        subject: 'Valg av API',
        dataOwner: 'skatteetaten',
        decision: 'REST med OAuth2.',
        consumers: [
          { party: 'finans-norge', choice: 'accept', by: owner, at },
          { party: 'nav', choice: 'withdraw', by: owner, at },
        ],
        recordedBy: owner,
        at,
      },
    ]);
    expect(history.event).toEqual({ kind: 'dispute-recorded', dispute: 1, dataOwner: 'skatteetaten' });
    expect(idea.disputes).toEqual([]); // the input is untouched
  });

  it('numbers disputes within the idea', () => {
    const input = { subject: 's', dataOwner: 'skatteetaten', decision: 'd', by: owner, at };
    const once = value(recordDispute(programme, idea, input)).idea;
    expect(value(recordDispute(programme, once, input)).idea.disputes.map((d) => d.number)).toEqual([1, 2]);
  });

  it('refuses a consumer who is the data owner, twice-named consumers and unknown parties', () => {
    const result = recordDispute(programme, idea, {
      subject: 's',
      dataOwner: 'skatteetaten',
      decision: 'd',
      consumers: [
        { party: 'skatteetaten', choice: 'accept' },
        { party: 'nav', choice: 'accept' },
        { party: 'nav', choice: 'withdraw' },
        { party: 'ukjent', choice: 'accept' },
      ],
      by: owner,
      at,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-dispute',
        problems: [
          { field: 'consumers.0', message: expect.stringContaining('data owner') },
          { field: 'consumers.2', message: expect.stringContaining('already') },
          { field: 'consumers.3', message: expect.stringContaining('unknown party') },
        ],
      },
    });
  });

  it('requires a subject, a known data owner and its decision', () => {
    const problems = disputeProblems(programme, { subject: ' ', dataOwner: 'ukjent', decision: '', consumers: [] });
    expect(problems.map((p) => p.field)).toEqual(['subject', 'dataOwner', 'decision']);
  });

  it('refuses a choice other than accept or withdraw', () => {
    const problems = disputeProblems(programme, {
      subject: 's',
      dataOwner: 'skatteetaten',
      decision: 'd',
      consumers: [{ party: 'nav', choice: 'veto' }],
    });
    expect(problems).toEqual([{ field: 'consumers.0', message: expect.stringContaining('accept') }]);
  });
});

describe('recordConsumerChoice', () => {
  const base = value(
    recordDispute(programme, activeIdea(), {
      subject: 's',
      dataOwner: 'skatteetaten',
      decision: 'd',
      consumers: [{ party: 'nav', choice: 'accept' }],
      by: owner,
      at,
    }),
  ).idea;
  const consumer = { id: 'fn-1', name: 'Finans Norge v/Eva' };

  it('adds a consumer’s answer later', () => {
    const { idea, history } = value(
      recordConsumerChoice(programme, base, { dispute: 1, party: 'finans-norge', choice: 'withdraw', by: consumer, at: at + 1 }),
    );
    expect(idea.disputes[0]?.consumers).toEqual([
      { party: 'nav', choice: 'accept', by: owner, at },
      { party: 'finans-norge', choice: 'withdraw', by: consumer, at: at + 1 },
    ]);
    expect(history.event).toEqual({ kind: 'consumer-choice-recorded', dispute: 1, party: 'finans-norge', choice: 'withdraw' });
  });

  it('lets each consumer answer once, never the data owner', () => {
    for (const party of ['nav', 'skatteetaten']) {
      const result = recordConsumerChoice(programme, base, { dispute: 1, party, choice: 'accept', by: consumer, at });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-dispute' } });
    }
  });

  it('refuses an unknown dispute', () => {
    const result = recordConsumerChoice(programme, base, { dispute: 2, party: 'brreg', choice: 'accept', by: consumer, at });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'dispute' } });
  });
});
