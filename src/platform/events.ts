import type { MessageKey } from './i18n/index.ts';

declare const details: unique symbol;

/**
 * An audit event's label (a catalog key), carrying the type of the event's details. An object, not
 * a branded string: `MessageKey & {…}` spreads over every key of every catalog (thousands), and
 * checking the events tables against it cost the type check most of its time and memory.
 */
export interface EventLabel<Details> {
  readonly label: MessageKey;
  readonly [details]?: Details;
}

/**
 * One audit event of a module's `events` table: its label, and the type of its details as the type
 * argument (`null`: it has none). The event's name is written once, as the table's key.
 */
export const event = <Details>(label: MessageKey): EventLabel<Details> => ({ label });

/**
 * Event → the type of its details, read from an `events` table: what each module's `events.ts`
 * adds to `AuditEvents` (src/audit/events.ts), so `recordEvent` checks the details it is given.
 */
export type EventDetails<Table extends Readonly<Record<string, EventLabel<unknown>>>> = {
  [E in keyof Table]: Table[E] extends EventLabel<infer D> ? D : never;
};
