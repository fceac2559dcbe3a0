// Texts for admitting new parties (DSOP §2.3): the application form, the list, the vote card's
// parts and the refusals.
import type { LocalisedText } from '../../shared/programme/schema.js';

export const admissionMessages = {
  'admission.matter': { nb: 'Opptak av ny aktør', en: 'Admission of a new party' },
  'admission.heading': { nb: 'Opptak av ny aktør: {organisation}', en: 'Admission of a new party: {organisation}' },
  'admission.summary': {
    nb: 'Representant i {body}: {representative}. Programkontoret har vurdert kriteriene for nye aktører (avtalen §2.3).',
    en: 'Representative in {body}: {representative}. The programme office has assessed the criteria for new parties (agreement §2.3).',
  },
  'admission.criteria': { nb: 'Kriterier for nye aktører', en: 'Criteria for new parties' },
  'admission.criterionMet': { nb: '✅ {criterion}', en: '✅ {criterion}' },
  'admission.criterionUnmet': { nb: '❌ {criterion} – ikke oppfylt', en: '❌ {criterion} – not met' },
  'admission.document': { nb: 'Søknaden', en: 'The application' },
  'admission.override': {
    nb: 'Lagt fram selv om ikke alle kriteriene er oppfylt, av {name}: {reason}',
    en: 'Put to the vote although not every criterion is met, by {name}: {reason}',
  },
  'admission.applied.admitted': {
    nb: '{organisation} er tatt opp som aktør i {programme}.',
    en: '{organisation} is admitted as a party of {programme}.',
  },
  'admission.applied.rejected': { nb: '{organisation} er ikke tatt opp.', en: '{organisation} is not admitted.' },
  'admission.applied.failed': {
    nb: 'Beslutningen kunne ikke føres ({error}); programkontoret er varslet.',
    en: 'The decision could not be recorded ({error}); the programme office has been told.',
  },
  'admission.notify': {
    nb: '{matter} «{organisation}» i {body}: {status}. {reason}.',
    en: '{matter} "{organisation}" in {body}: {status}. {reason}.',
  },

  // The form
  'admission.form.heading': { nb: 'Søknad om å bli aktør i {programme}', en: 'Application to become a party of {programme}' },
  'admission.form.intro': {
    nb: 'Registrer søknaden og vurder hvert kriterium. Deretter kan du legge den fram for {body}, som avgjør opptaket.',
    en: 'Register the application and assess each criterion. You can then put it to {body}, which decides the admission.',
  },
  'admission.field.organisation': { nb: 'Virksomhet', en: 'Organisation' },
  'admission.field.partyId': { nb: 'Kort id (valgfritt, f.eks. «vegvesenet»)', en: 'Short id (optional, e.g. "vegvesenet")' },
  'admission.field.representative': {
    nb: 'Representant i {body} (fortrinnsvis toppleder)',
    en: 'Representative in {body} (preferably the top leader)',
  },
  'admission.field.representativeId': {
    nb: 'Representantens Entra-objekt-id (valgfritt; gir tilgang i Samspill når opptaket er vedtatt)',
    en: "The representative's Entra object id (optional; gives access in Samspill once admitted)",
  },
  'admission.field.tenantIds': {
    nb: 'Virksomhetens Entra-tenant-id-er (valgfritt, kommaseparert)',
    en: "The organisation's Entra tenant ids (optional, comma-separated)",
  },
  'admission.field.link': { nb: 'Lenke til søknaden (valgfritt)', en: 'Link to the application (optional)' },
  'admission.field.met': { nb: 'Oppfylt', en: 'Met' },
  'admission.field.note': { nb: 'Grunnlag for vurderingen', en: 'What the assessment rests on' },
  'admission.form.submit': { nb: 'Registrer søknaden', en: 'Register the application' },
  'admission.filed': {
    nb: 'Søknaden fra {organisation} er registrert som {id}.',
    en: 'The application from {organisation} is registered as {id}.',
  },
  'admission.filedAgain': { nb: 'Dette skjemaet er allerede sendt: {id}.', en: 'This form was already sent: {id}.' },

  // Putting it to the vote
  'admission.propose.heading': { nb: 'Legg fram {id} {organisation} for {body}', en: 'Put {id} {organisation} to {body}' },
  'admission.propose.reason': {
    nb: 'Begrunnelse for å legge fram selv om kriterier ikke er oppfylt: {criteria}',
    en: 'Reason for putting it to the vote although criteria are not met: {criteria}',
  },
  'admission.propose.submit': { nb: 'Legg fram for avstemning', en: 'Put to the vote' },
  'admission.propose.action': { nb: 'Legg fram {id}', en: 'Put {id} to the vote' },
  'admission.opened': {
    nb: 'Søknaden {id} er lagt fram for {body} med frist {deadline}. Kortet er lagt ut i organets kanal.',
    en: 'Application {id} is put to {body} with the deadline {deadline}. The card is posted in the body\'s channel.',
  },
  'admission.running': {
    nb: 'Søknaden {id} er allerede lagt fram; avstemningen har frist {deadline}.',
    en: 'Application {id} is already put to the vote; the deadline is {deadline}.',
  },

  // The list
  'admission.list.heading': { nb: 'Søknader om å bli aktør – {programme}', en: 'Applications to become a party – {programme}' },
  'admission.list.empty': { nb: 'Ingen søknader er registrert.', en: 'No applications are registered.' },
  'admission.list.new': { nb: 'Ny søknad', en: 'New application' },
  'admission.list.admittedHeading': {
    nb: 'Aktører tatt opp etter vedtak (i tillegg til programfilen)',
    en: 'Parties admitted by decision (in addition to the programme file)',
  },
  'admission.list.admitted': {
    nb: '{organisation} ({party}) – vedtatt {when} ({vote})',
    en: '{organisation} ({party}) – decided {when} ({vote})',
  },
  'admission.list.criteriaMet': { nb: 'Kriterier oppfylt: {met} av {of}', en: 'Criteria met: {met} of {of}' },
  'admission.list.older': { nb: '… og {n} eldre søknader', en: '… and {n} older applications' },
  'admission.list.line': { nb: '{id} {organisation} · {status} · registrert {when} av {by}', en: '{id} {organisation} · {status} · registered {when} by {by}' },
  'admission.status.filed': { nb: 'registrert', en: 'registered' },
  'admission.status.voting': { nb: 'til avstemning', en: 'being voted on' },
  'admission.status.admitted': { nb: 'tatt opp', en: 'admitted' },
  'admission.status.rejected': { nb: 'ikke tatt opp', en: 'not admitted' },

  // Refusals
  'admissionError.no-admission': {
    nb: 'Dette programmet har ingen regler for opptak av nye aktører.',
    en: 'This programme has no rules for admitting new parties.',
  },
  'admissionError.invalid.organisation': { nb: 'Skriv inn virksomhetens navn.', en: "Enter the organisation's name." },
  'admissionError.invalid.partyId': {
    nb: 'Den korte id-en kan bare ha små bokstaver, sifre og bindestrek.',
    en: 'The short id may only have lower-case letters, digits and hyphens.',
  },
  'admissionError.invalid.representative': { nb: 'Skriv inn hvem som skal representere virksomheten.', en: 'Enter who will represent the organisation.' },
  'admissionError.invalid.link': { nb: 'Lenken må være en nettadresse (https://…).', en: 'The link must be a web address (https://…).' },
  'admissionError.invalid.tenantIds': { nb: 'En tenant-id er for lang.', en: 'A tenant id is too long.' },
  'admissionError.party-exists': {
    nb: '«{party}» er allerede aktør i programmet.',
    en: '"{party}" is already a party of the programme.',
  },
  'admissionError.person-exists': {
    nb: 'Representanten er allerede registrert i programmet.',
    en: 'The representative is already registered in the programme.',
  },
  'admissionError.not-filed': {
    nb: 'Søknaden {id} kan ikke legges fram nå (den er {status}).',
    en: 'Application {id} cannot be put to the vote now (it is {status}).',
  },
  'admissionError.criteria-unmet-reason': {
    nb: 'Noen kriterier er ikke oppfylt. Skriv en begrunnelse for å legge søknaden fram likevel.',
    en: 'Some criteria are not met. Give a reason for putting the application to the vote anyway.',
  },
  'admissionError.application-not-found': { nb: 'Fant ikke søknaden {id}.', en: 'Application {id} was not found.' },
} as const satisfies Record<string, LocalisedText>;
