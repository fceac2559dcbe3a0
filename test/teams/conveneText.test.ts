// The convening reminder counts pending roadmap changes through the plural rules, in every
// language: 0 (no line), 1, 2 and 5.
import { describe, expect, it } from 'vitest';
import { conveneText } from '../../src/features/meetings/teams/conveneText.js';
import { testProgramme } from '../support/fixtures.js';

const programme = testProgramme();
const body = programme.bodies[0]!;
const text = (count: number, language: 'nb' | 'en') =>
  conveneText({
    programme,
    body,
    periodKey: '2027-01',
    matters: { votes: [], deviations: [], roadmapChanges: Array.from({ length: count }, (_, i) => `DSOP-2026-00${i + 1}`) },
    language,
  });

describe('convening reminder: roadmap changes', () => {
  it.each([
    [1, 'nb', '1 endring i veikartet venter på beslutning: DSOP-2026-001'],
    [2, 'nb', '2 endringer i veikartet venter på beslutning: DSOP-2026-001, DSOP-2026-002'],
    [5, 'nb', '5 endringer i veikartet venter på beslutning:'],
    [1, 'en', '1 roadmap change awaiting decision: DSOP-2026-001'],
    [2, 'en', '2 roadmap changes awaiting decision: DSOP-2026-001, DSOP-2026-002'],
    [5, 'en', '5 roadmap changes awaiting decision:'],
  ] as const)('%i in %s', (count, language, expected) => {
    expect(text(count, language)).toContain(expected);
  });

  it('none: no roadmap line', () => {
    expect(text(0, 'nb')).not.toMatch(/veikartet/);
    expect(text(0, 'en')).not.toMatch(/roadmap change/);
  });
});
