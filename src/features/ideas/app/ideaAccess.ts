// Who may do what with ideas: the programme-wide standing is the kernel's (src/shared/access.ts);
// the idea's own rule (the chair of the body deciding its next gate) is here.
import type { Idea } from '../domain/idea.js';
import { nextGate } from '../domain/lifecycle.js';
import type { Access } from '../../../shared/access.js';

export { accessTo, officeAccess, type Access } from '../../../shared/access.js';

/** The chair of the body that decides the idea's next gate (who may also stop it). */
export function isChairForIdea(access: Access, idea: Idea): boolean {
  const gate = nextGate(access.programme, idea) ?? access.programme.gates.find((g) => g.from === idea.phase);
  if (!gate) return false;
  return access.roles.bodies.some((b) => b.body.id === gate.body && b.standing === 'chair');
}
