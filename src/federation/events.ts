import { event, type EventDetails } from '../platform/events.ts';

/** The audit events of Identity providers: each one's label, and the type of its details. */
export const events = {
  provider_linked: event<{ provider: string; identityId: string }>('event.provider_linked'),
  provider_unlinked: event<{ provider: string | undefined; identityId: string }>('event.provider_unlinked'),
  provider_account_created: event<{ provider: string; identityId: string; emailFrom: 'provider' | 'mailbox' }>('event.provider_account_created'),
  provider_sign_in_failed: event<{ provider: string; reason: string }>('event.provider_sign_in_failed'),
  provider_email_sent: event<{ provider: string; existingAccount?: true }>('event.provider_email_sent'),
};

export type FederationEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends FederationEvents {} }
