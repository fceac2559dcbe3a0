// The one gate every outgoing message passes: it classifies what the message discloses, reads
// the audience, applies the pure policy, and audits every refusal and every external share.
import type { Audience } from '../../../shared/disclosure/audience.js';
import { classify } from '../../../shared/disclosure/classify.js';
import type { Disclosed } from '../../../shared/disclosure/content.js';
import { decideDisclosure, guestsIn, type Withheld } from '../../../shared/disclosure/decide.js';
import { awaitingOwnPartyConfirmation } from '../../../shared/disclosure/ownParty.js';
import type { ProgrammeDirectory } from '../../../shared/programmeDirectory.js';
import type { AudienceSource, AuditLog, AuditSubject, NdaRegister, NdaTopic } from './ports.js';

export interface OutgoingRequest {
  tenantId: string;
  actor: { id: string; name: string };
  conversation: { id: string; kind: string };
  audience: AudienceSource;
  now: number;
  /** Set when a person's own request is answered (not a proactive send): what it would share
   * outside the programme waits for their confirmation that they speak only for their own
   * party (seed 000 §6.3), unless `confirmedFor` names the programme. */
  sharer?: { confirmedFor: readonly string[] };
}

export type GuardVerdict = { allowed: true } | { allowed: false; withheld: Withheld[] };

/** An item in plain English (kept beside `subject` in audit entries). */
export const describeItem = (item: Disclosed): string => {
  switch (item.kind) {
    case 'idea':
      return `idea ${item.idea.number}`;
    case 'idea-documents':
      return `documents of idea ${item.idea.number}`;
    case 'prioritised-list':
      return 'prioritised list';
    case 'programme-internal':
      return 'internal programme material';
  }
};

/** What an item is about, as data (the audit log and the office's notices say it in words). */
export const subjectOf = (item: Disclosed): AuditSubject =>
  item.kind === 'idea' || item.kind === 'idea-documents' ? { kind: item.kind, number: item.idea.number } : { kind: item.kind };

export class DisclosureGuard {
  constructor(
    private readonly directory: ProgrammeDirectory,
    private readonly ndas: NdaRegister,
    private readonly audit: Pick<AuditLog, 'append'>,
  ) {}

  async check(request: OutgoingRequest, items: readonly Disclosed[]): Promise<GuardVerdict> {
    if (items.length === 0) return { allowed: true };
    let audience: Audience | undefined;
    const withheld: Withheld[] = [];
    for (const programmeId of new Set(items.map((i) => i.programmeId))) {
      // The request's tenant may be a party's: the programme's state and audit are in its host's partition.
      const programme = this.directory.servedTo(request.tenantId).find((p) => p.id === programmeId);
      const mine = items.filter((i) => i.programmeId === programmeId);
      if (!programme) {
        withheld.push(...mine.map((item) => ({ item, reason: 'outsider-present' as const })));
        continue;
      }
      audience ??= await request.audience.audience();
      const signed = await this.ndaHolders(programme.tenantId, programmeId, programme.confidentiality.ndaRequiredFor.length > 0);
      const verdict = decideDisclosure(programme, mine, audience, signed);
      const guests = guestsIn(programme, audience);
      const anyGuest = guests.listed.length + guests.unlisted.length > 0;
      const entry = (decision: 'refused' | 'external-share' | 'listed-guest-share', listed: { item: Disclosed; reason?: Withheld['reason'] }[]) =>
        this.audit.append({
          tenantId: programme.tenantId,
          programmeId,
          at: request.now,
          actor: request.actor,
          conversation: request.conversation,
          decision,
          items: listed.map(({ item, reason }) => ({
            what: describeItem(item),
            subject: subjectOf(item),
            classification: classify(programme, item).classification.level,
            ...(reason ? { reason } : {}),
          })),
          ...(anyGuest ? { guests } : {}),
        });
      const awaiting = request.sharer ? awaitingOwnPartyConfirmation(verdict, mine, request.sharer.confirmedFor.includes(programmeId)) : [];
      if (!verdict.allowed) {
        withheld.push(...verdict.withheld);
        await entry('refused', verdict.withheld);
      } else if (awaiting.length > 0) {
        // Held for the sharer's confirmation (§6.3): nothing is shared yet, so nothing is audited
        // here; the confirmation is, when it comes.
        withheld.push(...awaiting.map((item) => ({ item, reason: 'own-party-unconfirmed' as const })));
      } else if (verdict.external) {
        await entry('external-share', mine.map((item) => ({ item })));
      } else if (guests.listed.length > 0 && mine.some((item) => classify(programme, item).classification.level !== 'shareable')) {
        // A guest the programme lists saw programme material: recorded, so the office can tell.
        await entry('listed-guest-share', mine.map((item) => ({ item })));
      }
    }
    return withheld.length === 0 ? { allowed: true } : { allowed: false, withheld };
  }

  private async ndaHolders(tenantId: string, programmeId: string, needed: boolean) {
    const records = needed ? await this.ndas.list(tenantId, programmeId) : [];
    const covered = new Set(records.flatMap((r) => r.covers.map((topic) => `${r.person.id}|${topic}`)));
    return { has: (person: string, topic: NdaTopic) => covered.has(`${person}|${topic}`) };
  }
}
