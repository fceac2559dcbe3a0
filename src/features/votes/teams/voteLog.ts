// The decision log as a card (newest votes first, every ballot with its time and any change)
// and as CSV (one row per ballot; a vote with no ballots gets one row of its own; then one row
// per dispute about a solution, DSOP §5).
import type { DecisionLog, LoggedVote } from '../app/decisionLog.js';
import { formatReason } from '../../../shared/decision/reason.js';
import { toCsv } from '../domain/csv.js';
import { ballotTrail } from '../domain/decisionLog.js';
import { outcomeIsAdvice } from '../domain/gateVote.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { VoteLogView } from './voteCardViews.js';
import { disputeChoicesText, partyName, personName } from '../../ideas/teams/ideaText.js';
import type { Idea } from '../../ideas/domain/idea.js';
import type { Dispute } from '../../ideas/domain/dispute.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { bodyName, choiceText, directorWho, matterName, outcomeStatusText, ruleText } from './voteText.js';
import { recordedOnBehalf } from '../../../shared/decision/director.js';
import { clip, COMMENT_ON_CARD } from './voteViews.js';
import { pagerButtons, positionText } from '../../../platform/cards/pager.js';
import { DateTime } from 'luxon';

/** Ballot lines per vote on the card. */
const LINES_PER_VOTE = 20;
/** Characters of ballot lines on the whole card, so it stays far below Teams' message size. */
const LINE_BUDGET = 9_000;

const statusOf = ({ vote }: LoggedVote, language: Language) =>
  vote.outcome ? outcomeStatusText(vote.outcome.status, outcomeIsAdvice(vote), language) : translate(language, 'log.running');

/** One line per dispute in these ideas: the matter, the data owner's final word, each consumer's answer. */
export function disputeLines(programme: Programme, ideas: readonly Idea[], language: Language): string[] {
  return ideas.flatMap((idea) =>
    idea.disputes.map((d) =>
      translate(language, 'dispute.logLine', {
        n: d.number,
        number: idea.number,
        subject: d.subject,
        owner: partyName(programme, d.dataOwner),
        decision: d.decision,
        choices: disputeChoicesText(programme, d, language),
      }),
    ),
  );
}

export function logView(log: Pick<DecisionLog, 'access' | 'filter' | 'page'>, language: Language, filterText: string, disputes: string[] = []): VoteLogView {
  const { programme } = log.access;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { page } = log;
  const shown = page.items;
  const suffix = filterText ? ` ${filterText}` : '';
  const position = positionText(page, language);
  let budget = LINE_BUDGET;
  const votes = shown.map((entry) => {
    const { vote } = entry;
    const trail = ballotTrail(entry.ballots);
    const lines: string[] = [];
    for (const b of trail) {
      const changed = b.changedFrom ? t('log.changed', { from: choiceText(b.changedFrom, language) }) : '';
      const superseded = b.latest ? '' : t('log.superseded');
      const comment = b.comment ? ` — ${clip(b.comment, COMMENT_ON_CARD)}` : '';
      const line = `${formatDateTime(b.castAt, language)} ${personName(programme, b.voter)}: ${choiceText(b.choice, language)}${changed}${superseded}${comment}`;
      if (lines.length >= LINES_PER_VOTE || line.length > budget) break;
      budget -= line.length;
      lines.push(line);
    }
    if (trail.length > lines.length) lines.push(`… +${trail.length - lines.length} (CSV)`);
    const director = vote.director
      ? [{ title: vote.decidedBy ? vote.decidedBy.title[language] : '', value: `${t(vote.director.adopted ? 'vote.status.adopted' : 'vote.status.rejected')} (${directorWho(vote, language)}, ${formatDateTime(vote.director.at, language)})` }]
      : [];
    return {
      heading: t('log.vote', {
        gate: matterName(programme, vote, language),
        number: vote.ideaNumber,
        title: vote.ideaTitle,
        body: bodyName(programme, vote.body, language),
      }),
      facts: [
        { title: t('vote.fact.openedBy'), value: t('log.opened', { when: formatDateTime(vote.openedAt, language), name: vote.openedBy.name, deadline: formatDateTime(vote.deadline, language) }) },
        { title: t('vote.fact.rule'), value: ruleText(vote.rule, vote.decidedBy, language) },
        { title: t('idea.fact.status'), value: statusOf(entry, language) },
        ...(vote.outcome ? [{ title: t('vote.fact.counts'), value: formatReason(vote.outcome.reason, language) }] : []),
        ...director,
      ],
      lines: lines.length > 0 ? lines : [t('log.noBallots')],
    };
  });
  return {
    heading: t('log.heading', { programme: programme.name }),
    subheading: filterText ? t('log.filtered', { filter: filterText }) : '',
    emptyText: page.total === 0 && disputes.length === 0 ? t('log.empty') : '',
    votes,
    disputesHeading: disputes.length > 0 ? t('dispute.logHeading') : '',
    disputes,
    footer: position ? t('log.more', { position, filter: suffix }) : shown.length > 0 ? t('log.csvHint', { filter: suffix }) : '',
    pager: pagerButtons(page, 'gate.log', { programmeId: programme.id, ...log.filter }, language),
  };
}

