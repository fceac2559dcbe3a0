// Conversation rosters from Teams (paged members API), kept briefly per conversation so a busy
// channel is not re-read for every reply, and dropped when Teams reports a membership change.
import type { AudienceMember, MemberRole } from '../../domain/disclosure/audience.js';

interface Entry {
  members: AudienceMember[];
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

  async get(key: string, now: number, read: () => Promise<AudienceMember[]>): Promise<AudienceMember[]> {
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.members;
    const members = await read();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { members, expires: now + this.ttlMs });
    return members;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
