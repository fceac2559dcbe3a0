// Deviation notices go out at once (seed 001 §6: the parties notify each other of deviations
// and delays), one personal message per recipient. The delivery key makes it idempotent per
// (deviation, recipient), so a repeated submission notifies nobody twice.
import type { Delivery } from '../../app/delivery.js';
import type { DeviationNotice, DeviationNotifier } from '../../app/measures/measures.js';
import { translate } from '../../i18n/messages.js';

export class DeliveredDeviationNotices implements DeviationNotifier {
  constructor(private readonly delivery: Delivery) {}

  async notify(notice: DeviationNotice): Promise<void> {
    const { deviation, measure } = notice;
    // Proactive messages carry no locale, so the notice is in both languages.
    const text = (['nb', 'en'] as const)
      .map((language) =>
        translate(language, 'deviation.notice', {
          id: deviation.id,
          measure: measure.title,
          by: deviation.filedBy.name,
          what: deviation.what,
          impact: deviation.impact,
          proposal: deviation.proposal,
        }),
      )
      .join('\n\n');
    for (const recipient of notice.recipients) {
      await this.delivery.enqueue({
        key: `${notice.tenantId}:${notice.programmeId}:deviation:${deviation.id}:${recipient.person.id}`,
        tenantId: notice.tenantId,
        target: { kind: 'person', aadObjectId: recipient.person.id },
        message: { kind: 'text', text },
        discloses: [{ kind: 'programme-internal', programmeId: notice.programmeId }],
      });
    }
  }
}
