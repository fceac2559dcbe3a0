// Help per programme over HTTP, on the four shipped programme files: a person is offered the
// commands their programme file enables and no other programme's (issue 24.4), and every example
// a help card shows is run as typed and is understood: no "I didn't understand", no unknown body,
// no error (issue 24.5).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgrammes } from '../../src/platform/config/programmeFiles.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, type Card } from '../support/conversation.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const presets = ['dsop', 'skate', 'digi-rogaland', 'kmd-ks'] as const;
type Preset = (typeof presets)[number];
const now = Date.UTC(2026, 11, 7, 9);

let service: TestApp;
const programmes = new Map<Preset, Programme>();

const asPerson = (programme: Programme, aadObjectId: string): Person => ({
  id: `29:${aadObjectId}`,
  aadObjectId,
  name: programme.people.find((p) => p.aadObjectId === aadObjectId)!.name,
});
const office = (programme: Programme) => asPerson(programme, programme.people.find((p) => p.roles.includes('office'))!.aadObjectId);
/** A participant with no role in any body and not the office (a project leader, a measure owner). */
function participant(programme: Programme): Person {
  const seated = new Set(programme.bodies.flatMap((b) => [...b.members, ...b.observers, b.secretary, b.decidedBy?.person]));
  return asPerson(programme, programme.people.find((p) => p.roles.length === 0 && !seated.has(p.aadObjectId))!.aadObjectId);
}

const chat = (preset: Preset) => conversationWith(service, programmes.get(preset)!.tenantId);

interface HelpLine {
  word: string;
  description: string;
}

async function help(preset: Preset, who: Person, locale: string): Promise<HelpLine[]> {
  const { card } = await chat(preset).say(who, locale === 'nb-NO' ? 'hjelp' : 'help', { locale });
  const facts = (card!.body as { type: string; facts?: { title: string; value: string }[] }[]).find((e) => e.type === 'FactSet')!.facts!;
  return facts.map((f) => ({ word: f.title, description: f.value }));
}

const examplePattern = { 'nb-NO': /, f\.eks\. «([^»]+)»$/, 'en-US': /, e\.g\. "([^"]+)"$/ } as const;
const examplesOf = (lines: HelpLine[], locale: keyof typeof examplePattern) =>
  lines.flatMap((l) => {
    const m = examplePattern[locale].exec(l.description);
    return m ? [m[1]!] : [];
  });

beforeAll(async () => {
  for (const preset of presets) {
    const [programme] = await loadProgrammes(fileURLToPath(new URL(`../../programmes/${preset}.json`, import.meta.url)));
    programmes.set(preset, programme!);
  }
  service = await startTestApp({ programmes: [...programmes.values()], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => now });
  // One idea per programme, so the examples that name the programme's first idea of the year find it.
  for (const preset of presets) {
    const programme = programmes.get(preset)!;
    const who = participant(programme);
    const { card } = await chat(preset).say(who, 'new idea');
    const party = programme.people.find((p) => p.aadObjectId === who.aadObjectId)!.party;
    const saved = await chat(preset).click(who, 'idea.register', { ...actionData(card, 'idea.register'), title: `Første idé i ${preset}`, description: 'Et eksempel.', party });
    expect(cardText(saved)).toContain(`${programme.ideaPrefix}-2026-001`);
  }
}, 60_000);
afterAll(async () => service.stop());

// The words of the commands that only some programmes have, as the English help card shows them.
const featureWords = ['roadmap revision', 'final treatment', 'agreement revision', 'fees', 'notice', 'admission'] as const;
const enabled: Record<Preset, { participant: readonly string[]; office: readonly string[] }> = {
  // DSOP §2.3 admits new parties; no roadmap revision, final treatment, agreement revision, fee or notice rule.
  dsop: { participant: ['admission'], office: ['admission'] },
  // Skate's final treatment (seed 004 §6) and nothing else of the kind.
  skate: { participant: ['final treatment'], office: ['final treatment'] },
  // Digi Rogaland §4.7 roadmap revisions, §8 agreement revision, §7 notice, §6 the fee (office only).
  'digi-rogaland': { participant: ['roadmap revision', 'agreement revision', 'notice'], office: ['roadmap revision', 'agreement revision', 'notice', 'fees'] },
  // KMD–KS §7 notice.
  'kmd-ks': { participant: ['notice'], office: ['notice'] },
};

describe('help shows what the person\'s programme file enables (issue 24.4)', () => {
  for (const preset of presets) {
    for (const role of ['participant', 'office'] as const) {
      it(`${preset}: the ${role} is offered ${enabled[preset][role].join(', ')} and no other programme's commands`, async () => {
        const programme = programmes.get(preset)!;
        const lines = await help(preset, role === 'office' ? office(programme) : participant(programme), 'en-US');
        const words = lines.map((l) => l.word);
        expect(words).toContain('help');
        for (const word of featureWords) {
          if (enabled[preset][role].includes(word)) expect(words, word).toContain(word);
          else expect(words, word).not.toContain(word);
        }
      });
    }
  }

  it('the Bokmål card leaves out the same commands', async () => {
    const lines = await help('dsop', participant(programmes.get('dsop')!), 'nb-NO');
    const words = lines.map((l) => l.word);
    expect(words).toContain('opptak');
    for (const word of ['veikart revisjon', 'sluttbehandling', 'avtalerevisjon', 'kontingent', 'oppsigelse']) expect(words, word).not.toContain(word);
  });
});

describe('every example in help is understood (issue 24.5)', () => {
  let channel = 0;
  for (const preset of presets) {
    for (const locale of ['nb-NO', 'en-US'] as const) {
      it(`${preset}, ${locale}: each example of the office's and a participant's help card runs`, async () => {
        const programme = programmes.get(preset)!;
        const ran: string[] = [];
        for (const who of [office(programme), participant(programme)]) {
          const examples = examplesOf(await help(preset, who, locale), locale);
          expect(examples.length, 'examples shown').toBeGreaterThan(2);
          for (const example of examples) {
            const link = /^(link|koble til) /.test(example);
            // Linking is done with an @mention in a team channel; everything else in personal chat.
            const where = link ? { conversation: { id: `19:help-${preset}-${++channel}@thread.tacv2;messageid=1700000000001`, conversationType: 'channel' as const } } : {};
            const reply = await chat(preset).say(who, link ? `<at>Samspill</at> ${example}` : example, { locale, ...where });
            const text = reply.text ?? cardText(reply.card as Card);
            expect(text, example).not.toMatch(/I didn't understand|Jeg forstod ikke/);
            expect(text, example).not.toMatch(/I know no body called|Jeg kjenner ikke noe organ/);
            expect(text, example).not.toMatch(/Something went wrong|Noe gikk galt/);
            if (/^(idea|idé) /.test(example)) expect(text, example).toContain(`Første idé i ${preset}`);
            if (link) expect(text, example).not.toMatch(/may not|kan ikke/);
            ran.push(example);
          }
        }
        // The office's card has the link example, filled with one of the programme's bodies.
        expect(ran.some((e) => /^(link|koble til) /.test(e))).toBe(true);
        expect(ran.some((e) => e.includes(`${programme.ideaPrefix}-2026-001`))).toBe(true);
      });
    }
  }
});
