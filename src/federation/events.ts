import type { MessageKey } from '../platform/i18n/index.ts';

/** The audit events of Identity providers, and the type of their details. */
export interface FederationEvents {
  provider_linked: { provider: string; identityId: string };
  provider_unlinked: { provider: string | undefined; identityId: string };
  provider_account_created: { provider: string; identityId: string; emailFrom: 'provider' | 'mailbox' };
  provider_sign_in_failed: { provider: string; reason: string };
  provider_email_sent: { provider: string; existingAccount?: true };
}

declare module '../audit/events.ts' { interface AuditEvents extends FederationEvents {} }

export const events = {
  provider_linked: 'event.provider_linked',
  provider_unlinked: 'event.provider_unlinked',
  provider_account_created: 'event.provider_account_created',
  provider_sign_in_failed: 'event.provider_sign_in_failed',
  provider_email_sent: 'event.provider_email_sent',
} as const satisfies Record<keyof FederationEvents, MessageKey>;
