// Ports of the disclosure guard: who is in a conversation, which conversations belong to a
// programme, who signed an NDA, and where refusals and external shares are recorded.
import type { Audience } from '../../../shared/disclosure/audience.js';
import type { Disclosed } from '../../../shared/disclosure/content.js';
import type { Withheld, WithholdReason } from '../../../shared/disclosure/decide.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import type { HeldShare } from '../../../shared/disclosure/ownParty.js';

export interface AudienceSource {
  /** The audience of the conversation a request came from (or a message goes to). */
  audience(): Promise<Audience>;
}

export interface ConversationRegistry {
  /** Programmes a conversation is registered to (a channel linked to one of their bodies). */
  programmesOf(tenantId: string, conversationId: string): Promise<string[]>;
}

export type NdaTopic = 'registered-ideas' | 'planning-documents';

export interface NdaRecord {
  tenantId: string;
  programmeId: string;
  person: { id: string; name: string };
  /** What the NDA covers. */
  covers: NdaTopic[];
  /** Free text: what information, and how it is to be handled. */
  scope: string;
  handling: string;
  signedOn: string;
  recordedBy: { id: string; name: string };
  recordedAt: number;
}

export interface NdaRegister {
  record(nda: NdaRecord): Promise<void>;
  /** Every record (the guard's check of an audience; bounded by the programme's people). */
  list(tenantId: string, programmeId: string): Promise<NdaRecord[]>;
  /** One page by person, `total` the count (the office's list). */
  page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<NdaRecord> & { total: number }>;
}

/** `gate-override`: a gate opened without the participating parties' own decisions (DSOP §4.4).
 * `own-party-confirmed`: a sharer confirmed they speak only for their own party before sharing
 * outside the programme (seed 000 §6.3); `party` names it. */
export type AuditDecision = 'refused' | 'redacted' | 'external-share' | 'listed-guest-share' | 'gate-override' | 'own-party-confirmed';

export interface AuditEntry {
  tenantId: string;
  programmeId: string;
  at: number;
  actor: { id: string; name: string };
  conversation: { id: string; kind: string };
  decision: AuditDecision;
  /** What was withheld (or shared), and why. */
  items: AuditItem[];
  /** Guests in the audience, by object id: listed among the programme's people (inside) or
   * not (external). Absent when there were none. */
  guests?: { listed: string[]; unlisted: string[] };
  /** The party the actor confirmed they speak for (`own-party-confirmed`). */
  party?: { id: string; name: string };
}

/** What an entry is about, in data, so the log can say it in the reader's language. */
export interface AuditSubject {
  kind: Disclosed['kind'];
  /** The idea's number (ideas and their documents). */
  number?: string;
  /** Rows of a shared prioritised list. */
  rows?: number;
}

export interface AuditItem {
  /** The same in plain English: kept for entries written before `subject` existed. */
  what: string;
  subject?: AuditSubject;
  /** The classification level (classify.ts), e.g. "programme-internal". */
  classification: string;
  reason?: WithholdReason;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The newest `limit` entries. */
  list(tenantId: string, programmeId: string, limit: number): Promise<AuditEntry[]>;
  /** One page, newest first; `total` the count. */
  page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<AuditEntry> & { total: number }>;
}

/** A proactive message the guard withheld: where it was to go and what was held back. */
export interface WithheldSend {
  /** The tenant whose partition keeps the job (the programme's host). */
  tenantId: string;
  /** The delivery key of the withheld message. */
  key: string;
  conversation: { id: string; kind: string; /** A personal chat's user (Entra object id). */ person?: string };
  withheld: Withheld[];
  at: number;
}

export interface WithheldSends {
  /** Called once per refused send; tells the programme office. */
  report(send: WithheldSend): Promise<void>;
}

/** A programme the held output discloses, and the party the sharer speaks for in it. */
export interface SharedProgramme {
  programmeId: string;
  /** The programme's host tenant: its audit log's partition. */
  tenantId: string;
  party: { id: string; name: string };
}

export interface HeldShareRecord extends HeldShare {
  id: string;
  /** Where the record lives: the first programme's host tenant and id. */
  tenantId: string;
  programmeId: string;
  sharerName: string;
  conversationKind: string;
  programmes: SharedProgramme[];
  /** What it shares, as the audit log records it, each with its programme. */
  items: (AuditItem & { programmeId: string })[];
  /** The held output, serialised by the edge that will send it (opaque here). */
  payload: string;
  decidedAt?: number;
}

export interface HeldShares {
  hold(share: HeldShareRecord): Promise<void>;
  /** The record and its version (ETag), or undefined. */
  get(tenantId: string, programmeId: string, id: string): Promise<{ share: HeldShareRecord; version: string } | undefined>;
  /** Moves a pending share to `state` under `version`; false when another arrival changed it first. */
  decide(share: HeldShareRecord, version: string, state: 'confirmed' | 'declined', at: number): Promise<boolean>;
}
