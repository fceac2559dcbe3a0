// Samples of the agreement cards (fee, checklist, roadmap, measures and deviations), built with
// the real view builders, at their largest: every Rogaland municipality on the fee card, a
// fully ticked checklist, a roadmap with many long-titled projects, many open deviations.
import type { Access } from '../../src/shared/access.js';
import type { FeeRecord } from '../../src/features/membership/app/membership.js';
import { difiChecklist, checklistProgress } from '../../src/features/checklist/domain/difiChecklist.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { computeFees } from '../../src/features/membership/domain/fees.js';
import type { Deviation, Measure } from '../../src/features/measures/domain/measures.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { roadmapLayout, type RoadmapEntry } from '../../src/features/roadmap/domain/roadmap.js';
import type { ChecklistView } from '../../src/features/checklist/teams/checklistCardView.js';
import { checklistView } from '../../src/features/checklist/teams/checklistHandlers.js';
import type { DeviationFormView, DeviationListView, MeasureFormView } from '../../src/features/measures/teams/measureCardViews.js';
import { deviationFormView, deviationListView, measureFormView } from '../../src/features/measures/teams/measureHandlers.js';
import type { FeeView } from '../../src/features/membership/teams/feeCardView.js';
import { feeView } from '../../src/features/membership/teams/membershipHandlers.js';
import type { RoadmapView } from '../../src/features/roadmap/teams/roadmapCardView.js';
import { roadmapView } from '../../src/features/roadmap/teams/roadmapHandlers.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const at = Date.UTC(2026, 10, 1, 9);

const municipalities = [
  'Stavanger', 'Sandnes', 'Karmøy', 'Haugesund', 'Sola', 'Time', 'Klepp', 'Hå', 'Eigersund', 'Randaberg', 'Strand', 'Tysvær',
  'Gjesdal', 'Sokndal', 'Lund', 'Bjerkreim', 'Hjelmeland', 'Suldal', 'Sauda', 'Vindafjord', 'Bokn', 'Utsira', 'Kvitsøy',
];
const programme = testProgramme({
  parties: [
    ...municipalities.map((name, i) => ({ id: `k${i}`, name: `${name} kommune`, tenantIds: [TENANT], inhabitants: 150_000 - i * 6_000 })),
    { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [TENANT] },
    { id: 'finans-norge', name: 'Finans Norge', tenantIds: [TENANT] },
  ],
  membership: { fee: { rates: [{ fromYear: 2021, fixed: 150_000, perInhabitant: 5, smallestPayVariableOnly: 3 }], basis: { nb: long(300), en: long(300) } } },
});
const access = (id: string): Access => ({
  programme,
  roles: rolesIn(programme, id)!,
  key: { tenantId: TENANT, programmeId: programme.id },
  actor: { id, name: 'Sample' },
});
const office = access('aad-office');

const fees = computeFees(
  programme.membership!.fee!,
  2026,
  programme.parties.filter((p) => p.inhabitants !== undefined).map((p) => ({ partyId: p.id, name: p.name, inhabitants: p.inhabitants! })),
);
if (!fees.ok) throw new Error('sample fees');
const stored: FeeRecord = { ...fees.value, computedBy: { id: 'aad-office', name: 'Ola Office' }, computedAt: at };
const rate = programme.membership!.fee!.rates[0]!;
const parties = programme.parties.map((p) => ({ partyId: p.id, name: p.name, ...(p.inhabitants ? { inhabitants: p.inhabitants } : {}) }));

const made = register(programme, {
  number: 'DSOP-2026-001',
  title: 'Tittel med ${ikke.evaluert}',
  description: long(400),
  party: 'skatteetaten',
  links: [],
  submittedBy: { id: 'aad-member', name: 'Per Member' },
  at,
});
if (!made.ok) throw new Error('sample idea');
const base: Idea = { ...made.value.idea, title: long(120) };
const project = (i: number): Idea => ({ ...base, number: `DSOP-2026-${String(i + 1).padStart(3, '0')}`, phase: 'konsept', status: 'active', projectLeader: 'aad-member' });
const projects = Array.from({ length: 40 }, (_, i) => project(i));
const entry = (number: string, i: number): RoadmapEntry => ({
  ideaNumber: number,
  start: `${2026 + (i % 3)}-Q${(i % 4) + 1}`,
  end: '2029-Q4',
  note: long(200),
  createdBy: { id: 'aad-office', name: 'Ola Office' },
  createdAt: at,
  updatedBy: { id: 'aad-office', name: 'Ola Office' },
  updatedAt: at,
});
const entries = projects.slice(0, 30).map((p, i) => entry(p.number, i));

