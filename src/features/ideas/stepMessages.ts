// Texts for the steps the office takes on a running project (issue 16): naming the project
// leader, recording a dispute about a solution, who reads the status reports, a project's own
// steering group, and a preparing body's recommendation before a gate (DSOP §3.2–§3.5, §5).
import type { LocalisedText } from '../../shared/programme/schema.js';

export const stepMessages = {
  // Project leader (DSOP §3.3)
  'leader.action': { nb: 'Prosjektleder', en: 'Project leader' },
  'leader.intro': {
    nb: 'Programkontoret bemanner prosjektet, inkludert prosjektleder (avtalen §3.3). Prosjektlederen får beskjed i personlig chat og blir påminnet om statusrapportene.',
    en: 'The programme office staffs the project, including its project leader (agreement §3.3). The project leader is told in personal chat and reminded of the status reports.',
  },
  'leader.person': { nb: 'Velg prosjektleder', en: 'Choose the project leader' },
  'leader.submit': { nb: 'Lagre prosjektleder', en: 'Save project leader' },
  'leader.saved': { nb: '{name} er prosjektleder for {number}.', en: '{name} is project leader of {number}.' },
  'leader.notice': {
    nb: '{by} har gjort deg til prosjektleder for {number} «{title}» i {programme}. Du får påminnelser om statusrapportene; skriv «rapporter» for å levere, og «idé {number}» for å se prosjektet.',
    en: '{by} has made you project leader of {number} "{title}" in {programme}. You will be reminded of the status reports; type "report" to file one and "idea {number}" to see the project.',
  },
  // Disputes about a solution (DSOP §5)
  'dispute.action': { nb: 'Uenighet om løsning', en: 'Dispute about the solution' },
  'dispute.intro': {
    nb: 'Avtalen §5: dataeier har det avgjørende ord i valg av løsning; konsumentene velger å godta løsningen eller å avstå fra å delta i prosjektet.',
    en: 'Agreement §5: the data owner has the final word on the choice of solution; the consumers choose to accept it or to withdraw from the project.',
  },
  'dispute.subject': { nb: 'Hva er uenigheten om?', en: 'What is the dispute about?' },
  'dispute.dataOwner': { nb: 'Dataeier', en: 'Data owner' },
  'dispute.decision': { nb: 'Dataeiers avgjørelse', en: 'The data owner’s decision' },
  'dispute.choice.none': { nb: 'Ikke svart ennå', en: 'Not answered yet' },
  'dispute.choice.accept': { nb: 'Godtar løsningen', en: 'Accepts the solution' },
  'dispute.choice.withdraw': { nb: 'Avstår fra å delta', en: 'Withdraws from the project' },
  'dispute.submit': { nb: 'Registrer uenigheten', en: 'Record the dispute' },
  'dispute.answerHeading': { nb: 'Registrer en konsuments svar', en: 'Record a consumer’s answer' },
  'dispute.which': { nb: 'Uenighet', en: 'Dispute' },
  'dispute.party': { nb: 'Konsument', en: 'Consumer' },
  'dispute.answer': { nb: 'Svar', en: 'Answer' },
  'dispute.answerSubmit': { nb: 'Registrer svaret', en: 'Record the answer' },
  'dispute.recorded': { nb: 'Uenighet {n} er registrert.', en: 'Dispute {n} is recorded.' },
  'dispute.answerRecorded': { nb: 'Svaret er registrert.', en: 'The answer is recorded.' },
  'dispute.withdrawn': {
    nb: '⚠ {parties} har trukket seg fra prosjektet etter dataeiers avgjørelse.',
    en: '⚠ {parties} withdrew from the project after the data owner’s decision.',
  },
  'dispute.logHeading': { nb: 'Uenigheter om løsning (avtalen §5)', en: 'Disputes about the solution (agreement §5)' },
  'dispute.logLine': {
    nb: 'Uenighet {n} i {number}: {subject}. Dataeier {owner} avgjorde: {decision}. {choices}',
    en: 'Dispute {n} in {number}: {subject}. Data owner {owner} decided: {decision}. {choices}',
  },
  // Reports for everyone (DSOP §3.5, §4)
  'reports.action': { nb: 'Statusrapporter', en: 'Status reports' },
  'reports.heading': { nb: 'Statusrapporter for {number} {title}', en: 'Status reports of {number} {title}' },
  'reports.subheading': {
    nb: 'Statusrapportene gjøres tilgjengelige for alle deltakere (avtalen §4).',
    en: 'Status reports are made available to every participant (agreement §4).',
  },
  'reports.none': { nb: 'Ingen statusrapporter er levert for {number} ennå.', en: 'No status report has been filed for {number} yet.' },
  'reports.item': {
    nb: '{schedule} {period} – versjon {version}, levert av {author} {at}',
    en: '{schedule} {period} – version {version}, filed by {author} {at}',
  },
  'reports.which': {
    nb: 'Hvilket prosjekt? Skriv f.eks. «rapporter DSOP-2026-001».',
    en: 'Which project? Type e.g. "reports DSOP-2026-001".',
  },
  'reports.ownSteeringGroup': {
    nb: 'Prosjektet har egen styringsgruppe; statusrapportene går til kanalen dens.',
    en: 'The project has its own steering group; its status reports go to that group’s channel.',
  },
  'project.link.done': {
    nb: 'Denne kanalen er registrert som styringsgruppen for {number} «{title}». Statusrapportene for prosjektet kommer hit i stedet for til programkontoret.',
    en: 'This channel is registered as the steering group of {number} "{title}". The project’s status reports will come here instead of to the programme office.',
  },
  'project.link.which': {
    nb: 'Skriv prosjektets nummer, f.eks. «koble til prosjekt DSOP-2026-001».',
    en: 'Give the project’s number, e.g. "link project DSOP-2026-001".',
  },
  'project.link.notInChannel': {
    nb: 'Gjør dette i kanalen til prosjektets styringsgruppe.',
    en: 'Do this in the channel of the project’s steering group.',
  },
  // A preparing body's recommendation (DSOP §3.2, BP2/BP3)
  'prep.matter': { nb: 'Innstilling til {body}: {gate}', en: 'Recommendation to {body}: {gate}' },
  'prep.proposeIntro': {
    nb: '{body} behandler saken først og innstiller til {to} (avtalen §3.2: beslutningsgrunnlaget hentes fra {body}). Avstemningen i {to} kan åpnes når {body} har innstilt.',
    en: '{body} considers the matter first and makes a recommendation to {to} (agreement §3.2: the decision basis comes from {body}). The vote in {to} can be opened once {body} has recommended it.',
  },
  'prep.lastNotRecommended': {
    nb: '{body} innstilte ikke sist ({date}); saken må innstilles på nytt.',
    en: '{body} did not recommend it last time ({date}); it needs a new recommendation.',
  },
  'prep.recommended': { nb: '✅ Innstilt av {body} {date}.', en: '✅ Recommended by {body} on {date}.' },
  'prep.notRecommended': { nb: '❌ Ikke innstilt av {body} {date}.', en: '❌ Not recommended by {body} on {date}.' },
  'prep.applied.recommended': {
    nb: '{number} kan nå legges fram for {body}.',
    en: '{number} can now be put to {body}.',
  },
  'prep.applied.notRecommended': {
    nb: '{number} legges ikke fram for {body}.',
    en: '{number} is not put to {body}.',
  },
} as const satisfies Record<string, LocalisedText>;
