// Turns idea states, history entries and refusals into sentences in the reader's language.
import type { IdeaUseCaseError } from '../app/ideaErrors.js';
import type { HistoryEntry } from '../domain/history.js';
import type { Dispute } from '../domain/dispute.js';
import type { IdeaStatus } from '../domain/idea.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { adviceBody } from '../../measures/domain/finalTreatment.js';
import { pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';

export const statusText = (status: IdeaStatus, language: Language) => translate(language, `status.${status}`);

export const phaseName = (programme: Programme, phaseId: string, language: Language) => {
  const phase = programme.phases.find((p) => p.id === phaseId);
  return phase ? pick(phase.name, language) : phaseId;
};

export const gateName = (programme: Programme, gateId: string, language: Language) => {
  const gate = programme.gates.find((g) => g.id === gateId);
  return gate ? `${gate.id} ${pick(gate.name, language)}` : gateId;
};

/** Who decided a line task (seed 004 §2.2, §2.4): «Difis direktør (Dina Direktør)» when the
 * director recorded it, «Sara Sekretariat på vegne av Difis direktør» when the office did. */
export function lineTaskWho(programme: Programme, name: string, onBehalf: boolean, language: Language): string {
  const title = adviceBody(programme)?.decidedBy?.title;
  const titleText = title ? pick(title, language) : '';
  return translate(language, onBehalf ? 'lineTask.whoOnBehalf' : 'lineTask.whoDirector', { title: titleText, name });
}

const bodyLabel = (programme: Programme, bodyId: string, language: Language) => {
  const body = programme.bodies.find((b) => b.id === bodyId);
  return body ? pick(body.name, language) : bodyId;
};

export const partyName = (programme: Programme, partyId: string) => programme.parties.find((p) => p.id === partyId)?.name ?? partyId;

export const personName = (programme: Programme, personId: string) =>
  programme.people.find((p) => p.aadObjectId === personId)?.name ?? personId;

export function historyText(programme: Programme, entry: HistoryEntry, language: Language): string {
  const nb = language === 'nb';
  const who = entry.by.name;
  const e = entry.event;
  switch (e.kind) {
    case 'registered':
      return nb ? `${who} registrerte idéen` : `${who} registered the idea`;
    case 'prioritised':
      return nb ? `${who} satte idéen på prioritert liste som nr. ${e.rank}` : `${who} put the idea on the prioritised list as no. ${e.rank}`;
    case 'reranked':
      return nb ? `${who} flyttet idéen fra nr. ${e.from} til nr. ${e.to}` : `${who} moved the idea from no. ${e.from} to no. ${e.to}`;
    case 'qualified':
      return nb
        ? `${who} kvalifiserte idéen og anbefalte til ${gateName(programme, e.gate, language)}: ${e.recommendation}`
        : `${who} qualified the idea and recommended for ${gateName(programme, e.gate, language)}: ${e.recommendation}`;
    case 'gate-adopted':
      // Seed 004 §3.1: the measure owner approved their own governance documentation.
      if (e.approvedBy === 'owner') {
        return nb
          ? `${who} (tiltakseier) godkjente ${gateName(programme, e.gate, language)}: videre til ${phaseName(programme, e.toPhase, language)}`
          : `${who} (measure owner) approved ${gateName(programme, e.gate, language)}: on to ${phaseName(programme, e.toPhase, language)}`;
      }
      return nb
        ? `${gateName(programme, e.gate, language)} vedtatt: videre til ${phaseName(programme, e.toPhase, language)}`
        : `${gateName(programme, e.gate, language)} adopted: on to ${phaseName(programme, e.toPhase, language)}`;
    case 'gate-rejected':
      return nb ? `${gateName(programme, e.gate, language)} ikke vedtatt` : `${gateName(programme, e.gate, language)} not adopted`;
    case 'stopped':
      return nb ? `${who} stanset idéen: ${e.lessonsLearned}` : `${who} stopped the idea: ${e.lessonsLearned}`;
    case 'project-leader-assigned':
      return nb
        ? `${who} gjorde ${personName(programme, e.person)} til prosjektleder`
        : `${who} made ${personName(programme, e.person)} project leader`;
    case 'dispute-recorded':
      return nb
        ? `${who} registrerte uenighet ${e.dispute}; dataeier ${partyName(programme, e.dataOwner)} avgjør`
        : `${who} recorded dispute ${e.dispute}; data owner ${partyName(programme, e.dataOwner)} decides`;
    case 'consumer-choice-recorded': {
      const choice = e.choice === 'accept' ? (nb ? 'godtar' : 'accepts') : nb ? 'trekker seg' : 'withdraws';
      return `${partyName(programme, e.party)} ${choice} (${nb ? 'uenighet' : 'dispute'} ${e.dispute})`;
    }
    case 'participants-recorded': {
      const names = e.parties.map((p) => partyName(programme, p)).join(', ');
      return nb ? `${who} registrerte deltakende parter: ${names}` : `${who} recorded the participating parties: ${names}`;
    }
    case 'party-decision-recorded': {
      const party = partyName(programme, e.party);
      if (nb) return `${who} registrerte ${party}s ${e.positive ? 'positive' : 'negative'} beslutning`;
      return `${who} recorded ${party}'s ${e.positive ? 'positive' : 'negative'} decision`;
    }
    case 'advice-recorded':
      return translate(language, `advice.history.${e.advice}`, { body: bodyLabel(programme, e.body, language), gate: gateName(programme, e.gate, language) });
    case 'line-task-decided':
      return translate(language, 'lineTask.history', { who: lineTaskWho(programme, entry.by.name, e.onBehalf, language) });
    case 'own-steering-group-linked':
      return nb
        ? `${who} registrerte at prosjektet har egen styringsgruppe; rapportene går dit`
        : `${who} recorded that the project has its own steering group; its reports go there`;
  }
}

/** The domain explains invalid fields in English; readers get their own language per field. */
const invalidField: Record<string, { nb: string; en: string }> = {
  title: { nb: 'tittelen mangler eller er for lang', en: 'the title is missing or too long' },
  description: { nb: 'beskrivelsen mangler', en: 'the description is missing' },
  party: { nb: 'ukjent aktør', en: 'unknown party' },
  parties: { nb: 'nevn minst én kjent aktør som deltar', en: 'name at least one known party that takes part' },
  participant: { nb: 'aktøren er ikke registrert som deltaker i prosjektet (se «deltakere <nr>»)', en: 'the party is not recorded as taking part in the project (see "participants <no>")' },
  links: { nb: 'en av lenkene er ikke en nettadresse (https://…)', en: 'one of the links is not a web address (https://…)' },
  rank: { nb: 'plassen må være et helt tall fra 1', en: 'the place must be a whole number from 1' },
  assessment: { nb: 'kvalifiseringen mangler', en: 'the qualification is missing' },
  recommendation: { nb: 'anbefalingen mangler', en: 'the recommendation is missing' },
  lessonsLearned: {
    nb: 'skriv minst én hel setning om hva dere lærte, avsluttet med punktum',
    en: 'write at least one full sentence on what was learned, ending with a full stop',
  },
  person: { nb: 'personen er ikke med i programmet', en: 'the person is not in the programme' },
};

export function ideaErrorText(error: IdeaUseCaseError, language: Language): string {
  switch (error.code) {
    case 'not-found':
      return translate(language, 'ideaError.not-found', { number: error.number });
    case 'no-programme':
      return translate(language, 'ideaError.no-programme', { programmeId: error.programmeId });
    case 'forbidden':
      return translate(language, `ideaError.forbidden.${error.needs}`);
    case 'invalid-scores':
      return translate(language, 'ideaError.invalid-scores');
    case 'idea-closed':
      if (error.status === 'line-task') return translate(language, 'ideaError.line-task');
      return translate(language, 'ideaError.idea-closed', { status: statusText(error.status, language).toLowerCase() });
    case 'wrong-status':
      return translate(language, 'ideaError.wrong-status', { status: statusText(error.status, language).toLowerCase() });
    case 'not-qualified':
      return translate(language, 'ideaError.not-qualified', { gate: error.gate });
    case 'unknown-gate':
    case 'gate-not-from-current-phase':
    case 'gate-into-stopped-phase':
      return translate(language, 'ideaError.gate', { gate: error.gate });
    case 'wrong-programme':
      return translate(language, 'ideaError.no-programme', { programmeId: error.ideaProgramme });
    case 'invalid-input':
      return translate(language, 'ideaError.invalid-input', { message: invalidField[error.field]?.[language] ?? error.message });
    case 'invalid-dispute':
      return translate(language, 'ideaError.invalid-dispute', { message: error.problems.map((p) => p.message).join('; ') });
    case 'config-problem':
      return translate(language, 'ideaError.config-problem', { message: error.message });
    case 'no-director':
      return translate(language, 'ideaError.no-director');
    case 'not-owner':
    case 'no-owner':
    case 'not-owner-approved':
      return translate(language, `advice.error.${error.code}`, { gate: error.gate });
  }
}

/** Each consumer's answer to a dispute (DSOP §5), or that none has answered yet. */
export const disputeChoicesText = (programme: Programme, dispute: Dispute, language: Language): string =>
  dispute.consumers.map((c) => `${partyName(programme, c.party)}: ${translate(language, `dispute.choice.${c.choice}`)}`).join(', ') ||
  translate(language, 'dispute.choice.none');
