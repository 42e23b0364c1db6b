import { portalOf } from '../../authorities/index.ts';
import type { Executor } from '../../platform/db.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import type { PdfRenderer } from '../../platform/pdf/index.ts';
import { renderReceipt, type TaxRegistrationKind } from '../documents/index.ts';
import type { InvoiceDetail } from '../queries.ts';
import { formatRate } from '../taxes.ts';
import { settingsOf } from './common.ts';

const taxLabels = { GST: 'billing.tax.gst', HST: 'billing.tax.hst', QST: 'billing.tax.qst' } as const;

/**
 * The receipt of a paid invoice as an accessible PDF (PDF/UA-1), in the reader's language: the
 * authority's name, contact and tax numbers, the payer, the lines, taxes, the card, the date, the
 * receipt number and the refunds made. Null while the invoice has no receipt (not paid).
 */
export async function receiptPdf(db: Executor, pdf: PdfRenderer, detail: InvoiceDetail, locale: Locale): Promise<Uint8Array | null> {
  const { invoice, payment, payer } = detail;
  if (!invoice.receiptNumber || !payment || !payer) return null;
  const [portal, settings] = await Promise.all([portalOf(db, invoice.authorityId), settingsOf(db, invoice.authorityId)]);
  const t = translator(locale);
  const registrations: { kind: TaxRegistrationKind; number: string }[] = [];
  if (settings.gstNumber) registrations.push({ kind: invoice.taxes.some((x) => x.code === 'HST') ? 'hst' : 'gst', number: settings.gstNumber });
  if (settings.qstNumber) registrations.push({ kind: 'qst', number: settings.qstNumber });
  return renderReceipt(
    pdf,
    {
      locale,
      authority: { name: portal?.name[locale] ?? '', addressLines: [portal?.contact.email, portal?.contact.phone].filter((v): v is string => Boolean(v)), taxRegistrations: registrations },
      payer: { name: `${payer.givenName} ${payer.familyName}`, email: payer.email },
      receiptNumber: invoice.receiptNumber,
      invoiceNumber: invoice.number,
      issuedAt: invoice.paidAt ?? payment.paidAt,
      lines: detail.lines.map((l) => ({ label: l.label[locale], amountCents: l.amountCents })),
      taxes: invoice.taxes.map((x) => ({ label: t(taxLabels[x.code], { rate: formatRate(locale, x.rate) }), amountCents: x.cents })),
      totalCents: invoice.totalCents,
      payment: { brand: payment.method.brand.toUpperCase(), last4: payment.method.last4, paidAt: payment.paidAt },
      refunds: detail.refunds.filter((r) => r.status === 'succeeded').map((r) => ({ at: r.settledAt ?? r.createdAt, amountCents: r.amountCents, reason: r.reason })),
    },
    { standard: 'ua-1' },
  );
}
