// The office's notice of a proactive message the guard withheld (src/features/confidentiality/app/withheldSends.ts),
// as text in the office person's language.
import type { WithheldNoticeText } from '../app/withheldSends.js';
import { formatDateTime } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { partyName, personName } from '../../ideas/teams/ideaText.js';
import { subjectText } from './disclosureHandlers.js';

const places = ['personal', 'channel', 'groupChat'] as const;

export const withheldNoticeText: WithheldNoticeText = ({ programme, language, conversation, reasons, subjects, at }) => {
  const person = conversation.person;
  const party = person ? programme.people.find((p) => p.aadObjectId === person)?.party : undefined;
  const recipient = person ? `${personName(programme, person)}${party ? ` (${partyName(programme, party)})` : ''}` : translate(language, 'withheld.someone');
  const place = (places as readonly string[]).includes(conversation.kind) ? (conversation.kind as (typeof places)[number]) : 'channel';
  return translate(language, 'withheld.notice', {
    recipient,
    where: translate(language, `audit.where.${place}`),
    at: formatDateTime(at, language),
    reasons: reasons.map((r) => translate(language, `disclosure.reason.${r}`)).join(' '),
    what: [...new Set(subjects.map((s) => subjectText(language, s)))].join(', '),
  });
};
