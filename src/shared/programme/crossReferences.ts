// Rules that tie the parts of a programme together (a gate names an existing body, a chair is
// a member, …). Returned as path + message so the loader can name the place in the file.
import type { Programme } from './schema.js';
import { seatProblems } from './seats.js';

export interface ProgrammeProblem {
  path: (string | number)[];
  message: string;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

export function crossReferenceProblems(programme: Programme): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  const unique = (key: string, ids: string[]) => {
    for (const dup of duplicates(ids)) add([key], `id "${dup}" is used more than once`);
  };
  unique('phases', programme.phases.map((p) => p.id));
  unique('gates', programme.gates.map((g) => g.id));
  unique('bodies', programme.bodies.map((b) => b.id));
  unique('parties', programme.parties.map((p) => p.id));
  unique('people', programme.people.map((p) => p.aadObjectId));
  unique('criteria', programme.criteria.map((c) => c.id));
  unique('schedules', programme.schedules.map((s) => s.id));

  const phaseIds = new Set(programme.phases.map((p) => p.id));
  const bodyIds = new Set(programme.bodies.map((b) => b.id));
  const partyIds = new Set(programme.parties.map((p) => p.id));
  const personIds = new Set(programme.people.map((p) => p.aadObjectId));
  const referenceIds = new Set(programme.bodies.filter((b) => b.kind === 'reference').map((b) => b.id));
  const refuseReference = (path: (string | number)[], bodyId: string) => {
    if (referenceIds.has(bodyId)) add(path, `body "${bodyId}" is a reference group (kind "reference"): it only gives advice, never decides`);
  };

  if (!phaseIds.has(programme.initialPhase)) add(['initialPhase'], `unknown phase "${programme.initialPhase}"`);
  if (!phaseIds.has(programme.stoppedPhase)) add(['stoppedPhase'], `unknown phase "${programme.stoppedPhase}"`);

  const terminal = new Set(programme.phases.filter((p) => p.terminal).map((p) => p.id));
  if (phaseIds.has(programme.stoppedPhase) && !terminal.has(programme.stoppedPhase)) {
    add(['stoppedPhase'], `the stopped phase "${programme.stoppedPhase}" must be terminal`);
  }
  if (!programme.gates.some((g) => g.from === programme.initialPhase)) {
    add(['gates'], `no gate leads out of the initial phase "${programme.initialPhase}"`);
  }
  programme.gates.forEach((gate, i) => {
    if (gate.to === programme.stoppedPhase) add(['gates', i, 'to'], 'a gate cannot lead into the stopped phase; stopping needs lessons learned');
    if (terminal.has(gate.from)) add(['gates', i, 'from'], `phase "${gate.from}" is terminal; no gate leads out of it`);
    if (gate.from === gate.to) add(['gates', i, 'to'], 'a gate must lead to another phase');
    if (!phaseIds.has(gate.from)) add(['gates', i, 'from'], `unknown phase "${gate.from}"`);
    if (!phaseIds.has(gate.to)) add(['gates', i, 'to'], `unknown phase "${gate.to}"`);
    // A gate is decided by a body's vote or approved by the measure owner (Skate seed 004 §3.1), never both.
    if (gate.body === undefined && gate.approvedBy === undefined) add(['gates', i, 'body'], 'a gate names the body that decides it, or "approvedBy": "owner"');
    if (gate.body !== undefined && gate.approvedBy !== undefined) add(['gates', i, 'approvedBy'], `the gate is decided by body "${gate.body}"; an owner-approved gate names no deciding body`);
    if (gate.approvedBy !== undefined && gate.preparedBy !== undefined) add(['gates', i, 'preparedBy'], 'an owner-approved gate has no deciding vote to prepare; name the body in "advisedBy"');
    if (gate.body !== undefined && !bodyIds.has(gate.body)) add(['gates', i, 'body'], `unknown body "${gate.body}"`);
    if (gate.preparedBy !== undefined && !bodyIds.has(gate.preparedBy)) add(['gates', i, 'preparedBy'], `unknown body "${gate.preparedBy}"`);
    if (gate.preparedBy !== undefined && gate.preparedBy === gate.body) add(['gates', i, 'preparedBy'], 'a body does not prepare its own decision');
    if (gate.advisedBy !== undefined && !bodyIds.has(gate.advisedBy)) add(['gates', i, 'advisedBy'], `unknown body "${gate.advisedBy}"`);
    if (gate.advisedBy !== undefined && gate.advisedBy === gate.body) add(['gates', i, 'advisedBy'], 'a body does not advise on its own decision');
    if (gate.preparationAdvisory !== undefined && gate.preparedBy === undefined) add(['gates', i, 'preparationAdvisory'], 'the gate names no preparing body ("preparedBy")');
    // Seed 000 §3.4: «Referansegruppene har kun en rådgivende funksjon».
    for (const field of ['body', 'preparedBy'] as const) {
      const named = gate[field];
      if (named !== undefined && referenceIds.has(named)) {
        add(['gates', i, field], `body "${named}" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never ${field === 'body' ? 'decides' : 'prepares'} a gate`);
      }
    }
  });

