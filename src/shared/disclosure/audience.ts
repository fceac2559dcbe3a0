// Who will see a message. A personal chat is its user; a channel or group chat is everyone in
// it, as read from Teams' roster. An unreadable roster is an audience we know nothing about.
export type MemberRole = 'user' | 'guest' | 'anonymous';

export interface AudienceMember {
  aadObjectId: string;
  tenantId: string;
  role: MemberRole;
}

export type Audience =
  | { kind: 'personal'; member: AudienceMember }
  | {
      kind: 'group';
      members: AudienceMember[];
      /** Programmes this conversation is registered to (a linked body channel). */
      registeredTo: string[];
    }
  | { kind: 'unknown'; why: 'roster-unavailable' };

export const audienceMembers = (audience: Audience): AudienceMember[] =>
  audience.kind === 'personal' ? [audience.member] : audience.kind === 'group' ? audience.members : [];
