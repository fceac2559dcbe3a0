// Texts for linking channels, gate votes, outcomes, the director's decision and the decision log.
import type { LocalisedText } from '../../shared/programme/schema.js';

export const voteMessages = {
  'vote.link.done': {
    nb: '{body} ({programme}) er nå koblet til denne kanalen. Avstemningene i {body} legges ut her.',
    en: '{body} ({programme}) is now linked to this channel. Votes in {body} will be posted here.',
  },
  'vote.link.moved': { nb: 'Koblingen er flyttet hit fra en annen kanal.', en: 'The link was moved here from another channel.' },
  'vote.link.which': {
    nb: 'Hvilket organ skal stemme i denne kanalen? Skriv f.eks. «koble til {example}». Organer du kan koble: {bodies}.',
    en: 'Which body should vote in this channel? Type e.g. "link {example}". Bodies you can link: {bodies}.',
  },
  'voteError.not-in-channel': {
    nb: 'Dette gjøres i en kanal i et team: skriv «@Samspill koble til <organ>» i kanalen organet skal stemme i.',
    en: 'Do this in a team channel: type "@Samspill link <body>" in the channel the body should vote in.',
  },
  'voteError.unknown-body': {
    nb: 'Jeg kjenner ikke noe organ som heter «{name}». Organer: {bodies}.',
    en: 'I know no body called "{name}". Bodies: {bodies}.',
  },
  'voteError.ambiguous-body': {
    nb: '«{name}» finnes i flere programmer ({programmes}). Skriv programmet foran organet, f.eks. «koble til {example}».',
    en: '"{name}" exists in several programmes ({programmes}). Put the programme before the body, e.g. "link {example}".',
  },
  'voteError.may-not-link': {
    nb: 'Bare programkontoret eller sekretæren for {body} kan koble en kanal til organet.',
    en: 'Only the programme office or the secretary of {body} can link a channel to the body.',
  },
  'voteError.channel-not-in-host': {
    nb: '{body} kan bare kobles til en kanal i vertsorganisasjonen til {programme}, for eksempel en delt kanal som vertsorganisasjonen eier. Denne kanalen tilhører en annen organisasjon.',
    en: '{body} can only be linked to a channel of the organisation hosting {programme}, for example a shared channel it owns. This channel belongs to another organisation.',
  },
  'voteError.no-gate': {
    nb: '{number} har ikke noe beslutningspunkt som kan legges fram nå (idéen må være kvalifisert, eller stå i en fase med et beslutningspunkt videre).',
    en: '{number} has no decision point that can be put to a vote now (the idea must be qualified, or be in a phase with a decision point out of it).',
  },
  'voteError.wrong-gate': {
    nb: 'Skjemaet gjelder {gate}, men idéens neste beslutningspunkt er {expected}. Åpne idéen på nytt.',
    en: 'The form is for {gate}, but the idea\'s next decision point is {expected}. Open the idea again.',
  },
  'voteError.no-channel': {
    nb: '{body} har ingen kanal å stemme i ennå. Be sekretæren eller programkontoret skrive «@Samspill koble til {bodyId}» i organets kanal i Teams, og prøv igjen.',
    en: '{body} has no channel to vote in yet. Ask the secretary or the programme office to type "@Samspill link {bodyId}" in the body\'s Teams channel, then try again.',
  },
  'voteError.not-on-roadmap': {
    nb: '{number} står ikke på veikartet. Et prosjekt kan ikke startes uten en plass på veikartet; legg det inn med «veikart» først.',
    en: '{number} is not on the roadmap. A project cannot be started without a roadmap entry; add it with "roadmap" first.',
  },
  'voteError.missing-deliverables': {
    nb: 'Beslutningsgrunnlaget mangler: {missing}. Legg inn lenker, eller kryss av for å åpne likevel og skriv hvorfor.',
    en: 'The decision basis is missing: {missing}. Add the links, or tick the box to open anyway and say why.',
  },
  'voteError.missing-party-decisions': {
    nb: 'Alle deltakende parter må ha en positiv beslutning før dette beslutningspunktet (avtalen §4.3/§4.4). Mangler: {parties}. Registrer dem med «partsbeslutning», eller kryss av for å åpne likevel og skriv hvorfor; det lagres i revisjonsloggen.',
    en: 'Every participating party needs a positive decision of its own before this gate (agreement §4.3/§4.4). Missing: {parties}. Record them with "party decision", or tick the box to open anyway and say why; it is kept in the audit log.',
  },
  'voteError.no-participants': {
    nb: 'Ingen deltakende parter er registrert for prosjektet; dette beslutningspunktet krever en positiv beslutning fra hver av dem (avtalen §4.3/§4.4). Registrer dem med «deltakere», eller kryss av for å åpne likevel og skriv hvorfor.',
    en: 'No participating parties are recorded for the project; this gate needs a positive decision from each of them (agreement §4.3/§4.4). Record them with "participants", or tick the box to open anyway and say why.',
  },
  'vote.noParticipants': { nb: '(ingen deltakende parter registrert)', en: '(no participating parties recorded)' },
  'vote.overrideDecisions': {
    nb: 'Åpnet uten positiv beslutning fra: {parties}',
    en: 'Opened without a positive decision from: {parties}',
  },
  'voteError.override-reason': {
    nb: 'Skriv hvorfor avstemningen åpnes uten hele beslutningsgrunnlaget; begrunnelsen lagres med avstemningen.',
    en: 'Say why the vote opens without the full decision basis; the reason is kept with the vote.',
  },
  'voteError.bad-link': { nb: 'Lenken til «{deliverable}» er ikke en nettadresse (https://…).', en: 'The link for "{deliverable}" is not a web address (https://…).' },
  'voteError.bad-deadline.invalid': { nb: 'Fristen må være en dato og et klokkeslett.', en: 'The deadline must be a date and a time.' },
  'voteError.bad-deadline.too-soon': {
    nb: 'Fristen må være minst én time fram i tid, så medlemmene rekker å se kortet.',
    en: 'The deadline must be at least an hour ahead, so members have time to see the card.',
  },
  'voteError.bad-deadline.too-far': { nb: 'Fristen kan være høyst 92 dager fram i tid.', en: 'The deadline can be at most 92 days ahead.' },
  'voteError.already-open': {
    nb: 'Det pågår allerede en avstemning om dette beslutningspunktet ({voteId}).',
    en: 'A vote on this decision point is already running ({voteId}).',
  },
  'voteError.vote-not-found': { nb: 'Fant ikke avstemningen ({voteId}).', en: 'The vote was not found ({voteId}).' },
  'voteError.not-voter.observer': {
    nb: 'Du er observatør i {body} og har ikke stemmerett. Du kan følge avstemningen her.',
    en: 'You are an observer in {body} and have no vote. You can follow the vote here.',
  },
  'voteError.not-voter.secretary': {
    nb: 'Som sekretær for {body} er du ikke medlem og stemmer ikke. Du kan lukke avstemningen.',
    en: 'As secretary of {body} you are not a member and do not vote. You can close the vote.',
  },
  'voteError.not-voter.non-member': {
    nb: 'Bare medlemmene av {body} stemmer. Du kan følge avstemningen her.',
    en: 'Only the members of {body} vote. You can follow the vote here.',
  },
  'voteError.departed-voter': {
    nb: '{party} har gått ut av programmet med virkning fra {date}, så partens folk kan ikke lenger stemme i denne avstemningen. Stemmen ble ikke registrert; en stemme avgitt før den datoen, står.',
    en: '{party} left the programme with effect from {date}, so its people can no longer vote in this vote. The vote was not recorded; a ballot cast before that date stands.',
  },
  'voteError.vote-closed': { nb: 'Avstemningen er lukket; stemmen ble ikke registrert.', en: 'The vote is closed; the vote was not recorded.' },
  'voteError.deadline-passed': {
    nb: 'Fristen for avstemningen er ute; stemmen ble ikke registrert.',
    en: 'The deadline for the vote has passed; the vote was not recorded.',
  },
  'voteError.may-not-close': {
    nb: 'Bare lederen eller sekretæren for {body} kan lukke avstemningen.',
    en: 'Only the chair or the secretary of {body} can close the vote.',
  },
  'voteError.not-advisory': {
    nb: 'Dette organet beslutter selv; det er ingen egen beslutning å registrere.',
    en: 'This body decides itself; there is no separate decision to record.',
  },
  'voteError.may-not-decide': {
    nb: 'Bare {title} kan registrere beslutningen (eller programkontoret på vegne av {title} når programmet ikke navngir personen).',
    en: 'Only {title} can record the decision (or the programme office on their behalf when the programme names no person).',
  },
  'voteError.already-decided': { nb: 'Beslutningen er allerede registrert.', en: 'The decision has already been recorded.' },
  'voteError.advice-pending': {
    nb: 'Organets råd er ikke klart ennå: avstemningen må lukkes først.',
    en: "The body's advice is not ready yet: the vote must close first.",
  },

  'vote.subheading': { nb: 'Til avstemning i {body}', en: 'Put to a vote in {body}' },
  'vote.subheadingAdvice': { nb: 'Til rådgivning i {body}; {title} beslutter', en: 'For advice from {body}; {title} decides' },
  'vote.fact.body': { nb: 'Organ', en: 'Body' },
  'vote.fact.rule': { nb: 'Beslutningsregel', en: 'Decision rule' },
  'vote.fact.deadline': { nb: 'Frist', en: 'Deadline' },
  'vote.fact.openedBy': { nb: 'Lagt fram av', en: 'Proposed by' },
  'vote.fact.budget': { nb: 'Budsjettsak', en: 'Budget matter' },
  'vote.fact.budgetYes': {
    nb: 'Ja – uten konsensus beslutter lederen',
    en: 'Yes – without consensus the chair decides',
  },
  'vote.fact.closed': { nb: 'Lukket', en: 'Closed' },
  'vote.fact.counts': { nb: 'Stemmer', en: 'Votes' },
  'vote.counts': {
    nb: '{for} for, {against} mot, {abstain} avstår, {notVoted} stemte ikke',
    en: '{for} for, {against} against, {abstain} abstained, {notVoted} did not vote',
  },
  'vote.basis': { nb: 'Beslutningsgrunnlag', en: 'Decision basis' },
  'vote.basisRecorded': {
    nb: '{deliverable}: skrevet på idékortet av {name} {date}',
    en: '{deliverable}: written on the idea card by {name} on {date}',
  },
  'vote.basisMissing': { nb: '⚠ {deliverable} – mangler', en: '⚠ {deliverable} – missing' },
  'vote.qualification': { nb: 'Programkontorets anbefaling: {text}', en: "The programme office's recommendation: {text}" },
  'vote.override': {
    nb: 'Åpnet uten fullstendig beslutningsgrunnlag av {name}: {reason}',
    en: 'Opened without the full decision basis by {name}: {reason}',
  },
  'vote.progress': { nb: '{voted} av {eligible} medlemmer har stemt.', en: '{voted} of {eligible} members have voted.' },
  'vote.yours': {
    nb: 'Din stemme: {choice} ({when}). Du kan endre den til avstemningen lukkes.',
    en: 'Your vote: {choice} ({when}). You can change it until the vote closes.',
  },
  'vote.notYet': { nb: 'Du har ikke stemt ennå.', en: 'You have not voted yet.' },
  'vote.observerNote': { nb: 'Du er observatør i {body} og har ikke stemmerett.', en: 'You are an observer in {body} and have no vote.' },
  'vote.secretaryNote': {
    nb: 'Du er sekretær for {body} og stemmer ikke, men kan lukke avstemningen.',
    en: 'You are the secretary of {body}; you do not vote, but you can close the vote.',
  },
  'vote.outsiderNote': { nb: 'Bare medlemmene av {body} stemmer.', en: 'Only the members of {body} vote.' },
  'vote.departedNote': {
    nb: '{party} har gått ut av programmet med virkning fra {date}; du stemmer ikke lenger i denne avstemningen. En stemme du avga før den datoen, står.',
    en: '{party} left the programme with effect from {date}; you no longer vote in this vote. A ballot you cast before that date stands.',
  },
  'vote.comment': { nb: 'Kommentar (valgfritt)', en: 'Comment (optional)' },
  'vote.choice.for': { nb: 'For', en: 'For' },
  'vote.choice.against': { nb: 'Mot', en: 'Against' },
  'vote.choice.abstain': { nb: 'Avstår', en: 'Abstain' },
  'vote.close': { nb: 'Lukk avstemningen', en: 'Close the vote' },
  'vote.closeConfirm': {
    nb: 'Avstemningen lukkes for alle og telles opp nå. Stemmer som ikke er avgitt, teller som ikke avgitt.',
    en: 'The vote closes for everyone and is counted now. Members who have not voted count as not voting.',
  },
  'vote.closeNow': { nb: 'Lukk og tell opp nå', en: 'Close and count now' },
  'vote.recorded': { nb: 'Stemmen din er registrert: {choice}.', en: 'Your vote is recorded: {choice}.' },
  'vote.changed': { nb: 'Stemmen din er endret til {choice}.', en: 'Your vote is changed to {choice}.' },
  'vote.duplicate': {
    nb: 'Dette klikket var allerede registrert; ingenting er endret.',
    en: 'This click was already recorded; nothing changed.',
  },

  'rule.consensus': {
    nb: 'Konsensus: vedtatt når ingen stemmer mot og minst én stemmer for (å avstå blokkerer ikke)',
    en: 'Consensus: adopted when nobody votes against and at least one votes for (abstaining does not block)',
  },
  'rule.majority': {
    nb: 'Flertall: vedtatt når flere stemmer for enn mot',
    en: 'Majority: adopted when more vote for than against',
  },
  'rule.ctm': {
    nb: 'Konsensus søkes; ellers avgjør flertallet av avgitte stemmer',
    en: 'Consensus is sought; otherwise the majority of votes cast decides',
  },
  'rule.ctm.tie': { nb: 'ved stemmelikhet har lederen dobbeltstemme', en: 'on a tie the chair has a double vote' },
  'rule.ctm.budget': { nb: 'i budsjettsaker uten konsensus beslutter lederen', en: 'in budget matters without consensus the chair decides' },
  'rule.quorum.count': { nb: 'minst {n} må stemme', en: 'at least {n} must vote' },
  'rule.quorum.share': { nb: 'minst {share} % av medlemmene må stemme', en: 'at least {share}% of the members must vote' },
  'voteError.not-reopenable': {
    nb: 'Bare en avstemning som ble lukket uten at organet var beslutningsdyktig, kan åpnes på nytt (og bare én gang).',
    en: 'Only a vote that closed without quorum can be reopened (and only once).',
  },
  'vote.reopen.title': { nb: 'Åpne avstemningen på nytt', en: 'Reopen the vote' },
  'vote.reopen.help': {
    nb: 'Ikke avgjort: organet var ikke beslutningsdyktig. En ny runde med samme beslutningsgrunnlag; medlemmene stemmer på nytt.',
    en: 'Not decided: the body had no quorum. A new round with the same decision basis; the members vote again.',
  },
  'vote.reopen.submit': { nb: 'Åpne på nytt', en: 'Reopen' },
  'vote.reopen.opened': { nb: 'Avstemningen er åpnet på nytt med frist {deadline}.', en: 'The vote is reopened with the deadline {deadline}.' },
  'vote.reopen.again': { nb: 'Avstemningen er allerede åpnet på nytt (frist {deadline}).', en: 'The vote was already reopened (deadline {deadline}).' },
  'vote.reopenedAs': { nb: 'Åpnet på nytt som {id}.', en: 'Reopened as {id}.' },
  'vote.reopens': { nb: 'Ny runde etter {id}, som ble lukket uten at organet var beslutningsdyktig.', en: 'New round after {id}, which closed without quorum.' },
  'rule.quorum.majority': { nb: 'et flertall av medlemmene må stemme', en: 'a majority of the members must vote' },
  'rule.advisory': { nb: 'Avstemningen er et råd; {title} beslutter', en: 'The vote is advice; {title} decides' },

  'vote.status.adopted': { nb: 'Vedtatt', en: 'Adopted' },
  'vote.status.rejected': { nb: 'Ikke vedtatt', en: 'Not adopted' },
  'vote.status.no-quorum': { nb: 'Ikke avgjort – ikke beslutningsdyktig', en: 'Not decided – no quorum' },
  'vote.advice.adopted': { nb: 'Råd: vedta', en: 'Advice: adopt' },
  'vote.advice.rejected': { nb: 'Råd: ikke vedta', en: 'Advice: do not adopt' },
  'vote.advice.no-quorum': { nb: 'Ikke beslutningsdyktig – ikke noe råd', en: 'No quorum – no advice' },
  'vote.closedBy.deadline': { nb: 'Ved fristen {when}', en: 'At the deadline, {when}' },
  'vote.closedBy.manual': { nb: 'Av {name}, {when}', en: 'By {name}, {when}' },
  'vote.ballots': { nb: 'Hvem stemte hva', en: 'Who voted what' },
  'vote.didNotVote': { nb: 'Stemte ikke: {names}', en: 'Did not vote: {names}' },
  'vote.director.pending': { nb: 'Venter på beslutning fra {title}.', en: 'Awaiting the decision of {title}.' },
  'vote.director.decided': {
    nb: '{who} besluttet {when}: {decision} – {followed}.',
    en: '{who} decided on {when}: {decision} – {followed}.',
  },
  'vote.director.decidedOnBehalf': {
    nb: '{who} registrerte beslutningen {when}: {decision} – {followed}.',
    en: '{who} recorded the decision on {when}: {decision} – {followed}.',
  },
  'vote.director.who': { nb: '{title} ({name})', en: '{title} ({name})' },
  'vote.director.whoOnBehalf': { nb: '{name} på vegne av {title}', en: '{name} on behalf of {title}' },
  'vote.director.followed.yes': { nb: 'i tråd med rådet', en: 'following the advice' },
  'vote.director.followed.no': { nb: 'mot rådet', en: 'against the advice' },
  'vote.director.followed.no-advice': { nb: 'uten råd fra organet', en: 'without advice from the body' },
  'vote.director.adopt': { nb: 'Vedta', en: 'Adopt' },
  'vote.director.reject': { nb: 'Ikke vedta', en: 'Do not adopt' },
  'vote.director.record': { nb: 'Registrer beslutningen', en: 'Record the decision' },
  'vote.director.help': {
    nb: 'Organets stemme er et råd. Beslutningen registreres for seg, ved siden av rådet, og det er den som føres på idéen.',
    en: "The body's vote is advice. The decision is recorded on its own, beside the advice, and it is what is applied to the idea.",
  },
  'vote.director.comment': { nb: 'Begrunnelse (valgfritt)', en: 'Reasons (optional)' },
  'vote.director.recorded': { nb: 'Beslutningen er registrert.', en: 'The decision is recorded.' },
  'vote.applied.moved': { nb: '{number} er flyttet til fasen {phase}.', en: '{number} has moved to the {phase} phase.' },
  'vote.applied.stays': { nb: '{number} blir i fasen {phase}.', en: '{number} stays in the {phase} phase.' },
  'vote.applied.failed': {
    nb: 'Beslutningen kunne ikke føres på idéen ({error}); programkontoret er varslet.',
    en: 'The decision could not be applied to the idea ({error}); the programme office has been told.',
  },
  'vote.closedBanner': { nb: 'Avstemningen er lukket.', en: 'The vote is closed.' },

  'vote.propose.action': { nb: 'Legg fram {gate}', en: 'Put {gate} to a vote' },
  'vote.propose.heading': { nb: 'Legg fram {gate}', en: 'Put {gate} to a vote' },
  'vote.propose.intro': {
    nb: 'Avstemningen legges ut i kanalen til {body}. Legg inn en lenke til hver del av beslutningsgrunnlaget.',
    en: "The vote is posted in {body}'s channel. Give a link to each part of the decision basis.",
  },
  'vote.propose.link': { nb: '{deliverable} (lenke)', en: '{deliverable} (link)' },
  'vote.propose.deadlineDate': { nb: 'Frist (dato)', en: 'Deadline (date)' },
  'vote.propose.deadlineTime': { nb: 'Frist (klokkeslett, norsk tid)', en: 'Deadline (time, Norwegian time)' },
  'vote.propose.budget': {
    nb: 'Budsjettsak (uten konsensus beslutter lederen)',
    en: 'Budget matter (without consensus the chair decides)',
  },
  'vote.propose.override': {
    nb: 'Åpne selv om noe av beslutningsgrunnlaget mangler',
    en: 'Open even though part of the decision basis is missing',
  },
  'vote.propose.overrideReason': { nb: 'Hvorfor (lagres med avstemningen)', en: 'Why (kept with the vote)' },
  'vote.propose.submit': { nb: 'Åpne avstemningen', en: 'Open the vote' },
  'vote.propose.problems': { nb: 'Rett dette og send igjen:', en: 'Correct this and send again:' },
  'vote.propose.opened': {
    nb: '{gate} er lagt fram for {body} med frist {deadline}. Kortet er lagt ut i organets kanal.',
    en: '{gate} is put to {body} with the deadline {deadline}. The card is posted in the body\'s channel.',
  },
  'vote.propose.again': {
    nb: 'Dette skjemaet er allerede sendt; avstemningen er åpen med frist {deadline}.',
    en: 'This form was already sent; the vote is open with the deadline {deadline}.',
  },

  'vote.remindVoters': {
    nb: 'Påminnelse: avstemningen om {matter} for {number} «{title}» i {body} stenger {deadline}, og du har ikke stemt ennå. Stemmekortet ligger i kanalen til {body}.',
    en: 'Reminder: the vote on {matter} for {number} "{title}" in {body} closes {deadline}, and you have not voted yet. The vote card is in the channel of {body}.',
  },
  'vote.notify.outcome': {
    nb: '{gate} for {number} «{title}» i {body}: {status}. {reason}.',
    en: '{gate} for {number} "{title}" in {body}: {status}. {reason}.',
  },
  'vote.notify.advice': {
    nb: '{body} har gitt sitt råd om {gate} for {number} «{title}»: {status}. {reason}. Venter på beslutning fra {director}.',
    en: '{body} has given its advice on {gate} for {number} "{title}": {status}. {reason}. Awaiting the decision of {director}.',
  },
  'vote.notify.decision': {
    nb: '{director} har besluttet {gate} for {number} «{title}»: {decision} ({followed}).',
    en: '{director} has decided {gate} for {number} "{title}": {decision} ({followed}).',
  },

  'log.heading': { nb: 'Beslutningslogg – {programme}', en: 'Decision log – {programme}' },
  'log.filtered': { nb: 'Avgrenset til {filter}', en: 'Limited to {filter}' },
  'log.empty': { nb: 'Ingen avstemninger ennå.', en: 'No votes yet.' },
  'log.more': {
    nb: 'Avstemning {position}, nyeste først. Hele loggen som CSV: «beslutningslogg csv{filter}».',
    en: 'Votes {position}, newest first. The whole log as CSV: "decision log csv{filter}".',
  },
  'log.csvHint': { nb: 'Som CSV: skriv «beslutningslogg csv{filter}».', en: 'As CSV: type "decision log csv{filter}".' },
  'log.vote': { nb: '{gate} · {number} «{title}» · {body}', en: '{gate} · {number} "{title}" · {body}' },
  'log.opened': { nb: 'Lagt fram {when} av {name}; frist {deadline}', en: 'Proposed {when} by {name}; deadline {deadline}' },
  'log.running': { nb: 'Pågår', en: 'Running' },
  'log.changed': { nb: ' (endret fra {from})', en: ' (changed from {from})' },
  'log.superseded': { nb: ' – erstattet av en senere stemme', en: ' – replaced by a later vote' },
  'log.noBallots': { nb: 'Ingen stemmer avgitt.', en: 'No votes cast.' },
  'log.tooLarge': {
    nb: 'Loggen er for stor for én melding ({size} kB). Avgrens med idénummer eller organ, f.eks. «beslutningslogg csv {example}».',
    en: 'The log is too large for one message ({size} kB). Narrow it by idea number or body, e.g. "decision log csv {example}".',
  },
  'log.unknownFilter': {
    nb: 'Jeg finner ingen idé eller organ som heter «{filter}».',
    en: 'I find no idea or body called "{filter}".',
  },
} as const satisfies Record<string, LocalisedText>;
