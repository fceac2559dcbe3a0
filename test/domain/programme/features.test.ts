// Which features each shipped preset switches on (issue 24.4): the help card offers a feature's
// commands only where this says so, so a wrong answer here shows other programmes' commands.
import { describe, expect, it } from 'vitest';
import { programmeFeatures, programmeHas } from '../../../src/shared/programme/features.js';
import { presetProgramme } from '../../support/presetProgramme.js';

const onPreset = (preset: string) =>
  presetProgramme(preset, {
    id: preset,
    name: preset,
    ideaPrefix: 'TEST',
    tenantId: 'tenant-1',
    parties: { stavanger: 'Stavanger' },
    people: [{ aadObjectId: 'p1', name: 'P', party: 'stavanger', roles: ['office'] }],
    seats: { members: ['p1'], chair: 'p1' },
  });

describe('programme features per preset', () => {
  it.each([
    ['dsop', ['admission']],
    ['skate', ['finalTreatment', 'lineTasks', 'samlesak']],
    ['digi-rogaland', ['roadmapRevision', 'agreementRevision', 'membershipFee', 'noticeRule']],
    ['kmd-ks', ['noticeRule']],
  ])('%s has exactly %j', (preset, expected) => {
    const programme = onPreset(preset);
    expect(programmeFeatures.filter((f) => programmeHas(programme, f)).sort()).toEqual([...expected].sort());
  });
});
