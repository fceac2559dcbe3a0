// The prioritised list's text exports, exactly: the label first (Bokmål, then English), then the
// list; CSV cells quoted per RFC 4180 and a leading formula character neutralised.
import { describe, expect, it } from 'vitest';
import { exportRows, prioritisedListCsv, prioritisedListMarkdown } from '../../../src/shared/disclosure/prioritisedListExport.js';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { testProgramme } from '../../support/fixtures.js';

const programme = testProgramme({
  confidentiality: { ...testProgramme().confidentiality, prioritisedListLabel: { nb: 'Ikke behandlet, "ingen garanti"', en: 'Not *treated*' } },
});
const idea = (number: string, title: string, party: string, rank?: number) =>
  ({ number, title, party, ...(rank !== undefined ? { rank } : {}) }) as unknown as Idea;

describe('prioritised list export', () => {
  const rows = exportRows(programme, [idea('DSOP-2026-002', '=SUM(A1)', 'finans-norge', 1), idea('DSOP-2026-001', 'Konto, kort', 'ukjent')]);

  it('takes the rank (or the place in the list) and the party name', () => {
    expect(rows).toEqual([
      { rank: 1, number: 'DSOP-2026-002', title: '=SUM(A1)', party: 'Finans Norge' },
      { rank: 2, number: 'DSOP-2026-001', title: 'Konto, kort', party: 'ukjent' },
    ]);
  });

  it('writes CSV with the label in the first two lines', () => {
    expect(prioritisedListCsv(programme, rows)).toBe(
      ['"Ikke behandlet, ""ingen garanti"""', 'Not *treated*', 'rank,number,title,party', `1,DSOP-2026-002,"'=SUM(A1)",Finans Norge`, '2,DSOP-2026-001,"Konto, kort",ukjent'].join('\r\n'),
    );
    expect(prioritisedListCsv(programme, [{ rank: 3, number: 'N', title: '-1', party: '@x' }]).split('\r\n')[3]).toBe(`3,N,"'-1","'@x"`);
    expect(prioritisedListCsv(programme, [{ rank: 3, number: 'N', title: 'a\nb', party: '+x' }]).split('\r\n').slice(3).join('|')).toBe(`3,N,"a\nb","'+x"`);
  });

  it('writes Markdown with the label quoted and special characters escaped', () => {
    expect(prioritisedListMarkdown(programme, 'Liste #1', rows, 'Tom')).toBe(
      ['> **Ikke behandlet, "ingen garanti"**', '> Not \\*treated\\*', '', '**Liste \\#1**', '', '1. DSOP-2026-002 =SUM(A1) (Finans Norge)', '2. DSOP-2026-001 Konto, kort (ukjent)'].join('\n'),
    );
    expect(prioritisedListMarkdown(programme, 'L', [], 'Tom').split('\n').at(-1)).toBe('Tom');
    expect(prioritisedListMarkdown(programme, 'a_b`c[d]<e>|f\\', [], '-').split('\n')[3]).toBe('**a\\_b\\`c\\[d\\]\\<e\\>\\|f\\\\**');
  });
});
