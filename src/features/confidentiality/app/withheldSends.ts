// A proactive message the disclosure guard withheld is a problem the programme office must
// see, not only a ledger state: each office person gets one notice in personal chat, in their
// language, naming who did not get what and why. The notice is a Delivery job of its own (one
// per withheld message and office person, ever); a notice that is itself withheld is not
// reported again, so a refusal cannot feed on itself.
import type { WithholdReason } from '../../../shared/disclosure/decide.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { Language } from '../../../shared/language.js';
import type { Delivery } from '../../../shared/delivery.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import type { ProgrammeDirectory } from '../../../shared/programmeDirectory.js';
import { officePeople, programmeKeyPrefix } from '../../reporting/app/reminders.js';
import { subjectOf } from './disclosureGuard.js';
import type { AuditSubject, WithheldSend, WithheldSends } from './ports.js';

/** What one office person is told, in their language. */
export type WithheldNoticeText = (input: {
  programme: Programme;
  language: Language;
  conversation: WithheldSend['conversation'];
  reasons: WithholdReason[];
  /** What was held back. */
  subjects: AuditSubject[];
  at: number;
}) => string;

/** `tenant:programme:withheld-notice:<office person>:<the withheld message's key>`. */
export const withheldNoticeKey = (programme: Programme, office: string, withheldKey: string): string =>
  `${programmeKeyPrefix({ tenantId: programme.tenantId, programmeId: programme.id })}withheld-notice:${office}:${withheldKey}`;

export const isWithheldNotice = (key: string): boolean => key.includes(':withheld-notice:');

export class OfficeWithheldNotices implements WithheldSends {
  constructor(
    private readonly deps: {
      directory: Pick<ProgrammeDirectory, 'servedTo'>;
      delivery: Delivery;
      languages: RecipientLanguage;
      text: WithheldNoticeText;
    },
  ) {}

  async report(send: WithheldSend): Promise<void> {
    if (isWithheldNotice(send.key)) return;
    const { directory, delivery, languages, text } = this.deps;
    for (const programmeId of new Set(send.withheld.map((w) => w.item.programmeId))) {
      const programme = directory.servedTo(send.tenantId).find((p) => p.id === programmeId);
      if (!programme) continue;
      const mine = send.withheld.filter((w) => w.item.programmeId === programmeId);
      const reasons = [...new Set(mine.map((w) => w.reason))];
      const subjects = mine.map((w) => subjectOf(w.item));
      for (const office of officePeople(programme)) {
        const language = await languages.of(programme.tenantId, office);
        await delivery.enqueue({
          key: withheldNoticeKey(programme, office, send.key),
          tenantId: programme.tenantId,
          target: { kind: 'person', aadObjectId: office },
          message: { kind: 'text', text: text({ programme, language, conversation: send.conversation, reasons, subjects, at: send.at }) },
          // It names a person of the programme and what the programme holds: internal material.
          discloses: [{ kind: 'programme-internal', programmeId: programme.id }],
        });
      }
    }
  }
}
