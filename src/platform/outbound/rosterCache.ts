// Conversation rosters from Teams (paged members API), kept briefly per conversation so a busy
// channel is not re-read for every reply, and dropped when Teams reports a membership change.
import type { AudienceMember, MemberRole } from '../../shared/disclosure/audience.js';

interface Entry {
  /** The read in flight or done: simultaneous requests share one roster call. */
  members: Promise<AudienceMember[]>;
  expires: number;
}

export const toRole = (userRole: string | undefined): MemberRole =>
  userRole === 'guest' ? 'guest' : userRole === 'anonymous' ? 'anonymous' : 'user';

export class RosterCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: string, now: number, read: () => Promise<AudienceMember[]>): Promise<AudienceMember[]> {
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.members;
    const members = read();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { members, expires: now + this.ttlMs });
    // A failed read is not remembered: the next request tries again (and fails closed meanwhile).
    members.catch(() => {
      if (this.entries.get(key)?.members === members) this.entries.delete(key);
    });
    return members;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
