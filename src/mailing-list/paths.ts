import type { PageTable } from '../platform/paths.ts';

/** The list's public pages (the portal's authority; token pages: the token's) and its staff pages. */
export const paths = {
  'mailingList.signUp': { fr: '/fr/liste-de-diffusion', en: '/en/mailing-list' },
  'mailingList.sent': { fr: '/fr/liste-de-diffusion/courriel-envoye', en: '/en/mailing-list/email-sent' },
  'mailingList.confirm': { fr: '/fr/liste-de-diffusion/confirmation', en: '/en/mailing-list/confirm' },
  'mailingList.confirmed': { fr: '/fr/liste-de-diffusion/confirmee', en: '/en/mailing-list/confirmed' },
  'mailingList.manage': { fr: '/fr/liste-de-diffusion/preferences', en: '/en/mailing-list/preferences' },
  'mailingList.unsubscribe': { fr: '/fr/liste-de-diffusion/desabonnement', en: '/en/mailing-list/unsubscribe' },
  'mailingList.unsubscribed': { fr: '/fr/liste-de-diffusion/desabonnement-fait', en: '/en/mailing-list/unsubscribed' },
  'mailingList.staff': { fr: '/fr/personnel/liste-de-diffusion', en: '/en/staff/mailing-list' },
  'mailingList.staffExport': { fr: '/fr/personnel/liste-de-diffusion/exportation', en: '/en/staff/mailing-list/export' },
  'mailingList.staffSend': { fr: '/fr/personnel/liste-de-diffusion/envoi', en: '/en/staff/mailing-list/send' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
