// A small, complete programme for HTTP tests, independent of the shipped presets.
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import type { Person } from './activities.js';

export const TENANT = 'tenant-a';

export const people = {
  office: { id: '29:office', aadObjectId: 'aad-office', name: 'Ola Office' },
  office2: { id: '29:office2', aadObjectId: 'aad-office2', name: 'Siri Sekretariat' },
  chair: { id: '29:chair', aadObjectId: 'aad-chair', name: 'Kari Chair' },
  member: { id: '29:member', aadObjectId: 'aad-member', name: 'Per Member' },
  observer: { id: '29:observer', aadObjectId: 'aad-observer', name: 'Oda Observer' },
  outsider: { id: '29:outsider', aadObjectId: 'aad-outsider', name: 'Ute Outsider' },
} satisfies Record<string, Person>;

const text = (nb: string, en = nb) => ({ nb, en });

/** The test programme's two parties, both in TENANT. */
export const testParties = [
  { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [TENANT] },
  { id: 'finans-norge', name: 'Finans Norge', tenantIds: [TENANT] },
];

/** The programme's file entries for `people` (outsider excluded): office, office2, chair, member, observer. */
export const testPeople = [
  { aadObjectId: 'aad-office', name: 'Ola Office', party: 'skatteetaten', roles: ['office'] },
  { aadObjectId: 'aad-office2', name: 'Siri Sekretariat', party: 'finans-norge', roles: ['office'] },
  { aadObjectId: 'aad-chair', name: 'Kari Chair', party: 'skatteetaten' },
  { aadObjectId: 'aad-member', name: 'Per Member', party: 'finans-norge' },
  { aadObjectId: 'aad-observer', name: 'Oda Observer', party: 'finans-norge' },
];

export function testProgramme(overrides: Partial<Programme> = {}): Programme {
  return programmeSchema.parse({
    id: 'dsop',
    name: 'DSOP test',
    ideaPrefix: 'DSOP',
    tenantId: TENANT,
    parties: testParties,
    people: testPeople,
    phases: [
      { id: 'ide', name: text('Idé', 'Idea') },
      { id: 'konsept', name: text('Konsept', 'Concept'), guidelineMonths: 3 },
      { id: 'forvaltning', name: text('Forvaltning', 'Operations'), terminal: true },
      { id: 'stanset', name: text('Stanset', 'Stopped'), terminal: true },
    ],
    initialPhase: 'ide',
    stoppedPhase: 'stanset',
    gates: [
      { id: 'BP1', name: text('Igangsetting av konseptfasen', 'Start of concept phase'), from: 'ide', to: 'konsept', body: 'styringsgruppen' },
      { id: 'BP2', name: text('Overføring til forvaltning', 'Handover'), from: 'konsept', to: 'forvaltning', body: 'styringsgruppen' },
    ],
    bodies: [
      {
        id: 'styringsgruppen',
        name: text('Styringsgruppen', 'Steering group'),
        rule: { kind: 'consensus' },
        members: ['aad-chair', 'aad-member'],
        chair: 'aad-chair',
        observers: ['aad-observer'],
        secretary: 'aad-office',
      },
    ],
    criteria: [
      { id: 'nytteverdi', name: text('Nytteverdi', 'Benefit'), weight: 1 },
      { id: 'gjennomforbarhet', name: text('Gjennomførbarhet', 'Feasibility'), weight: 1 },
    ],
    confidentiality: {
      prioritisedListLabel: text('Konseptene på listen er ikke behandlet på ledernivå.', 'Not treated at leader level.'),
    },
    ...overrides,
  });
}

/** The fixture programme with a decision basis on BP1 as DSOP has it: the office's qualification
 * and a cost-benefit analysis, each a link; with `recordedQualification` the qualification is
 * the one written on the idea card (`recorded: "qualification"`, the DSOP preset's BP1). */
export function testProgrammeWithBp1Basis({ recordedQualification = false } = {}): Programme {
  const base = testProgramme();
  const qualification = { id: 'kvalifisering', name: text('Kvalifisering og anbefaling', 'Qualification and recommendation') };
  return testProgramme({
    gates: base.gates.map((g) =>
      g.id === 'BP1'
        ? {
            ...g,
            deliverables: [
              recordedQualification ? { ...qualification, recorded: 'qualification' as const } : qualification,
              { id: 'kost-nytte', name: text('Forenklet kost-/nytteanalyse', 'Simplified cost-benefit analysis') },
            ],
          }
        : g,
    ),
  });
}
