import type { ComponentChildren } from 'preact';
import { provinces } from '../platform/canada.ts';
import { formatDateTime, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffNav } from '../platform/views/staff-nav.tsx';
import { Table } from '../platform/views/table.tsx';
import type { InvoiceDetail, InvoiceRow, ReconciliationReport, StaffFilters } from './queries.ts';
import { FEE_KINDS, type FeeKind, type fees, type InvoiceStatus, type RefundStatus } from './schema.ts';
import { formatMoney } from '../platform/i18n/index.ts';
import { formatRate } from './taxes.ts';

type Ctx = { ctx: PageContext };

export const statusLabels = {
  open: 'billing.status.open',
  paid: 'billing.status.paid',
  void: 'billing.status.void',
  refunded: 'billing.status.refunded',
  partly_refunded: 'billing.status.partlyRefunded',
} as const satisfies Record<InvoiceStatus, MessageKey>;
const statusColours: Record<InvoiceStatus, string> = { open: 'govuk-tag--yellow', paid: 'govuk-tag--green', void: 'govuk-tag--grey', refunded: 'govuk-tag--blue', partly_refunded: 'govuk-tag--blue' };

export const kindLabels = {
  application: 'billing.kind.application',
  registration: 'billing.kind.registration',
  exam: 'billing.kind.exam',
  late: 'billing.kind.late',
  other: 'billing.kind.other',
} as const satisfies Record<FeeKind, MessageKey>;

const refundStatusLabels = { pending: 'billing.refund.status.pending', succeeded: 'billing.refund.status.succeeded', failed: 'billing.refund.status.failed' } as const satisfies Record<RefundStatus, MessageKey>;
const taxLabels = { GST: 'billing.tax.gst', HST: 'billing.tax.hst', QST: 'billing.tax.qst' } as const satisfies Record<'GST' | 'HST' | 'QST', MessageKey>;

const money = (ctx: PageContext, cents: number) => formatMoney(ctx.locale, cents);
/** A `YYYY-MM-DD` day in words: `22 décembre 2026`, `December 22, 2026`. */
export const formatDay = (ctx: PageContext, date: string) => new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

