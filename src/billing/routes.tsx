import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { addCalendarDays, type LocalDate, localDateAt, today } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml, sendPdf } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import type { InvoiceDetail } from './queries.ts';
import { feeSchema, invoiceParams, yearParams, periodQuerySchema, refundSchema, settingsSchema, staffQuerySchema, stringsOf, voidSchema } from './schemas.ts';
import type { BillingService } from './service.ts';
import type { RefundOutcome } from './use-cases/staff.ts';
import * as views from './views.tsx';
import { can } from './policies.ts';

const notices = {
  alreadyPaid: 'billing.notice.alreadyPaid',
  voided: 'billing.notice.voided',
  refunded: 'billing.notice.refunded',
  refundPending: 'billing.notice.refundPending',
  refundAlready: 'billing.notice.refundAlready',
  feeAdded: 'billing.notice.feeAdded',
  settingsSaved: 'billing.notice.settingsSaved',
} as const satisfies Record<string, MessageKey>;
type NoticeName = keyof typeof notices;

const refundProblems = {
  not_allowed: 'billing.refund.problem.notAllowed',
  non_refundable: 'billing.refund.blocked.nonRefundable',
  not_refundable_now: 'billing.refund.blocked.notPaid',
  too_much: 'billing.refund.problem.tooMuch',
  provider_failed: 'billing.refund.problem.providerFailed',
} as const satisfies Record<Exclude<RefundOutcome, 'refunded' | 'pending' | 'already_requested' | 'not_found'>, MessageKey>;

/** The instant a day starts in America/Toronto (04:00 or 05:00 UTC, by daylight saving time). */
export function startOfDay(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const four = new Date(Date.UTC(y, m - 1, d, 4));
  return localDateAt(new Date(four.getTime() - 1)) !== date && localDateAt(four) === date ? four : new Date(Date.UTC(y, m - 1, d, 5));
}

/** The invoice in the address, for its payer or its authority's staff; anyone else: page not found. */
function invoiceGuard(billing: BillingService, payerOnly: boolean): Guard<{ account: SessionAccount; detail: InvoiceDetail }> {
  return {
    scope: 'invoice',
    async resolve(request, account) {
      const params = invoiceParams.safeParse(request.params);
      if (!params.success) return null;
      const detail = await billing.invoiceFor(account, params.data.invoiceId);
      if (!detail || (payerOnly && !can(account, 'pay', detail.invoice))) return null;
      return { account, detail };
    },
  };
}

