// The reminder to convene a body, as text in the recipient's language (src/features/meetings/app/convene.ts).
import type { ConveneText } from '../app/convene.js';
import { formatDateTime, pick } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';

export const conveneText: ConveneText = ({ programme, body, periodKey, matters, language }) => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const lines = [t('convene.heading', { body: pick(body.name, language), programme: programme.name, period: periodKey, cadence: t(`convene.cadence.${body.meets}`) })];
  const votes = matters.votes.map((v) => t('convene.vote', { number: v.ideaNumber, title: v.ideaTitle, deadline: formatDateTime(v.deadline, language) }));
  const reports = matters.deviations.map((r) => t('convene.deviation', { number: r.ideaNumber, title: r.ideaTitle, period: r.periodKey }));
  const changes = matters.roadmapChanges.length;
  const roadmapKey = new Intl.PluralRules(language).select(changes) === 'one' ? 'convene.roadmap.one' : 'convene.roadmap.other';
  const roadmap = changes > 0 ? [t(roadmapKey, { n: changes, ideas: matters.roadmapChanges.join(', ') })] : [];
  if (votes.length + reports.length + roadmap.length === 0) lines.push(t('convene.nothing'));
  else lines.push(t('convene.matters'), ...[...votes, ...reports, ...roadmap].map((l) => `- ${l}`));
  return lines.join('\n');
};
