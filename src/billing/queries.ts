import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';
import type { LocalDate } from '../platform/calendar.ts';
import type { Executor } from '../platform/db.ts';
import { checkouts, creditNotes, fees, invoiceLines, invoices, type InvoiceStatus, payments, refunds } from './schema.ts';

export type InvoiceRow = typeof invoices.$inferSelect;

/** A person's invoices (at one authority when given): open ones first, then the newest. */
export function invoicesOf(db: Executor, accountId: string, authorityId: string | null) {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), authorityId ? eq(invoices.authorityId, authorityId) : undefined))
    .orderBy(sql`case when ${invoices.status} = 'open' then 0 else 1 end`, desc(invoices.issuedAt), desc(invoices.number));
}

/** A guest payer (no account) as the pages and documents name a payer: the name given, whole, as the given name. */
export function guestPayer(invoice: Pick<InvoiceRow, 'payerName' | 'payerEmail'>) {
  return invoice.payerName && invoice.payerEmail ? { givenName: invoice.payerName, familyName: '', email: invoice.payerEmail } : null;
}

/** One invoice with everything said about it: lines, payment, refunds, credit notes, checkouts. */
export async function invoiceDetail(db: Executor, invoiceId: string) {
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return null;
  const [lines, payment, refundRows, notes, sessions, payer] = await Promise.all([
    db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position)),
    db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).then((r) => r[0] ?? null),
    db.select().from(refunds).where(eq(refunds.invoiceId, invoiceId)).orderBy(asc(refunds.createdAt)),
    db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId)).orderBy(asc(creditNotes.createdAt)),
    db.select().from(checkouts).where(eq(checkouts.invoiceId, invoiceId)).orderBy(asc(checkouts.createdAt)),
    invoice.accountId
      ? db.select({ givenName: accounts.givenName, familyName: accounts.familyName, email: accounts.email }).from(accounts).where(eq(accounts.id, invoice.accountId)).then((r) => r[0] ?? null)
      : Promise.resolve(guestPayer(invoice)),
  ]);
  return { invoice, lines, payment, refunds: refundRows, creditNotes: notes, checkouts: sessions, payer };
}
export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof invoiceDetail>>>;

export interface StaffFilters {
  q?: string | undefined;
  status?: InvoiceStatus | undefined;
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
}

/** The authority's invoices, by person (name or email), status and date of issue, newest first. */
export function staffInvoices(db: Executor, authorityId: string, filters: StaffFilters, limit = 200) {
  const q = filters.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select({ invoice: invoices, givenName: sql<string>`coalesce(${accounts.givenName}, ${invoices.payerName})`, familyName: sql<string>`coalesce(${accounts.familyName}, '')`, email: sql<string>`coalesce(${accounts.email}::text, ${invoices.payerEmail})` })
    .from(invoices)
    .leftJoin(accounts, eq(accounts.id, invoices.accountId))
    .where(
      and(
        eq(invoices.authorityId, authorityId),
        filters.status ? eq(invoices.status, filters.status) : undefined,
        filters.from ? gte(invoices.issuedOn, filters.from) : undefined,
        filters.to ? lte(invoices.issuedOn, filters.to) : undefined,
        like ? or(ilike(accounts.email, like), ilike(sql`${accounts.givenName} || ' ' || ${accounts.familyName}`, like), ilike(invoices.payerName, like), ilike(invoices.payerEmail, like), ilike(invoices.number, like)) : undefined,
      ),
    )
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(limit);
}

/** The fee schedule: every amount of every fee, each fee's newest first. */
export function feeSchedule(db: Executor, authorityId: string) {
  return db.select().from(fees).where(eq(fees.authorityId, authorityId)).orderBy(asc(fees.code), desc(fees.validFrom));
}

/** Open invoices of a person at an authority (the dashboard card). */
export function openInvoicesOf(db: Executor, accountId: string, authorityId: string) {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), eq(invoices.authorityId, authorityId), eq(invoices.status, 'open')))
    .orderBy(asc(invoices.dueOn));
}