/** ISO 8601 in Oslo time with the offset, so a spreadsheet and a reader agree. */
const iso = (epochMs: number | undefined) => (epochMs === undefined ? '' : (DateTime.fromMillis(epochMs, { zone: 'Europe/Oslo' }).toISO() ?? ''));

export const CSV_HEADER = [
  'vote_id',
  'idea',
  'idea_title',
  'gate',
  'body',
  'rule',
  'budget_matter',
  'opened_at',
  'opened_by',
  'deadline',
  'closed_at',
  'closed_by',
  'outcome',
  'reason',
  'director_decision',
  'director',
  'director_at',
  'director_on_behalf',
  'voter_id',
  'voter_name',
  'choice',
  'cast_at',
  'changed_from',
  'counted',
  'comment',
  'basis_override',
  'dispute',
  'dispute_subject',
  'data_owner',
  'data_owner_name',
  'data_owner_decision',
  'consumer_choices',
  'recorded_by',
  'recorded_at',
] as const;

/** Columns a vote's rows leave empty: the dispute columns. */
const DISPUTE_COLUMNS = CSV_HEADER.length - CSV_HEADER.indexOf('dispute');

/**
 * A dispute's row: the idea, then the dispute's own columns (the vote columns empty). Each
 * consumer's answer is "party: accept|withdraw (who recorded it, when)", separated by "; ".
 */
function disputeRow(programme: Programme, idea: Idea, dispute: Dispute): string[] {
  const choices = dispute.consumers.map((c) => `${partyName(programme, c.party)}: ${c.choice} (${c.by.name}, ${iso(c.at)})`).join('; ');
  const row: string[] = CSV_HEADER.map(() => '');
  const put = (column: (typeof CSV_HEADER)[number], value: string) => (row[CSV_HEADER.indexOf(column)] = value);
  put('idea', idea.number);
  put('idea_title', idea.title);
  put('dispute', String(dispute.number));
  put('dispute_subject', dispute.subject);
  put('data_owner', dispute.dataOwner);
  put('data_owner_name', partyName(programme, dispute.dataOwner));
  put('data_owner_decision', dispute.decision);
  put('consumer_choices', choices);
  put('recorded_by', dispute.recordedBy.name);
  put('recorded_at', iso(dispute.at));
  return row;
}

/**
 * The whole log as CSV text (RFC 4180), in the reader's language for the human columns: the
 * votes' rows, then a row per dispute of the given ideas (see disputedIdeas), by idea number.
 */
export function logCsv(log: Pick<DecisionLog, 'access'> & { votes: readonly LoggedVote[] }, language: Language, disputed: readonly Idea[] = []): string {
  const { programme } = log.access;
  const rows: string[][] = [];
  for (const entry of log.votes) {
    const { vote } = entry;
    const outcome = vote.outcome;
    const base = [
      vote.id,
      vote.ideaNumber,
      vote.ideaTitle,
      vote.gate,
      vote.body,
      ruleText(vote.rule, vote.decidedBy, language),
      vote.budgetMatter ? 'yes' : 'no',
      iso(vote.openedAt),
      vote.openedBy.name,
      iso(vote.deadline),
      iso(vote.closing?.at),
      vote.closing ? (vote.closing.how === 'deadline' ? 'deadline' : vote.closing.by.name) : '',
      outcome ? outcome.status : vote.status,
      outcome ? formatReason(outcome.reason, language) : '',
      vote.director ? (vote.director.adopted ? 'adopted' : 'rejected') : '',
      vote.director?.name ?? '',
      iso(vote.director?.at),
      vote.director ? (recordedOnBehalf(vote, vote.director) ? 'yes' : 'no') : '',
    ];
    const override = vote.override ? `${vote.override.by.name}: ${vote.override.reason} (${vote.override.missing.join(' ')})` : '';
    const trail = ballotTrail(entry.ballots);
    const noDispute: string[] = Array.from({ length: DISPUTE_COLUMNS }, () => '');
    if (trail.length === 0) rows.push([...base, '', '', '', '', '', '', '', override, ...noDispute]);
    for (const b of trail) {
      rows.push([
        ...base,
        b.voter,
        personName(programme, b.voter),
        b.choice,
        iso(b.castAt),
        b.changedFrom ?? '',
        b.latest ? 'yes' : 'no',
        b.comment ?? '',
        override,
        ...noDispute,
      ]);
    }
  }
  const byNumber = [...disputed].sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  for (const idea of byNumber) for (const d of idea.disputes) rows.push(disputeRow(programme, idea, d));
  return toCsv(CSV_HEADER, rows);
}
