// Over generated ideas, states and audiences, for every rendering of ideas: whatever the guard
// lets through to an external audience never contains a registered idea's title or
// description, every rendering of the prioritised list carries the label, and whatever shows a
// prioritised idea to an external audience carries the label (seed 000 §6.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Access } from '../../src/shared/access.js';
import type { Audience } from '../../src/shared/disclosure/audience.js';
import { decideDisclosure } from '../../src/shared/disclosure/decide.js';
import { exportRows, prioritisedListCsv, prioritisedListMarkdown } from '../../src/shared/disclosure/prioritisedListExport.js';
import { ideaStatuses, isInternalOnly, type Idea } from '../../src/features/ideas/domain/idea.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { CardRenderer, disclosuresOf, type AdaptiveCard } from '../../src/platform/cards/cardRenderer.js';
import { myIdeasCard, portfolioCard, prioritisedListCard, rankingCard } from '../../src/features/ideas/teams/ideaListCards.js';
import { ideaDetailView } from '../../src/features/ideas/teams/ideaViews.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const programme = testProgramme();
const cards = new CardRenderer();
const label = programme.confidentiality.prioritisedListLabel;
const access: Access = {
  programme,
  roles: rolesIn(programme, 'aad-office')!,
  key: { tenantId: TENANT, programmeId: programme.id },
  actor: { id: 'aad-office', name: 'Ola Office' },
};
const noNdas = { has: () => false };

const ideaArb = fc.record({
  token: fc.stringMatching(/^[0-9a-f]{8}$/),
  status: fc.constantFrom(...ideaStatuses),
  phase: fc.constantFrom(...programme.phases.map((p) => p.id)),
  rank: fc.integer({ min: 1, max: 50 }),
});
const ideasArb = fc.uniqueArray(ideaArb, { minLength: 1, maxLength: 12, selector: (i) => i.token }).map((list) =>
  list.map(
    ({ token, status, phase, rank }, i): Idea => ({
      programmeId: programme.id,
      number: `DSOP-2026-${String(i + 1).padStart(3, '0')}`,
      title: `Title-${token}`,
      description: `Description-${token}`,
      party: 'skatteetaten',
      links: [`https://example.org/${token}`],
      submittedBy: { id: 'aad-member', name: 'Per Member' },
      registeredAt: 0,
      phase,
      phaseStartedAt: 0,
      status,
      disputes: [],
      ...(status === 'prioritised' || status === 'qualified' ? { rank } : {}),
      ...(status === 'stopped' ? { stop: { lessonsLearned: 'Lært.', by: { id: 'x', name: 'x' }, at: 0, fromPhase: 'ide', fromStatus: 'registered' as const } } : {}),
    }),
  ),
);

const user = (tenantId = TENANT, role: 'user' | 'guest' | 'anonymous' = 'user', aadObjectId = 'aad-member') => ({ aadObjectId, tenantId, role });
const externalAudiences: Audience[] = [
  // A guest the programme does not list (a listed guest belongs: issue 15).
  { kind: 'group', members: [user(), user(TENANT, 'guest', 'aad-unlisted-guest')], registeredTo: ['dsop'] },
  { kind: 'group', members: [user(), user('other-tenant', 'guest')], registeredTo: ['dsop'] },
  { kind: 'group', members: [user(), user('other-tenant')], registeredTo: ['dsop'] },
  { kind: 'group', members: [user()], registeredTo: [] },
  { kind: 'unknown', why: 'roster-unavailable' },
  { kind: 'personal', member: user(TENANT, 'anonymous') },
];

/** A list that fits on one page. */
const wholePage = <T,>(items: T[]) => ({ items, offset: 0, total: items.length });

