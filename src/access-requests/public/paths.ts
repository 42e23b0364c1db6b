import type { PageTable } from '../../platform/paths.ts';

/**
 * The public request service (anyone, signed in or not, in the ATIP office's portal): the
 * question-by-question form, payment of the fee, the confirmation, and the tracking page a
 * requester opens signed in or by the emailed link.
 */
export const paths = {
  'access.public.start': { fr: '/fr/demande-acces', en: '/en/access-request' },
  'access.public.question': { fr: '/fr/demande-acces/questions/:step', en: '/en/access-request/questions/:step' },
  'access.public.submitted': { fr: '/fr/demande-acces/suivi/:requestId/envoyee', en: '/en/access-request/tracking/:requestId/sent' },
  'access.public.track': { fr: '/fr/demande-acces/suivi', en: '/en/access-request/tracking' },
  'access.public.request': { fr: '/fr/demande-acces/suivi/:requestId', en: '/en/access-request/tracking/:requestId' },
  'access.public.pay': { fr: '/fr/demande-acces/suivi/:requestId/payer', en: '/en/access-request/tracking/:requestId/pay' },
  'access.public.paymentReturn': { fr: '/fr/demande-acces/suivi/:requestId/paiement', en: '/en/access-request/tracking/:requestId/payment' },
  'access.public.clarify': { fr: '/fr/demande-acces/suivi/:requestId/precisions', en: '/en/access-request/tracking/:requestId/clarification' },
  'access.public.file': { fr: '/fr/demande-acces/suivi/:requestId/fichiers/:versionId', en: '/en/access-request/tracking/:requestId/files/:versionId' },
  'access.public.mine': { fr: '/fr/mes-demandes-acces', en: '/en/my-access-requests' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
