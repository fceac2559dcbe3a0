// Samples of the samlesak cards: a small case being prepared (with the reader's forms), and a
// large one at Skate with thirty measures and long texts, as posted to Skate's channel.
import { type Samlesak, type SamlesakItem, samlesakRoles } from '../../src/features/reporting/domain/samlesak.js';
import { periodByKey } from '../../src/shared/schedule/period.js';
import { COMPACT_FROM, samlesakMeasureView, samlesakView } from '../../src/features/reporting/teams/samlesakViews.js';
import type { SamlesakMeasureView, SamlesakView } from '../../src/features/reporting/teams/samlesakCardViews.js';
import { skatePeople, skateSamlesakProgramme } from '../support/skateSamlesak.js';

const long = (n: number) => 'Lang tekst med æøå og ${ikke.evaluert} '.repeat(Math.ceil(n / 40)).slice(0, n);
const programme = skateSamlesakProgramme('t');
const schedule = programme.schedules.find((s) => s.id === 'kvartalsrapport')!;
const period = periodByKey(schedule, '2026-Q4')!;
const at = period.deadline + 1000;
const by = (p: { aadObjectId: string; name: string }) => ({ id: p.aadObjectId, name: p.name });

const item = (n: number): SamlesakItem => ({
  measureId: n % 3 === 0 ? `T-${String(n).padStart(3, '0')}` : `SKATE-2026-${String(n).padStart(3, '0')}`,
  title: long(120),
  kind: n % 3 === 0 ? 'joint' : 'project',
  owners: [skatePeople.owner.aadObjectId],
  ...(n % 4 === 0
    ? {}
    : { report: { status: 'yellow' as const, progress: long(2000), deviations: ['cost'], correctiveActions: long(2000), version: 2, filedAt: period.opens, author: by(skatePeople.owner) } }),
});

function samlesak(count: number, atSkate: boolean): Samlesak {
  const items = Array.from({ length: count }, (_, i) => item(i + 1));
  const text = long(2000);
  return {
    programmeId: programme.id,
    scheduleId: schedule.id,
    periodKey: period.key,
    items,
    assessments: Object.fromEntries(items.map((i) => [i.measureId, { status: 'red' as const, assessment: text, recommendation: text, reason: text, by: by(skatePeople.au1), as: 'au' as const, at }])),
    overall: { assessment: text, recommendation: text, by: by(skatePeople.office), as: 'secretariat', at },
    ...(atSkate ? { adopted: { by: by(skatePeople.au1), at } } : {}),
    advice: atSkate ? Object.fromEntries(items.map((i) => [i.measureId, { text, by: by(skatePeople.office), at }])) : {},
    decisions: atSkate ? Object.fromEntries(items.map((i) => [i.measureId, { text, by: by(skatePeople.office), at, onBehalf: true }])) : {},
    compiledBy: by(skatePeople.office),
    compiledAt: at,
    history: [],
  };
}

const roles = (id: string) => samlesakRoles(programme, programme.samlesak!, id);
const access = { programme, roles: undefined as never, key: { tenantId: 't', programmeId: programme.id }, actor: by(skatePeople.au1) };
const small = samlesak(3, false);
const large = samlesak(30, true);

export const samlesakSamples: { samlesak: SamlesakView[]; samlesakMeasure: SamlesakMeasureView[] } = {
  samlesak: [
    samlesakView({ programme, period, samlesak: small, roles: roles(skatePeople.au1.aadObjectId), language: 'nb', banner: 'Lagret.', problems: ['Skriv begrunnelsen.'] }),
    samlesakView({ programme, period, samlesak: large, language: 'en', forChannel: true }),
    samlesakView({ programme, period, samlesak: large, roles: roles(skatePeople.director.aadObjectId), language: 'nb' }),
    // The most measures still shown with their texts.
    samlesakView({ programme, period, samlesak: samlesak(COMPACT_FROM - 1, true), roles: roles(skatePeople.office.aadObjectId), language: 'nb' }),
  ],
  samlesakMeasure: [
    samlesakMeasureView({ c: { access, samlesak: small, roles: roles(skatePeople.office.aadObjectId) }, item: small.items[0]!, language: 'nb', problems: ['x'] }),
    samlesakMeasureView({ c: { access, samlesak: { ...large, decisions: {} }, roles: roles(skatePeople.director.aadObjectId) }, item: large.items[1]!, language: 'en', banner: 'Saved.' }),
    samlesakMeasureView({ c: { access, samlesak: large, roles: roles(skatePeople.office.aadObjectId) }, item: large.items[3]!, language: 'nb' }),
  ],
};
