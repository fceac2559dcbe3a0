// The final treatment's proactive messages: the feedback card to each asked organisation's Skate
// members (and again as a reminder), the escalation to the office, the notices of the
// recommendation and the decision. Each is a Delivery job under the letter's key, so it goes out
// once however often it is planned. Teams sends no locale with proactive messages, so each is
// written in the language of the recipient's last personal chat with the bot (Bokmål when
// there has been none), as vote notices are.
import type { Delivery } from '../../../shared/delivery.js';
import type { FinalTreatmentMail, Letter } from '../app/finalTreatment.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import type { Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { partyName } from '../../ideas/teams/ideaText.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { deciderTitle, feedbackCardView, formatDeadline, measureTitle } from './finalTreatmentViews.js';

export class DeliveredFinalTreatmentMail implements FinalTreatmentMail {
  constructor(
    private readonly delivery: Delivery,
    private readonly cards: CardRenderer,
    private readonly languages: RecipientLanguage,
  ) {}

  async send(letter: Letter): Promise<'queued' | 'duplicate'> {
    const language = await this.languages.of(letter.programme.tenantId, letter.to);
    const message = this.render(letter, language);
    return this.delivery.enqueue({
      key: letter.key,
      tenantId: letter.programme.tenantId,
      target: { kind: 'person', aadObjectId: letter.to },
      message,
      // Measures, their feedback and the decisions are the programme's internal material.
      discloses: [{ kind: 'programme-internal', programmeId: letter.programme.id }],
    });
  }

  private render(letter: Letter, language: Language): { kind: 'card'; card: AdaptiveCard } | { kind: 'text'; text: string } {
    const { programme, measure, treatment } = letter;
    const deadline = formatDeadline(treatment.deadline, language);
    const party = letter.party ?? '';
    switch (letter.kind) {
      case 'request':
      case 'reminder': {
        const name = partyName(programme, party);
        const n = letter.businessDaysBefore ?? 0;
        const banner =
          letter.kind === 'request'
            ? translate(language, 'ft.feedback.request', { party: name, deadline })
            : translate(language, n === 1 ? 'ft.feedback.reminderOne' : 'ft.feedback.reminder', { party: name, deadline, n });
        const view = feedbackCardView({ programme, measure, treatment, party, language, banner });
        return { kind: 'card', card: this.cards.render('finalTreatmentFeedback', view, [{ kind: 'programme-internal', programmeId: programme.id }]) };
      }
      case 'escalation': {
        const card = this.cards.render(
          'choice',
          {
            heading: translate(language, 'ft.escalation.heading', { id: treatment.id }),
            text: translate(language, 'ft.escalation.text', {
              measure: measureTitle(measure, treatment.measureId),
              deadline,
              missing: (letter.missing ?? []).map((p) => partyName(programme, p)).join(', '),
            }),
            options: [{ title: translate(language, 'ft.show'), verb: 'finalTreatment.show', data: { programmeId: programme.id, treatmentId: treatment.id } }],
          },
          [{ kind: 'programme-internal', programmeId: programme.id }],
        );
        return { kind: 'card', card };
      }
      case 'recommended': {
        const rec = treatment.recommendation;
        return {
          kind: 'text',
          text: translate(language, 'ft.notice.recommended', {
            id: treatment.id,
            measure: measureTitle(measure, treatment.measureId),
            verdict: rec ? translate(language, `ft.verdict.${rec.verdict}`) : '',
            text: rec?.text ?? '',
            title: deciderTitle(programme, treatment, language),
          }),
        };
      }
      case 'decided': {
        const decision = treatment.decision;
        return {
          kind: 'text',
          text: translate(language, 'ft.notice.decided', {
            id: treatment.id,
            measure: measureTitle(measure, treatment.measureId),
            title: deciderTitle(programme, treatment, language),
            verdict: decision ? translate(language, `ft.verdict.${decision.verdict}`) : '',
            follows: decision ? translate(language, decision.followsRecommendation ? 'ft.follows.yes' : 'ft.follows.no') : '',
            text: decision?.text ?? '',
          }),
        };
      }
    }
  }
}
