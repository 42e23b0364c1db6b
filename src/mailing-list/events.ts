import { event, type EventDetails } from '../platform/events.ts';
import type { ListLanguage } from './states.ts';

/** The mailing list's audit events: never an address, only the subscriber's id. */
export const events = {
  mailing_list_confirmed: event<{ subscriberId: string; languages: ListLanguage[] }>('event.mailing_list_confirmed'),
  mailing_list_languages_changed: event<{ subscriberId: string; languages: ListLanguage[] }>('event.mailing_list_languages_changed'),
  mailing_list_unsubscribed: event<{ subscriberId: string; via: 'one_click' | 'page'; wasConfirmed: boolean }>('event.mailing_list_unsubscribed'),
  mailing_list_exported: event<{ rows: number }>('event.mailing_list_exported'),
  mailing_list_sent: event<{ sendId: string; languages: ListLanguage[]; recipients: number }>('event.mailing_list_sent'),
};

export type MailingListEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends MailingListEvents {} }
