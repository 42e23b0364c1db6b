import type { MessageKey } from '../platform/i18n/index.ts';

/** The audit events of Authorities, and the type of their details. */
export interface AuthoritiesEvents {
  /** An administrator saved the portal: the fields that changed (`name`, `welcome`, `contactEmail`…). */
  portal_updated: { changed: string[] };
}

declare module '../audit/events.ts' { interface AuditEvents extends AuthoritiesEvents {} }

export const events = {
  portal_updated: 'event.portal_updated',
} as const satisfies Record<keyof AuthoritiesEvents, MessageKey>;
