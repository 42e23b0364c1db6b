/** What time it is: the system clock in production, a clock the test moves by hand in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
