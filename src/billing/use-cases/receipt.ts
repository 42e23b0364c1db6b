import { and, type AnyColumn, asc, eq, type SQL, sql } from 'drizzle-orm';
import { portalOf } from '../../authorities/index.ts';
import { accounts } from '../../identity/index.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import type { PdfRenderer, PdfStandard } from '../../platform/pdf/index.ts';
import { renderCreditNote, renderReceipt, renderTaxReceipt, type TaxRegistrationKind } from '../documents/index.ts';
import type { InvoiceDetail } from '../queries.ts';
import { formatRate } from '../taxes.ts';
import { annualReceipts, invoices, payments, refunds } from '../schema.ts';
import { nextNumber, settingsOf } from './common.ts';

const taxLabels = { GST: 'billing.tax.gst', HST: 'billing.tax.hst', QST: 'billing.tax.qst' } as const;

/**
 * The receipt of a paid invoice as an accessible PDF (PDF/UA-1), in the reader's language: the
 * authority's name, contact and tax numbers, the payer, the lines, taxes, the card, the date, the
 * receipt number and the refunds made. Null while the invoice has no receipt (not paid).
 */
export async function receiptPdf(db: Executor, pdf: PdfRenderer, detail: InvoiceDetail, locale: Locale, standard: PdfStandard = 'ua-1'): Promise<Uint8Array | null> {
  const { invoice, payment, payer } = detail;
  if (!invoice.receiptNumber || !payment || !payer) return null;
  const t = translator(locale);
  return renderReceipt(
    pdf,
    {
      locale,
      authority: await authorityOf(db, invoice, locale),
      payer: { name: `${payer.givenName} ${payer.familyName}`.trim(), email: payer.email },
      receiptNumber: invoice.receiptNumber,
      invoiceNumber: invoice.number,
      issuedAt: invoice.paidAt ?? payment.paidAt,
      lines: detail.lines.map((l) => ({ label: l.label[locale], amountCents: l.amountCents })),
      taxes: invoice.taxes.map((x) => ({ label: t(taxLabels[x.code], { rate: formatRate(locale, x.rate) }), amountCents: x.cents })),
      totalCents: invoice.totalCents,
      payment: { brand: payment.method.brand.toUpperCase(), last4: payment.method.last4, paidAt: payment.paidAt },
      refunds: detail.refunds.filter((r) => r.status === 'succeeded').map((r) => ({ at: r.settledAt ?? r.createdAt, amountCents: r.amountCents, reason: r.reason })),
    },
    { standard },
  );
}

/** The authority's name, contact and tax numbers, as its documents print them. */
async function authorityOf(db: Executor, invoice: InvoiceDetail['invoice'], locale: Locale) {
  const [portal, settings] = await Promise.all([portalOf(db, invoice.authorityId), settingsOf(db, invoice.authorityId)]);
  const taxRegistrations: { kind: TaxRegistrationKind; number: string }[] = [];
  if (settings.gstNumber) taxRegistrations.push({ kind: invoice.taxes.some((x) => x.code === 'HST') ? 'hst' : 'gst', number: settings.gstNumber });
  if (settings.qstNumber) taxRegistrations.push({ kind: 'qst', number: settings.qstNumber });
  return { name: portal?.name[locale] ?? '', addressLines: [portal?.contact.email, portal?.contact.phone].filter((v): v is string => Boolean(v)), taxRegistrations };
}

/**
 * The credit note that voided an invoice, as an accessible PDF in the reader's language: the lines
 * and taxes it credits, and staff's reason. Null when the invoice has none.
 */
export async function creditNotePdf(db: Executor, pdf: PdfRenderer, detail: InvoiceDetail, locale: Locale): Promise<{ number: string; pdf: Uint8Array } | null> {
  const note = detail.creditNotes.at(-1);
  if (!note || !detail.payer) return null;
  const t = translator(locale);
  const bytes = renderCreditNote(pdf, {
    locale,
    authority: await authorityOf(db, detail.invoice, locale),
    payer: { name: `${detail.payer.givenName} ${detail.payer.familyName}`.trim(), email: detail.payer.email },
    creditNoteNumber: note.number,
    invoiceNumber: detail.invoice.number,
    kind: 'void',
    issuedAt: note.createdAt,
    reason: note.reason,
    lines: detail.lines.map((l) => ({ label: l.label[locale], amountCents: l.amountCents })),
    taxes: detail.invoice.taxes.map((x) => ({ label: t(taxLabels[x.code], { rate: formatRate(locale, x.rate) }), amountCents: x.cents })),
    totalCents: detail.invoice.totalCents,
  });
  return { number: note.number, pdf: bytes };
}

