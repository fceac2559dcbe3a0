// The two clocks, passed in everywhere, read nowhere else (the architecture test holds it).
// Business time is the programme's: deadlines, reminders, who decided when; tests and
// `npm run tick` set it. Wall time is real elapsed time: leases, rate limits, timeouts, caches;
// it moves on whatever the business time says, or two instances would disagree about a lease.

export interface Clock {
  now(): number;
}

/** The programme's time (deadlines, reminders, records). */
export type BusinessClock = Clock;

/** Real elapsed time (leases, rate limits, time-outs, cache ages). */
export type WallClock = Clock;

/** The machine's clock: what main.ts passes as both in production. */
export const systemClock: Clock = { now: () => Date.now() };
