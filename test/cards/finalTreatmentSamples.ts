// Samples of the final-treatment cards, built with the real domain steps and view builders, at
// their largest: fifteen Skate organisations that all answered at full length several times, a
// full-length recommendation and decision, and a history longer than the card shows.
import {
  giveFeedback,
  openFinalTreatment,
  recordDecision,
  recordRecommendation,
  type FinalTreatment,
} from '../../src/features/measures/domain/finalTreatment.js';
import type { Measure } from '../../src/features/measures/domain/measures.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import type { FinalTreatmentFeedbackView, FinalTreatmentFormView, FinalTreatmentView } from '../../src/features/measures/teams/finalTreatmentCardViews.js';
import { feedbackCardView, finalTreatmentFormView, finalTreatmentView } from '../../src/features/measures/teams/finalTreatmentViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const text = (nb: string, en = nb) => ({ nb, en });
const base = testProgramme();
const orgs = Array.from({ length: 15 }, (_, i) => `virksomhet-${i + 1}`);

export const skateSample: Programme = programmeSchema.parse({
  ...base,
  id: 'skate',
  name: 'Skate',
  parties: orgs.map((id) => ({ id, name: `${long(40)} ${id}`, tenantIds: [TENANT] })),
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'virksomhet-1', roles: ['office'] },
    { aadObjectId: 'aad-director', name: 'Dina Direktør', party: 'virksomhet-1' },
    ...orgs.map((party, i) => ({ aadObjectId: `aad-m${i}`, name: `Medlem ${i}`, party })),
  ],
  bodies: [
    {
      id: 'skate',
      name: text('Skate'),
      rule: { kind: 'consensus' },
      members: orgs.map((_, i) => `aad-m${i}`),
      chair: 'aad-m0',
      decidedBy: { person: 'aad-director', title: text('Difis direktør', 'The Director of Difi') },
    },
  ],
});

const at = osloTime('2026-11-02', 10);
const office = { id: 'aad-office', name: 'Ola Office' };
const measure: Measure = {
  id: 'T-001',
  title: long(200),
  description: long(2000),
  owners: ['aad-office', 'aad-director'],
  parties: ['virksomhet-1'],
  createdBy: office,
  createdAt: at,
};

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const opened = must(openFinalTreatment(skateSample, measure, [], 1, { part: long(200), request: long(2000), deadline: '2026-11-20', by: office, at }));
let answered: FinalTreatment = opened;
for (let round = 0; round < 3; round++) {
  orgs.forEach((_, i) => {
    answered = must(giveFeedback(skateSample, answered, { text: `${round} ${long(3990)}`, by: { id: `aad-m${i}`, name: `Medlem ${i}` }, at: at + round * 1000 + i })).treatment;
  });
}
const afterDeadline = osloTime('2026-11-23', 10);
const recommended = must(
  recordRecommendation(skateSample, answered, { verdict: 'in-accordance', consensus: false, text: long(4000), auTreatment: long(4000), by: office, at: afterDeadline }),
).treatment;
const decided = must(
  recordDecision(skateSample, recommended, { verdict: 'not-in-accordance', text: long(4000), by: { id: 'aad-director', name: 'Dina Direktør' }, at: afterDeadline + 1000 }),
).treatment;
const partlyAnswered = must(giveFeedback(skateSample, opened, { text: long(4000), by: { id: 'aad-m3', name: 'Medlem 3' }, at: at + 1 })).treatment;

const body = skateSample.bodies[0]!;

export const finalTreatmentSamples: {
  finalTreatmentForm: FinalTreatmentFormView[];
  finalTreatmentFeedback: FinalTreatmentFeedbackView[];
  finalTreatment: FinalTreatmentView[];
} = {
  finalTreatmentForm: [
    finalTreatmentFormView({ programme: skateSample, body, organisations: orgs, measures: [measure, { ...measure, id: 'T-002' }], language: 'nb', now: at }),
    finalTreatmentFormView({
      programme: skateSample,
      body,
      organisations: orgs,
      measures: [measure],
      language: 'en',
      now: at,
      values: { part: long(200), request: long(2000), deadline: '2026-11-20' },
      problems: [long(200), 'x'],
    }),
    finalTreatmentFormView({ programme: skateSample, body, organisations: orgs, measures: [], language: 'nb', now: at }),
  ],
  finalTreatmentFeedback: [
    feedbackCardView({ programme: skateSample, measure, treatment: opened, party: 'virksomhet-2', language: 'nb', banner: long(200) }),
    feedbackCardView({ programme: skateSample, measure, treatment: partlyAnswered, party: 'virksomhet-4', language: 'en', problems: ['x'], value: long(4000) }),
    feedbackCardView({ programme: skateSample, measure, treatment: decided, party: 'virksomhet-4', language: 'nb' }),
  ],
  finalTreatment: [
    // The office during the round (deadline, cancel, "not yet" note), and a member who may answer.
    finalTreatmentView({ programme: skateSample, measure, treatment: partlyAnswered, viewer: 'aad-office', language: 'nb', now: at, banner: long(300) }),
    finalTreatmentView({ programme: skateSample, measure, treatment: partlyAnswered, viewer: 'aad-m5', language: 'en', now: at }),
    // The office after the deadline with a refused recommendation typed back and its problems.
    finalTreatmentView({
      programme: skateSample,
      measure,
      treatment: answered,
      viewer: 'aad-office',
      language: 'en',
      now: afterDeadline,
      problems: [long(300)],
      values: { verdict: 'in-accordance', consensus: 'false', text: long(4000), auTreatment: long(4000) },
    }),
    // The director with the recommendation recorded, and everyone once decided.
    finalTreatmentView({ programme: skateSample, measure, treatment: recommended, viewer: 'aad-director', language: 'nb', now: afterDeadline }),
    finalTreatmentView({ programme: skateSample, measure, treatment: decided, viewer: 'aad-office', language: 'en', now: afterDeadline }),
  ],
};
