// No reply outgrows Teams (issue 25.3), over HTTP against a Connector that enforces Teams' size
// limit: a reply that would not fit arrives cut, with a line saying so; one Teams refuses as too
// large all the same (413) is logged, and the person is told instead of being left with nothing.
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { cardText, conversationWith } from '../support/conversation.js';
import { people, TENANT, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let service: TestApp | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

describe('reply size', () => {
  it('a reply over the budget arrives cut to fit, with a line saying how much was left out', async () => {
    service = await startTestApp({ programmes: [testProgramme()], activityBudgetBytes: 3_000 });
    service.connector.maxActivityBytes = 3_300; // Teams' limit, a little above the bot's budget as 100 KB is above 80 KB
    const { card } = await conversationWith(service, TENANT).say(people.office, 'help');
    expect(card).toBeDefined();
    expect(cardText(card!)).toMatch(/This answer was shortened to fit Teams: \d+ entr(y is|ies are) left out/);
    expect(service.connector.tooLarge).toEqual([]);
    const reply = service.connector.sent.at(-1)!;
    expect(2 * JSON.stringify(reply.activity).length).toBeLessThanOrEqual(3_300);
  });

  it('the same reply at the default budget is whole', async () => {
    service = await startTestApp({ programmes: [testProgramme()] });
    const { card } = await conversationWith(service, TENANT).say(people.office, 'hjelp', { locale: 'nb-NO' });
    expect(cardText(card!)).not.toContain('kortet ned');
  });

  it('a reply Teams refuses as too large (413) is logged, and the person gets a short answer instead', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    service = await startTestApp({ programmes: [testProgramme()], log });
    service.connector.maxActivityBytes = 1_500; // smaller than the bot's budget: Teams refuses
    const { text } = await conversationWith(service, TENANT).say(people.office, 'hjelp', { locale: 'nb-NO' });
    expect(text).toBe('Svaret ble for stort for Teams og kunne ikke vises. Be om en mindre del (én side, ett program), eller prøv igjen.');
    expect(service.connector.tooLarge).toHaveLength(1);
    expect(lines.some((l) => l.includes('Teams refused a reply as too large (413)'))).toBe(true);
  });
});
