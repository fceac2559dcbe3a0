// DSOP §3.5: the office records that a project has a steering group of its own; only a project
// (qualified or active) can have one, and the record is in the idea's history.
import { describe, expect, it } from 'vitest';
import { ideaStatuses, type Idea } from '../../../src/features/ideas/domain/idea.js';
import { register } from '../../../src/features/ideas/domain/lifecycle.js';
import { markOwnSteeringGroup } from '../../../src/features/ideas/domain/ownSteeringGroup.js';
import { office, presetProgramme } from './programmes.js';

const programme = presetProgramme('dsop');
const t0 = Date.parse('2026-03-02T09:00:00Z');
const act = { by: office, at: t0 + 1000 };

function registered(): Idea {
  const result = register(programme, {
    number: 'DSOP-2026-007',
    title: 'Felles samtykkeløsning',
    description: 'Én løsning for samtykke på tvers av bank og stat.',
    party: 'nav',
    links: [],
    submittedBy: { id: 'submitter-1', name: 'Kari Nordmann' },
    at: t0,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.idea;
}

describe('markOwnSteeringGroup', () => {
  it.each(['qualified', 'active'] as const)('marks a %s project and records it, by whom and when', (status) => {
    const idea = { ...registered(), status };
    const result = markOwnSteeringGroup(programme, idea, act);
    expect(result).toEqual({
      ok: true,
      value: {
        idea: { ...idea, ownSteeringGroup: true },
        history: { programmeId: 'dsop', ideaNumber: 'DSOP-2026-007', at: act.at, by: office, event: { kind: 'own-steering-group-linked' } },
      },
    });
    expect(idea.ownSteeringGroup).toBeUndefined();
  });

  it('refuses an idea that is not yet a project, naming its status and the allowed ones', () => {
    for (const status of ['registered', 'prioritised'] as const) {
      expect(markOwnSteeringGroup(programme, { ...registered(), status }, act)).toEqual({
        ok: false,
        error: { code: 'wrong-status', status, allowed: ['qualified', 'active'] },
      });
    }
  });

  it('refuses a closed project, an idea of another programme and an act without a person', () => {
    for (const status of ['stopped', 'completed'] as const) {
      expect(markOwnSteeringGroup(programme, { ...registered(), status }, act)).toEqual({ ok: false, error: { code: 'idea-closed', status } });
    }
    const active = { ...registered(), status: 'active' as const };
    expect(markOwnSteeringGroup(presetProgramme('skate'), active, act)).toEqual({
      ok: false,
      error: { code: 'wrong-programme', programme: 'skate', ideaProgramme: 'dsop' },
    });
    expect(markOwnSteeringGroup(programme, active, { by: { id: ' ', name: 'x' }, at: act.at })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'by' } });
  });

  it('is ok for exactly the project statuses', () => {
    const okFor = ideaStatuses.filter((status) => markOwnSteeringGroup(programme, { ...registered(), status }, act).ok);
    expect(okFor).toEqual(['qualified', 'active']);
  });
});
