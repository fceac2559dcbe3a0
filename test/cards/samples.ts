// Sample data for every card template. The mapped type makes a new template without samples
// a compile error, so the template test below always covers every card.
import type { CardName, CardViews } from '../../src/platform/cards/views.js';
import type { Access } from '../../src/shared/access.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { ideaDetailView, ideaFormView } from '../../src/features/ideas/teams/ideaViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';
import { voteSamples } from './voteSamples.js';
import { agreementSamples } from './agreementSamples.js';
import { finalTreatmentSamples } from './finalTreatmentSamples.js';
import { agreementRevisionSamples, agreementRevisionVoteSamples } from './agreementRevisionSamples.js';
import { admissionSamples, admissionVoteSamples } from './admissionSamples.js';
import { roadmapRevisionSamples, roadmapRevisionVoteSamples, roadmapWithChangesSamples } from './roadmapRevisionSamples.js';
import { reportFormView } from '../../src/features/reporting/teams/reportCards.js';
import { samlesakSamples } from './samlesakSamples.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);

const programme = testProgramme();
const access = (id: string): Access => ({
  programme,
  roles: rolesIn(programme, id)!,
  key: { tenantId: TENANT, programmeId: programme.id },
  actor: { id, name: 'Sample' },
});
const at = Date.UTC(2026, 10, 1);
const registered = register(programme, {
  number: 'DSOP-2026-001',
  title: 'Tittel med ${ikke.evaluert}',
  description: long(3900),
  party: 'skatteetaten',
  expectedBenefit: long(1500),
  links: ['https://example.org/a'],
  submittedBy: { id: 'aad-member', name: 'Per Member' },
  at,
});
if (!registered.ok) throw new Error('sample idea');
const { idea, history } = registered.value;
const manyHistory = Array.from({ length: 40 }, (_, i) => ({ ...history, at: at + i * 1000 }));
const personal = (language: 'nb' | 'en') => ({ language, now: at, conversation: { kind: 'personal' as const } });
const button = { title: 'Registrer idéen', verb: 'idea.form', data: { programmeId: 'dsop' } };
const item = { programmeId: 'dsop', number: 'DSOP-2026-001', title: long(120), subtitle: 'Registrert · Idé' };

