import type { MessageKey } from '../platform/i18n/index.ts';
import { typeEvents, type TypeEvents } from './types/manifest.ts';

/** The audit events of applications, and the type of their details. */
export interface ApplicationEvents {}

declare module '../audit/events.ts' { interface AuditEvents extends ApplicationEvents, TypeEvents {} }

export const events = {
  ...typeEvents,
} as const satisfies Record<keyof (ApplicationEvents & TypeEvents), MessageKey>;
