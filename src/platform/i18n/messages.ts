// Every user-facing string, in Bokmål and English side by side; the type makes a missing
// language a compile error.
import type { LocalisedText } from '../../shared/programme/schema.js';
import { admissionMessages } from '../../features/membership/admissionMessages.js';
import { agreementMessages } from '../../features/membership/agreementMessages.js';
import { agreementRevisionMessages } from '../../features/agreementRevision/messages.js';
import { finalTreatmentMessages } from '../../features/measures/finalTreatmentMessages.js';
import { disclosureMessages } from '../../features/confidentiality/messages.js';
import { ideaMessages } from '../../features/ideas/messages.js';
import { voteMessages } from '../../features/votes/messages.js';
import { reportMessages } from '../../features/reporting/messages.js';
import { stepMessages } from '../../features/ideas/stepMessages.js';
import { adviceMessages } from '../../features/votes/adviceMessages.js';
import { lineTaskMessages } from '../../features/ideas/lineTaskMessages.js';
import { samlesakMessages } from '../../features/reporting/samlesakMessages.js';
import { fill, pick, type Language } from '../../shared/language.js';

const baseMessages = {
  'welcome.title': { nb: 'Velkommen til Samspill', en: 'Welcome to Samspill' },
  'welcome.intro': {
    nb: 'Samspill holder orden på idéer, beslutningspunkter og statusrapporter i samarbeidsprogrammet ditt, og passer på at det som er internt forblir internt.',
    en: 'Samspill keeps track of ideas, stage-gate decisions and status reports in your collaboration programme, and keeps internal matters internal.',
  },
  'welcome.teamIntro': {
    nb: 'Samspill er lagt til i dette teamet. Programkontoret eller sekretæren kan koble en kanal til et beslutningsorgan, så kommer avstemningene hit.',
    en: 'Samspill has been added to this team. The programme office or a secretary can link a channel to a decision body, and its votes will arrive here.',
  },
  'welcome.nextStep': { nb: 'Skriv «hjelp» for å se hva du kan gjøre.', en: 'Type "help" to see what you can do.' },
  'help.title': { nb: 'Hva du kan gjøre', en: 'What you can do' },
  'help.commands': { nb: 'Kommandoer', en: 'Commands' },
  'help.example': { nb: '{description}, f.eks. «{example}»', en: '{description}, e.g. "{example}"' },
  'help.rolesIn': { nb: 'Dine roller i {programme}', en: 'Your roles in {programme}' },
  'help.noProgramme': {
    nb: 'Du er ikke registrert i noe program som denne tjenesten betjener. Ta kontakt med programkontoret hvis du skal være med.',
    en: 'You are not registered in any programme this service runs. Contact the programme office if you should be.',
  },
  'role.member': { nb: 'Deltaker ({party})', en: 'Participant ({party})' },
  'role.office': { nb: 'Programkontoret', en: 'Programme office' },
  'role.body.member': { nb: 'Medlem av {body}', en: 'Member of {body}' },
  'role.body.chair': { nb: 'Leder av {body}', en: 'Chair of {body}' },
  'role.body.observer': { nb: 'Observatør i {body} (uten stemmerett)', en: 'Observer in {body} (no vote)' },
  'role.body.secretary': { nb: 'Sekretær for {body} (ikke medlem)', en: 'Secretary of {body} (not a member)' },
  'hint.unknownCommand': {
    nb: 'Jeg forstod ikke «{text}». Skriv «hjelp» for å se hva du kan gjøre.',
    en: 'I didn\'t understand "{text}". Type "help" to see what you can do.',
  },
  'error.title': { nb: 'Det gikk ikke', en: 'That did not work' },
  'error.tryAgain': {
    nb: 'Noe gikk galt hos oss. Ingenting er lagret halvveis; prøv igjen om litt.',
    en: 'Something went wrong on our side. Nothing was half-saved; please try again in a moment.',
  },
  'error.identityContradiction': {
    nb: 'Dette kan jeg ikke behandle: opplysningene om hvem du er og hvilken organisasjon du skriver fra, stemmer ikke overens. Ingenting er lagret.',
    en: 'I cannot handle this: the details of who you are and which organisation you write from do not agree. Nothing was stored.',
  },
  'error.submissionRepeated': {
    nb: 'Dette er allerede sendt inn, og det lagres ikke på nytt. Åpne kortet igjen om litt for å se hvordan det står.',
    en: 'This was already submitted and is not stored again. Open the card again in a moment to see where it stands.',
  },
  'error.unknownAction': { nb: 'Denne knappen kjenner jeg ikke igjen («{verb}»).', en: 'I don\'t recognise this button ("{verb}").' },
  'error.invalidInput': { nb: 'Noen felt må rettes:', en: 'Some fields need correcting:' },
  'error.unknownDataset': { nb: 'Dette søket kjenner jeg ikke igjen («{dataset}»).', en: 'I don\'t recognise this search ("{dataset}").' },
  'reply.cut.one': {
    nb: 'Svaret er kortet ned så det får plass i Teams: 1 oppføring er utelatt. Bruk neste side eller CSV-filen for resten.',
    en: 'This answer was shortened to fit Teams: 1 entry is left out. Use the next page or the CSV file for the rest.',
  },
  'reply.cut.other': {
    nb: 'Svaret er kortet ned så det får plass i Teams: {count} oppføringer er utelatt. Bruk neste side eller CSV-filen for resten.',
    en: 'This answer was shortened to fit Teams: {count} entries are left out. Use the next page or the CSV file for the rest.',
  },
  'reply.tooLarge': {
    nb: 'Svaret ble for stort for Teams og kunne ikke vises. Be om en mindre del (én side, ett program), eller prøv igjen.',
    en: 'The answer was too large for Teams and could not be shown. Ask for a smaller part (one page, one programme), or try again.',
  },
  'error.notInProgramme': {
    nb: 'Du er ikke registrert i dette programmet.',
    en: 'You are not registered in this programme.',
  },
} as const satisfies Record<string, LocalisedText>;

export const messages = { ...baseMessages, ...ideaMessages, ...disclosureMessages, ...voteMessages, ...agreementMessages, ...agreementRevisionMessages, ...finalTreatmentMessages, ...admissionMessages, ...reportMessages, ...stepMessages, ...adviceMessages, ...lineTaskMessages, ...samlesakMessages } as const;

export type MessageKey = keyof typeof messages;

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  return fill(pick(messages[key], language), params);
}
