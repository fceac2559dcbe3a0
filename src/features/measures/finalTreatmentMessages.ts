// Texts for the final treatment of a measure (Skate, seed 004 §6): the opening form, the
// feedback card and its reminders, the case card with Skate's recommendation and the director's
// decision, the office's escalation and the notices.
import type { LocalisedText } from '../../shared/programme/schema.js';

export const finalTreatmentMessages = {
  // Opening form
  'ft.form.heading': { nb: 'Ny sluttbehandling – {programme}', en: 'New final treatment – {programme}' },
  'ft.form.intro': {
    nb: 'Tiltakene skal ha en sluttbehandling i Skate. Forbehandlingen omfatter AU-behandlinger og en skriftlig tilbakemeldingsrunde i Skate-virksomhetene. Hver virksomhet får et kort til sine medlemmer i {body}, med påminnelser før fristen.',
    en: 'Measures have a final treatment in Skate, prepared by AU and by a written feedback round among the Skate member organisations. Each organisation gets a card sent to its members of {body}, with reminders before the deadline.',
  },
  'ft.form.asked': { nb: 'Blir spurt: {organisations}', en: 'Asked: {organisations}' },
  'ft.form.noMeasures': {
    nb: 'Ingen tiltak er registrert ennå. Opprett tiltaket først med «tiltak ny».',
    en: 'No measures are recorded yet. Create the measure first with "new measure".',
  },
  'ft.form.submit': { nb: 'Åpne sluttbehandlingen og send kortene', en: 'Open the final treatment and send the cards' },
  'ft.field.measure': { nb: 'Tiltak', en: 'Measure' },
  'ft.field.part': { nb: 'Sentral delleveranse (tomt = hele tiltaket)', en: 'Central part (empty = the whole measure)' },
  'ft.field.request': { nb: 'Hva virksomhetene bes om å gi tilbakemelding på', en: 'What the organisations are asked to comment on' },
  'ft.field.deadline': { nb: 'Frist for skriftlig tilbakemelding', en: 'Deadline for written feedback' },
  'ft.field.text': { nb: 'Teksten', en: 'The text' },
  'ft.problems': { nb: 'Rett dette og send igjen:', en: 'Correct this and send again:' },

  // Case card
  'ft.heading': { nb: 'Sluttbehandling {id} – {measure}', en: 'Final treatment {id} – {measure}' },
  'ft.whole': { nb: 'Hele tiltaket', en: 'The whole measure' },
  'ft.part': { nb: 'Delleveranse: {part}', en: 'Central part: {part}' },
  'ft.fact.stage': { nb: 'Status', en: 'Stage' },
  'ft.fact.deadline': { nb: 'Frist for tilbakemelding', en: 'Feedback deadline' },
  'ft.fact.answered': { nb: 'Svar', en: 'Answers' },
  'ft.fact.answeredValue': { nb: '{answered} av {asked} virksomheter', en: '{answered} of {asked} organisations' },
  'ft.fact.owners': { nb: 'Tiltakseiere', en: 'Measure owners' },
  'ft.fact.opened': { nb: 'Åpnet', en: 'Opened' },
  'ft.byWhom': { nb: '{when} av {who}', en: '{when} by {who}' },
  'ft.stage.feedback': { nb: 'Skriftlig tilbakemeldingsrunde pågår', en: 'Written feedback round under way' },
  'ft.stage.recommended': { nb: 'Venter på beslutning fra {title}', en: 'Awaiting the decision of {title}' },
  'ft.stage.decided': { nb: 'Avgjort', en: 'Decided' },
  'ft.stage.cancelled': { nb: 'Avbrutt', en: 'Cancelled' },
  'ft.requestHeading': { nb: 'Virksomhetene bes om tilbakemelding på', en: 'The organisations are asked to comment on' },
  'ft.organisationsHeading': { nb: 'Skriftlig tilbakemelding fra Skate-virksomhetene', en: 'Written feedback from the Skate member organisations' },
  'ft.org.answered': { nb: 'Svarte {when} ({who}, versjon {version})', en: 'Answered {when} ({who}, version {version})' },
  'ft.org.late': { nb: '{text} – etter fristen', en: '{text} – after the deadline' },
  'ft.org.missing': { nb: 'Har ikke svart', en: 'Has not answered' },
  'ft.recommendationHeading': { nb: 'Skates anbefaling', en: "Skate's recommendation" },
  'ft.verdict.in-accordance': {
    nb: 'Tiltaket har levert i samsvar med digitaliseringsstrategiens målbilde, innhold og forventninger.',
    en: "The measure has delivered in line with the digitalisation strategy's target picture, content and expectations.",
  },
  'ft.verdict.not-in-accordance': {
    nb: 'Tiltaket har ikke levert i samsvar med digitaliseringsstrategiens målbilde, innhold og forventninger.',
    en: "The measure has not delivered in line with the digitalisation strategy's target picture, content and expectations.",
  },
  'ft.verdictShort.in-accordance': { nb: 'levert i samsvar med strategien', en: 'delivered in line with the strategy' },
  'ft.verdictShort.not-in-accordance': { nb: 'ikke levert i samsvar med strategien', en: 'not delivered in line with the strategy' },
  'ft.consensus.yes': { nb: 'Skate kom til konsensus.', en: 'Skate reached consensus.' },
  'ft.consensus.no': { nb: 'Skate kom ikke til konsensus.', en: 'Skate did not reach consensus.' },
  'ft.au': { nb: 'AU-behandling: {text}', en: 'AU treatment: {text}' },
  'ft.missingAtRecommendation': { nb: 'Uten svar fra: {names}', en: 'No answer from: {names}' },
  'ft.recordedBy': { nb: 'Registrert {when} av {who}', en: 'Recorded {when} by {who}' },
  'ft.decisionHeading': { nb: 'Endelig beslutning – {title}', en: 'Final decision – {title}' },
  'ft.follows.yes': { nb: 'Følger Skates anbefaling.', en: "Follows Skate's recommendation." },
  'ft.follows.no': { nb: 'Avviker fra Skates anbefaling.', en: "Departs from Skate's recommendation." },
  'ft.onBehalf': { nb: 'Registrert {when} av {who} på vegne av {title}', en: 'Recorded {when} by {who} on behalf of {title}' },
  'ft.cancelledLine': { nb: 'Avbrutt {when} av {who}: {reason}', en: 'Cancelled {when} by {who}: {reason}' },
  'ft.historyHeading': { nb: 'Historikk', en: 'History' },
  'ft.history.opened': {
    nb: 'Sluttbehandling åpnet ({part}); frist {deadline}; spurt: {organisations}',
    en: 'Final treatment opened ({part}); deadline {deadline}; asked: {organisations}',
  },
  'ft.history.feedback': { nb: 'Skriftlig tilbakemelding fra {party} (versjon {version})', en: 'Written feedback from {party} (version {version})' },
  'ft.history.deadline': { nb: 'Frist endret fra {from} til {to}', en: 'Deadline moved from {from} to {to}' },
  'ft.history.recommended': { nb: 'Skates anbefaling registrert: {verdict}', en: "Skate's recommendation recorded: {verdict}" },
  'ft.history.decided': { nb: 'Endelig beslutning: {verdict}. {follows}', en: 'Final decision: {verdict}. {follows}' },
  'ft.history.cancelled': { nb: 'Avbrutt: {reason}', en: 'Cancelled: {reason}' },
  'ft.history.line': { nb: '{when} · {who}', en: '{when} · {who}' },
  'ft.giveFeedback': { nb: 'Gi tilbakemelding for {party}', en: 'Give feedback for {party}' },
  'ft.recommend.title': { nb: 'Registrer Skates anbefaling', en: "Record Skate's recommendation" },
  'ft.recommend.intro': {
    nb: 'Skates beslutning er en anbefaling til både tiltakseier og {title}.',
    en: "Skate's decision is a recommendation to both the measure owner and {title}.",
  },
  'ft.recommend.notYet': {
    nb: 'Skates anbefaling kan registreres når fristen ({deadline}) er ute eller alle har svart.',
    en: "Skate's recommendation can be recorded once the deadline ({deadline}) has passed or everyone has answered.",
  },
  'ft.field.verdict': {
    nb: 'Har tiltaket levert i samsvar med strategiens målbilde, innhold og forventninger?',
    en: "Has the measure delivered in line with the strategy's target picture, content and expectations?",
  },
  'ft.choice.in-accordance': { nb: 'Ja, i samsvar', en: 'Yes, in line' },
  'ft.choice.not-in-accordance': { nb: 'Nei, ikke i samsvar', en: 'No, not in line' },
  'ft.field.consensus': { nb: 'Skate kom til konsensus', en: 'Skate reached consensus' },
  'ft.field.recommendation': { nb: 'Anbefalingen med begrunnelse', en: 'The recommendation and its reasons' },
  'ft.field.auTreatment': { nb: 'AU-behandling (valgfritt)', en: 'AU treatment (optional)' },
  'ft.decide.title': { nb: 'Registrer endelig beslutning', en: 'Record the final decision' },
  'ft.decide.intro': {
    nb: '{title} tar endelig beslutning om tiltaket har levert i samsvar med digitaliseringsstrategiens målbilde, innhold og forventninger.',
    en: "{title} decides finally whether the measure has delivered in line with the digitalisation strategy's target picture, content and expectations.",
  },
  'ft.decide.onBehalf': {
    nb: 'Programfilen navngir ingen person som {title}, så programkontoret registrerer beslutningen på direktørens vegne.',
    en: 'The programme file names no person as {title}, so the programme office records the decision on their behalf.',
  },
  'ft.field.decision': { nb: 'Beslutningen med begrunnelse', en: 'The decision and its reasons' },
  'ft.deadline.title': { nb: 'Endre frist', en: 'Change the deadline' },
  'ft.cancel.title': { nb: 'Avbryt sluttbehandlingen', en: 'Cancel the final treatment' },
  'ft.field.reason': { nb: 'Hvorfor den avbrytes', en: 'Why it is cancelled' },
  'ft.save': { nb: 'Lagre', en: 'Save' },
  'ft.show': { nb: 'Vis sluttbehandlingen', en: 'Show the final treatment' },

  // Banners
  'ft.opened': {
    nb: 'Sluttbehandling {id} er åpnet. Tilbakemeldingskortet sendes til: {recipients}.',
    en: 'Final treatment {id} is open. The feedback card is being sent to: {recipients}.',
  },
  'ft.alreadyOpened': { nb: 'Skjemaet var allerede sendt: sluttbehandling {id}.', en: 'The form was already sent: final treatment {id}.' },
  'ft.feedbackSaved': {
    nb: 'Tilbakemeldingen fra {party} er registrert (versjon {version}).',
    en: 'The feedback from {party} is recorded (version {version}).',
  },
  'ft.feedbackSavedLate': {
    nb: 'Tilbakemeldingen fra {party} er registrert (versjon {version}). Den kom etter fristen og er merket slik.',
    en: 'The feedback from {party} is recorded (version {version}). It came after the deadline and is marked so.',
  },
  'ft.feedbackUnchanged': {
    nb: 'Tilbakemeldingen var allerede registrert slik (versjon {version}).',
    en: 'The feedback was already recorded like that (version {version}).',
  },
  'ft.deadlineMoved': { nb: 'Fristen er endret til {deadline}.', en: 'The deadline is now {deadline}.' },
  'ft.deadlineUnchanged': { nb: 'Fristen var allerede {deadline}.', en: 'The deadline already was {deadline}.' },
  'ft.recommended': {
    nb: 'Skates anbefaling er registrert og sendes til tiltakseierne og {title}.',
    en: "Skate's recommendation is recorded and is being sent to the measure owners and {title}.",
  },
  'ft.decided': {
    nb: 'Den endelige beslutningen er registrert og sendes til tiltakseierne og programkontoret.',
    en: 'The final decision is recorded and is being sent to the measure owners and the programme office.',
  },
  'ft.cancelled': { nb: 'Sluttbehandlingen er avbrutt.', en: 'The final treatment is cancelled.' },

  // Feedback card (sent to each organisation's Skate members)
  'ft.feedback.heading': { nb: 'Skriftlig tilbakemelding – {measure}', en: 'Written feedback – {measure}' },
  'ft.feedback.intro': {
    nb: 'Sluttbehandling {id} i {programme}: {party} bes om skriftlig tilbakemelding innen {deadline}. Svaret blir en del av forbehandlingen før Skate gir sin anbefaling.',
    en: "Final treatment {id} in {programme}: {party} is asked for written feedback by {deadline}. The answer is part of the preparation before Skate gives its recommendation.",
  },
  'ft.feedback.request': { nb: 'Ny sluttbehandling: {party} bes om skriftlig tilbakemelding innen {deadline}.', en: 'New final treatment: {party} is asked for written feedback by {deadline}.' },
  'ft.feedback.reminder': {
    nb: 'Påminnelse: {party} har ikke gitt skriftlig tilbakemelding. Fristen er {deadline} ({n} virkedager igjen).',
    en: 'Reminder: {party} has not given written feedback. The deadline is {deadline} ({n} business days left).',
  },
  'ft.feedback.reminderOne': {
    nb: 'Påminnelse: {party} har ikke gitt skriftlig tilbakemelding. Fristen er {deadline} (1 virkedag igjen).',
    en: 'Reminder: {party} has not given written feedback. The deadline is {deadline} (1 business day left).',
  },
  'ft.feedback.current': {
    nb: 'Gjeldende svar fra {party}: versjon {version}, {when}, av {who}. Et nytt svar erstatter det; alle versjoner tas vare på.',
    en: 'Current answer from {party}: version {version}, {when}, by {who}. A new answer replaces it; every version is kept.',
  },
  'ft.field.feedback': { nb: 'Tilbakemelding fra {party} (høyst 4000 tegn)', en: 'Feedback from {party} (at most 4000 characters)' },
  'ft.feedback.submit': { nb: 'Send tilbakemeldingen', en: 'Send the feedback' },
  'ft.feedback.closed': {
    nb: 'Tilbakemeldingsrunden er avsluttet: {stage}.',
    en: 'The feedback round is closed: {stage}.',
  },

  // Escalation to the office and notices
  'ft.escalation.heading': { nb: 'Sluttbehandling {id}: fristen er ute', en: 'Final treatment {id}: the deadline has passed' },
  'ft.escalation.text': {
    nb: 'Fristen for skriftlig tilbakemelding på «{measure}» var {deadline}. Disse har ikke svart: {missing}. Svar tas imot til Skates anbefaling er registrert.',
    en: 'The deadline for written feedback on "{measure}" was {deadline}. These have not answered: {missing}. Answers are accepted until Skate\'s recommendation is recorded.',
  },
  'ft.notice.recommended': {
    nb: 'Skates anbefaling i sluttbehandling {id} av «{measure}»: {verdict}\n{text}\nSkates beslutning er en anbefaling til tiltakseier og {title}.',
    en: 'Skate\'s recommendation in final treatment {id} of "{measure}": {verdict}\n{text}\nSkate\'s decision is a recommendation to the measure owner and {title}.',
  },
  'ft.notice.decided': {
    nb: 'Endelig beslutning i sluttbehandling {id} av «{measure}» ({title}): {verdict} {follows}\n{text}',
    en: 'Final decision in final treatment {id} of "{measure}" ({title}): {verdict} {follows}\n{text}',
  },

  // Lists
  'ft.list.heading': { nb: 'Sluttbehandlinger – {programme}', en: 'Final treatments – {programme}' },
  'ft.list.empty': { nb: 'Ingen tiltak er til sluttbehandling ennå.', en: 'No measure has had a final treatment yet.' },
  'ft.list.item': { nb: '{id} · {measure} · {stage}', en: '{id} · {measure} · {stage}' },
  'ft.list.new': { nb: 'Ny sluttbehandling', en: 'New final treatment' },
  'ft.measureLine': { nb: 'Sluttbehandling {id} ({part}): {stage}', en: 'Final treatment {id} ({part}): {stage}' },
  'ft.measureHistory': { nb: '– {when}, {who}: {text}', en: '– {when}, {who}: {text}' },

  // Refusals
  'ftError.no-advice-body': {
    nb: 'Programmet har ikke noe rådgivende organ som en direktør beslutter etter (slik som Skate), så det har ingen sluttbehandling av tiltak.',
    en: 'The programme has no advisory body whose advice a director decides on (like Skate), so it has no final treatment of measures.',
  },
  'ftError.no-organisations': {
    nb: 'Ingen medlemmer er registrert i {body}, så ingen virksomheter kan spørres.',
    en: 'No members are recorded in {body}, so no organisations can be asked.',
  },
  'ftError.not-allowed.office': { nb: 'Bare programkontoret kan gjøre dette.', en: 'Only the programme office can do this.' },
  'ftError.not-allowed.asked-organisation': {
    nb: 'Bare virksomhetene som er spurt i sluttbehandlingen kan gi tilbakemelding, og du hører ikke til noen av dem.',
    en: 'Only the organisations asked in the final treatment can give feedback, and you belong to none of them.',
  },
  'ftError.not-allowed.decider.named': {
    nb: 'Bare {title} kan registrere den endelige beslutningen.',
    en: 'Only {title} can record the final decision.',
  },
  'ftError.not-allowed.decider.office': {
    nb: 'Bare {title} – eller programkontoret på direktørens vegne – kan registrere den endelige beslutningen.',
    en: 'Only {title} – or the programme office on their behalf – can record the final decision.',
  },
  'ftError.no-recommendation': {
    nb: 'Skates anbefaling er ikke registrert ennå; den endelige beslutningen tas på grunnlag av den.',
    en: "Skate's recommendation is not recorded yet; the final decision is made on the basis of it.",
  },
  'ftError.already-recommended': { nb: 'Skates anbefaling er allerede registrert.', en: "Skate's recommendation is already recorded." },
  'ftError.already-decided': { nb: 'Den endelige beslutningen er allerede registrert.', en: 'The final decision is already recorded.' },
  'ftError.cancelled': { nb: 'Sluttbehandlingen er avbrutt.', en: 'The final treatment has been cancelled.' },
  'ftError.round-closed': {
    nb: 'Tilbakemeldingsrunden er avsluttet: Skates anbefaling er registrert.',
    en: "The feedback round is closed: Skate's recommendation is recorded.",
  },
  'ftError.already-open': {
    nb: 'Dette er allerede til sluttbehandling ({id}). Avbryt den først hvis en ny skal åpnes.',
    en: 'This is already in final treatment ({id}). Cancel that one first to open a new one.',
  },
  'ftError.feedback-round-open': {
    nb: 'Tilbakemeldingsrunden pågår til og med {deadline}. Disse har ikke svart ennå: {names}.',
    en: 'The feedback round runs until the end of {deadline}. These have not answered yet: {names}.',
  },
  'ftError.deadline-not-in-future': {
    nb: 'Fristen må være en dag etter i dag ({deadline} er ikke det).',
    en: 'The deadline must be a day after today ({deadline} is not).',
  },
  'ftError.deadline-too-far': { nb: 'Fristen kan ikke være senere enn {latest}.', en: 'The deadline cannot be later than {latest}.' },
  'ftError.too-many-versions': {
    nb: '{party} har allerede sendt {max} versjoner; flere tas ikke imot.',
    en: '{party} has already sent {max} versions; no more are accepted.',
  },
  'ftError.invalid': { nb: '{field}: må fylles ut (høyst {max} tegn)', en: '{field}: is required (at most {max} characters)' },
  'ftError.invalidDeadline': { nb: '{field}: må være en dato', en: '{field}: must be a date' },
  'ftError.treatment-not-found': { nb: 'Fant ikke sluttbehandlingen {id}.', en: 'There is no final treatment {id}.' },
} as const satisfies Record<string, LocalisedText>;
