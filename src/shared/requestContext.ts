// What a use case knows about the request it serves: who asks, where, in which language, and
// which programmes of this tenant they take part in. Built once per turn by the Teams edge.
import type { ProgrammeRoles } from './programme/roles.js';
import type { Programme } from './programme/schema.js';
import type { Language } from './language.js';
import type { ConversationKind } from './ports.js';

export interface Actor {
  tenantId: string;
  /** Entra object id; empty when Teams did not send one (e.g. an anonymous user). */
  aadObjectId: string;
  name: string;
}

export interface RequestContext {
  language: Language;
  actor: Actor;
  conversation: { id: string; kind: ConversationKind };
  /** Programmes served to the actor's tenant: hosted by it or with it among the parties.
   * Their state lives in each programme's own host-tenant partition (`programme.tenantId`). */
  tenantProgrammes: readonly Programme[];
  /** The actor's roles in each of those programmes they take part in. */
  memberships: readonly ProgrammeRoles[];
  now: number;
}
