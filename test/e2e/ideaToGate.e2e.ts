// Issue 8, part 1: an idea's way from registration to the BP1 decision, in a real client.
//
// The bot runs as `node --import tsx src/main.ts` with embedded Azurite in a temp folder; the
// Microsoft 365 Agents Playground runs against it with .m365agentsplayground.yml (people as in
// programmes/demo.json); Debian's headless Chromium drives the playground's web UI. Every step
// saves a screenshot in test-output/e2e/ (NN-step.png, FAILED-… when a step fails).
//
// People (see .m365agentsplayground.yml): Lynne Robbins (Bits) is an ordinary participant and
// registers the idea; Alex Wilber is the programme office and chairs Styringsgruppen; Megan Bowen
// and Adele Vance are members of Styringsgruppen.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { story } from './story.js';
import { conversations } from './ui.js';

const screenshots = fileURLToPath(new URL('../../test-output/e2e/', import.meta.url));

const member = 'Lynne Robbins';
const office = 'Alex Wilber';
const idea = {
  title: 'Felles API for samtykke til datadeling',
  description: 'Ett felles API der innbyggere og bedrifter gir og trekker samtykke til deling av data mellom banker og etater.',
  benefit: 'Færre manuelle samtykkeskjema og raskere kredittsøknader.',
};

