// Deviation notices go out at once (seed 001 §6: the parties notify each other of deviations
// and delays), one personal message per recipient. The delivery key makes it idempotent per
// (deviation, recipient), so a repeated submission notifies nobody twice. Each is in its
// recipient's language (recipientLanguage.ts).
import type { Delivery } from '../../../shared/delivery.js';
import type { DeviationNotice, DeviationNotifier } from '../app/measures.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import { translate } from '../../../platform/i18n/messages.js';

export class DeliveredDeviationNotices implements DeviationNotifier {
  constructor(
    private readonly delivery: Delivery,
    private readonly languages: RecipientLanguage,
  ) {}

  async notify(notice: DeviationNotice): Promise<void> {
    const { deviation, measure } = notice;
    for (const recipient of notice.recipients) {
      const text = translate(await this.languages.of(notice.tenantId, recipient.person.id), 'deviation.notice', {
        id: deviation.id,
        measure: measure.title,
        by: deviation.filedBy.name,
        what: deviation.what,
        impact: deviation.impact,
        proposal: deviation.proposal,
      });
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
