// Tells a newly named project leader in their personal chat, in their language (DSOP §3.3),
// through the proactive delivery queue: one message per idea, leader and moment of naming.
import type { Delivery } from '../../../shared/delivery.js';
import type { LeaderNotice, LeaderNotices } from '../app/projectLeader.js';
import { ideaContent } from '../../../shared/disclosure/content.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { RecipientLanguage } from '../../../platform/outbound/recipientLanguage.js';

export class DeliveredLeaderNotices implements LeaderNotices {
  constructor(
    private readonly delivery: Delivery,
    private readonly languages: RecipientLanguage,
  ) {}

  async assigned({ tenantId, programme, idea, leader, by, at }: LeaderNotice): Promise<void> {
    const language = await this.languages.of(tenantId, leader);
    const text = translate(language, 'leader.notice', { by: by.name, number: idea.number, title: idea.title, programme: programme.name });
    await this.delivery.enqueue({
      key: `${tenantId}:${programme.id}:${idea.number}:leader:${leader}:${at}`,
      tenantId,
      target: { kind: 'person', aadObjectId: leader },
      message: { kind: 'text', text },
      discloses: [ideaContent(programme.id, idea)],
    });
  }
}
