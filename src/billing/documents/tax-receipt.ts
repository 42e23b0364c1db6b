/**
 * The annual tax receipt: every payment a person made to the authority in one calendar year,
 * refunds subtracted, in the person's language, as an accessible PDF (PDF/UA-1 by default).
 */
import { readFileSync } from 'node:fs';
import { formatDate, type PdfRenderer, type PdfStandard } from '../../platform/pdf/index.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { authorityBlock, checkCents, checkLocale, type DocumentHeader, type DocumentLocale, type Pair } from './common.ts';

export interface TaxReceiptData extends DocumentHeader {
  /** This document's own number. */
  receiptNumber: string;
  year: number;
  /** The year's payments, taxes included; description in the person's language. */
  payments: { paidAt: Date; receiptNumber: string; description: string; amountCents: number }[];
  /** Refunds made in the year, of any payment. */
  refunds?: { at: Date; receiptNumber: string; reason: string; amountCents: number }[];
  /** Of the total, the taxes paid (GST/HST, QST…), label in the person's language. */
  taxes?: { label: string; amountCents: number }[];
}

const labels = {
  fr: {
    title: (year: number) => `Reçu aux fins de l’impôt ${year}`,
    documentTitle: (year: number, n: string) => `Reçu aux fins de l’impôt ${year} (${n})`,
    receiptNumber: 'Numéro du reçu',
    year: 'Année',
    issuedAt: 'Date d’émission',
    payerHeading: 'Payé par',
    name: 'Nom',
    email: 'Courriel',
    paymentsHeading: (year: number) => `Paiements de ${year}`,
    date: 'Date',
    receipt: 'Reçu',
    description: 'Description',
    amount: 'Montant',
    reason: 'Motif',
    refundsHeading: 'Remboursements',
    summaryHeading: 'Sommaire',
    item: 'Élément',
    paid: 'Total des paiements',
    refunded: 'Moins les remboursements',
    ofWhich: (label: string) => `Dont ${label}`,
    total: (year: number) => `Total payé en ${year}`,
    statement: (name: string, total: string, year: number, authority: string) =>
      `Nous attestons que ${name} a payé ${total} à ${authority} au cours de l’année ${year}, remboursements déduits.`,
    note: 'Conservez ce reçu pour vos dossiers. Il résume les reçus de paiement émis pendant l’année.',
  },
  en: {
    title: (year: number) => `Tax receipt ${year}`,
    documentTitle: (year: number, n: string) => `Tax receipt ${year} (${n})`,
    receiptNumber: 'Receipt number',
    year: 'Year',
    issuedAt: 'Date issued',
    payerHeading: 'Paid by',
    name: 'Name',
    email: 'Email',
    paymentsHeading: (year: number) => `Payments in ${year}`,
    date: 'Date',
    receipt: 'Receipt',
    description: 'Description',
    amount: 'Amount',
    reason: 'Reason',
    refundsHeading: 'Refunds',
    summaryHeading: 'Summary',
    item: 'Item',
    paid: 'Total payments',
    refunded: 'Less refunds',
    ofWhich: (label: string) => `Including ${label}`,
    total: (year: number) => `Total paid in ${year}`,
    statement: (name: string, total: string, year: number, authority: string) =>
      `We certify that ${name} paid ${total} to ${authority} in ${year}, net of refunds.`,
    note: 'Keep this receipt for your records. It sums up the payment receipts issued during the year.',
  },
} as const satisfies Record<DocumentLocale, Record<string, unknown>>;

const template = readFileSync(new URL('./tax-receipt.typ', import.meta.url), 'utf8');

export function renderTaxReceipt(renderer: PdfRenderer, data: TaxReceiptData, options: { standard?: PdfStandard } = {}): Uint8Array {
  checkLocale(data.locale);
  if (!Number.isInteger(data.year)) throw new RangeError(`Not a year: ${data.year}`);
  const l = labels[data.locale];
  const money = (cents: number) => formatMoney(data.locale, cents);
  const date = (at: Date) => formatDate(at, data.locale);
  const refunds = data.refunds ?? [];
  for (const item of [...data.payments, ...refunds, ...(data.taxes ?? [])]) checkCents(item.amountCents, 'An amount');
  const paid = data.payments.reduce((sum, p) => sum + p.amountCents, 0);
  const refunded = refunds.reduce((sum, r) => sum + r.amountCents, 0);
  const total = paid - refunded;
  const byDate = <T extends { paidAt?: Date; at?: Date }>(a: T, b: T) => (a.paidAt ?? a.at ?? new Date(0)).getTime() - (b.paidAt ?? b.at ?? new Date(0)).getTime();

  const facts: Pair[] = [
    { label: l.receiptNumber, value: data.receiptNumber },
    { label: l.year, value: String(data.year) },
    { label: l.issuedAt, value: date(data.issuedAt) },
  ];
  const summary = [
    [l.paid, money(paid)],
    ...(refunds.length > 0 ? [[l.refunded, money(-refunded)]] : []),
    ...(data.taxes ?? []).map((tax) => [l.ofWhich(tax.label), money(tax.amountCents)]),
    [l.total(data.year), money(total)],
  ];
  const input = {
    authority: authorityBlock(data.authority, data.locale),
    title: l.title(data.year),
    facts,
    payerHeading: l.payerHeading,
    payer: [
      { label: l.name, value: data.payer.name },
      { label: l.email, value: data.payer.email },
    ],
    paymentsHeading: l.paymentsHeading(data.year),
    paymentsHeader: [l.date, l.receipt, l.description, l.amount],
    payments: [...data.payments].sort(byDate).map((p) => [date(p.paidAt), p.receiptNumber, p.description, money(p.amountCents)]),
    refunds:
      refunds.length === 0
        ? null
        : {
            heading: l.refundsHeading,
            header: [l.date, l.receipt, l.reason, l.amount],
            rows: [...refunds].sort(byDate).map((r) => [date(r.at), r.receiptNumber, r.reason, money(-r.amountCents)]),
          },
    summaryHeading: l.summaryHeading,
    summaryHeader: [l.item, l.amount],
    summary,
    statement: l.statement(data.payer.name, money(total), data.year, data.authority.name),
    note: l.note,
  };
  return renderer.render({
    template,
    inputs: { data: JSON.stringify(input) },
    standard: options.standard ?? 'ua-1',
    title: l.documentTitle(data.year, data.receiptNumber),
    lang: data.locale,
  });
}
