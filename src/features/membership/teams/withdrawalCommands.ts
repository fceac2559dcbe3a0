// `uttreden <aktør>` / `withdrawal <party>` and `avtakking <aktør>` / `retirement <party>`: the
// office records that a party leaves (notice date today, effective date by the notice rule);
// `uttreden` / `withdrawals` alone lists who is leaving. Where the programme names a body that
// decides retirements (DSOP §3.1), `avtakking <aktør>` puts it to that body's vote instead.
// Text replies in the reader's language.
import { listWithdrawals, withdrawParty, type WithdrawalDeps, type WithdrawalError } from '../app/withdrawals.js';
import { openRetirementVote, type RetirementVoteError } from '../../votes/app/openRetirementVote.js';
import type { VoteDeps } from '../../votes/app/voteDeps.js';
import { formatDateTime, formatDate, type Language } from '../../../shared/language.js';
import { bodyName, voteErrorText } from '../../votes/teams/voteText.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { DepartureKind } from '../domain/withdrawal.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { osloTime, type IsoDate } from '../../../shared/schedule/oslo.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { normaliseCommandText } from '../../../platform/routing/normaliseText.js';
import { personName } from '../../ideas/teams/ideaText.js';
import { textReply } from '../../../platform/channel/reply.js';

const day = (date: IsoDate, language: Language) => formatDate(osloTime(date, 12), language);
const partyName = (programme: Programme, id: string) => programme.parties.find((p) => p.id === id)?.name ?? id;

function errorText(error: WithdrawalError | RetirementVoteError, language: Language, programme: Programme | undefined): string {
  switch (error.code) {
    case 'retirement-by-vote':
      return translate(language, 'withdrawalError.retirement-by-vote', {
        party: programme ? partyName(programme, error.partyId) : error.partyId,
        body: programme ? bodyName(programme, error.body, language) : error.body,
      });
    case 'no-retirement-vote':
      return translate(language, 'withdrawalError.retirement-by-vote', { party: '', body: '' });
    case 'unknown-party':
      return translate(language, 'withdrawalError.unknown-party', {
        party: error.partyId,
        programme: programme?.name ?? '',
        parties: (programme?.parties ?? []).map((p) => p.id).join(', '),
      });
    case 'already-withdrawn':
      return translate(language, 'withdrawalError.already-withdrawn', {
        party: programme ? partyName(programme, error.partyId) : error.partyId,
        effective: day(error.effective, language),
      });
    default:
      // Idea-use-case errors (office access) are vote errors too: voteErrorText names both.
      return voteErrorText(error, language, programme);
  }
}

/** The office's programme the words name a party of (by id or name), else the first of the office's. */
function target(ctx: RequestContext, words: string): { programme: Programme; partyId: string } | undefined {
  const office = ctx.memberships.filter((m) => m.isOffice).map((m) => m.programme);
  for (const programme of office) {
    const party = programme.parties.find((p) => normaliseCommandText(p.id) === words || normaliseCommandText(p.name) === words);
    if (party) return { programme, partyId: party.id };
  }
  const first = office[0] ?? ctx.memberships[0]?.programme;
  return first ? { programme: first, partyId: words } : undefined;
}

export function withdrawalCommands(deps: WithdrawalDeps & { votes: Pick<VoteDeps, 'votes' | 'channels' | 'board'> }) {
  const record = (kind: DepartureKind): CommandHandler => async (ctx, args) => {
    const words = args.trim();
    const chosen = target(ctx, words);
    if (!chosen) return textReply(translate(ctx.language, 'help.noProgramme'));
    const { programme } = chosen;
    if (words === '') {
      const listed = await listWithdrawals(deps, ctx, programme.id);
      if (!listed.ok) return textReply(errorText(listed.error, ctx.language, programme));
      const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(ctx.language, key, params);
      if (listed.value.withdrawals.length === 0) return textReply(t('withdrawal.list.empty', { programme: programme.name }));
      const lines = listed.value.withdrawals.map((w) =>
        w.decision
          ? t('withdrawal.list.decided', {
              party: partyName(programme, w.partyId),
              kind: t(`withdrawal.kind.${w.kind}`),
              body: bodyName(programme, w.decision.body, ctx.language),
              givenOn: day(w.givenOn, ctx.language),
              effective: day(w.effective, ctx.language),
            })
          : t('withdrawal.list.line', {
              party: partyName(programme, w.partyId),
              kind: t(`withdrawal.kind.${w.kind}`),
              givenOn: day(w.givenOn, ctx.language),
              by: w.recordedBy.name,
              effective: day(w.effective, ctx.language),
            }),
      );
      return textReply([t('withdrawal.list.heading', { programme: programme.name }), ...lines].join('\n'));
    }
    const retirement = kind === 'retirement' ? programme.membership?.retirement : undefined;
    if (retirement) {
      // DSOP §3.1: the office proposes; the body's vote decides (applied by the vote's closer).
      const opened = await openRetirementVote({ ...deps.votes, withdrawals: deps.withdrawals }, ctx, { programmeId: programme.id, partyId: chosen.partyId });
      if (!opened.ok) return textReply(errorText(opened.error, ctx.language, programme));
      const { vote, created } = opened.value;
      return textReply(
        translate(ctx.language, created ? 'retirement.proposed' : 'retirement.running', {
          party: partyName(programme, chosen.partyId),
          body: bodyName(programme, vote.body, ctx.language),
          deadline: formatDateTime(vote.deadline, ctx.language),
        }),
      );
    }
    const result = await withdrawParty(deps, ctx, { programmeId: programme.id, partyId: chosen.partyId, kind });
    if (!result.ok) return textReply(errorText(result.error, ctx.language, programme));
    const { withdrawal, people } = result.value;
    return textReply(
      translate(ctx.language, 'withdrawal.recorded', {
        kind: translate(ctx.language, `withdrawal.kind.${kind}`),
        party: partyName(programme, withdrawal.partyId),
        givenOn: day(withdrawal.givenOn, ctx.language),
        effective: day(withdrawal.effective, ctx.language),
        people: people.length > 0 ? people.map((p) => personName(programme, p)).join(', ') : translate(ctx.language, 'withdrawal.nobody'),
      }),
    );
  };
  return { withdrawal: record('withdrawal'), retirement: record('retirement') } satisfies Record<string, CommandHandler>;
}
