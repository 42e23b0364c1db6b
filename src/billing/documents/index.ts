export { renderReceipt, type ReceiptData } from './receipt.ts';
export { renderTaxReceipt, type TaxReceiptData } from './tax-receipt.ts';
export { renderCreditNote, type CreditNoteData, type CreditNoteKind } from './credit-note.ts';
export type { DocumentAuthority, DocumentLocale, DocumentPayer, TaxRegistrationKind } from './common.ts';
