// Votes in words: the rule in plain language, choices, outcomes and refusals, in the reader's
// language.
import type { VoteError } from '../app/voteErrors.js';
import type { Choice } from '../../../shared/decision/ballot.js';
import type { OutcomeStatus } from '../../../shared/decision/decide.js';
import type { DecisionRule, Programme } from '../../../shared/programme/schema.js';
import type { GateVote } from '../domain/gateVote.js';
import { recordedOnBehalf } from '../../../shared/decision/director.js';
import { roadmapBodyOf } from '../../roadmap/domain/revision.js';
import { pick, type Language, formatDate } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { gateName, ideaErrorText, partyName } from '../../ideas/teams/ideaText.js';
import { osloTime, type IsoDate } from '../../../shared/schedule/oslo.js';

/** An Oslo calendar day in the reader's words (1 Jan 2028, 1. jan. 2028). */
export const dayText = (date: IsoDate, language: Language) => formatDate(osloTime(date, 12), language);

export const choiceText = (choice: Choice, language: Language) => translate(language, `vote.choice.${choice}`);

export const bodyName = (programme: Programme, bodyId: string, language: Language) => {
  const body = programme.bodies.find((b) => b.id === bodyId);
  return body ? pick(body.name, language) : bodyId;
};

/** What the vote decides, in words: the gate's name, "Admission of a new party" or "Roadmap revision". */
export function matterName(programme: Programme, vote: Pick<GateVote, 'gate' | 'matter'> & { body?: string }, language: Language): string {
  switch (vote.matter?.kind) {
    case 'admission':
      return translate(language, 'admission.matter');
    case 'retirement':
      return translate(language, 'retirement.matter');
    case 'roadmap-revision':
      return translate(language, 'roadmap.revision.matter');
    case 'agreement-revision':
      return translate(language, 'ar.matter');
    case 'advice':
      return translate(language, 'advice.matter', { gate: gateName(programme, vote.gate, language), body: bodyName(programme, vote.body ?? '', language) });
    case 'recommendation':
      return translate(language, 'prep.matter', { gate: gateName(programme, vote.gate, language), body: bodyName(programme, vote.matter.to, language) });
    default:
      return gateName(programme, vote.gate, language);
  }
}

/** Who decided, in words (seed 004 §6.4 «Difis direktør tar endelig beslutning»): «Difis direktør
 * (Dina Direktør)» when the director recorded it, «Ola Office på vegne av Difis direktør» when the
 * office recorded it for them. */
export function directorWho(vote: Pick<GateVote, 'decidedBy' | 'director'>, language: Language): string {
  const title = vote.decidedBy ? pick(vote.decidedBy.title, language) : '';
  const director = vote.director;
  if (!director) return title;
  return translate(language, recordedOnBehalf(vote, director) ? 'vote.director.whoOnBehalf' : 'vote.director.who', { title, name: director.name });
}

export const deliverableName = (programme: Programme, gateId: string, deliverableId: string, language: Language) => {
  const d = programme.gates.find((g) => g.id === gateId)?.deliverables.find((x) => x.id === deliverableId);
  return d ? pick(d.name, language) : deliverableId;
};

/** The rule as a sentence a member can check the outcome against. */
export function ruleText(rule: DecisionRule, decidedBy: GateVote['decidedBy'], language: Language): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const parts: string[] = [];
  switch (rule.kind) {
    case 'consensus':
      parts.push(t('rule.consensus'));
      break;
    case 'majority':
      parts.push(t('rule.majority'));
      break;
    case 'consensus-then-majority':
      parts.push(t('rule.ctm'));
      if (rule.chairDoubleVoteOnTie) parts.push(t('rule.ctm.tie'));
      if (rule.chairDecidesBudgetMatters) parts.push(t('rule.ctm.budget'));
      break;
  }
  if (rule.quorum?.minVotesCast !== undefined) parts.push(t('rule.quorum.count', { n: rule.quorum.minVotesCast }));
  if (rule.quorum?.minShareCast !== undefined) parts.push(t('rule.quorum.share', { share: Math.round(rule.quorum.minShareCast * 100) }));
  if (rule.quorum?.majorityOfMembers) parts.push(t('rule.quorum.majority'));
  const text = `${parts.join('; ')}.`;
  return decidedBy ? `${text} ${t('rule.advisory', { title: pick(decidedBy.title, language) })}.` : text;
}

