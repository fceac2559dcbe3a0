// The day-before reminder to a member who has not voted, in their language.
import type { Programme } from '../../../shared/programme/schema.js';
import type { GateVote } from '../domain/gateVote.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { bodyName, matterName } from './voteText.js';

export function votersReminderText(programme: Programme, vote: GateVote, language: Language): string {
  const body = bodyName(programme, vote.body, language);
  return translate(language, 'vote.remindVoters', {
    matter: matterName(programme, vote, language),
    number: vote.ideaNumber,
    title: vote.ideaTitle,
    body,
    deadline: formatDateTime(vote.deadline, language),
  });
}
