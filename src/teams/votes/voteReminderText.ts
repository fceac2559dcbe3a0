// The day-before reminder to a member who has not voted, in their language.
import type { Programme } from '../../domain/programme/schema.js';
import type { GateVote } from '../../domain/vote/gateVote.js';
import { formatDateTime, type Language } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
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
