// What each card verb does with a repeat of one submission (issue 22.9). A verb that stores or
// changes a record (and so may notify people) runs once per submission: either its form carries
// a fresh submission id whose receipt is written in the record's own transaction (and its
// handler answers a repeat itself), or the submission guard runs it once (and answers a repeat
// with the first answer), or its handler recognises a repeat by content and the guard only
// keeps two arrivals from being handled at once. A verb that only shows
// something is answered afresh each time. test/http/submitOnce.test.ts fails for a verb in no
// list or in two, so a new verb is classified when it is added.

/** Their submission is claimed with the record they create, in one transaction: a form's
 * submission id, or a ballot's receipt (the hash of what the card showed and what was chosen). */
export const receiptedVerbs: ReadonlySet<string> = new Set([
  'admission.file',
  'admission.propose',
  'agreementRevision.open',
  'deviation.file',
  'finalTreatment.open',
  'gate.propose',
  'gate.reopen',
  'gate.vote',
  'idea.register',
  'measure.create',
  'report.submit',
  'roadmap.propose',
]);

/** Run once per submission by the submission guard (submissionGuard.ts). */
export const guardedVerbs: ReadonlySet<string> = new Set([
  'agreementRevision.close',
  'checklist.send',
  'checklist.tick',
  'deviation.close',
  'fee.compute',
  'finalTreatment.cancel',
  'gate.close',
  'gate.decide',
  'idea.assess',
  'idea.assignLeader',
  'idea.consumerChoice',
  'idea.ownerApprove',
  'idea.prioritise',
  'idea.qualify',
  'idea.recordDispute',
  'idea.stop',
  'nda.record',
]);

/**
 * Their handler compares with what is stored and answers the same submission again itself
 * ("already recorded like that", "this click was already recorded"): the guard only keeps two
 * arrivals of one submission from being handled at the same time, then lets the handler answer.
 */
export const serialisedVerbs: ReadonlySet<string> = new Set([
  'agreementRevision.answer',
  'finalTreatment.deadline',
  'finalTreatment.decide',
  'finalTreatment.feedback',
  'finalTreatment.recommend',
  'roadmap.add',
  'roadmap.withdraw',
  // A held share is answered under its row's ETag: once confirmed (or declined) it says so.
  'share.confirm',
  'share.decline',
  // The samlesak's steps compare with what is stored: the same text again changes nothing, a
  // second adoption or decision is refused (samlesak.ts).
  'samlesak.adopt',
  'samlesak.advice',
  'samlesak.assess',
  'samlesak.decide',
  'samlesak.overall',
]);

/** Verbs that only show a card or a form. */
export const showingVerbs: ReadonlySet<string> = new Set([
  'admission.form',
  'admission.list',
  'admission.proposeForm',
  'agreementRevision.answerForm',
  'agreementRevision.form',
  'agreementRevision.list',
  'agreementRevision.show',
  'audit.show',
  'checklist.show',
  'deviation.form',
  'deviation.list',
  'fee.form',
  'finalTreatment.feedbackForm',
  'finalTreatment.form',
  'finalTreatment.list',
  'finalTreatment.show',
  'gate.log',
  'gate.proposeForm',
  'gate.view',
  'help.show',
  'idea.form',
  'idea.reports',
  'idea.show',
  'measure.form',
  'measure.list',
  'mine.show',
  'nda.form',
  'nda.list',
  'notice.show',
  'portfolio.show',
  'prioritised.show',
  'ranking.show',
  'report.form',
  'roadmap.log',
  'roadmap.revision',
  'roadmap.show',
  // Opening takes in reports filed since while the case is prepared; the same reports change nothing.
  'samlesak.measure',
  'samlesak.show',
]);