export function registerBillingRoutes(app: FastifyInstance, deps: { billing: BillingService; clock: Clock; publicUrl: URL }) {
  const { billing, clock } = deps;
  const viewer = invoiceGuard(billing, false);
  const payer = invoiceGuard(billing, true);
  const base = deps.publicUrl.origin;
  const toInvoice = (reply: FastifyReply, ctx: PageContext, invoiceId: string, notice?: NoticeName) => reply.redirect(`${href('billing.invoice', ctx.locale, { invoiceId })}${notice ? `?notice=${notice}` : ''}`, 303);

  page(app, 'GET', 'billing.invoices', async (request, reply, ctx, account) => {
    const portal = request.portal;
    const [invoices, years] = await Promise.all([billing.invoicesOf(account.id, portal?.id ?? null), portal ? billing.paidYears(account.id, portal.id) : Promise.resolve([])]);
    return sendHtml(reply, <views.InvoicesPage ctx={ctx} invoices={invoices} taxYears={years} notice={noticeOf(request, notices)} />);
  }, { access: 'account' });

  // The annual tax receipt, for the portal's authority (the one the person is in).
  page(app, 'GET', 'billing.annualReceipt', async (request, reply, ctx, account) => {
    const year = yearParams.safeParse(request.params);
    const portal = request.portal;
    const found = year.success && portal ? await billing.annualReceiptPdf(account.id, portal.id, year.data.year, ctx.locale) : null;
    if (!found) throw new AppError('not_found');
    return sendPdf(reply, `${ctx.t('billing.annual.fileName')}-${found.number}`, found.pdf);
  }, { access: 'account' });

  page(app, 'GET', 'billing.invoice', async (request, reply, ctx, { account, detail }) => {
    return sendHtml(reply, <views.InvoicePage ctx={ctx} detail={detail} isPayer={can(account, 'pay', detail.invoice)} notice={noticeOf(request, notices)} />);
  }, { access: viewer });

  page(app, 'GET', 'billing.creditNote', async (_request, reply, ctx, { detail }) => {
    const found = await billing.creditNotePdf(detail, ctx.locale);
    if (!found) throw new AppError('not_found');
    return sendPdf(reply, `${ctx.t('billing.creditNote.fileName')}-${found.number}`, found.pdf);
  }, { access: viewer });

  // `?copy=archive`: the same receipt as PDF/A-2a, the copy an authority files (staff's invoice page links it).
  page(app, 'GET', 'billing.receipt', async (request, reply, ctx, { detail }) => {
    const archive = (request.query as { copy?: unknown }).copy === 'archive';
    const pdf = await billing.receiptPdf(detail, ctx.locale, archive ? 'a-2a' : 'ua-1');
    if (!pdf) throw new AppError('not_found');
    return sendPdf(reply, `${ctx.t('billing.receipt.fileName')}-${detail.invoice.receiptNumber}`, pdf);
  }, { access: viewer });

  // "Pay": one open checkout per invoice, whatever the number of clicks and tabs.
  page(app, 'POST', 'billing.pay', async (request, reply, ctx, { account, detail }) => {
    const result = await billing.payments.pay(account.id, detail.invoice.id, origin(request), { base });
    if (result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind === 'not_payable') return toInvoice(reply, ctx, detail.invoice.id, result.status === 'void' ? 'voided' : 'alreadyPaid');
    return reply.redirect(result.url, 303);
  }, { access: payer });

  page(app, 'GET', 'billing.paymentReturn', async (_request, reply, ctx, { account, detail }) => {
    const state = await billing.payments.returned(account.id, detail.invoice.id);
    if (state === 'not_found') throw new AppError('not_found');
    if (state === 'pending') reply.header('refresh', '5');
    const status = state === 'paid' ? 'paid' : detail.invoice.status;
    return sendHtml(reply, <views.ReturnPage ctx={ctx} invoice={{ id: detail.invoice.id, number: detail.invoice.number, status }} state={state} />);
  }, { access: payer });

  // Staff: the fee schedule and the authority's settings (administrators)
  const administrators = { staff: ['administrator'] } as const;
  const feesPage = async (reply: FastifyReply, ctx: PageContext, authorityId: string, extra: { errors?: FieldErrors; settingsErrors?: FieldErrors; values?: Record<string, string>; notice?: MessageKey | undefined } = {}, status = 200) => {
    const [schedule, settings] = await Promise.all([billing.feeSchedule(authorityId), billing.settingsOf(authorityId)]);
    return sendHtml(reply, <views.FeesPage ctx={ctx} schedule={schedule} settings={settings} today={today(clock)} {...extra} />, status);
  };
  page(app, 'GET', 'billing.fees', async (request, reply, ctx, staff) => feesPage(reply, ctx, staff.staffAuthorityId, { notice: noticeOf(request, notices) }), { access: administrators });
  page(app, 'POST', 'billing.fees', async (request, reply, ctx, staff) => {
    const parsed = parseForm(feeSchema, request.body);
    if (!parsed.success) return feesPage(reply, ctx, staff.staffAuthorityId, { errors: fieldErrors(parsed.error), values: stringsOf(request.body) }, 400);
    const { labelFr, labelEn, amount, ...fee } = parsed.data;
    const result = await billing.staff.addFee(staff, { ...fee, label: { fr: labelFr, en: labelEn }, amountCents: amount }, origin(request));
    if (result === 'exists') return feesPage(reply, ctx, staff.staffAuthorityId, { errors: { validFrom: 'invalid.billing.feeExists' }, values: stringsOf(request.body) }, 409);
    return reply.redirect(`${href('billing.fees', ctx.locale)}?notice=feeAdded`, 303);
  }, { access: administrators });
  page(app, 'POST', 'billing.feeSettings', async (request, reply, ctx, staff) => {
    const parsed = parseForm(settingsSchema, request.body);
    if (!parsed.success) return feesPage(reply, ctx, staff.staffAuthorityId, { settingsErrors: fieldErrors(parsed.error) }, 400);
    const { province, nonRefundable, gstNumber, qstNumber } = parsed.data;
    await billing.staff.saveSettings(staff, { province, nonRefundable: nonRefundable === 'yes', gstNumber: gstNumber || null, qstNumber: qstNumber || null }, origin(request));
    return reply.redirect(`${href('billing.fees', ctx.locale)}?notice=settingsSaved`, 303);
  }, { access: administrators });

  // Staff: invoices, one invoice, refunds and voids, the export, the reconciliation report
  page(app, 'GET', 'billing.staffInvoices', async (request, reply, ctx, staff) => {
    const parsed = staffQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const rows = await billing.staffInvoices(staff.staffAuthorityId, parsed.data);
    return sendHtml(reply, <views.StaffInvoicesPage ctx={ctx} rows={rows} filters={parsed.data} />);
  }, { access: 'staff' });

  page(app, 'GET', 'billing.staffExport', async (request, reply, _ctx, staff) => {
    const parsed = periodQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const to = parsed.data.to ?? today(clock);
    const from = parsed.data.from ?? (`${to.slice(0, 8)}01` as LocalDate);
    const csv = await billing.exportCsv(staff.staffAuthorityId, startOfDay(from), startOfDay(addCalendarDays(to, 1)));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="invoices-${from}-${to}.csv"`)
      .header('cache-control', 'no-store')
      .send(`\ufeff${csv}`);
  }, { access: 'staff' });

  const staffInvoiceOf = async (request: FastifyRequest, staff: SessionAccount) => {
    const params = invoiceParams.safeParse(request.params);
    const detail = params.success ? await billing.staffInvoice(staff, params.data.invoiceId) : null;
    if (!detail) throw new AppError('not_found');
    return detail;
  };
  const staffPage = async (reply: FastifyReply, ctx: PageContext, staff: SessionAccount, detail: InvoiceDetail, extra: { errors?: FieldErrors; values?: Record<string, string>; notice?: MessageKey | undefined; problem?: MessageKey } = {}, status = 200) => {
    const settings = await billing.settingsOf(detail.invoice.authorityId);
    const left = (detail.payment?.amountCents ?? 0) - detail.invoice.refundedCents;
    const blocker = !detail.payment ? 'not_paid' : left <= 0 ? 'nothing_left' : !can(staff, 'refund', detail.invoice, settings) ? 'non_refundable' : null;
    return sendHtml(reply, <views.StaffInvoicePage ctx={ctx} detail={detail} refundBlocker={blocker} refundId={randomUUID()} {...extra} />, status);
  };
  page(app, 'GET', 'billing.staffInvoice', async (request, reply, ctx, staff) => staffPage(reply, ctx, staff, await staffInvoiceOf(request, staff), { notice: noticeOf(request, notices) }), { access: 'staff' });

  page(app, 'POST', 'billing.staffRefund', async (request, reply, ctx, staff) => {
    const detail = await staffInvoiceOf(request, staff);
    const parsed = parseForm(refundSchema, request.body);
    if (!parsed.success) return staffPage(reply, ctx, staff, detail, { errors: fieldErrors(parsed.error), values: stringsOf(request.body) }, 400);
    const result = await billing.staff.refund(staff, detail.invoice.id, { refundId: parsed.data.refundId, amountCents: parsed.data.amount, reason: parsed.data.reason }, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    const to = (notice: NoticeName) => reply.redirect(`${href('billing.staffInvoice', ctx.locale, { invoiceId: detail.invoice.id })}?notice=${notice}`, 303);
    if (result === 'refunded') return to('refunded');
    if (result === 'pending') return to('refundPending');
    if (result === 'already_requested') return to('refundAlready');
    const fresh = await staffInvoiceOf(request, staff);
    return staffPage(reply, ctx, staff, fresh, { problem: refundProblems[result], values: stringsOf(request.body) }, result === 'provider_failed' ? 502 : 409);
  }, { access: 'staff' });

  page(app, 'POST', 'billing.staffVoid', async (request, reply, ctx, staff) => {
    const detail = await staffInvoiceOf(request, staff);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(voidSchema, { _csrf: body._csrf, reason: body.voidReason });
    if (!parsed.success) return staffPage(reply, ctx, staff, detail, { errors: { voidReason: fieldErrors(parsed.error).reason ?? 'invalid.billing.reason' }, values: stringsOf(request.body) }, 400);
    const result = await billing.staff.void(staff, detail.invoice.id, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'voided') return staffPage(reply, ctx, staff, detail, { problem: 'billing.void.blocked' }, 409);
    return reply.redirect(`${href('billing.staffInvoice', ctx.locale, { invoiceId: detail.invoice.id })}?notice=voided`, 303);
  }, { access: 'staff' });

  page(app, 'GET', 'billing.reconciliation', async (request, reply, ctx, staff) => {
    const parsed = periodQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const date = parsed.data.date ?? today(clock);
    const report = await billing.reconciliation(staff.staffAuthorityId, startOfDay(date), startOfDay(addCalendarDays(date, 1)));
    return sendHtml(reply, <views.ReconciliationPage ctx={ctx} date={date} report={report} />);
  }, { access: 'staff' });
}

/**
 * The providers' webhooks, in a scope of their own: not a page (no language, no session), the body
 * kept as the exact bytes received so the provider's signature can be checked over them.
 *
 * Platform checks a form token on every POST and has no switch for a route signed another way;
 * this scope's body parser hands platform the request's own token beside the bytes, so its check
 * passes here and only here. The webhook's authenticity is its signature (docs: billing README).
 */
export async function registerWebhookRoutes(app: FastifyInstance, deps: { billing: BillingService }) {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (request, body, done) => done(null, { raw: body, _csrf: request.csrfToken }));
    scope.post('/webhooks/payments/:provider', { config: { access: 'signed-webhook' } }, async (request, reply) => {
      const { provider } = request.params as { provider: string };
      const raw = (request.body as { raw?: Buffer } | undefined)?.raw ?? Buffer.alloc(0);
      const result = await deps.billing.payments.webhook(provider, raw, request.headers);
      return reply.code(result.status).header('cache-control', 'no-store').send({ outcome: result.outcome });
    });
  });
}