describe('an idea from registration to BP1, in the Agents Playground', () => {
  const s = story(screenshots);
  const { step } = s;
  let number = '';

  step('a member registers an idea through the form card in personal chat', async () => {
    const { ui } = s;
    await ui.signInAs(member);
    expect(await ui.signedInUser()).toBe(member);
    await ui.send('new idea');
    const form = await ui.waitForCard(['New idea for', 'Register the idea']);
    await ui.fill(form, /^Title/, idea.title);
    await ui.fill(form, /^Description/, idea.description);
    await ui.fill(form, /^Expected benefit/, idea.benefit);
    await ui.screenshotOf(form, 'member-fills-the-idea-form');
    await ui.clickAction(form, 'Register the idea');

    const detail = await ui.waitForCard([/Registered as \S+\. Thank you!/, idea.title]);
    const text = await ui.textOf(detail);
    number = /Registered as (\S+)\. Thank you!/.exec(text)?.[1] ?? '';
    expect(number).toMatch(/^DSOP-\d{4}-\d{3,}$/);
    expect(text).toContain('Status Registered');
    expect(text).toContain('Phase Idea');
    expect(text).toContain('Party Bits');
    expect(text).toContain(`Submitted by ${member}`);
    // A participant is not the office: no assessment buttons for her.
    expect(text).not.toContain('Assess');
    await ui.screenshotOf(detail, 'member-sees-the-registered-idea');
  });

  step("the member's 'my ideas' lists the new idea as registered", async () => {
    const { ui } = s;
    await ui.send('my ideas');
    const list = await ui.waitForCard(['My ideas', number]);
    expect(await ui.textOf(list)).toContain(`${number} ${idea.title} Registered · Idea`);
    await ui.screenshotOf(list, 'member-my-ideas-registered');
  });

  step('the office assesses the idea on benefit and feasibility', async () => {
    const { ui } = s;
    await ui.signInAs(office);
    expect(await ui.signedInUser()).toBe(office);
    await ui.send(`idea ${number}`);
    const detail = await ui.waitForCard([number, idea.title, 'Assess']);
    await ui.clickAction(detail, 'Assess');
    await ui.choose(detail, /^Benefit/, '5');
    await ui.choose(detail, /^Feasibility/, '4');
    await ui.fill(detail, /^Comment/, 'Stor nytte for både bank og etat; avhenger av felles samtykkemodell.');
    await ui.screenshotOf(detail, 'office-fills-the-assessment');
    await ui.clickAction(detail, 'Save');

    const saved = await ui.waitForCard(['Your assessment is saved.', number]);
    const text = await ui.textOf(saved);
    expect(text).toContain('Weighted score 4.50 (1 assessments)');
    expect(text).toContain('Benefit: mean 5.00');
    expect(text).toContain('Feasibility: mean 4.00');
    await ui.screenshotOf(saved, 'office-assessment-saved');
  });

  step("the office's ranking shows the assessed idea", async () => {
    const { ui } = s;
    await ui.send('ranking');
    const ranking = await ui.waitForCard(['Ranking of registered ideas', number]);
    expect(await ui.textOf(ranking)).toContain(`${number} ${idea.title} No. 1 · 4.50`);
    await ui.screenshotOf(ranking, 'office-ranking');
  });

  step('the office prioritises the idea', async () => {
    const { ui } = s;
    await ui.send(`idea ${number}`);
    const detail = await ui.waitForCard([number, idea.title, 'Prioritise']);
    await ui.clickAction(detail, 'Prioritise');
    await ui.fill(detail, /^Place on the list/, '1');
    await ui.screenshotOf(detail, 'office-fills-the-priority');
    await ui.clickAction(detail, 'Save');

    const saved = await ui.waitForCard([number, 'Saved.', 'Status Prioritised']);
    expect(await ui.textOf(saved)).toContain('Place on prioritised list 1');
    await ui.screenshotOf(saved, 'office-idea-prioritised');
  });

  step('the office qualifies the idea and recommends it for BP1', async () => {
    const { ui } = s;
    const detail = await ui.waitForCard([number, 'Qualify']);
    await ui.clickAction(detail, 'Qualify');
    await ui.fill(detail, /^The programme office's qualification/, 'Kvalifisert: tydelig gevinst, to aktører klare til å bidra.');
    await ui.fill(detail, /^Recommendation for/, 'Anbefales startet i konseptfasen.');
    await ui.screenshotOf(detail, 'office-fills-the-qualification');
    await ui.clickAction(detail, 'Save');

    const saved = await ui.waitForCard([number, 'Saved.', 'Status Qualified']);
    const text = await ui.textOf(saved);
    expect(text).toContain('Qualification and recommendation for');
    expect(text).toContain('Anbefales startet i konseptfasen.');
    expect(text).toContain('Next decision point');
    await ui.screenshotOf(saved, 'office-idea-qualified');
  });

  step('in the team channel the office shows the prioritised list, with its caveat label', async () => {
    const { ui } = s;
    await ui.openConversation(conversations.channel('DSOP', 'Styringsgruppen'));
    await ui.post('prioritised list');
    const list = await ui.waitForCard(['Prioritised list', number]);
    const text = await ui.textOf(list);
    expect(text).toContain('Konseptene på listen er ikke behandlet på ledernivå hos aktørene i DSOP');
    expect(text).toContain(idea.title);
    await ui.screenshotOf(list, 'channel-prioritised-list');
  });

  step("the member's 'my ideas' shows the idea as qualified", async () => {
    const { ui } = s;
    await ui.signInAs(member);
    // The Bokmål command word. The reply follows the activity's locale; the playground sends
    // none, so the bot answers in English.
    await ui.send('mine idéer');
    const list = await ui.waitForCard(['My ideas', number]);
    expect(await ui.textOf(list)).toContain(`${number} ${idea.title} Qualified · Idea`);
    await ui.screenshotOf(list, 'member-my-ideas-qualified');
  });

  // ---- Not built yet: gate votes in channels (issue 8 part 2) --------------------------------
  // The verbs for linking a channel to a body, proposing a gate, voting and closing are being
  // built now; these steps are appended when they exist. Each is a todo, not a passing test.
  //  - office, in DSOP › Styringsgruppen: "@Samspill link styringsgruppe" → the channel is
  //    linked to Styringsgruppen (confirmation card names the body, its members and observer);
  //  - office opens BP1 for the idea there (gate.propose) → a vote card listing the decision
  //    basis (the office's qualification and recommendation);
  //  - Megan Bowen and Adele Vance (signInAs, open the channel) vote For on the card; Isaiah
  //    Langer sees that observers cannot vote;
  //  - the chair or the secretary closes the vote → the outcome card shows "adopted", who voted
  //    what and why (consensus rule);
  //  - Lynne Robbins' "my ideas" shows the idea in the Concept phase.
  it.todo('in the team channel the office links the channel to Styringsgruppen (waits for channel linking)');
  it.todo('the office opens BP1 for the qualified idea in the channel (waits for gate.propose)');
  it.todo('the members of Styringsgruppen vote on the BP1 card (waits for votes)');
  it.todo('the vote closes and the outcome card shows the decision and why (waits for close/outcome)');
  it.todo("the member's 'my ideas' shows the idea in the Concept phase (waits for BP1 to move the idea)");
});
