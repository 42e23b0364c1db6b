import type { PageTable } from '../platform/paths.ts';

/** Billing's pages: the payer's (under "Fees and receipts", owner scope) and the authority's staff's. */
export const paths = {
  'billing.invoices': { fr: '/fr/frais-et-recus', en: '/en/fees-and-receipts' },
  'billing.invoice': { fr: '/fr/frais-et-recus/:invoiceId', en: '/en/fees-and-receipts/:invoiceId' },
  'billing.pay': { fr: '/fr/frais-et-recus/:invoiceId/payer', en: '/en/fees-and-receipts/:invoiceId/pay' },
  'billing.annualReceipt': { fr: '/fr/frais-et-recus/recus-impot/:year', en: '/en/fees-and-receipts/tax-receipts/:year' },
  'billing.creditNote': { fr: '/fr/frais-et-recus/:invoiceId/note-de-credit', en: '/en/fees-and-receipts/:invoiceId/credit-note' },
  'billing.receipt': { fr: '/fr/frais-et-recus/:invoiceId/recu', en: '/en/fees-and-receipts/:invoiceId/receipt' },
  'billing.paymentReturn': { fr: '/fr/frais-et-recus/:invoiceId/retour', en: '/en/fees-and-receipts/:invoiceId/return' },
  'billing.fees': { fr: '/fr/personnel/frais', en: '/en/staff/fees' },
  'billing.feeSettings': { fr: '/fr/personnel/frais/parametres', en: '/en/staff/fees/settings' },
  'billing.staffInvoices': { fr: '/fr/personnel/factures', en: '/en/staff/invoices' },
  'billing.staffExport': { fr: '/fr/personnel/factures/exportation', en: '/en/staff/invoices/export' },
  'billing.staffInvoice': { fr: '/fr/personnel/factures/:invoiceId', en: '/en/staff/invoices/:invoiceId' },
  'billing.staffRefund': { fr: '/fr/personnel/factures/:invoiceId/remboursement', en: '/en/staff/invoices/:invoiceId/refund' },
  'billing.staffVoid': { fr: '/fr/personnel/factures/:invoiceId/annulation', en: '/en/staff/invoices/:invoiceId/void' },
  'billing.reconciliation': { fr: '/fr/personnel/rapprochement', en: '/en/staff/reconciliation' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