/** A day of money at an authority: the payments and refunds recorded, and the checkouts still open after a day. */
export async function reconciliationReport(db: Executor, authorityId: string, from: Date, to: Date, now: Date) {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const [paid, refunded, pending] = await Promise.all([
    db
      .select({ payment: payments, number: invoices.number, receiptNumber: invoices.receiptNumber })
      .from(payments)
      .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
      .where(and(eq(payments.authorityId, authorityId), gte(payments.paidAt, from), lt(payments.paidAt, to)))
      .orderBy(asc(payments.paidAt)),
    db
      .select({ refund: refunds, number: invoices.number })
      .from(refunds)
      .innerJoin(invoices, eq(invoices.id, refunds.invoiceId))
      .where(and(eq(refunds.authorityId, authorityId), gte(refunds.createdAt, from), lt(refunds.createdAt, to)))
      .orderBy(asc(refunds.createdAt)),
    db
      .select({ checkout: checkouts, number: invoices.number })
      .from(checkouts)
      .innerJoin(invoices, eq(invoices.id, checkouts.invoiceId))
      .where(and(eq(invoices.authorityId, authorityId), eq(checkouts.status, 'open'), lt(checkouts.createdAt, dayAgo)))
      .orderBy(asc(checkouts.createdAt)),
  ]);
  return { paid, refunded, pending };
}
export type ReconciliationReport = Awaited<ReturnType<typeof reconciliationReport>>;

/** What the accounting export needs: the invoices issued, paid or refunded in a period, with their lines, payments and refunds. */
export async function exportData(db: Executor, authorityId: string, from: Date, to: Date) {
  const inPeriod = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.authorityId, authorityId), or(and(gte(invoices.issuedAt, from), lt(invoices.issuedAt, to)), and(gte(invoices.paidAt, from), lt(invoices.paidAt, to)))));
  const refunded = await db.select({ id: refunds.invoiceId }).from(refunds).where(and(eq(refunds.authorityId, authorityId), gte(refunds.createdAt, from), lt(refunds.createdAt, to)));
  const ids = [...new Set([...inPeriod, ...refunded].map((r) => r.id))];
  if (ids.length === 0) return [];
  const [rows, lines, paid, back, people] = await Promise.all([
    db.select().from(invoices).where(inArray(invoices.id, ids)).orderBy(asc(invoices.number)),
    db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, ids)).orderBy(asc(invoiceLines.position)),
    db.select().from(payments).where(inArray(payments.invoiceId, ids)),
    db.select().from(refunds).where(inArray(refunds.invoiceId, ids)).orderBy(asc(refunds.createdAt)),
    db
      .select({ invoiceId: invoices.id, email: sql<string>`coalesce(${accounts.email}::text, ${invoices.payerEmail})`, givenName: sql<string>`coalesce(${accounts.givenName}, ${invoices.payerName})`, familyName: sql<string>`coalesce(${accounts.familyName}, '')` })
      .from(invoices)
      .leftJoin(accounts, eq(accounts.id, invoices.accountId))
      .where(inArray(invoices.id, ids)),
  ]);
  return rows.map((invoice) => ({
    invoice,
    lines: lines.filter((l) => l.invoiceId === invoice.id),
    payment: paid.find((p) => p.invoiceId === invoice.id) ?? null,
    refunds: back.filter((r) => r.invoiceId === invoice.id),
    payer: people.find((p) => p.invoiceId === invoice.id) ?? null,
  }));
}

/** How many checkouts of an authority are still open after a day. */
export async function pendingCheckoutCount(db: Executor, authorityId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(checkouts)
    .innerJoin(invoices, eq(invoices.id, checkouts.invoiceId))
    .where(and(eq(invoices.authorityId, authorityId), eq(checkouts.status, 'open'), lt(checkouts.createdAt, new Date(now.getTime() - 24 * 3600_000))));
  return Number(row?.count ?? 0);
}
