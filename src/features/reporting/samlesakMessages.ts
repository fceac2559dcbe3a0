// Texts of Skate's quarterly samlesak (seed 004 §5): the combined case card, the measure card
// with AU's assessment, Skate's advice and the director's decision, the post to Skate's channel
// and the refusals.
import type { LocalisedText } from '../../shared/programme/schema.js';

export const samlesakMessages = {
  'sl.heading': { nb: 'Samlesak {period} – status i tiltakene', en: 'Combined case {period} – status of the measures' },
  'sl.stage.preparing': {
    nb: 'Under forberedelse. Skatesekretariatet lager forslag til AUs innstilling, {au} vurderer statusrapportene og vedtar innstillingen til {body} (§5.3).',
    en: "Being prepared. Skate's secretariat proposes AU's recommendation, {au} assesses the status reports and adopts the recommendation to {body} (§5.3).",
  },
  'sl.stage.atSkate': { nb: 'AUs innstilling ble vedtatt av {name} {date} og sendt til {body}.', en: "AU's recommendation was adopted by {name} on {date} and sent to {body}." },
  'sl.fact.period': { nb: 'Kvartal', en: 'Quarter' },
  'sl.fact.deadline': { nb: 'Frist for rapportene', en: 'Reports due' },
  'sl.fact.measures': { nb: 'Tiltak', en: 'Measures' },
  'sl.fact.measuresValue': { nb: '{measures}, {reports} levert', en: '{measures}, {reports} filed' },
  'sl.count.measures.one': { nb: '{count} tiltak', en: '{count} measure' },
  'sl.count.measures.other': { nb: '{count} tiltak', en: '{count} measures' },
  'sl.count.reports.one': { nb: '{count} rapport', en: '{count} report' },
  'sl.count.reports.other': { nb: '{count} rapporter', en: '{count} reports' },
  'sl.empty': { nb: 'Ingen tiltak er under oppfølging dette kvartalet.', en: 'No measures are being followed up this quarter.' },

  'sl.item.title': { nb: '{id} – {title}', en: '{id} – {title}' },
  'sl.item.joint': { nb: 'Felles tiltak. Tiltakseier: {owners}', en: 'Joint measure. Measure owner: {owners}' },
  'sl.item.project': { nb: 'Tiltakseier: {owners}', en: 'Measure owner: {owners}' },
  'sl.item.noReport': { nb: 'Ingen statusrapport levert for kvartalet.', en: 'No status report filed for the quarter.' },
  'sl.item.ownerView': {
    nb: 'Tiltakseiers egen vurdering: {status} (rapport versjon {version}, {date})',
    en: "The owner's own view: {status} (report version {version}, {date})",
  },
  'sl.item.progress': { nb: 'Framdrift: {text}', en: 'Progress: {text}' },
  'sl.item.deviations': { nb: 'Vesentlige avvik: {areas}. Foreslåtte korreksjonstiltak: {actions}', en: 'Significant deviations: {areas}. Proposed corrective actions: {actions}' },
  'sl.item.noDeviations': { nb: 'Ingen vesentlige avvik meldt.', en: 'No significant deviations reported.' },
  'sl.item.unassessed': { nb: 'AU har ikke vurdert tiltaket ennå.', en: 'AU has not assessed the measure yet.' },
  'sl.item.assessment': { nb: 'AUs vurdering ({as}): {status} – {text}', en: "AU's assessment ({as}): {status} – {text}" },
  'sl.item.recommendation': { nb: 'Innstilling: {text}', en: 'Recommendation: {text}' },
  'sl.item.reason': { nb: 'Avviker fra tiltakseiers vurdering. Begrunnelse: {text}', en: "Deviates from the owner's view. Reason: {text}" },
  'sl.item.advice': { nb: 'Råd fra {body}: {text}', en: 'Advice from {body}: {text}' },
  'sl.item.decision': { nb: 'Beslutning om korreksjonstiltak – {who}, {date}: {text}', en: 'Decision on corrective actions – {who}, {date}: {text}' },
  'sl.item.open': { nb: 'Åpne {id}', en: 'Open {id}' },
  'sl.compact.owner': { nb: 'Tiltakseier: {status}', en: 'Owner: {status}' },
  'sl.compact.au': { nb: 'AU: {status}', en: 'AU: {status}' },
  'sl.compact.auReasoned': { nb: 'AU: {status} (begrunnet avvik)', en: 'AU: {status} (deviation reasoned)' },
  'sl.compact.advice': { nb: 'råd fra {body} registrert', en: 'advice from {body} recorded' },
  'sl.compact.decided': { nb: 'beslutning registrert', en: 'decision recorded' },
  'sl.compactNote': {
    nb: 'Tekstene står på hvert tiltak og i CSV-en («samlesak {period} csv»).',
    en: 'The texts are on each measure and in the CSV ("combined case {period} csv").',
  },
  'sl.as.au': { nb: 'AU, {name}', en: 'AU, {name}' },
  'sl.as.secretariat': { nb: 'forslag fra sekretariatet, {name}', en: "the secretariat's proposal, {name}" },
  'sl.who': { nb: '{title} ({name})', en: '{title} ({name})' },
  'sl.whoOnBehalf': { nb: '{name} på vegne av {title}', en: '{name} on behalf of {title}' },

  'sl.overall.heading': { nb: 'AUs samlede vurdering og innstilling', en: "AU's overall assessment and recommendation" },
  'sl.overall.none': { nb: 'Ikke skrevet ennå.', en: 'Not written yet.' },
  'sl.overall.assessment': { nb: 'Vurdering ({as}): {text}', en: 'Assessment ({as}): {text}' },
  'sl.overall.recommendation': { nb: 'Innstilling: {text}', en: 'Recommendation: {text}' },

  'sl.form.overall': { nb: 'Skriv samlet vurdering', en: 'Write the overall assessment' },
  'sl.form.assess': { nb: 'Vurder tiltaket', en: 'Assess the measure' },
  'sl.form.advice': { nb: 'Registrer råd fra {body}', en: 'Record the advice from {body}' },
  'sl.form.decide': { nb: 'Registrer beslutningen', en: 'Record the decision' },
  'sl.form.decideOnBehalf': { nb: 'Registrer beslutningen på vegne av {title}', en: 'Record the decision on behalf of {title}' },
  'sl.form.save': { nb: 'Lagre', en: 'Save' },
  'sl.form.reasonNote': {
    nb: 'Avviker AU fra tiltakseiers egen vurdering ({status}), skal AU begrunne dette (§3.5/§5.5).',
    en: "Where AU deviates from the owner's own view ({status}), AU must give its reason (§3.5/§5.5).",
  },
  'sl.field.status': { nb: 'AUs vurdering av status', en: "AU's assessment of the status" },
  'sl.field.assessment': { nb: 'Vurdering', en: 'Assessment' },
  'sl.field.recommendation': { nb: 'Innstilling til Skate', en: 'Recommendation to Skate' },
  'sl.field.reason': { nb: 'Begrunnelse for avvik fra tiltakseiers vurdering', en: "Reason for deviating from the owner's view" },
  'sl.field.advice': { nb: 'Rådet', en: 'The advice' },
  'sl.field.decision': { nb: 'Beslutning om korreksjonstiltak', en: 'Decision on corrective actions' },
  'sl.adopt': { nb: 'Vedta AUs innstilling og send til {body}', en: "Adopt AU's recommendation and send it to {body}" },
  'sl.back': { nb: 'Tilbake til samlesaken', en: 'Back to the combined case' },
  'sl.problems': { nb: 'Rett dette og send igjen:', en: 'Correct this and send again:' },

  'sl.saved': { nb: 'Lagret.', en: 'Saved.' },
  'sl.unchanged': { nb: 'Ingen endring: slik var det allerede lagret.', en: 'No change: it was already saved like that.' },
  'sl.adopted': { nb: 'AUs innstilling er vedtatt og sendt til kanalen for {body}.', en: "AU's recommendation is adopted and sent to the channel of {body}." },
  'sl.adoptedBefore': { nb: 'AUs innstilling var allerede vedtatt og sendt til kanalen for {body}.', en: "AU's recommendation was already adopted and sent to the channel of {body}." },
  'sl.decided': { nb: 'Beslutningen er registrert.', en: 'The decision is recorded.' },
  'sl.decidedOnBehalf': { nb: 'Beslutningen er registrert av deg på vegne av {title}.', en: 'The decision is recorded by you on behalf of {title}.' },

  'sl.csv.tooLarge': {
    nb: 'Samlesaken {period} som CSV er {size} KB, mer enn en melding i Teams tar, og er ikke sendt. Kortet over viser hele saken.',
    en: 'The combined case {period} as CSV is {size} KB, more than a Teams message takes, and was not sent. The card above shows the whole case.',
  },

  'sl.error.no-samlesak': { nb: 'Programmet har ingen samlesak.', en: 'The programme has no combined case.' },
  'sl.error.unknown-period': { nb: 'Ukjent kvartal «{period}». Skriv for eksempel «samlesak 2026-Q4».', en: 'Unknown quarter "{period}". Write for example "combined case 2026-Q4".' },
  'sl.error.period-not-open': { nb: 'Kvartalet {period} har ikke begynt.', en: 'The quarter {period} has not begun.' },
  'sl.error.not-compiled': {
    nb: 'Samlesaken for {period} er ikke satt opp ennå; Skatesekretariatet setter den opp.',
    en: "The combined case for {period} is not set up yet; Skate's secretariat sets it up.",
  },
  'sl.error.not-allowed.office': { nb: 'Bare Skatesekretariatet (programkontoret) kan gjøre dette.', en: "Only Skate's secretariat (the programme office) can do this." },
  'sl.error.not-allowed.au-member': {
    nb: 'Bare et medlem av {au} kan vedta AUs innstilling; sekretariatet lager forslaget (§5.3).',
    en: "Only a member of {au} can adopt AU's recommendation; the secretariat proposes it (§5.3).",
  },
  'sl.error.not-allowed.office-or-au': {
    nb: 'Bare Skatesekretariatet og medlemmene av {au} forbereder samlesaken (§5.3).',
    en: "Only Skate's secretariat and the members of {au} prepare the combined case (§5.3).",
  },
  'sl.error.not-allowed.decider': { nb: 'Bare {title} kan registrere beslutningen.', en: 'Only {title} can record the decision.' },
  'sl.error.not-allowed.reader': {
    nb: 'Samlesaken er for Skatesekretariatet og {au} til den er sendt til {body}, og deretter også for {body} og {title}.',
    en: "The combined case is for Skate's secretariat and {au} until it is sent to {body}, and then also for {body} and {title}.",
  },
  'sl.error.out-of-order.preparing': { nb: 'Samlesaken er ikke sendt til {body} ennå.', en: 'The combined case has not been sent to {body} yet.' },
  'sl.error.out-of-order.at-skate': {
    nb: 'AUs innstilling er vedtatt og sendt til {body}; den endres ikke lenger.',
    en: "AU's recommendation is adopted and sent to {body}; it no longer changes.",
  },
  'sl.error.unknown-measure': { nb: 'Tiltaket {id} er ikke med i samlesaken.', en: 'The measure {id} is not in the combined case.' },
  'sl.error.invalid': { nb: 'Fyll inn «{field}» (høyst {max} tegn).', en: 'Fill in "{field}" (at most {max} characters).' },
  'sl.error.reason-required': {
    nb: 'AUs vurdering avviker fra tiltakseiers egen vurdering for {measures}. AU skal da begrunne dette (§3.5/§5.5): skriv begrunnelsen.',
    en: "AU's assessment deviates from the measure owner's own view for {measures}. AU must then give its reason (§3.5/§5.5): write the reason.",
  },
  'sl.error.unassessed': { nb: 'Disse tiltakene er ikke vurdert ennå: {measures}.', en: 'These measures are not assessed yet: {measures}.' },
  'sl.error.no-overall': { nb: 'Skriv AUs samlede vurdering og innstilling først.', en: "Write AU's overall assessment and recommendation first." },
  'sl.error.advice-missing': {
    nb: 'Registrer rådet fra {body} om {id} først; beslutningen tas på bakgrunn av det.',
    en: 'Record the advice from {body} on {id} first; the decision is made on it.',
  },
  'sl.error.already-decided': { nb: 'Beslutningen om {id} er allerede registrert.', en: 'The decision on {id} is already recorded.' },
  'sl.error.no-skate-channel': {
    nb: 'Kanalen for {body} er ikke koblet ennå. Skriv «@Samspill koble til {bodyId}» i kanalen først.',
    en: 'The channel of {body} is not linked yet. Write "@Samspill link {bodyId}" in that channel first.',
  },

  // R37: the next report's question names the decision (seed 004 §5.1).
  'report.field.previousDecisionNamed': {
    nb: 'Ble beslutningen fra forrige kvartals samlesak fulgt? {who} besluttet {date}: «{decision}»',
    en: 'Was the decision of last quarter\'s combined case followed? {who} decided on {date}: "{decision}"',
  },
} as const satisfies Record<string, LocalisedText>;
