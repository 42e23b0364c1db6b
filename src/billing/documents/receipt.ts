/**
 * The receipt of one paid invoice, in the person's language, as an accessible PDF: PDF/UA-1 for
 * the copy the person downloads, PDF/A-2a for the archive. All its strings are in `labels` below;
 * amounts and dates are formatted here and passed to receipt.typ as one JSON input.
 */
import { readFileSync } from 'node:fs';
import { formatDate, formatDateTime, type PdfRenderer, type PdfStandard } from '../../platform/pdf/index.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { authorityBlock, checkCents, checkLocale, type DocumentHeader, type DocumentLocale, type FeeLines, type Pair } from './common.ts';

export interface ReceiptData extends DocumentHeader, FeeLines {
  receiptNumber: string;
  invoiceNumber: string;
  payment: { brand: string; last4: string; paidAt: Date };
  refunds?: { at: Date; amountCents: number; reason: string }[];
}

const labels = {
  fr: {
    title: (n: string) => `Reçu de paiement ${n}`,
    documentTitle: (n: string) => `Reçu ${n}`,
    receiptNumber: 'Numéro du reçu',
    invoiceNumber: 'Numéro de la facture',
    issuedAt: 'Date du reçu',
    payerHeading: 'Payé par',
    name: 'Nom',
    email: 'Courriel',
    detailsHeading: 'Détail',
    description: 'Description',
    amount: 'Montant',
    subtotal: 'Sous-total',
    total: 'Total payé',
    paymentHeading: 'Paiement',
    method: 'Mode de paiement',
    card: (brand: string, last4: string) => `${brand} se terminant par ${last4}`,
    paidAt: 'Payé le',
    refundsHeading: 'Remboursements',
    refundDate: 'Date',
    refundReason: 'Motif',
    refunded: 'Total remboursé',
    net: 'Montant net payé',
    note: 'Conservez ce reçu pour vos dossiers et pour vos impôts.',
  },
  en: {
    title: (n: string) => `Payment receipt ${n}`,
    documentTitle: (n: string) => `Receipt ${n}`,
    receiptNumber: 'Receipt number',
    invoiceNumber: 'Invoice number',
    issuedAt: 'Receipt date',
    payerHeading: 'Paid by',
    name: 'Name',
    email: 'Email',
    detailsHeading: 'Details',
    description: 'Description',
    amount: 'Amount',
    subtotal: 'Subtotal',
    total: 'Total paid',
    paymentHeading: 'Payment',
    method: 'Payment method',
    card: (brand: string, last4: string) => `${brand} ending in ${last4}`,
    paidAt: 'Paid on',
    refundsHeading: 'Refunds',
    refundDate: 'Date',
    refundReason: 'Reason',
    refunded: 'Total refunded',
    net: 'Net amount paid',
    note: 'Keep this receipt for your records and for your taxes.',
  },
} as const satisfies Record<DocumentLocale, Record<string, unknown>>;

const template = readFileSync(new URL('./receipt.typ', import.meta.url), 'utf8');

export function renderReceipt(renderer: PdfRenderer, data: ReceiptData, options: { standard: PdfStandard }): Uint8Array {
  checkLocale(data.locale);
  const l = labels[data.locale];
  const money = (cents: number) => formatMoney(data.locale, cents);
  for (const line of [...data.lines, ...data.taxes, ...(data.refunds ?? [])]) checkCents(line.amountCents, 'An amount');
  const subtotal = data.lines.reduce((sum, line) => sum + line.amountCents, 0);
  const total = subtotal + data.taxes.reduce((sum, tax) => sum + tax.amountCents, 0);
  if (total !== data.totalCents) throw new RangeError(`The receipt's total (${data.totalCents}) is not its lines plus taxes (${total})`);
  const refunds = data.refunds ?? [];
  const refunded = refunds.reduce((sum, r) => sum + r.amountCents, 0);

  const facts: Pair[] = [
    { label: l.receiptNumber, value: data.receiptNumber },
    { label: l.invoiceNumber, value: data.invoiceNumber },
    { label: l.issuedAt, value: formatDate(data.issuedAt, data.locale) },
  ];
  const details = [
    ...data.lines.map((line) => [line.label, money(line.amountCents)]),
    ...(data.taxes.length > 0 ? [[l.subtotal, money(subtotal)], ...data.taxes.map((tax) => [tax.label, money(tax.amountCents)])] : []),
    [l.total, money(total)],
  ];
  const input = {
    authority: authorityBlock(data.authority, data.locale),
    title: l.title(data.receiptNumber),
    facts,
    payerHeading: l.payerHeading,
    payer: [
      { label: l.name, value: data.payer.name },
      { label: l.email, value: data.payer.email },
    ],
    detailsHeading: l.detailsHeading,
    detailsHeader: [l.description, l.amount],
    details,
    paymentHeading: l.paymentHeading,
    payment: [
      { label: l.method, value: l.card(data.payment.brand, data.payment.last4) },
      { label: l.paidAt, value: formatDateTime(data.payment.paidAt, data.locale) },
    ],
    refunds:
      refunds.length === 0
        ? null
        : {
            heading: l.refundsHeading,
            header: [l.refundDate, l.refundReason, l.amount],
            rows: refunds.map((r) => [formatDate(r.at, data.locale), r.reason, money(r.amountCents)]),
            summary: [
              { label: l.refunded, value: money(refunded) },
              { label: l.net, value: money(total - refunded) },
            ],
          },
    note: l.note,
  };
  return renderer.render({
    template,
    inputs: { data: JSON.stringify(input) },
    standard: options.standard,
    title: l.documentTitle(data.receiptNumber),
    lang: data.locale,
  });
}
