// A programme's first days, driven over HTTP as Teams would, to fill every table the operator
// commands work on: personal chats, a linked channel, an idea registered by a member and
// qualified by the office, a BP1 vote with ballots (one with a comment), and the notices the
// delivery worker sends. The service runs on an Azurite the caller owns, and is stopped after,
// so the tables hold still while a test reads them.
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import type { TestAzurite } from './azurite.js';
import { actionData, cardText, conversationWith, waitFor } from './conversation.js';
import { TENANT, people, testProgramme } from './fixtures.js';
import { startTestApp } from './testApp.js';

const text = (nb: string, en = nb) => ({ nb, en });

export const weekProgramme: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    gates: base.gates.map((g) => (g.id === 'BP1' ? { ...g, deliverables: [{ id: 'kvalifisering', name: text('Kvalifisering', 'Qualification') }] } : g)),
  });
})();

export const WEEK_CHANNEL = '19:styring@thread.tacv2';

export interface ProgrammeWeek {
  ideaNumber: string;
  voteId: string;
}

/** Runs the week against `azurite` and stops the service; returns what it created. */
export async function runProgrammeWeek(azurite: TestAzurite, now = Date.UTC(2026, 10, 23, 9)): Promise<ProgrammeWeek> {
  const service = await startTestApp({ programmes: [weekProgramme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => now, azurite, deliveryWorker: { idlePollMs: 50 } });
  try {
    const chat = conversationWith(service, TENANT);
    for (const person of Object.values(people)) await chat.say(person, 'help');
    const inChannel = { conversation: { id: `${WEEK_CHANNEL};messageid=1700000000001`, conversationType: 'channel' as const } };
    await chat.say(people.office, '<at>Samspill</at> link dsop styringsgruppen', inChannel);

    const programmeId = weekProgramme.id;
    const form = actionData(await chat.click(people.member, 'idea.form', { programmeId }), 'idea.register');
    const registered = await chat.click(people.member, 'idea.register', {
      ...form,
      programmeId,
      title: 'Felles kontoinformasjon',
      description: 'Per Member foreslår at banker og etater deler kontoinformasjon.',
      party: 'finans-norge',
    });
    const ideaNumber = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))?.[1];
    if (!ideaNumber) throw new Error(`no idea number in ${cardText(registered)}`);
    await chat.click(people.office, 'idea.prioritise', { programmeId, number: ideaNumber, rank: '1' });
    await chat.click(people.office, 'idea.qualify', { programmeId, number: ideaNumber, assessment: 'Moden.', recommendation: 'Anbefales til BP1.' });

    const proposeForm = await chat.click(people.office, 'gate.proposeForm', { programmeId, number: ideaNumber });
    const deadlineDate = new Date(now + 7 * 86_400_000).toISOString().slice(0, 10);
    const sentBefore = service.connector.sent.length;
    await chat.click(people.office, 'gate.propose', {
      ...actionData(proposeForm, 'gate.propose'),
      deadlineDate,
      deadlineTime: '16:00',
      'link.kvalifisering': 'https://docs.example.org/kvalifisering',
    });
    const voteCard = await waitFor(
      () => service.connector.sent.slice(sentBefore).find((s) => s.conversationId === WEEK_CHANNEL && s.method === 'POST'),
      'the vote card in the channel',
    );
    const voteId = String(actionData((voteCard.activity.attachments as { content: unknown }[])[0]!.content, 'gate.vote').voteId);
    const inThread = { conversation: { id: `${WEEK_CHANNEL};messageid=1700000000099`, conversationType: 'channel' as const } };
    await chat.click(people.member, 'gate.vote', { programmeId, voteId, choice: 'for', comment: 'Per Member støtter dette.' }, inThread);
    await chat.click(people.chair, 'gate.vote', { programmeId, voteId, choice: 'for' }, inThread);
    return { ideaNumber, voteId };
  } finally {
    await service.stop();
  }
}