export function StatusTag({ ctx, status }: Ctx & { status: InvoiceStatus }) {
  return <strong class={`govuk-tag ${statusColours[status]}`}>{ctx.t(statusLabels[status])}</strong>;
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The person's invoices, open ones first, each with its "Pay" button. */
export function InvoicesPage({ ctx, invoices, taxYears, notice }: Ctx & { invoices: InvoiceRow[]; taxYears: readonly number[]; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('billing.invoices.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('billing.invoices.title')}</h1>
      <p class="govuk-body">{t('billing.invoices.intro')}</p>
      {invoices.length === 0 ? (
        <p class="govuk-body">{t('billing.invoices.none')}</p>
      ) : (
        <Table headers={[t('billing.field.number'), t('billing.field.issuedOn'), t('billing.field.for'), t('billing.field.total'), t('billing.field.status'), { hidden: t('billing.field.actions') }]}>
          {invoices.map((i) => (
            <tr class="govuk-table__row" key={i.id}>
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href={href('billing.invoice', ctx.locale, { invoiceId: i.id })}>
                  {i.number}
                </a>
              </th>
              <td class="govuk-table__cell">{formatDay(ctx, i.issuedOn)}</td>
              <td class="govuk-table__cell">{i.subjectReference}</td>
              <td class="govuk-table__cell">{money(ctx, i.totalCents)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={i.status} />
              </td>
              <td class="govuk-table__cell">
                {i.status === 'open' ? (
                  <InlineForm action={href('billing.pay', ctx.locale, { invoiceId: i.id })} csrfToken={ctx.csrfToken}>
                    <button type="submit" class="govuk-button govuk-!-margin-bottom-0">
                      {t('billing.pay.button')} <span class="govuk-visually-hidden">{i.number}</span>
                    </button>
                  </InlineForm>
                ) : (
                  <a class="govuk-link" href={href('billing.invoice', ctx.locale, { invoiceId: i.id })}>
                    {t('billing.invoices.view')} <span class="govuk-visually-hidden">{i.number}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {taxYears.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('billing.annual.title')}</h2>
          <p class="govuk-body">{t('billing.annual.intro')}</p>
          <ul class="govuk-list">
            {taxYears.map((year) => (
              <li key={year}>
                <a class="govuk-link" href={href('billing.annualReceipt', ctx.locale, { year: String(year) })} download>
                  {t('billing.annual.link', { year: String(year) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** An invoice as its payer and staff read it: lines, taxes, total, payment, refunds, credit notes. */
function InvoiceBody({ ctx, detail }: Ctx & { detail: InvoiceDetail }) {
  const { t } = ctx;
  const { invoice, lines, payment } = detail;
  return (
    <>
      <dl class="govuk-summary-list">
        <Row label={t('billing.field.status')}>
          <StatusTag ctx={ctx} status={invoice.status} />
        </Row>
        <Row label={t('billing.field.issuedOn')}>{formatDay(ctx, invoice.issuedOn)}</Row>
        {invoice.status === 'open' && <Row label={t('billing.field.dueOn')}>{formatDay(ctx, invoice.dueOn)}</Row>}
        <Row label={t('billing.field.for')}>{invoice.subjectReference}</Row>
        {invoice.receiptNumber && <Row label={t('billing.field.receiptNumber')}>{invoice.receiptNumber}</Row>}
      </dl>
      <Table caption={t('billing.invoice.lines')} headers={[t('billing.field.description'), t('billing.field.amount')]}>
        {lines.map((l) => (
          <tr class="govuk-table__row" key={l.id}>
            <th scope="row" class="govuk-table__header">
              {l.label[ctx.locale]}
              {l.tax === 'exempt' && <span class="govuk-body-s"> ({t('billing.invoice.exempt')})</span>}
            </th>
            <td class="govuk-table__cell">{money(ctx, l.amountCents)}</td>
          </tr>
        ))}
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {t('billing.field.subtotal')}
          </th>
          <td class="govuk-table__cell">{money(ctx, invoice.subtotalCents)}</td>
        </tr>
        {invoice.taxes.map((tax) => (
          <tr class="govuk-table__row" key={tax.code}>
            <th scope="row" class="govuk-table__header">
              {t(taxLabels[tax.code], { rate: formatRate(ctx.locale, tax.rate) })}
            </th>
            <td class="govuk-table__cell">{money(ctx, tax.cents)}</td>
          </tr>
        ))}
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {t('billing.field.total')}
          </th>
          <td class="govuk-table__cell">
            <strong>{money(ctx, invoice.totalCents)}</strong>
          </td>
        </tr>
      </Table>
      {payment && (
        <>
          <h2 class="govuk-heading-m">{t('billing.invoice.payment')}</h2>
          <p class="govuk-body">
            {t('billing.invoice.paidBy', { amount: money(ctx, payment.amountCents), date: formatDateTime(ctx.locale, payment.paidAt), brand: payment.method.brand.toUpperCase(), last4: payment.method.last4 })}
          </p>
        </>
      )}
      {detail.refunds.length > 0 && (
        <Table caption={t('billing.invoice.refunds')} headers={[t('billing.field.date'), t('billing.field.amount'), t('billing.field.reason'), t('billing.field.status')]}>
          {detail.refunds.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <th scope="row" class="govuk-table__header">
                {formatDateTime(ctx.locale, r.createdAt)}
              </th>
              <td class="govuk-table__cell">{money(ctx, r.amountCents)}</td>
              <td class="govuk-table__cell">{r.reason}</td>
              <td class="govuk-table__cell">{t(refundStatusLabels[r.status])}</td>
            </tr>
          ))}
        </Table>
      )}
      {detail.creditNotes.map((n) => (
        <div class="govuk-inset-text" key={n.id}>
          {t('billing.invoice.creditNote', { number: n.number, amount: money(ctx, n.amountCents), date: formatDateTime(ctx.locale, n.createdAt), reason: n.reason })}
        </div>
      ))}
    </>
  );
}

const payBlockers = {
  paid: 'billing.pay.blocked.paid',
  void: 'billing.pay.blocked.void',
  refunded: 'billing.pay.blocked.paid',
  partly_refunded: 'billing.pay.blocked.paid',
} as const satisfies Record<Exclude<InvoiceStatus, 'open'>, MessageKey>;

export function InvoicePage({ ctx, detail, isPayer, notice }: Ctx & { detail: InvoiceDetail; isPayer: boolean; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  const { invoice } = detail;
  return (
    <Layout ctx={ctx} title={t('billing.invoice.title', { number: invoice.number })}>
      {notice && <Notice>{t(notice)}</Notice>}
      <a class="govuk-back-link" href={href('billing.invoices', ctx.locale)}>
        {t('billing.invoices.title')}
      </a>
      <h1 class="govuk-heading-l">{t('billing.invoice.title', { number: invoice.number })}</h1>
      <InvoiceBody ctx={ctx} detail={detail} />
      {invoice.status === 'open' ? (
        isPayer ? (
          <Form action={href('billing.pay', ctx.locale, { invoiceId: invoice.id })} csrfToken={ctx.csrfToken}>
            <p class="govuk-body">{t('billing.pay.explain')}</p>
            <Button>{t('billing.pay.buttonAmount', { amount: money(ctx, invoice.totalCents) })}</Button>
          </Form>
        ) : (
          <p class="govuk-body">{t('billing.pay.blocked.notPayer')}</p>
        )
      ) : (
        <p class="govuk-body">{t(payBlockers[invoice.status])}</p>
      )}
      {invoice.receiptNumber && (
        <p class="govuk-body">
          <a class="govuk-link" href={href('billing.receipt', ctx.locale, { invoiceId: invoice.id })} download>
            {t('billing.invoice.receipt', { number: invoice.receiptNumber })}
          </a>
        </p>
      )}
      {detail.creditNotes.length > 0 && (
        <p class="govuk-body">
          <a class="govuk-link" href={href('billing.creditNote', ctx.locale, { invoiceId: invoice.id })} download>
            {t('billing.invoice.creditNotePdf', { number: detail.creditNotes.at(-1)!.number })}
          </a>
        </p>
      )}
    </Layout>
  );
}

const returnKeys = {
  paid: { title: 'billing.return.paid.title', body: 'billing.return.paid.body' },
  pending: { title: 'billing.return.pending.title', body: 'billing.return.pending.body' },
  failed: { title: 'billing.return.failed.title', body: 'billing.return.failed.body' },
} as const satisfies Record<string, { title: MessageKey; body: MessageKey }>;

/** Back from the hosted page: received, being confirmed (the page refreshes itself), or declined. */
export function ReturnPage({ ctx, invoice, state }: Ctx & { invoice: { id: string; number: string; status: InvoiceStatus }; state: 'paid' | 'pending' | 'failed' }) {
  const { t } = ctx;
  const keys = returnKeys[state];
  return (
    <Layout ctx={ctx} title={t(keys.title)}>
      {state === 'paid' ? (
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">{t(keys.title)}</h1>
          <div class="govuk-panel__body">{invoice.number}</div>
        </div>
      ) : (
        <h1 class="govuk-heading-l">{t(keys.title)}</h1>
      )}
      <p class="govuk-body">{t(keys.body)}</p>
      {state === 'failed' && invoice.status === 'open' ? (
        <Form action={href('billing.pay', ctx.locale, { invoiceId: invoice.id })} csrfToken={ctx.csrfToken}>
          <Button>{t('billing.return.tryAgain')}</Button>
        </Form>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={href('billing.invoice', ctx.locale, { invoiceId: invoice.id })}>
          {t('billing.return.toInvoice')}
        </a>
      </p>
    </Layout>
  );
}

type Fee = typeof fees.$inferSelect;

/** The administrator's fee schedule: the authority's settings, every amount, and a new amount. */
export function FeesPage({ ctx, schedule, settings, today, errors, values, settingsErrors, notice }: Ctx & {
  schedule: Fee[];
  settings: { province: string; nonRefundable: boolean; gstNumber: string | null; qstNumber: string | null };
  today: string;
  errors?: FieldErrors | undefined;
  settingsErrors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  notice?: MessageKey | undefined;
}) {
  const { t } = ctx;
  const v = values ?? {};
  const current = new Set<string>();
  const allErrors = { ...settingsErrors, ...errors };
  return (
    <Layout ctx={ctx} title={t('billing.fees.title')} errors={allErrors}>
      <StaffNav ctx={ctx} current="billing.fees" />
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('billing.fees.title')}</h1>
      <h2 class="govuk-heading-m">{t('billing.fees.settings')}</h2>
      <Form action={href('billing.feeSettings', ctx.locale)} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="province" label="billing.field.province" hint="billing.fees.provinceHint" kind="select" value={settings.province} errors={settingsErrors} options={provinces.map((p) => ({ value: p, label: p }))} />
        <Choice
          t={t}
          name="nonRefundable"
          label="billing.field.nonRefundable"
          hint="billing.fees.nonRefundableHint"
          kind="radios"
          value={settings.nonRefundable ? 'yes' : 'no'}
          errors={settingsErrors}
          options={[
            { value: 'no', label: t('billing.fees.refundable') },
            { value: 'yes', label: t('billing.fees.nonRefundable') },
          ]}
        />
        <TextField t={t} name="gstNumber" label="billing.field.gstNumber" value={settings.gstNumber} errors={settingsErrors} width="20" />
        <TextField t={t} name="qstNumber" label="billing.field.qstNumber" value={settings.qstNumber} errors={settingsErrors} width="20" />
        <Button secondary>{t('billing.fees.saveSettings')}</Button>
      </Form>
      <Table caption={t('billing.fees.schedule')} headers={[t('billing.field.code'), t('billing.field.description'), t('billing.field.kind'), t('billing.field.amount'), t('billing.field.tax'), t('billing.field.glCode'), t('billing.field.validFrom')]}>
        {schedule.map((f) => {
          const inForce = f.validFrom <= today && !current.has(f.code);
          if (inForce) current.add(f.code);
          return (
            <tr class="govuk-table__row" key={f.id}>
              <th scope="row" class="govuk-table__header">
                {f.code}
              </th>
              <td class="govuk-table__cell">{f.label[ctx.locale]}</td>
              <td class="govuk-table__cell">{t(kindLabels[f.kind])}</td>
              <td class="govuk-table__cell">{money(ctx, f.amountCents)}</td>
              <td class="govuk-table__cell">{t(f.tax === 'taxable' ? 'billing.fees.taxable' : 'billing.fees.exempt')}</td>
              <td class="govuk-table__cell">{f.glCode}</td>
              <td class="govuk-table__cell">
                {formatDay(ctx, f.validFrom)} {f.validFrom > today ? <strong class="govuk-tag govuk-tag--blue">{t('billing.fees.scheduled')}</strong> : inForce ? <strong class="govuk-tag govuk-tag--green">{t('billing.fees.inForce')}</strong> : <strong class="govuk-tag govuk-tag--grey">{t('billing.fees.replaced')}</strong>}
              </td>
            </tr>
          );
        })}
      </Table>
      <h2 class="govuk-heading-m">{t('billing.fees.add')}</h2>
      <p class="govuk-body">{t('billing.fees.addHint')}</p>
      <Form action={href('billing.fees', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="code" label="billing.field.code" hint="billing.fees.codeHint" value={v.code} errors={errors} width="20" />
        <TextField t={t} name="labelFr" label="billing.field.labelFr" value={v.labelFr} errors={errors} />
        <TextField t={t} name="labelEn" label="billing.field.labelEn" value={v.labelEn} errors={errors} />
        <Choice t={t} name="kind" label="billing.field.kind" kind="select" value={v.kind ?? 'application'} errors={errors} options={FEE_KINDS.map((k) => ({ value: k, label: t(kindLabels[k]) }))} />
        <TextField t={t} name="amount" label="billing.field.amountDollars" hint="billing.fees.amountHint" value={v.amount} errors={errors} width="10" inputMode="numeric" />
        <Choice
          t={t}
          name="tax"
          label="billing.field.tax"
          kind="radios"
          value={v.tax ?? 'taxable'}
          errors={errors}
          options={[
            { value: 'taxable', label: t('billing.fees.taxable') },
            { value: 'exempt', label: t('billing.fees.exempt') },
          ]}
        />
        <TextField t={t} name="glCode" label="billing.field.glCode" value={v.glCode} errors={errors} width="10" />
        <TextField t={t} name="validFrom" label="billing.field.validFrom" hint="billing.fees.validFromHint" value={v.validFrom ?? today} errors={errors} width="10" />
        <Button>{t('billing.fees.addButton')}</Button>
      </Form>
    </Layout>
  );
}

type StaffRow = { invoice: InvoiceRow; givenName: string; familyName: string; email: string };

/** The authority's invoices, filtered by person, status and date, with the accounting export. */
export function StaffInvoicesPage({ ctx, rows, filters }: Ctx & { rows: StaffRow[]; filters: StaffFilters }) {
  const { t } = ctx;
  const query = new URLSearchParams(Object.entries({ from: filters.from ?? '', to: filters.to ?? '' }).filter(([, v]) => v)).toString();
  return (
    <Layout ctx={ctx} title={t('billing.staff.title')}>
      <StaffNav ctx={ctx} current="billing.staffInvoices" />
      <h1 class="govuk-heading-l">{t('billing.staff.title')}</h1>
      <form method="get" action={href('billing.staffInvoices', ctx.locale)}>
        <TextField t={t} name="q" label="billing.staff.search" hint="billing.staff.searchHint" value={filters.q ?? ''} />
        <Choice t={t} name="status" label="billing.field.status" kind="select" value={filters.status ?? ''} options={[{ value: '', label: t('billing.staff.anyStatus') }, ...Object.entries(statusLabels).map(([value, key]) => ({ value, label: t(key) }))]} />
        <TextField t={t} name="from" label="billing.staff.from" hint="billing.staff.dateHint" value={filters.from ?? ''} width="10" />
        <TextField t={t} name="to" label="billing.staff.to" hint="billing.staff.dateHint" value={filters.to ?? ''} width="10" />
        <Button secondary>{t('billing.staff.filter')}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={`${href('billing.staffExport', ctx.locale)}${query ? `?${query}` : ''}`} download>
          {t('billing.staff.export')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('billing.staff.none')}</p>
      ) : (
        <Table headers={[t('billing.field.number'), t('billing.field.payer'), t('billing.field.issuedOn'), t('billing.field.total'), t('billing.field.status')]}>
          {rows.map(({ invoice, givenName, familyName, email }) => (
            <tr class="govuk-table__row" key={invoice.id}>
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href={href('billing.staffInvoice', ctx.locale, { invoiceId: invoice.id })}>
                  {invoice.number}
                </a>
              </th>
              <td class="govuk-table__cell">
                {givenName} {familyName}
                <br />
                <span class="govuk-body-s">{email}</span>
              </td>
              <td class="govuk-table__cell">{formatDay(ctx, invoice.issuedOn)}</td>
              <td class="govuk-table__cell">{money(ctx, invoice.totalCents)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={invoice.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

/** Why staff cannot refund or void now; said where the action would be. */
export type RefundBlocker = 'not_paid' | 'nothing_left' | 'non_refundable';
const refundBlockers = {
  not_paid: 'billing.refund.blocked.notPaid',
  nothing_left: 'billing.refund.blocked.nothingLeft',
  non_refundable: 'billing.refund.blocked.nonRefundable',
} as const satisfies Record<RefundBlocker, MessageKey>;

export function StaffInvoicePage({ ctx, detail, refundBlocker, refundId, errors, values, notice, problem }: Ctx & {
  detail: InvoiceDetail;
  refundBlocker: RefundBlocker | null;
  refundId: string;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  notice?: MessageKey | undefined;
  problem?: MessageKey | undefined;
}) {
  const { t } = ctx;
  const { invoice, payer } = detail;
  const v = values ?? {};
  const left = (detail.payment?.amountCents ?? 0) - invoice.refundedCents;
  return (
    <Layout ctx={ctx} title={t('billing.invoice.title', { number: invoice.number })} errors={errors}>
      <StaffNav ctx={ctx} current="billing.staffInvoices" />
      {notice && <Notice>{t(notice)}</Notice>}
      {problem && (
        <div class="govuk-warning-text">
          <strong class="govuk-warning-text__text">{t(problem)}</strong>
        </div>
      )}
      <h1 class="govuk-heading-l">{t('billing.invoice.title', { number: invoice.number })}</h1>
      {payer && (
        <p class="govuk-body">
          {t('billing.staff.payer', { name: `${payer.givenName} ${payer.familyName}`, email: payer.email })}
        </p>
      )}
      <InvoiceBody ctx={ctx} detail={detail} />
      {invoice.receiptNumber && (
        <p class="govuk-body">
          <a class="govuk-link" href={`${href('billing.receipt', ctx.locale, { invoiceId: invoice.id })}?copy=archive`} download>
            {t('billing.invoice.archiveCopy', { number: invoice.receiptNumber })}
          </a>
        </p>
      )}
      <h2 class="govuk-heading-m">{t('billing.refund.title')}</h2>
      {refundBlocker ? (
        <p class="govuk-body">{t(refundBlockers[refundBlocker])}</p>
      ) : (
        <Form action={href('billing.staffRefund', ctx.locale, { invoiceId: invoice.id })} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="refundId" value={v.refundId ?? refundId} />
          <TextField t={t} name="amount" label="billing.field.amountDollars" hint="billing.refund.amountHint" value={v.amount ?? (left / 100).toFixed(2)} errors={errors} width="10" inputMode="numeric" />
          <TextField t={t} name="reason" label="billing.field.reason" value={v.reason} errors={errors} />
          <Button>{t('billing.refund.button')}</Button>
        </Form>
      )}
      <h2 class="govuk-heading-m">{t('billing.void.title')}</h2>
      {invoice.status === 'open' ? (
        <Form action={href('billing.staffVoid', ctx.locale, { invoiceId: invoice.id })} csrfToken={ctx.csrfToken}>
          <p class="govuk-body">{t('billing.void.explain')}</p>
          <TextField t={t} name="voidReason" label="billing.field.reason" value={v.voidReason} errors={errors} />
          <Button secondary>{t('billing.void.button')}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t('billing.void.blocked')}</p>
      )}
    </Layout>
  );
}

/** A day's money: payments and refunds recorded, checkouts still open after a day. */
export function ReconciliationPage({ ctx, date, report }: Ctx & { date: string; report: ReconciliationReport }) {
  const { t } = ctx;
  const paidTotal = report.paid.reduce((s, r) => s + r.payment.amountCents, 0);
  const refundTotal = report.refunded.filter((r) => r.refund.status === 'succeeded').reduce((s, r) => s + r.refund.amountCents, 0);
  return (
    <Layout ctx={ctx} title={t('billing.report.title')}>
      <StaffNav ctx={ctx} current="billing.reconciliation" />
      <h1 class="govuk-heading-l">{t('billing.report.title')}</h1>
      <form method="get" action={href('billing.reconciliation', ctx.locale)}>
        <TextField t={t} name="date" label="billing.field.date" hint="billing.staff.dateHint" value={date} width="10" />
        <Button secondary>{t('billing.report.show')}</Button>
      </form>
      <p class="govuk-body">{t('billing.report.summary', { paid: money(ctx, paidTotal), count: report.paid.length, refunded: money(ctx, refundTotal), net: money(ctx, paidTotal - refundTotal) })}</p>
      <Table caption={t('billing.report.payments')} headers={[t('billing.field.number'), t('billing.field.receiptNumber'), t('billing.field.date'), t('billing.field.amount'), t('billing.field.reference')]}>
        {report.paid.map((r) => (
          <tr class="govuk-table__row" key={r.payment.id}>
            <th scope="row" class="govuk-table__header">
              {r.number}
            </th>
            <td class="govuk-table__cell">{r.receiptNumber}</td>
            <td class="govuk-table__cell">{formatDateTime(ctx.locale, r.payment.paidAt)}</td>
            <td class="govuk-table__cell">{money(ctx, r.payment.amountCents)}</td>
            <td class="govuk-table__cell">{r.payment.providerPaymentId}</td>
          </tr>
        ))}
      </Table>
      <Table caption={t('billing.report.refunds')} headers={[t('billing.field.number'), t('billing.field.date'), t('billing.field.amount'), t('billing.field.status')]}>
        {report.refunded.map((r) => (
          <tr class="govuk-table__row" key={r.refund.id}>
            <th scope="row" class="govuk-table__header">
              {r.number}
            </th>
            <td class="govuk-table__cell">{formatDateTime(ctx.locale, r.refund.createdAt)}</td>
            <td class="govuk-table__cell">{money(ctx, r.refund.amountCents)}</td>
            <td class="govuk-table__cell">{t(refundStatusLabels[r.refund.status])}</td>
          </tr>
        ))}
      </Table>
      <Table caption={t('billing.report.pending')} headers={[t('billing.field.number'), t('billing.report.since'), t('billing.field.amount')]}>
        {report.pending.map((r) => (
          <tr class="govuk-table__row" key={r.checkout.id}>
            <th scope="row" class="govuk-table__header">
              {r.number}
            </th>
            <td class="govuk-table__cell">{formatDateTime(ctx.locale, r.checkout.createdAt)}</td>
            <td class="govuk-table__cell">{money(ctx, r.checkout.amountCents)}</td>
          </tr>
        ))}
      </Table>
    </Layout>
  );
}
