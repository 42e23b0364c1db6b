import type { MessageKey } from '../platform/i18n/index.ts';

/** The audit events of Security keys, and the type of their details. */
export interface SecurityKeyEvents {
  security_key_added: { keyId: string; name: string };
  security_key_renamed: { keyId: string; from: string; to: string };
  security_key_removed: { keyId: string; name: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends SecurityKeyEvents {} }

export const events = {
  security_key_added: 'event.security_key_added',
  security_key_renamed: 'event.security_key_renamed',
  security_key_removed: 'event.security_key_removed',
} as const satisfies Record<keyof SecurityKeyEvents, MessageKey>;
