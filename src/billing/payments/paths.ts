import type { PageTable } from '../../platform/paths.ts';

/**
 * The built-in test gateway's pages (development and tests): its hosted payment page and its
 * 3-D Secure step, under the checkout's id. The billing manifest adds them to its `pages`.
 */
export const gatewayPaths = {
  'billing.testGateway': { fr: '/fr/passerelle-de-test/:checkoutId', en: '/en/test-gateway/:checkoutId' },
  'billing.testGatewayChallenge': { fr: '/fr/passerelle-de-test/:checkoutId/authentification', en: '/en/test-gateway/:checkoutId/authentication' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof gatewayPaths, true> {} }

/** A gateway page's address with its checkout, without the page table (the provider builds URLs with it). */
export const gatewayPath = (name: keyof typeof gatewayPaths, locale: 'fr' | 'en', checkoutId: string) =>
  gatewayPaths[name][locale].replace(':checkoutId', encodeURIComponent(checkoutId));
