// Texts for gates the measure owner approves and the advice an advising body gives beside them
// (Skate seed 004 §3.1, §3.4), and for reference groups (DSOP seed 000 §3.4).
import type { LocalisedText } from '../../shared/programme/schema.js';

export const adviceMessages = {
  'advice.matter': { nb: 'Råd fra {body}: {gate}', en: 'Advice from {body}: {gate}' },
  'advice.proposeIntro': {
    nb: '{body} gir råd om beslutningsgrunnlaget. Rådet registreres ved siden av beslutningen og holder ikke tilbake tiltaket.',
    en: '{body} gives advice on the decision basis. The advice is recorded beside the decision and never holds the measure back.',
  },
  'advice.ownerIntro': {
    nb: 'Tiltakseieren godkjenner selv styringsdokumentasjonen og flytter tiltaket videre (avtalen §3.1); {body} gir råd (§3.4).',
    en: 'The measure owner approves the governance documentation and moves the measure on (agreement §3.1); {body} gives advice (§3.4).',
  },
  'advice.subheading': {
    nb: 'Til rådgivning i {body}: rådet registreres ved siden av beslutningen og holder ikke tilbake tiltaket',
    en: 'For advice from {body}: the advice is recorded beside the decision and never holds the measure back',
  },
  'advice.action': { nb: 'Be {body} om råd ({gate})', en: 'Ask {body} for advice ({gate})' },
  'advice.applied': {
    nb: 'Rådet er registrert i historikken til {number}. Det flytter ikke tiltaket.',
    en: 'The advice is recorded in the history of {number}. It does not move the measure.',
  },
  'advice.history.in-favour': { nb: '{body} ga råd om {gate}: for', en: '{body} advised on {gate}: in favour' },
  'advice.history.against': { nb: '{body} ga råd om {gate}: mot', en: '{body} advised on {gate}: against' },
  'advice.history.no-quorum': {
    nb: '{body} ga ikke råd om {gate} (ikke beslutningsdyktig)',
    en: '{body} gave no advice on {gate} (no quorum)',
  },
  'owner.approve.action': { nb: 'Godkjenn {gate}', en: 'Approve {gate}' },
  'owner.approve.done': {
    nb: 'Du har godkjent {gate}. {number} er flyttet til fasen {phase}.',
    en: 'You approved {gate}. {number} has moved to the {phase} phase.',
  },
  'owner.fact.approver': { nb: 'Godkjennes av', en: 'Approved by' },
  'owner.fact.approverValue': { nb: 'Tiltakseier ({name})', en: 'The measure owner ({name})' },
  'owner.fact.noOwner': { nb: 'Tiltakseier (ikke utpekt ennå)', en: 'The measure owner (not named yet)' },
  'owner.fact.advice': { nb: 'Råd fra', en: 'Advice from' },
  'advice.error.not-owner': {
    nb: 'Bare tiltakseieren kan godkjenne {gate}.',
    en: 'Only the measure owner can approve {gate}.',
  },
  'advice.error.no-owner': {
    nb: 'Tiltaket har ingen tiltakseier ennå; programkontoret utpeker en før {gate} kan godkjennes.',
    en: 'The measure has no owner yet; the programme office names one before {gate} can be approved.',
  },
  'advice.error.not-owner-approved': {
    nb: '{gate} besluttes av et organ, ikke av tiltakseieren.',
    en: '{gate} is decided by a body, not by the measure owner.',
  },
  'voteError.owner-approves': {
    nb: 'Tiltakseieren godkjenner {gate} selv; ingen stemmer over det. Be eventuelt om råd.',
    en: 'The measure owner approves {gate}; no body votes on it. You may ask for advice.',
  },
  'voteError.no-advice': { nb: '{gate} har ikke noe organ som gir råd.', en: '{gate} has no advising body.' },
} satisfies Record<string, LocalisedText>;