const allTicked = Object.fromEntries(difiChecklist.map((i) => [i.id, { by: { id: 'aad-member', name: 'Per Member' }, at }]));
const checklistState = (ticks: typeof allTicked, canTick: boolean) => ({
  access: office,
  idea: project(0),
  ticks,
  progress: checklistProgress(ticks),
  canTick,
  canSend: canTick,
});

const measure: Measure = {
  id: 'T-001',
  title: long(200),
  description: long(2000),
  owners: ['aad-office', 'aad-chair'],
  parties: ['skatteetaten', 'finans-norge'],
  createdBy: { id: 'aad-office', name: 'Ola Office' },
  createdAt: at,
};
const deviation = (i: number): Deviation => ({
  id: `A-${String(i + 1).padStart(3, '0')}`,
  measureId: 'T-001',
  what: long(400),
  impact: long(400),
  proposal: long(400),
  filedBy: { id: 'aad-member', name: 'Per Member' },
  party: 'finans-norge',
  filedAt: at,
  recipients: [{ person: { id: 'aad-chair', name: 'Kari Chair' }, party: 'skatteetaten', as: 'party' }],
  status: 'open',
});

export const agreementSamples: {
  fee: FeeView[];
  checklist: ChecklistView[];
  roadmap: RoadmapView[];
  measureForm: MeasureFormView[];
  deviationForm: DeviationFormView[];
  deviationList: DeviationListView[];
} = {
  fee: [
    feeView({ access: office, year: 2026, rate, basis: programme.membership!.fee!.basis!, parties, stored }, 'nb', { banner: 'Lagret.' }),
    feeView({ access: office, year: 2021, rate, parties }, 'en', { problems: [long(200)], values: { k0: 'tolv' } }),
  ],
  checklist: [
    checklistView(checklistState(allTicked, true), 'nb', 'Lagret (22 endret).'),
    checklistView(checklistState({}, false), 'en'),
    // As it arrives in a project leader's chat when the project starts.
    checklistView(checklistState({}, true), 'nb', translate('nb', 'checklist.handover.started', { number: 'DSOP-2026-001' })),
  ],
  roadmap: [
    roadmapView(
      { access: office, layout: roadmapLayout(programme, projects, entries), lastRevision: { ideaNumber: 'DSOP-2026-001', by: { id: 'aad-office', name: 'Ola Office' }, at, kind: 'added', changes: [] } },
      { language: 'nb', now: at },
      'DSOP-2026-001 er lagret på veikartet.',
    ),
    roadmapView(
      { access: office, layout: roadmapLayout(programme, projects, entries) },
      { language: 'en', now: at },
      '',
      2,
    ),
    roadmapView({ access: access('aad-member'), layout: roadmapLayout(programme, [], []) }, { language: 'en', now: at }),
  ],
  measureForm: [
    measureFormView(office, 'nb'),
    measureFormView(office, 'en', {
      values: { title: long(200), description: long(4000), owners: 'aad-office,aad-chair', parties: 'skatteetaten' },
      problems: [long(200)],
    }),
  ],
  deviationForm: [
    deviationFormView(access('aad-member'), [measure, { ...measure, id: 'T-002' }], 'nb'),
    deviationFormView(access('aad-member'), [measure], 'en', { values: { what: long(2000), impact: long(2000), proposal: long(2000) }, problems: ['x'] }),
  ],
  deviationList: [
    deviationListView(office, [{ measure, deviations: Array.from({ length: 25 }, (_, i) => deviation(i)) }], 'nb', 'Avvik A-001 er registrert.'),
    deviationListView(office, [{ measure, deviations: Array.from({ length: 25 }, (_, i) => deviation(i)) }], 'en', '', 3),
    deviationListView(access('aad-member'), [], 'en'),
  ],
};
