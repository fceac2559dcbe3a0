// When a notice of withdrawal (oppsigelse) takes effect. The rule is configuration
// (`membership.notice.rule`); dates are Norwegian calendar days ('YYYY-MM-DD').
//
// Digi Rogaland §7: «For å sikre kontinuitet i samarbeidet, settes oppsigelsestiden til ett år
// gjeldende fra 1. januar i påfølgende år.» The notice period (one year) runs from 1 January of
// the year after the year the notice is given — whatever day of that year it is given, 1 January
// and 31 December included. A notice given in 2026 starts its period on 1 January 2027; the
// member is still a member through 31 December 2027 and is out from 1 January 2028.
//
// KMD–KS §7: «Avtalen gjelder til 1. september 2022 eller til én av partene ønsker å si den
// opp. Oppsigelse skal gis med minst tre måneders varsel.» The notice takes effect at the
// earliest three calendar months after the day it is given (30 November → 28/29 February: a
// month without that day ends on its last day). If the agreement runs out before then, it ends
// on its own end date and the notice changes nothing.
import { DateTime } from 'luxon';
import type { NoticeRule } from '../../../shared/programme/schema.js';
import { addDays, checkIsoDate, isoDate, type IsoDate } from '../../../shared/schedule/oslo.js';

export interface NoticeEffect {
  givenOn: IsoDate;
  /** First day of the notice period. */
  periodStarts: IsoDate;
  /** Last day the party is still bound (the day before `effective`). */
  lastDay: IsoDate;
  /** The day the withdrawal (or the termination) takes effect. */
  effective: IsoDate;
  /** True when the agreement runs out on its own before the notice would take effect. */
  agreementEndsFirst: boolean;
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

/** Calendar months later; a day that the target month lacks becomes its last day. */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const moved = DateTime.fromISO(checkIsoDate(date), { zone: 'UTC' }).plus({ months });
  return moved.toISODate() as IsoDate;
}

export function noticeEffect(rule: NoticeRule, givenOn: IsoDate): NoticeEffect {
  checkIsoDate(givenOn);
  switch (rule.kind) {
    case 'years-from-next-new-year': {
      const periodStarts = isoDate(yearOf(givenOn) + 1, 1, 1);
      const effective = isoDate(yearOf(givenOn) + 1 + rule.years, 1, 1);
      return { givenOn, periodStarts, lastDay: addDays(effective, -1), effective, agreementEndsFirst: false };
    }
    case 'months': {
      const byNotice = addCalendarMonths(givenOn, rule.months);
      const ends = rule.agreementEnds;
      const agreementEndsFirst = ends !== undefined && ends <= byNotice;
      const effective = agreementEndsFirst ? ends : byNotice;
      return { givenOn, periodStarts: givenOn, lastDay: addDays(effective, -1), effective, agreementEndsFirst };
    }
  }
}