/**
 * A person's annual tax receipt at an authority: every payment of the year (Toronto's calendar),
 * the year's refunds subtracted, and the taxes it included. Numbered in its own gapless series on
 * the first download (`RA-2026-000001`); every later copy carries that number and today's figures.
 * Null when the person paid nothing there that year.
 */
export async function annualReceiptPdf(
  db: Database,
  pdf: PdfRenderer,
  request: { accountId: string; authorityId: string; year: number; locale: Locale; at: Date },
): Promise<{ number: string; pdf: Uint8Array } | null> {
  const { accountId, authorityId, year, locale } = request;
  const inYear = (column: AnyColumn | SQL) => sql`extract(year from ${column} at time zone 'America/Toronto') = ${year}`;
  const paid = await db
    .select({ invoice: invoices, payment: payments })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(eq(invoices.accountId, accountId), eq(invoices.authorityId, authorityId), inYear(payments.paidAt)))
    .orderBy(asc(payments.paidAt));
  if (paid.length === 0) return null;
  const refunded = await db
    .select({ refund: refunds, receiptNumber: invoices.receiptNumber })
    .from(refunds)
    .innerJoin(invoices, eq(invoices.id, refunds.invoiceId))
    .where(and(eq(invoices.accountId, accountId), eq(invoices.authorityId, authorityId), eq(refunds.status, 'succeeded'), inYear(sql`coalesce(${refunds.settledAt}, ${refunds.createdAt})`)));
  const number = await db.transaction(async (tx) => {
    const [held] = await tx.select({ number: annualReceipts.number }).from(annualReceipts).where(and(eq(annualReceipts.authorityId, authorityId), eq(annualReceipts.accountId, accountId), eq(annualReceipts.year, year))).for('update');
    if (held) return held.number;
    const given = await nextNumber(tx, authorityId, 'annual_receipt', year);
    // Two first downloads at once: the second waits on the counter, then finds the row and gives its number back.
    const [made] = await tx.insert(annualReceipts).values({ authorityId, accountId, year, number: given, issuedAt: request.at }).onConflictDoNothing().returning({ number: annualReceipts.number });
    if (made) return made.number;
    throw new Error('annual receipt numbered twice at once: retry');
  });
  const [portal, person] = await Promise.all([portalOf(db, authorityId), db.select({ givenName: accounts.givenName, familyName: accounts.familyName, email: accounts.email }).from(accounts).where(eq(accounts.id, accountId))]);
  const payer = person[0];
  if (!payer) return null;
  const t = translator(locale);
  const taxTotals = new Map<'GST' | 'HST' | 'QST', { rate: number; cents: number }>();
  for (const { invoice } of paid) {
    for (const x of invoice.taxes) {
      const sum = taxTotals.get(x.code);
      taxTotals.set(x.code, { rate: x.rate, cents: (sum?.cents ?? 0) + x.cents });
    }
  }
  const bytes = renderTaxReceipt(pdf, {
    locale,
    authority: { name: portal?.name[locale] ?? '', addressLines: [portal?.contact.email, portal?.contact.phone].filter((v): v is string => Boolean(v)) },
    payer: { name: `${payer.givenName} ${payer.familyName}`.trim(), email: payer.email },
    receiptNumber: number,
    year,
    issuedAt: request.at,
    payments: paid.map(({ invoice, payment }) => ({ paidAt: payment.paidAt, receiptNumber: invoice.receiptNumber ?? invoice.number, description: t('billing.annual.line', { number: invoice.number, reference: invoice.subjectReference }), amountCents: payment.amountCents })),
    refunds: refunded.map(({ refund, receiptNumber }) => ({ at: refund.settledAt ?? refund.createdAt, receiptNumber: receiptNumber ?? '', reason: refund.reason, amountCents: refund.amountCents })),
    taxes: [...taxTotals].map(([code, x]) => ({ label: t(taxLabels[code], { rate: formatRate(locale, x.rate) }), amountCents: x.cents })),
  });
  return { number, pdf: bytes };
}

/** The years in which a person paid an authority something, newest first: one annual receipt each. */
export async function paidYears(db: Database, accountId: string, authorityId: string): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${payments.paidAt} at time zone 'America/Toronto')::int` })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(eq(invoices.accountId, accountId), eq(invoices.authorityId, authorityId)));
  return rows.map((r) => Number(r.year)).sort((a, b) => b - a);
}
