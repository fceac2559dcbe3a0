// The help card lists what this person can do given their roles in the tenant's programmes: a
// command that belongs to a feature of some programmes only (features.ts) is offered where one of
// the person's programmes enables it (issue 24.4), and each example is filled in for that
// programme, so the example shown is one the bot understands (issue 24.5).
import type { RequestContext } from '../../shared/requestContext.js';
import { formatRevisionId } from '../../features/agreementRevision/domain/agreementRevision.js';
import { formatIdeaNumber, ideaYear } from '../../features/ideas/domain/ideaNumber.js';
import { formatFinalTreatmentId } from '../../features/measures/domain/finalTreatment.js';
import { programmeHas } from '../../shared/programme/features.js';
import type { ProgrammeRoles } from '../../shared/programme/roles.js';
import type { LocalisedText } from '../../shared/programme/schema.js';
import { pick, type Language } from '../../shared/language.js';
import { translate } from '../i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../cards/cardRenderer.js';
import { roleLines } from '../channel/rolesText.js';
import { startActions } from '../channel/startActions.js';
import { commandCatalogue, type Audience, type CommandDefinition } from './catalogue.js';

function audiencesOf(ctx: RequestContext): Set<Audience> {
  const audiences = new Set<Audience>(['everyone']);
  if (ctx.memberships.length > 0) audiences.add('member');
  if (ctx.memberships.some((m) => m.isOffice)) audiences.add('office');
  if (ctx.memberships.some((m) => m.bodies.length > 0)) audiences.add('body');
  return audiences;
}

/** The programme (of the person's) a command is offered for: the first that has its feature. */
function offeredIn(def: CommandDefinition, memberships: readonly ProgrammeRoles[]): ProgrammeRoles | undefined {
  const { feature } = def;
  return feature === undefined ? memberships[0] : memberships.find((m) => programmeHas(m.programme, feature));
}

/**
 * The example filled in for this person in this programme, or undefined when it needs something
 * the person lacks (a body they may link: the office may link any, a secretary their own).
 */
export function filledExample(example: LocalisedText, roles: ProgrammeRoles, language: Language, now: number): string | undefined {
  const { programme } = roles;
  const linkable = roles.isOffice ? programme.bodies[0] : roles.bodies.find((b) => b.standing === 'secretary')?.body;
  const values: Record<string, string | undefined> = {
    idea: formatIdeaNumber({ prefix: programme.ideaPrefix, year: ideaYear(now), sequence: 1 }),
    // The body as people write it in a sentence (lower case): «koble til styringsgruppen».
    body: linkable && pick(linkable.name, language).toLocaleLowerCase(language === 'nb' ? 'nb-NO' : 'en'),
    year: String(ideaYear(now)),
    treatment: formatFinalTreatmentId(1),
    revision: formatRevisionId(1),
  };
  let missing = false;
  const filled = pick(example, language).replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}

export function helpCard(ctx: RequestContext, cards: CardRenderer): AdaptiveCard {
  const { language } = ctx;
  const audiences = audiencesOf(ctx);
  const commands = Object.values(commandCatalogue as Readonly<Record<string, CommandDefinition>>).flatMap((def) => {
    if (!audiences.has(def.audience)) return [];
    const roles = offeredIn(def, ctx.memberships);
    if (def.feature !== undefined && roles === undefined) return [];
    const description = pick(def.description, language);
    const example = def.example && roles ? filledExample(def.example, roles, language, ctx.now) : undefined;
    const shown = example === undefined ? description : translate(language, 'help.example', { description, example });
    return [{ word: def.words[language][0] ?? '', description: shown }];
  });
  return cards.render('help', {
    title: translate(language, 'help.title'),
    programmes: ctx.memberships.map((roles) => ({
      heading: translate(language, 'help.rolesIn', { programme: roles.programme.name }),
      roles: roleLines(roles, language),
    })),
    notice: ctx.memberships.length === 0 ? translate(language, 'help.noProgramme') : '',
    commandsHeading: translate(language, 'help.commands'),
    commands,
    actions: startActions(ctx),
  }, []);
}
