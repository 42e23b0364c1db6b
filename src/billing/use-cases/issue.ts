import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import { calendarDays, deadline, localDateAt } from '../../platform/calendar.ts';
import type { Executor } from '../../platform/db.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { type FeeKind, fees, invoiceLines, invoices } from '../schema.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { taxesOf } from '../taxes.ts';
import { type BillingDeps, type Invoice, nextNumber, notifyPayer, settingsOf } from './common.ts';

/** Days a person has to pay an invoice (moved off a weekend or holiday of the authority's province). */
export const DAYS_TO_PAY = 30;

/** Who pays: a person's account, or a guest payer (no account) by the name and email they gave. */
export type IssuePayer = { accountId: string; payer?: never } | { accountId?: never; payer: { name: string; email: string } };

export type IssueRequest = IssueBase & IssuePayer;

interface IssueBase {
  authorityId: string;
  /**
   * The fees to charge, by code, or every current fee of these kinds; both: those of the codes
   * that are of these kinds (a type's fees, at the step that raises them: application fees at
   * submission, registration fees at approval).
   */
  feeCodes?: readonly string[];
  kinds?: readonly FeeKind[];
  subject: { kind: string; id: string; reference: string };
  locale: Locale;
  at: Date;
  /** Who caused it (the applicant submitting, staff approving) and from where, for the audit. */
  actorId?: string | null;
  origin?: Origin;
}

export type IssueResult = { kind: 'issued'; invoice: Invoice } | { kind: 'nothing_due' } | { kind: 'unknown_fees'; codes: string[] };

const NO_ORIGIN: Origin = { ip: null, userAgent: null };

/**
 * Issues an invoice in the caller's transaction (the submission or approval that makes the fees
 * due): the lines are the fees valid that day, the taxes those of the authority's province, the
 * number the next of the authority's year. Nothing is issued when nothing is due.
 */
export async function issueInvoice(deps: BillingDeps, tx: Executor, request: IssueRequest): Promise<IssueResult> {
  const day = localDateAt(request.at);
  const codes = request.feeCodes ? [...new Set(request.feeCodes)] : null;
  const candidates = await tx
    .select()
    .from(fees)
    .where(and(eq(fees.authorityId, request.authorityId), lte(fees.validFrom, day), codes ? inArray(fees.code, codes.length ? codes : ['']) : inArray(fees.kind, [...(request.kinds ?? [])])))
    .orderBy(asc(fees.code), desc(fees.validFrom));
  // The amount valid that day: the latest `valid_from` on or before it, per code.
  const valid = candidates.filter((fee, i) => i === 0 || candidates[i - 1]!.code !== fee.code);
  if (codes) {
    const missing = codes.filter((c) => !valid.some((f) => f.code === c));
    if (missing.length > 0) return { kind: 'unknown_fees', codes: missing };
    valid.sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code));
  }
  const kinds = request.kinds;
  const current = codes && kinds ? valid.filter((f) => kinds.includes(f.kind)) : valid;
  const subtotal = current.reduce((sum, f) => sum + f.amountCents, 0);
  const settings = await settingsOf(tx, request.authorityId);
  const taxes = taxesOf(settings.province, current.filter((f) => f.tax === 'taxable').reduce((sum, f) => sum + f.amountCents, 0));
  const taxCents = taxes.reduce((sum, t) => sum + t.cents, 0);
  if (subtotal + taxCents === 0) return { kind: 'nothing_due' };
  const year = Number(day.slice(0, 4));
  const number = await nextNumber(tx, request.authorityId, 'invoice', year);
  const [invoice] = await tx
    .insert(invoices)
    .values({
      authorityId: request.authorityId,
      accountId: request.accountId ?? null,
      payerName: request.payer?.name ?? null,
      payerEmail: request.payer?.email ?? null,
      number,
      subjectKind: request.subject.kind,
      subjectId: request.subject.id,
      subjectReference: request.subject.reference,
      locale: request.locale,
      province: settings.province,
      status: 'open',
      subtotalCents: subtotal,
      taxCents,
      totalCents: subtotal + taxCents,
      taxes,
      issuedOn: day,
      dueOn: deadline(settings.province, day, calendarDays(DAYS_TO_PAY)).due,
      issuedAt: request.at,
    })
    .returning();
  if (!invoice) throw new Error('invoice not inserted');
  await tx.insert(invoiceLines).values(current.map((f, position) => ({ invoiceId: invoice.id, position, feeId: f.id, code: f.code, label: f.label, kind: f.kind, glCode: f.glCode, amountCents: f.amountCents, tax: f.tax })));
  await recordEvent(tx, {
    authorityId: request.authorityId,
    event: 'invoice_issued',
    actorId: request.actorId ?? null,
    subjectId: invoice.id,
    origin: request.origin ?? NO_ORIGIN,
    at: request.at,
    details: { invoiceId: invoice.id, number, totalCents: invoice.totalCents, subjectKind: request.subject.kind, subjectReference: request.subject.reference },
  });
  await notifyPayer(deps, tx, invoice, 'invoiceIssued', (t, locale) => t('billing.mail.detail', { number, amount: formatMoney(locale, invoice.totalCents) }), request.at);
  return { kind: 'issued', invoice };
}
