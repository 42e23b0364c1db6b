import { defineTransitions } from '../platform/states.ts';
import type { MailingListEvents } from './events.ts';

export const LIST_LANGUAGES = ['fr', 'en'] as const;
export type ListLanguage = (typeof LIST_LANGUAGES)[number];
export type SubscriberStatus = 'pending' | 'confirmed';
/** `removed` is never stored: unsubscribing deletes the row. */
export type SubscriberState = SubscriberStatus | 'removed';
export type SubscriberAction = 'confirm' | 'unsubscribe' | 'change_languages';
/** The person holding the address: the links of their mail prove it. */
export type SubscriberRole = 'subscriber';

/**
 * An address's life: pending after sign-up (not on the list), confirmed by the link mailed to it,
 * and gone (the row deleted) when unsubscribed, whichever state it was in.
 */
export const subscriberTransitions = defineTransitions<SubscriberState, SubscriberAction, keyof MailingListEvents, SubscriberRole>({
  confirm: { from: ['pending'], to: 'confirmed', event: 'mailing_list_confirmed', who: ['subscriber'] },
  change_languages: { from: ['confirmed'], to: 'confirmed', event: 'mailing_list_languages_changed', who: ['subscriber'] },
  unsubscribe: { from: ['pending', 'confirmed'], to: 'removed', event: 'mailing_list_unsubscribed', who: ['subscriber'] },
});
