// Issue 22.10: the identity fields of an activity must agree with each other and with the
// programme files before anything is done with them. Behind the Bot Connector's signed token
// they come from Teams, so a contradiction means something is wrong upstream (or forged on an
// open local service); the activity is refused rather than served as one of its readings.
// Pure: the Teams edge reads the fields and what it knows of the person, and asks this.
import type { Programme } from './schema.js';

export interface ActivityIdentity {
  /** `conversation.tenantId`. */
  conversationTenantId?: string;
  /** `channelData.tenant.id`. */
  channelDataTenantId?: string;
  /** `from.id`: Teams' id of the user for this bot ("29:…"), or "8:orgid:<Entra object id>". */
  fromId?: string;
  /** `from.aadObjectId`. */
  aadObjectId?: string;
  /** The Teams id this bot has stored for the person named by `aadObjectId` in this tenant
   * (from their personal chat), when it knows one. */
  knownFromId?: string;
}

export type IdentityContradiction =
  | { rule: 'tenant-ids-differ'; conversationTenantId: string; channelDataTenantId: string }
  | { rule: 'from-id-names-another-person'; fromId: string; aadObjectId: string }
  | { rule: 'teams-id-of-another-person'; fromId: string; aadObjectId: string; knownFromId: string }
  | { rule: 'tenant-not-listed-by-party'; tenantId: string; aadObjectId: string; programmeId: string; partyId: string };

const ORG_ID = /^8:orgid:([0-9a-f-]{36})$/i;

/** The tenant the activity comes from: either field when only one is given. */
export const tenantOfIdentity = (identity: ActivityIdentity): string => identity.conversationTenantId || identity.channelDataTenantId || '';

/**
 * The first contradiction in the activity's identity fields, or undefined when they agree.
 * `served`: the programmes served to the activity's tenant. A person's rights in a programme
 * hold only in the tenants their party lists and the host's (where the programme's B2B guests
 * are); acting from another tenant that the programme also serves contradicts the file.
 */
export function identityContradiction(identity: ActivityIdentity, served: readonly Programme[]): IdentityContradiction | undefined {
  const { conversationTenantId, channelDataTenantId, fromId, aadObjectId, knownFromId } = identity;
  if (conversationTenantId && channelDataTenantId && conversationTenantId !== channelDataTenantId) {
    return { rule: 'tenant-ids-differ', conversationTenantId, channelDataTenantId };
  }
  if (!aadObjectId) return undefined;
  if (fromId) {
    const orgId = ORG_ID.exec(fromId)?.[1];
    if (orgId && orgId.toLowerCase() !== aadObjectId.toLowerCase()) return { rule: 'from-id-names-another-person', fromId, aadObjectId };
    if (knownFromId && knownFromId !== fromId) return { rule: 'teams-id-of-another-person', fromId, aadObjectId, knownFromId };
  }
  const tenantId = tenantOfIdentity(identity);
  if (!tenantId) return undefined;
  for (const programme of served) {
    const person = programme.people.find((p) => p.aadObjectId === aadObjectId);
    if (!person || tenantId === programme.tenantId) continue;
    const party = programme.parties.find((p) => p.id === person.party);
    if (!party?.tenantIds.includes(tenantId)) {
      return { rule: 'tenant-not-listed-by-party', tenantId, aadObjectId, programmeId: programme.id, partyId: person.party };
    }
  }
  return undefined;
}