export function outcomeStatusText(status: OutcomeStatus, advisory: boolean, language: Language): string {
  return translate(language, advisory ? `vote.advice.${status}` : `vote.status.${status}`);
}

export function voteErrorText(error: VoteError, language: Language, programme?: Programme): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const body = (id: string) => (programme ? bodyName(programme, id, language) : id);
  switch (error.code) {
    case 'not-in-channel':
      return t('voteError.not-in-channel');
    case 'unknown-body':
      return t('voteError.unknown-body', { name: error.name, bodies: error.bodies.join(', ') || '–' });
    case 'ambiguous-body':
      return t('voteError.ambiguous-body', {
        name: error.name,
        programmes: error.programmes.join(', '),
        example: `${error.programmes[0] ?? ''} ${error.name}`.trim(),
      });
    case 'may-not-link':
      return t('voteError.may-not-link', { body: body(error.body) });
    case 'channel-not-in-host':
      return t('voteError.channel-not-in-host', { body: body(error.body), programme: programme?.name ?? '' });
    case 'no-gate':
      return t('voteError.no-gate', { number: error.number });
    case 'wrong-gate':
      return t('voteError.wrong-gate', { gate: error.gate, expected: error.expected ?? '–' });
    case 'no-channel':
      return t('voteError.no-channel', { body: body(error.body), bodyId: error.body });
    case 'not-on-roadmap': {
      // Where a body decides roadmap changes, only its adopted revision puts a project there.
      const decidingBody = programme && roadmapBodyOf(programme);
      return decidingBody
        ? t('roadmap.error.not-on-adopted-roadmap', { number: error.number, body: body(decidingBody) })
        : t('voteError.not-on-roadmap', { number: error.number });
    }
    case 'missing-party-decisions':
      if (error.noParticipants) return t('voteError.no-participants');
      return t('voteError.missing-party-decisions', { parties: error.parties.map((p) => (programme ? (programme.parties.find((x) => x.id === p)?.name ?? p) : p)).join(', ') });
    case 'missing-deliverables':
      return t('voteError.missing-deliverables', {
        missing: error.missing.map((d) => (programme ? deliverableNameAnyGate(programme, d, language) : d)).join(', '),
      });
    case 'override-reason':
      return t('voteError.override-reason');
    case 'bad-link':
      return t('voteError.bad-link', { deliverable: programme ? deliverableNameAnyGate(programme, error.deliverable, language) : error.deliverable });
    case 'bad-deadline':
      return t(`voteError.bad-deadline.${error.problem}`);
    case 'already-open':
      return t('voteError.already-open', { voteId: error.voteId });
    case 'vote-not-found':
      return t('voteError.vote-not-found', { voteId: error.voteId });
    case 'not-voter':
      return t(`voteError.not-voter.${error.standing}`, { body: body(error.body) });
    case 'departed-voter':
      return t('voteError.departed-voter', { party: programme ? partyName(programme, error.partyId) : error.partyId, date: dayText(error.effective, language) });
    case 'vote-closed':
      return t('voteError.vote-closed');
    case 'deadline-passed':
      return t('voteError.deadline-passed');
    case 'may-not-close':
      return t('voteError.may-not-close', { body: body(error.body) });
    case 'not-advisory':
      return t('voteError.not-advisory');
    case 'may-not-decide':
      return t('voteError.may-not-decide', { title: error.title });
    case 'already-decided':
      return t('voteError.already-decided');
    case 'advice-pending':
      return t('voteError.advice-pending');
    case 'not-reopenable':
      return t('voteError.not-reopenable');
    case 'owner-approves':
    case 'no-advice':
      return t(`voteError.${error.code}`, { gate: programme ? gateName(programme, error.gate, language) : error.gate });
    default:
      return ideaErrorText(error, language);
  }
}

function deliverableNameAnyGate(programme: Programme, id: string, language: Language): string {
  for (const gate of programme.gates) {
    const d = gate.deliverables.find((x) => x.id === id);
    if (d) return pick(d.name, language);
  }
  return id;
}
