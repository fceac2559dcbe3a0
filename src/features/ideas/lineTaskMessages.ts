// Texts for the director's decision that a Skate measure is Difi's line task (seed 004 §2.2).
import type { LocalisedText } from '../../shared/programme/schema.js';

export const lineTaskMessages = {
  'status.line-task': { nb: 'Linjeoppgave i Difi', en: 'Line task of Difi' },
  'lineTask.usage': {
    nb: 'Skriv «linjeoppgave <nr>», f.eks. «linjeoppgave SKATE-2026-001»: Difis direktør avgjør at tiltaket er Difis linjeoppgave og ikke følges opp gjennom Skate og AU (avtalen §2.2).',
    en: 'Write "line task <no>", e.g. "line task SKATE-2026-001": the Director of Difi decides that the measure is a line task of Difi, not followed up through Skate and AU (agreement §2.2).',
  },
  'lineTask.recorded': {
    nb: '{who} har avgjort at {number} {title} er Difis linjeoppgave (avtalen §2.2). Tiltaket følges ikke lenger opp gjennom Skate og AU: ingen påminnelser om statusrapporter, og det står ikke lenger blant tiltakene under arbeid.',
    en: '{who} decided that {number} {title} is a line task of Difi (agreement §2.2). The measure is no longer followed up through Skate and AU: no status report reminders, and it is no longer among the measures under way.',
  },
  'lineTask.whoDirector': { nb: '{title} ({name})', en: '{title} ({name})' },
  'lineTask.whoOnBehalf': { nb: '{name} på vegne av {title}', en: '{name} on behalf of {title}' },
  'lineTask.history': { nb: '{who} avgjorde at tiltaket er Difis linjeoppgave; det er ute av programmets oppfølging', en: '{who} decided the measure is a line task of Difi; it has left the programme\'s follow-up' },
  'ideaError.forbidden.office-or-director': {
    nb: 'Bare Difis direktør, eller programkontoret på direktørens vegne, kan avgjøre dette.',
    en: 'Only the Director of Difi, or the programme office on the director\'s behalf, can decide this.',
  },
  'ideaError.line-task': {
    nb: 'Tiltaket er Difis linjeoppgave og følges ikke lenger opp i programmet; det kan ikke endres her.',
    en: 'The measure is a line task of Difi and no longer followed up in the programme; it cannot be changed here.',
  },
  'ideaError.no-director': {
    nb: 'Programmet har ingen direktør som avgjør linjeoppgaver (det gjelder Skate, avtalen §2.2).',
    en: 'The programme has no director who decides line tasks (that is Skate, agreement §2.2).',
  },
} satisfies Record<string, LocalisedText>;
