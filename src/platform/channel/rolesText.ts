// One line per role a person holds in a programme, for the welcome and help cards.
import type { ProgrammeRoles } from '../../shared/programme/roles.js';
import { pick, type Language } from '../../shared/language.js';
import { translate } from '../i18n/messages.js';

export function roleLines(roles: ProgrammeRoles, language: Language): string[] {
  const lines = [translate(language, 'role.member', { party: roles.party?.name ?? roles.person.party })];
  if (roles.isOffice) lines.push(translate(language, 'role.office'));
  for (const { body, standing } of roles.bodies) {
    lines.push(translate(language, `role.body.${standing}`, { body: pick(body.name, language) }));
  }
  return lines;
}