function renderings(ideas: Idea[]): { name: string; card?: AdaptiveCard; text?: string; discloses: ReturnType<typeof disclosuresOf>; isList: boolean }[] {
  const listed = ideas.filter((i) => i.status === 'prioritised' || i.status === 'qualified');
  const asCard = (name: string, card: AdaptiveCard, isList = false) => ({ name, card, discloses: disclosuresOf(card), isList });
  const byPhase = programme.phases.map((phase) => ({ phase, count: ideas.filter((i) => i.phase === phase.id).length }));
  const rows = exportRows(programme, listed);
  const listDisclosure = [
    { kind: 'prioritised-list' as const, programmeId: programme.id, labelled: true },
    ...listed.map((idea) => ({ kind: 'idea' as const, programmeId: programme.id, idea })),
  ];
  return [
    asCard('my ideas', myIdeasCard(cards, [{ programme, page: wholePage(ideas) }], 'nb')),
    asCard('portfolio', portfolioCard(cards, { access, byPhase, page: wholePage(ideas) }, 'en')),
    asCard('ranking', rankingCard(cards, access, wholePage(ideas.map((idea) => ({ idea }))), 'nb')),
    asCard('prioritised list', prioritisedListCard(cards, access, wholePage(listed), 'en'), true),
    ...ideas.map((idea) => {
      const { view, discloses } = ideaDetailView(
        { access, idea, history: [], assessments: [] },
        { language: 'nb', now: 0, conversation: { kind: 'channel' } },
      );
      return asCard(`idea ${idea.number}`, cards.render('ideaDetail', view, discloses));
    }),
    { name: 'markdown export', text: prioritisedListMarkdown(programme, 'Liste', rows, '-'), discloses: listDisclosure, isList: true },
    { name: 'csv export', text: prioritisedListCsv(programme, rows), discloses: listDisclosure, isList: true },
  ];
}

describe('every rendering, every external audience', () => {
  it('never lets a registered idea out, and the prioritised list always carries the label', () => {
    fc.assert(
      fc.property(ideasArb, fc.constantFrom(...externalAudiences), (ideas, audience) => {
        const secrets = ideas.filter(isInternalOnly).flatMap((i) => [i.title, i.description]);
        for (const output of renderings(ideas)) {
          const shown = output.card ? JSON.stringify(output.card) : (output.text ?? '');
          if (output.isList) expect(shown, output.name).toContain(output.card ? label.nb : label.nb.slice(0, 30));
          const verdict = decideDisclosure(programme, output.discloses, audience, noNdas);
          if (!verdict.allowed) continue;
          for (const secret of secrets) expect(shown, `${output.name} leaked ${secret}`).not.toContain(secret);
        }
      }),
      { numRuns: 150 },
    );
  });

  // The oracle is the clause read on the rendered output, not the guard's classification: «Hver
  // gang listen over prioriterte ideer kommuniseres eksternt skal listen merkes klart og
  // tydelig». An idea is on that list while it is prioritised or qualified.
  it('whatever the guard lets out that shows a prioritised idea carries the label', () => {
    let shownWithIdea = 0;
    fc.assert(
      fc.property(ideasArb, fc.constantFrom(...externalAudiences), (ideas, audience) => {
        const onTheList = ideas.filter((i) => i.status === 'prioritised' || i.status === 'qualified').map((i) => i.title);
        for (const output of renderings(ideas)) {
          const shown = output.card ? JSON.stringify(output.card) : (output.text ?? '');
          if (!onTheList.some((title) => shown.includes(title))) continue;
          if (!decideDisclosure(programme, output.discloses, audience, noNdas).allowed) continue;
          shownWithIdea++;
          expect(shown, `${output.name} showed a prioritised idea without the label`).toContain(label.nb);
        }
      }),
      { numRuns: 150 },
    );
    // The lists and exports do go out labelled: the property is not vacuous.
    expect(shownWithIdea).toBeGreaterThan(0);
  });

  it('an inside audience sees registered ideas (the guard is not simply refusing everything)', () => {
    const inside: Audience = { kind: 'group', members: [user()], registeredTo: ['dsop'] };
    // A B2B guest in the host tenant whom the programme lists is inside too.
    const withListedGuest: Audience = { kind: 'group', members: [user(), user(TENANT, 'guest')], registeredTo: ['dsop'] };
    fc.assert(
      fc.property(ideasArb, (ideas) => {
        for (const output of renderings(ideas)) {
          expect(decideDisclosure(programme, output.discloses, inside, noNdas).allowed, output.name).toBe(true);
          expect(decideDisclosure(programme, output.discloses, withListedGuest, noNdas).allowed, `${output.name} (listed guest)`).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});