  programme.people.forEach((person, i) => {
    if (!partyIds.has(person.party)) add(['people', i, 'party'], `unknown party "${person.party}"`);
  });
  if (!programme.people.some((p) => p.roles.includes('office'))) {
    add(['people'], 'at least one person must have the "office" role (the programme office)');
  }

  programme.bodies.forEach((body, i) => {
    const at = (...rest: (string | number)[]) => ['bodies', i, ...rest];
    if (body.members.length === 0) add(at('members'), `body "${body.id}" has no members`);
    for (const dup of duplicates(body.members)) add(at('members'), `"${dup}" is listed more than once`);
    body.members.forEach((m, j) => {
      if (!personIds.has(m)) add(at('members', j), `"${m}" is not in people`);
    });
    body.observers.forEach((o, j) => {
      if (!personIds.has(o)) add(at('observers', j), `"${o}" is not in people`);
      if (body.members.includes(o)) add(at('observers', j), `"${o}" is both a member and an observer; observers never vote`);
    });
    if (body.chair !== undefined && !body.members.includes(body.chair)) {
      add(at('chair'), `the chair "${body.chair}" must be one of the members`);
    }
    if (body.chair === undefined && body.rule.kind === 'consensus-then-majority') {
      add(at('chair'), 'a consensus-then-majority body needs a chair (tie-break and budget matters)');
    }
    if (body.secretary !== undefined) {
      if (!personIds.has(body.secretary)) add(at('secretary'), `"${body.secretary}" is not in people`);
      if (body.members.includes(body.secretary)) add(at('secretary'), 'the secretary is not a member and cannot be one');
    }
    if (body.decidedBy?.person !== undefined && !personIds.has(body.decidedBy.person)) {
      add(at('decidedBy', 'person'), `"${body.decidedBy.person}" is not in people`);
    }
    if (body.rule.quorum === undefined) {
      add(at('rule', 'quorum'), `body "${body.id}" has no quorum; say how many members must vote (e.g. { "majorityOfMembers": true })`);
    }
    for (const problem of seatProblems(body, programme)) add(at(...problem.path), `body "${body.id}": ${problem.message}`);
  });

  const admission = programme.membership?.admission;
  if (admission) {
    if (!bodyIds.has(admission.body)) add(['membership', 'admission', 'body'], `unknown body "${admission.body}"`);
    refuseReference(['membership', 'admission', 'body'], admission.body);
    unique('membership.admission.criteria', admission.criteria.map((c) => c.id));
  }
  const retirement = programme.membership?.retirement;
  if (retirement && !bodyIds.has(retirement.body)) add(['membership', 'retirement', 'body'], `unknown body "${retirement.body}"`);
  if (retirement) refuseReference(['membership', 'retirement', 'body'], retirement.body);

  if (programme.samlesak) {
    const { schedule, preparedBy, advisedBy } = programme.samlesak;
    const reports = programme.schedules.find((s) => s.id === schedule);
    if (!reports) add(['samlesak', 'schedule'], `unknown schedule "${schedule}"`);
    else if (reports.kind !== 'status-report' || reports.cadence.kind !== 'quarterly') add(['samlesak', 'schedule'], `schedule "${schedule}" must be a quarterly status report`);
    if (!bodyIds.has(preparedBy)) add(['samlesak', 'preparedBy'], `unknown body "${preparedBy}"`);
    if (!bodyIds.has(advisedBy)) add(['samlesak', 'advisedBy'], `unknown body "${advisedBy}"`);
    else if (!programme.bodies.find((b) => b.id === advisedBy)?.decidedBy) add(['samlesak', 'advisedBy'], `body "${advisedBy}" gives advice to no one ("decidedBy")`);
  }
  if (programme.roadmap && !bodyIds.has(programme.roadmap.body)) add(['roadmap', 'body'], `unknown body "${programme.roadmap.body}"`);
  if (programme.roadmap) refuseReference(['roadmap', 'body'], programme.roadmap.body);
  if (programme.agreementRevision) refuseReference(['agreementRevision', 'body'], programme.agreementRevision.body);
  if (programme.agreementRevision && !bodyIds.has(programme.agreementRevision.body)) {
    add(['agreementRevision', 'body'], `unknown body "${programme.agreementRevision.body}"`);
  }
  programme.schedules.forEach((s, i) => {
    if (s.kind === 'agreement-revision' && !programme.agreementRevision) {
      add(['schedules', i, 'kind'], `schedule "${s.id}" reminds of the agreement revision, but the programme has no "agreementRevision"`);
    }
  });

  const gateId = programme.confidentiality.participantsOnlyUntilGate;
  if (gateId !== undefined && !programme.gates.some((g) => g.id === gateId)) {
    add(['confidentiality', 'participantsOnlyUntilGate'], `unknown gate "${gateId}"`);
  }
  return problems;
}
