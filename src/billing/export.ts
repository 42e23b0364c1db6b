import { localDateAt } from '../platform/calendar.ts';
import type { exportData } from './queries.ts';
import { dollars } from './taxes.ts';

type Data = Awaited<ReturnType<typeof exportData>>;

export const EXPORT_COLUMNS = ['record', 'date', 'invoice_number', 'receipt_number', 'payer', 'payer_email', 'fee_code', 'description', 'gl_code', 'tax_code', 'amount', 'invoice_status', 'reference'] as const;

/** A CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing space; quotes doubled. A leading = + - @ is prefixed so a spreadsheet never runs it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The accounting export: one line per invoice line (with its fee's GL code), per tax, per
 * payment and per refund, amounts in dollars with two decimals (refunds negative), dates as
 * YYYY-MM-DD in America/Toronto, lines in the French label (the authority's books).
 */
export function toCsv(data: Data): string {
  const out: string[][] = [[...EXPORT_COLUMNS]];
  for (const { invoice, lines, payment, refunds, payer } of data) {
    const who = payer ? `${payer.givenName} ${payer.familyName}` : '';
    const email = payer?.email ?? '';
    const base = (record: string, date: string) => [record, date, invoice.number, invoice.receiptNumber ?? '', who, email];
    for (const line of lines) out.push([...base('invoice_line', invoice.issuedOn), line.code, line.label.fr, line.glCode, '', dollars(line.amountCents), invoice.status, invoice.subjectReference]);
    for (const tax of invoice.taxes) out.push([...base('tax', invoice.issuedOn), '', tax.code, '', tax.code, dollars(tax.cents), invoice.status, invoice.subjectReference]);
    if (payment) out.push([...base('payment', localDateAt(payment.paidAt)), '', `${payment.method.brand} ${payment.method.last4}`, '', '', dollars(payment.amountCents), invoice.status, payment.providerPaymentId]);
    for (const refund of refunds) if (refund.status === 'succeeded') out.push([...base('refund', localDateAt(refund.settledAt ?? refund.createdAt)), '', refund.reason, '', '', dollars(-refund.amountCents), invoice.status, refund.providerRefundId ?? refund.id]);
  }
  return `${out.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
