// Texts of the confidentiality guard: why something is not shown, and the sensitivity label.
import type { LocalisedText } from '../domain/programme/schema.js';

export const disclosureMessages = {
  'disclosure.title': { nb: 'Kan ikke vises her', en: 'Cannot be shown here' },
  'disclosure.intro': {
    nb: 'Jeg viser ikke dette her, fordi samarbeidsavtalen holder det innenfor programmet:',
    en: 'I am not showing this here, because the collaboration agreement keeps it inside the programme:',
  },
  'disclosure.reason.roster-unavailable': {
    nb: 'Jeg fikk ikke lest hvem som er med i samtalen, og viser da ikke interne opplysninger.',
    en: 'I could not read who is in this conversation, so I do not show internal information.',
  },
  'disclosure.reason.outsider-present': {
    nb: 'Samtalen har deltakere utenfor programmets aktører (en annen organisasjon/leietaker).',
    en: "The conversation includes people outside the programme's parties (another organisation/tenant).",
  },
  'disclosure.reason.guest-present': {
    nb: 'Samtalen har gjester eller anonyme deltakere.',
    en: 'The conversation includes guests or anonymous participants.',
  },
  'disclosure.reason.conversation-not-registered': {
    nb: 'Samtalen er ikke registrert for programmet (bare kanaler koblet til et av programmets organer er det).',
    en: "The conversation is not registered to the programme (only channels linked to one of its bodies are).",
  },
  'disclosure.reason.not-a-participant': {
    nb: 'Prosjektets arbeidsdokumenter er bare for prosjektets deltakere til realiseringsbeslutningen er tatt.',
    en: "The project's working documents are for its participants only until the realisation decision is adopted.",
  },
  'disclosure.reason.nda-missing': {
    nb: 'Opplysningene krever taushetserklæring, og ikke alle her har en registrert.',
    en: 'The information requires a non-disclosure agreement, and not everyone here has one on record.',
  },
  'disclosure.reason.label-missing': {
    nb: 'Den prioriterte listen kan bare deles med merknaden om hva den ikke er.',
    en: 'The prioritised list may only be shared with its caveat label.',
  },
  'disclosure.askPersonally': {
    nb: 'Spør meg i en personlig chat, eller i en kanal som bare har programmets deltakere.',
    en: "Ask me in a personal chat, or in a channel with only the programme's participants.",
  },
  'disclosure.sensitivity': { nb: 'Internt i programmet', en: 'Internal to the programme' },
  'disclosure.sensitivityDescription': {
    nb: 'Ikke del utenfor programmets aktører (samarbeidserklæringen §6).',
    en: "Do not share outside the programme's parties (cooperation declaration §6).",
  },
  'audit.heading': { nb: 'Revisjonslogg – {programme}', en: 'Audit log – {programme}' },
  'audit.subheading': { nb: 'Stoppede og delte opplysninger, nyeste først', en: 'Withheld and shared information, newest first' },
  'audit.empty': { nb: 'Ingenting er stoppet eller delt ennå.', en: 'Nothing has been withheld or shared yet.' },
  'audit.refused': { nb: 'Stoppet', en: 'Withheld' },
  'audit.external-share': { nb: 'Delt utenfor programmet', en: 'Shared outside the programme' },
  'audit.redacted': { nb: 'Delvis skjult', en: 'Partly hidden' },
  'audit.line': { nb: '{who} i {where}: {what} ({classification}){reason}', en: '{who} in {where}: {what} ({classification}){reason}' },
  'nda.heading': { nb: 'Registrer taushetserklæring', en: 'Record a non-disclosure agreement' },
  'nda.intro': {
    nb: 'Opplysninger som krever taushetserklæring vises bare for dem som har en registrert.',
    en: 'Information that requires an NDA is shown only to people who have one on record.',
  },
  'nda.person': { nb: 'Hvem har signert', en: 'Who signed' },
  'nda.covers': { nb: 'Hva den dekker', en: 'What it covers' },
  'nda.scope': { nb: 'Hvilke opplysninger', en: 'Which information' },
  'nda.handling': { nb: 'Hvordan opplysningene skal behandles', en: 'How the information is to be handled' },
  'nda.signedOn': { nb: 'Signert dato', en: 'Date signed' },
  'nda.submit': { nb: 'Registrer', en: 'Record' },
  'nda.topic.registered-ideas': { nb: 'Registrerte idéer', en: 'Registered ideas' },
  'nda.topic.planning-documents': { nb: 'Prosjektdokumenter i planleggingsfasen', en: 'Project documents in the planning phase' },
  'nda.listHeading': { nb: 'Taushetserklæringer – {programme}', en: 'Non-disclosure agreements – {programme}' },
  'nda.empty': { nb: 'Ingen taushetserklæringer er registrert.', en: 'No NDAs are on record.' },
  'nda.line': { nb: 'Signert {signedOn}; registrert av {by}', en: 'Signed {signedOn}; recorded by {by}' },
  'nda.recorded': { nb: 'Taushetserklæringen for {person} er registrert.', en: 'The NDA for {person} is recorded.' },
  'nda.unknownPerson': { nb: 'Personen er ikke med i programmet.', en: 'The person is not in the programme.' },
  'share.heading': { nb: 'Prioritert liste – {programme} (til deling)', en: 'Prioritised list – {programme} (for sharing)' },
  'share.empty': { nb: '(ingen idéer er prioritert ennå)', en: '(no ideas have been prioritised yet)' },
} as const satisfies Record<string, LocalisedText>;
