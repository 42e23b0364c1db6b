/**
 * Every audit event and the type of its details: each module adds its own events to this
 * interface in its `events.ts` (declaration merging), so `recordEvent` checks the details it is
 * given against the event, and an event no module declares is a type error. `null`: no details.
 */
export interface AuditEvents {}

export type AuditEvent = keyof AuditEvents & string;

/** The details an event takes: optional when it may have none. */
export type DetailsOf<E extends AuditEvent> = null extends AuditEvents[E]
  ? { details?: Exclude<AuditEvents[E], null> | null }
  : { details: AuditEvents[E] };
