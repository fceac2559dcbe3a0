// The test double itself: it must really enforce the limits, or the other tests prove nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLimitingConnectorStub, type LimitingConnectorStub } from '../support/limitingConnectorStub.js';

let stub: LimitingConnectorStub;
beforeEach(async () => {
  stub = await startLimitingConnectorStub({ globalWindows: [{ limit: 10, windowMs: 1_000 }] });
});
afterEach(async () => stub.close());

const post = (conversationId: string) =>
  fetch(`${stub.url}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'x' }),
  });

describe('limiting Connector stub', () => {
  it('accepts 7 in a second per conversation, then answers 429 with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await post('c1'));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    expect(answers[7]?.headers.get('retry-after')).toBe('1');
    expect(stub.deliveriesTo('c1')).toBe(7);
    expect(stub.throttled()).toBe(1);
  });

  it('enforces the global window across conversations', async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await post(`c${i}`)).status);
    expect(answers.filter((s) => s === 201)).toHaveLength(10);
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it('fails the next N requests on demand and counts duplicates', async () => {
    stub.failNext(2, 503);
    expect([(await post('a')).status, (await post('a')).status, (await post('a')).status, (await post('a')).status]).toEqual([503, 503, 201, 201]);
    expect(stub.duplicates()).toEqual(['a']);
    expect(stub.requests).toHaveLength(4);
  });
});
