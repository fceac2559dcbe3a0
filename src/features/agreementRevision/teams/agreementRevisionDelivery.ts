// The hearing's proactive messages (Digi Rogaland §8): the hearing card to each heard party's
// representatives, and again as a reminder before the deadline. Each is a Delivery job under the
// letter's key, so it goes out once however often it is planned; each is written in the
// recipient's language (their last personal chat with the bot; Bokmål when there was none).
import type { HearingLetter, HearingMail } from '../app/agreementRevision.js';
import type { Delivery } from '../../../shared/delivery.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { partyName } from '../../ideas/teams/ideaText.js';
import { formatDeadline } from '../../measures/teams/finalTreatmentViews.js';
import { hearingCardView } from './agreementRevisionViews.js';

export class DeliveredHearingMail implements HearingMail {
  constructor(
    private readonly delivery: Delivery,
    private readonly cards: CardRenderer,
    private readonly languages: RecipientLanguage,
  ) {}

  async send(letter: HearingLetter): Promise<'queued' | 'duplicate'> {
    const { programme, revision, party } = letter;
    const language = await this.languages.of(programme.tenantId, letter.to);
    const params = { party: partyName(programme, party), deadline: formatDeadline(revision.deadline, language), n: letter.businessDaysBefore ?? 0 };
    const banner =
      letter.kind === 'request'
        ? translate(language, 'ar.answer.request', params)
        : translate(language, letter.businessDaysBefore === 1 ? 'ar.answer.reminderOne' : 'ar.answer.reminder', params);
    // The proposed changes are the programme's internal business until the body has decided.
    const discloses = [{ kind: 'programme-internal' as const, programmeId: programme.id }];
    const card = this.cards.render('finalTreatmentFeedback', hearingCardView({ programme, revision, party, language, banner }), discloses);
    return this.delivery.enqueue({ key: letter.key, tenantId: programme.tenantId, target: { kind: 'person', aadObjectId: letter.to }, message: { kind: 'card', card }, discloses });
  }
}