export const samples: { [K in CardName]: CardViews[K][] } = {
  welcome: [
    {
      title: 'Velkommen til Samspill',
      intro: 'Intro',
      rolesHeading: 'Dine roller i DSOP',
      roleLines: ['Deltaker (Skatteetaten)', 'Programkontoret', 'Leder av Styringsgruppen'],
      nextStep: 'Skriv «hjelp».',
      helpButton: 'Hjelp',
      actions: [button],
    },
    { title: 'Welcome', intro: 'Team intro', rolesHeading: '', roleLines: [], nextStep: 'Type help', helpButton: 'Help', actions: [] },
  ],
  help: [
    {
      title: 'What you can do',
      programmes: [{ heading: 'Your roles in DSOP', roles: ['Participant (Finans Norge)', 'Observer in Topplederforum (no vote)'] }],
      notice: '',
      commandsHeading: 'Commands',
      commands: [{ word: 'help', description: 'Show what you can do' }],
      actions: [button, button],
    },
    { title: 'Hva du kan gjøre', programmes: [], notice: long(300), commandsHeading: 'Kommandoer', commands: [], actions: [] },
  ],
  error: [
    { title: 'Det gikk ikke', message: 'Noen felt må rettes:', details: ['Tittel: høyst 120 tegn', long(500)] },
    { title: 'That did not work', message: 'Something went wrong', details: [] },
  ],
  choice: [{ heading: 'Hvilket program?', text: '', options: [button, { ...button, title: 'Skate' }] }],
  ideaForm: [
    ideaFormView(access('aad-member'), 'nb'),
    ideaFormView(access('aad-member'), 'en', {
      values: { title: long(120), description: long(4000), expectedBenefit: long(2000), links: long(2000) },
      problems: ['Tittel: høyst 120 tegn', long(300)],
    }),
  ],
  ideaDetail: [
    ideaDetailView({ access: access('aad-member'), idea, history: [history], assessments: [] }, personal('nb')).view,
    ideaDetailView({ access: access('aad-office'), idea, history: manyHistory, assessments: [] }, personal('en'), 'Registered as DSOP-2026-001.').view,
    ideaDetailView(
      {
        access: access('aad-chair'),
        idea: { ...idea, status: 'stopped', stop: { lessonsLearned: long(4000), by: idea.submittedBy, at, fromPhase: 'ide', fromStatus: 'registered' } },
        history: manyHistory,
        assessments: [],
      },
      personal('nb'),
    ).view,
    // A started project with its collaboration checklist's progress.
    ideaDetailView(
      { access: access('aad-office'), idea: { ...idea, status: 'active', phase: 'konsept', projectLeader: 'aad-member' }, history: [history], assessments: [] },
      personal('nb'),
      '',
      { checklist: { done: 7, total: 22, percent: 31 } },
    ).view,
  ],
  ideaList: [
    {
      heading: 'Porteføljen',
      subheading: '60 idéer · Side 1 av 3',
      chartTitle: 'Antall per fase',
      chart: [{ x: 'Idé', y: 40 }, { x: 'Konsept', y: 20 }],
      chartFallback: 'Se under.',
      facts: [{ title: 'Idé', value: '40' }],
      sections: [{ heading: 'Idé', items: Array.from({ length: 20 }, () => item) }],
      emptyText: '',
      pager: [{ title: 'Neste ▶', verb: 'portfolio.show', data: { programmeId: 'dsop', cursor: { start: 'ix|pf|ide|PO{7973.999999999979', offset: 20, back: [''] } } }],
    },
    { heading: 'Mine idéer', subheading: '', chartTitle: '', chart: [], chartFallback: '', facts: [], sections: [], emptyText: 'Ingen.', pager: [] },
  ],
  prioritisedList: [
    {
      label: programme.confidentiality.prioritisedListLabel,
      heading: 'Prioritert liste',
      position: '21–40 av 1 034',
      items: Array.from({ length: 20 }, (_, i) => ({ ...item, rank: i + 21 })),
      emptyText: '',
      pager: [
        { title: '◀ Forrige', verb: 'prioritised.show', data: { programmeId: 'dsop', cursor: { offset: 0, back: [] } } },
        { title: 'Neste ▶', verb: 'prioritised.show', data: { programmeId: 'dsop', cursor: { start: 'ix|prio|000041|DSOP.2026.000000000041', offset: 40, back: [''] } } },
      ],
    },
    { label: programme.confidentiality.prioritisedListLabel, heading: 'Prioritised list', position: '', items: [], emptyText: 'None yet.', pager: [] },
  ],
  records: [
    {
      heading: 'Revisjonslogg – DSOP',
      subheading: 'Nyeste først',
      records: Array.from({ length: 30 }, (_, i) => ({ title: `22. nov. 2026 · Stoppet ${i}`, lines: [long(200), long(200)] })),
      emptyText: '',
    },
    { heading: 'NDAs', subheading: '', records: [], emptyText: 'None on record.' },
  ],
  ndaForm: [
    {
      heading: 'Registrer taushetserklæring',
      intro: 'Intro',
      labels: { person: 'Hvem', covers: 'Dekker', scope: 'Hva', handling: 'Hvordan', signedOn: 'Dato' },
      people: programme.people.map((p) => ({ title: p.name, value: p.aadObjectId })),
      topics: [
        { title: 'Registrerte idéer', value: 'registered-ideas' },
        { title: 'Prosjektdokumenter', value: 'planning-documents' },
      ],
      programmeId: 'dsop',
      submitLabel: 'Registrer',
    },
  ],
  ...voteSamples,
  vote: [...voteSamples.vote, ...admissionVoteSamples.vote, ...roadmapRevisionVoteSamples.vote, ...agreementRevisionVoteSamples.vote],
  voteOutcome: [...voteSamples.voteOutcome, ...admissionVoteSamples.voteOutcome, ...roadmapRevisionVoteSamples.voteOutcome, ...agreementRevisionVoteSamples.voteOutcome],
  ...agreementSamples,
  roadmap: [...agreementSamples.roadmap, ...roadmapWithChangesSamples],
  ...roadmapRevisionSamples,
  ...finalTreatmentSamples,
  finalTreatmentFeedback: [...finalTreatmentSamples.finalTreatmentFeedback, ...agreementRevisionSamples.hearingCards],
  agreementRevisionForm: agreementRevisionSamples.agreementRevisionForm,
  agreementRevision: agreementRevisionSamples.agreementRevision,
  ...admissionSamples,
  reportForm: (() => {
    const schedule = {
      id: 'statusrapport',
      name: { nb: 'Månedlig statusrapport', en: 'Monthly status report' },
      kind: 'status-report' as const,
      cadence: { kind: 'monthly' as const, exceptMonths: [7] },
      recipients: 'project-leaders' as const,
      deadlineBusinessDays: 5,
      remindBusinessDaysBefore: [3, 1],
    };
    const period = { key: '2026-12', deadline: at + 7 * 86_400_000, closes: at + 40 * 86_400_000 };
    const report = {
      programmeId: 'dsop',
      scheduleId: schedule.id,
      periodKey: period.key,
      ideaNumber: idea.number,
      ideaTitle: idea.title,
      content: {
        status: 'red' as const,
        progress: long(3000),
        deviations: {
          result: { deviates: true, text: long(2000) },
          completionDate: { deviates: true, text: long(2000) },
          cost: { deviates: false, text: '' },
        },
        correctiveActions: long(3000),
        nextMilestones: long(2000),
        previousDecision: { answer: 'partly' as const, text: long(1000) },
      },
      author: { id: 'aad-member', name: 'Per Member' },
      version: 3,
      filedAt: at,
      updatedAt: at,
    };
    return [
      reportFormView({ programme, schedule, period, idea, askPreviousDecision: false, banner: 'Påminnelse', others: [{ idea }, { idea }] }, 'nb'),
      reportFormView({ programme, schedule, period, idea, report, askPreviousDecision: true, problems: ['Korrigerende tiltak må fylles ut.'] }, 'en'),
      { ...reportFormView({ programme, schedule, period, idea, askPreviousDecision: false, banner: 'Revider veikartet' }, 'nb'), hasForm: false },
      // R37: the question names the decision recorded in last quarter's samlesak.
      reportFormView(
        { programme, schedule, period, idea, askPreviousDecision: true, previousDecision: { text: long(2000), by: { id: 'aad-office', name: 'Ola' }, at, onBehalf: true } },
        'nb',
      ),
    ];
  })(),
  ...samlesakSamples,
};
