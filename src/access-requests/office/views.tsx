import { type Bilingual, formatDateTime, formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import { href, type PageName } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, TextArea, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { type ApiClient, ApiClients, type ApiClientWords } from '../../platform/views/api-clients.tsx';
import { PersonPage } from '../../platform/views/person-page.tsx';
import { SectionNav, type SectionLink } from '../../platform/views/staff-nav.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import { statusTag } from '../../platform/views/tag.tsx';
import { actLabels, categoryLabels, dispositionLabels, feeLabels, reasonLabels, StatusTag, topicLabels } from '../labels.ts';
import { dispositions, extensionReasons, requesterCategories, type Disposition, type FeeStatus, type RequestStatus, type SupportTopic, supportTopics } from '../states.ts';
import { type ActStatistics, countedFees, type SummaryRow as Completed } from './queries.ts';
import type { PeriodPreset } from './schemas.ts';
import { type ApiScope, apiScopes, type SupportStatus } from './service.ts';

type Ctx = { ctx: PageContext };
const day = (ctx: PageContext, date: string) => formatLocalDate(ctx.locale, date);

export const supportStatusLabels = { open: 'access.office.supportStatus.open', answered: 'access.office.supportStatus.answered', closed: 'access.office.supportStatus.closed' } as const satisfies Record<SupportStatus, MessageKey>;
const SupportTag = statusTag(supportStatusLabels, { open: 'govuk-tag--blue', answered: 'govuk-tag--green', closed: 'govuk-tag--grey' });
export const scopeLabels = { 'requests:write': 'access.office.apiClients.scope.write', 'requests:read': 'access.office.apiClients.scope.read' } as const satisfies Record<ApiScope, MessageKey>;

/** The office pages of an institution's practitioners, side by side, and the way back to the workspace. */
const institutionLinks: readonly SectionLink[] = [
  { page: 'access.workspace.dashboard', label: 'access.office.nav.workspace' },
  { page: 'access.office.statistics', label: 'access.office.statistics.title' },
  { page: 'access.office.summaries', label: 'access.office.summaries.title' },
  { page: 'access.office.support', label: 'access.office.support.title' },
];
const InstitutionNav = ({ ctx, organizationId, current }: Ctx & { organizationId: string; current: PageName }) => <SectionNav ctx={ctx} label="access.office.nav.label" links={institutionLinks} current={current} params={{ organizationId }} />;

/** The office's own pages (support queue, API keys), side by side; the keys for administrators only. */
const officeLinks: readonly SectionLink[] = [
  { page: 'access.office.queue', label: 'access.office.queue.title' },
  { page: 'access.office.apiClients', label: 'access.office.apiClients.title', administrators: true },
];
const OfficeNav = ({ ctx, current }: Ctx & { current: PageName }) => <SectionNav ctx={ctx} label="access.office.nav.office" links={officeLinks} current={current} />;

// ------------------------------------------------------------------ Statistics

type StatRow = { label: MessageKey; value: (s: ActStatistics) => number };
const requestRows: StatRow[] = [
  { label: 'access.office.statistics.outstandingAtStart', value: (s) => s.outstandingAtStart },
  { label: 'access.office.statistics.received', value: (s) => s.received },
  { label: 'access.office.statistics.closed', value: (s) => s.closed },
  { label: 'access.office.statistics.closedOnTime', value: (s) => s.closedOnTime },
  { label: 'access.office.statistics.closedLate', value: (s) => s.closedLate },
  { label: 'access.office.statistics.carriedOver', value: (s) => s.carriedOver },
  { label: 'access.office.statistics.transferredOut', value: (s) => s.transferredOut },
  { label: 'access.office.statistics.pagesReleased', value: (s) => s.pagesReleased },
  { label: 'access.office.statistics.commissionerNotices', value: (s) => s.commissionerNotices },
  { label: 'access.office.statistics.consultationsSent', value: (s) => s.consultationsSent },
  { label: 'access.office.statistics.consultationsAnswered', value: (s) => s.consultationsAnswered },
  { label: 'access.office.statistics.consultationsOverdue', value: (s) => s.consultationsOverdue },
];

const presetLinks: { preset: Exclude<PeriodPreset, 'custom'>; label: MessageKey }[] = [
  { preset: 'current', label: 'access.office.statistics.current' },
  { preset: 'last', label: 'access.office.statistics.last' },
];

export function StatisticsPage(props: Ctx & { organizationId: string; organization: Bilingual; preset: PeriodPreset; from: string; to: string; typed: { from: string; to: string }; stats: ActStatistics[]; errors?: FieldErrors | undefined }) {
  const { ctx, organizationId, stats } = props;
  const { t, locale } = ctx;
  const base = href('access.office.statistics', locale, { organizationId });
  const csv = `${href('access.office.statisticsCsv', locale, { organizationId })}?${new URLSearchParams({ from: props.from, to: props.to }).toString()}`;
  const byAct = (cell: (s: ActStatistics) => number | string) => stats.map((s) => <td class="govuk-table__cell govuk-table__cell--numeric" key={s.act}>{cell(s)}</td>);
  const actHeaders = stats.map((s) => t(actLabels[s.act]));
  const access = stats.find((s) => s.act === 'access');
  return (
    <PersonPage ctx={ctx} title={t('access.office.statistics.title')} errors={props.errors}>
      <InstitutionNav ctx={ctx} organizationId={organizationId} current="access.office.statistics" />
      <p class="govuk-body">{props.organization[locale]}</p>
      <p class="govuk-body-l" data-period>{t('access.office.statistics.period', { from: day(ctx, props.from), to: day(ctx, props.to) })}</p>
      <ul class="govuk-list">
        {presetLinks.map((p) => (
          <li key={p.preset}>
            <a class="govuk-link" href={p.preset === 'current' ? base : `${base}?period=last`} aria-current={props.preset === p.preset ? 'page' : undefined}>
              {t(p.label)}
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={base} novalidate>
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('access.office.statistics.custom')}</legend>
          <TextField t={t} name="from" label="access.office.statistics.from" hint="access.office.dayHint" value={props.preset === 'custom' ? props.typed.from : ''} errors={props.errors} width="10" />
          <TextField t={t} name="to" label="access.office.statistics.to" hint="access.office.dayHint" value={props.preset === 'custom' ? props.typed.to : ''} errors={props.errors} width="10" />
        </fieldset>
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('access.office.statistics.show')}
        </button>
      </form>
      <p class="govuk-body">{t('access.office.statistics.explain')}</p>

      <>
        <Table caption={t('access.office.statistics.requests')} headers={[t('access.office.statistics.figure'), ...actHeaders]}>
          {requestRows.map((r) => (
            <tr class="govuk-table__row" key={r.label}>
              <th scope="row" class="govuk-table__header">{t(r.label)}</th>
              {byAct(r.value)}
            </tr>
          ))}
        </Table>
      </>

      <>
        <Table caption={t('access.office.statistics.extensions')} headers={[t('access.office.statistics.reason'), t('access.office.statistics.taken'), t('access.office.statistics.extendedRequests'), t('access.office.statistics.days')]}>
          {stats.flatMap((s) =>
            extensionReasons[s.act].map((reason) => {
              const e = s.extensions[reason] ?? { taken: 0, requests: 0, days: 0 };
              return (
                <tr class="govuk-table__row" key={reason} data-reason={reason}>
                  <th scope="row" class="govuk-table__header">{t(reasonLabels[reason])}</th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{e.taken}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{e.requests}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{e.days}</td>
                </tr>
              );
            }),
          )}
        </Table>
      </>

      <>
        <Table caption={t('access.office.statistics.dispositions')} headers={[t('access.office.statistics.disposition'), ...actHeaders]}>
          {dispositions.map((d) => (
            <tr class="govuk-table__row" key={d} data-disposition={d}>
              <th scope="row" class="govuk-table__header">{t(dispositionLabels[d])}</th>
              {byAct((s) => s.dispositions[d])}
            </tr>
          ))}
        </Table>
      </>

      {access && (
        <>
          <Table caption={t('access.office.statistics.fees')} headers={[t('access.office.statistics.fee'), t(actLabels.access)]}>
            {countedFees.map((f) => (
              <tr class="govuk-table__row" key={f}>
                <th scope="row" class="govuk-table__header">{t(feeLabels[f])}</th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{access.fees[f]}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      <>
        <Table caption={t('access.office.statistics.categories')} headers={[t('access.office.statistics.category'), ...actHeaders]}>
          {requesterCategories.map((c) => (
            <tr class="govuk-table__row" key={c}>
              <th scope="row" class="govuk-table__header">{t(categoryLabels[c])}</th>
              {byAct((s) => s.categories[c])}
            </tr>
          ))}
        </Table>
      </>

      <p class="govuk-body">
        <a class="govuk-link" href={csv} download>
          {t('access.office.statistics.csv')}
        </a>
      </p>
    </PersonPage>
  );
}

/** The statistics CSV as long lines (act, figure, key, value): codes, not words, the same in both languages. */
export function statisticsLines(stats: ActStatistics[], from: string, to: string): (string | number)[][] {
  const out: (string | number)[][] = [['from', 'to', 'act', 'figure', 'key', 'value']];
  for (const s of stats) {
    const line = (figure: string, key: string, value: number) => out.push([from, to, s.act, figure, key, value]);
    for (const f of ['outstandingAtStart', 'received', 'closed', 'closedOnTime', 'closedLate', 'carriedOver', 'transferredOut', 'pagesReleased', 'commissionerNotices', 'consultationsSent', 'consultationsAnswered', 'consultationsOverdue'] as const) line(f, '', s[f]);
    for (const reason of extensionReasons[s.act]) {
      const e = s.extensions[reason] ?? { taken: 0, requests: 0, days: 0 };
      line('extensionsTaken', reason, e.taken);
      line('extendedRequests', reason, e.requests);
      line('extensionDays', reason, e.days);
    }
    for (const d of dispositions) line('disposition', d, s.dispositions[d]);
    if (s.act === 'access') for (const f of countedFees) line('fee', f, s.fees[f]);
    for (const c of requesterCategories) line('category', c, s.categories[c]);
  }
  return out;
}

// ------------------------------------------------------------------ Summaries

export function SummariesPage(props: Ctx & { organizationId: string; organization: Bilingual; from: string; to: string; months: string[]; typed: { from: string; to: string }; rows: (Completed & { monthTotal: number })[]; errors?: FieldErrors | undefined }) {
  const { ctx, organizationId } = props;
  const { t, locale } = ctx;
  const csv = `${href('access.office.summariesCsv', locale, { organizationId })}?${new URLSearchParams({ from: props.from, to: props.to }).toString()}`;
  return (
    <PersonPage ctx={ctx} title={t('access.office.summaries.title')} errors={props.errors}>
      <InstitutionNav ctx={ctx} organizationId={organizationId} current="access.office.summaries" />
      <p class="govuk-body">{props.organization[locale]}</p>
      <p class="govuk-body">{t('access.office.summaries.lead')}</p>
      <form method="get" action={href('access.office.summaries', locale, { organizationId })} novalidate>
        <TextField t={t} name="from" label="access.office.summaries.from" hint="access.office.monthHint" value={props.typed.from || props.from} errors={props.errors} width="5" />
        <TextField t={t} name="to" label="access.office.summaries.to" hint="access.office.monthHint" value={props.typed.to || props.to} errors={props.errors} width="5" />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('access.office.summaries.show')}
        </button>
      </form>
      {props.months.map((month) => {
        const rows = props.rows.filter((r) => `${r.year}-${String(r.month).padStart(2, '0')}` === month);
        const caption = t('access.office.summaries.month', { month: monthName(ctx, month) });
        return rows.length === 0 ? (
          <section key={month} data-month={month}>
            <h2 class="govuk-heading-s">{caption}</h2>
            <p class="govuk-body" data-nothing>{t('access.office.summaries.nothing')}</p>
          </section>
        ) : (
          <section key={month} data-month={month}>
            <>
              <Table caption={caption} captionSize="s" headers={[t('access.office.summaries.number'), t('access.office.summaries.disposition'), t('access.office.summaries.pages'), t('access.office.summaries.summary')]}>
                {rows.map((r) => (
                  <tr class="govuk-table__row" key={r.number}>
                    <td class="govuk-table__cell">{r.number}</td>
                    <td class="govuk-table__cell">{t(dispositionLabels[r.disposition])}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{r.pages}</td>
                    <td class="govuk-table__cell">{(locale === 'fr' ? r.summaryFr : r.summaryEn) || t('access.office.summaries.noSummary')}</td>
                  </tr>
                ))}
              </Table>
            </>
            {rows[0]!.monthTotal > rows.length && <p class="govuk-body" data-more>{t('access.office.summaries.more', { shown: rows.length, total: rows[0]!.monthTotal })}</p>}
          </section>
        );
      })}
      <p class="govuk-body">
        <a class="govuk-link" href={csv} download>
          {t('access.office.summaries.csv')}
        </a>
      </p>
    </PersonPage>
  );
}

const monthName = (ctx: PageContext, month: string) => new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-CA' : 'en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** The summaries CSV for open.canada.ca: both languages in each line; a "nothing to report" line for a month with none. */
export function summaryLines(rows: Completed[], months: string[], organizationId: string, name: Bilingual, words: { dispositionEn: (d: Disposition) => string; dispositionFr: (d: Disposition) => string; nothingEn: string; nothingFr: string }): (string | number)[][] {
  const out: (string | number)[][] = [['year', 'month', 'request_number', 'summary_en', 'summary_fr', 'disposition_en', 'disposition_fr', 'pages', 'owner_org', 'owner_org_title']];
  const title = `${name.en} | ${name.fr}`;
  for (const month of months) {
    const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    const these = rows.filter((r) => r.year === year && r.month === m);
    if (these.length === 0) out.push([year, m, '', words.nothingEn, words.nothingFr, '', '', '', organizationId, title]);
    for (const r of these) out.push([year, m, r.number, r.summaryEn ?? '', r.summaryFr ?? '', words.dispositionEn(r.disposition), words.dispositionFr(r.disposition), r.pages, organizationId, title]);
  }
  return out;
}

// ------------------------------------------------------------------ Support, the practitioners' side

type SupportListRow = { id: string; topic: SupportTopic; subject: string; status: SupportStatus; createdAt: Date; updatedAt: Date; number: string | null };

export function SupportPage(props: Ctx & { organizationId: string; rows: SupportListRow[]; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; notice?: MessageKey | undefined }) {
  const { ctx, organizationId, errors } = props;
  const { t, locale } = ctx;
  const v = (name: string) => props.values?.[name] ?? '';
  return (
    <PersonPage ctx={ctx} title={t('access.office.support.title')} errors={errors} notice={props.notice}>
      <InstitutionNav ctx={ctx} organizationId={organizationId} current="access.office.support" />
      <p class="govuk-body">{t('access.office.support.lead')}</p>
      {props.rows.length === 0 ? (
        <p class="govuk-body">{t('access.office.support.none')}</p>
      ) : (
        <Table caption={t('access.office.support.yours')} headers={[t('access.office.support.subject'), t('access.office.support.topic'), t('access.office.support.sent'), t('access.office.support.status')]}>
          {props.rows.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('access.office.supportRequest', locale, { organizationId, supportRequestId: r.id })}>
                  {r.subject}
                </a>
                {r.number && <> ({r.number})</>}
              </td>
              <td class="govuk-table__cell">{t(topicLabels[r.topic])}</td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.createdAt)}</td>
              <td class="govuk-table__cell">
                <SupportTag ctx={ctx} status={r.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('access.office.support.new')}</h2>
      <Form action={href('access.office.support', locale, { organizationId })} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="topic" label="access.office.support.topic" kind="radios" value={v('topic')} errors={errors} options={supportTopics.map((s) => ({ value: s, label: t(topicLabels[s]) }))} />
        <TextField t={t} name="subject" label="access.office.support.subject" value={v('subject')} errors={errors} />
        <TextField t={t} name="requestNumber" label="access.office.support.requestNumber" hint="access.office.support.requestNumberHint" value={v('requestNumber')} errors={errors} width="10" autocomplete="off" />
        <TextArea t={t} name="message" label="access.office.support.message" value={v('message')} errors={errors} rows={6} />
        <Button>{t('access.office.support.send')}</Button>
      </Form>
    </PersonPage>
  );
}

type Message = { id: string; body: string; fromOffice: boolean; createdAt: Date; givenName: string; familyName: string };
type SupportView = {
  support: { id: string; topic: SupportTopic; subject: string; status: SupportStatus; createdAt: Date; organizationId: string };
  organization: Bilingual;
  number: string | null;
  feeStatus: FeeStatus | null;
  invoiceId?: string | null;
  requestStatus: RequestStatus | null;
  author: { givenName: string; familyName: string; email: string };
  messages: Message[];
};

function Thread({ ctx, messages }: Ctx & { messages: Message[] }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="thread">
      <h2 class="govuk-heading-m" id="thread">
        {t('access.office.thread.title')}
      </h2>
      <ol class="govuk-list">
        {messages.map((m) => (
          <li key={m.id} class="govuk-inset-text" data-from={m.fromOffice ? 'office' : 'institution'}>
            <p class="govuk-body-s govuk-!-margin-bottom-2">
              <strong>{m.fromOffice ? t('access.office.thread.office', { name: `${m.givenName} ${m.familyName}` }) : `${m.givenName} ${m.familyName}`}</strong> — {formatDateTime(locale, m.createdAt)}
            </p>
            <p class="govuk-body guichet-preserve-lines">{m.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function SupportSummary({ ctx, view, office }: Ctx & { view: SupportView; office: boolean }) {
  const { t, locale } = ctx;
  return (
    <dl class="govuk-summary-list">
      {office && <SummaryRow label={t('access.office.case.institution')}>{view.organization[locale]}</SummaryRow>}
      {office && (
        <SummaryRow label={t('access.office.case.from')}>
          {view.author.givenName} {view.author.familyName} ({view.author.email})
        </SummaryRow>
      )}
      <SummaryRow label={t('access.office.support.topic')}>{t(topicLabels[view.support.topic])}</SummaryRow>
      <SummaryRow label={t('access.office.support.status')}>
        <SupportTag ctx={ctx} status={view.support.status} />
      </SummaryRow>
      {view.number && (
        <SummaryRow label={t('access.office.support.requestNumber')}>
          {view.number}
          {view.requestStatus && (
            <>
              {' '}
              <StatusTag ctx={ctx} status={view.requestStatus} />
            </>
          )}
          {view.feeStatus && <> — {t(feeLabels[view.feeStatus])}</>}
        </SummaryRow>
      )}
      <SummaryRow label={t('access.office.support.sent')}>{formatDateTime(locale, view.support.createdAt)}</SummaryRow>
    </dl>
  );
}

export function SupportRequestPage(props: Ctx & { organizationId: string; view: SupportView; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; notice?: MessageKey | undefined; problem?: string | undefined }) {
  const { ctx, organizationId, view, errors } = props;
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={view.support.subject} errors={errors} notice={props.notice} problem={props.problem} back={href('access.office.support', locale, { organizationId })}>
      <SupportSummary ctx={ctx} view={view} office={false} />
      <Thread ctx={ctx} messages={view.messages} />
      {view.support.status === 'closed' ? (
        <p class="govuk-body" data-why-no-reply>
          {t('access.office.support.closedWhy')}{' '}
          <a class="govuk-link" href={href('access.office.support', locale, { organizationId })}>
            {t('access.office.support.new')}
          </a>
        </p>
      ) : (
        <Form action={href('access.office.supportRequest', locale, { organizationId, supportRequestId: view.support.id })} csrfToken={ctx.csrfToken}>
          <TextArea t={t} name="message" label="access.office.thread.reply" value={props.values?.message ?? ''} errors={errors} rows={5} />
          <Button>{t('access.office.thread.send')}</Button>
        </Form>
      )}
    </PersonPage>
  );
}

// ------------------------------------------------------------------ The office's queue and case

type QueueRow = SupportListRow & { organization: Bilingual };

export function QueuePage(props: Ctx & { rows: QueueRow[]; filter: { topic?: SupportTopic | undefined; status?: SupportStatus | undefined } }) {
  const { ctx, rows, filter } = props;
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('access.office.queue.title')}>
      <OfficeNav ctx={ctx} current="access.office.queue" />
      <p class="govuk-body">{t('access.office.queue.lead')}</p>
      <form method="get" action={href('access.office.queue', locale)} novalidate>
        <Choice t={t} name="topic" label="access.office.support.topic" kind="select" value={filter.topic ?? ''} options={supportTopics.map((s) => ({ value: s, label: t(topicLabels[s]) }))} />
        <Choice t={t} name="status" label="access.office.support.status" kind="select" value={filter.status ?? ''} options={(['open', 'answered', 'closed'] as const).map((s) => ({ value: s, label: t(supportStatusLabels[s]) }))} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('access.office.queue.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('access.office.queue.none')}</p>
      ) : (
        <Table caption={t('access.office.queue.count', { n: rows.length })} headers={[t('access.office.support.subject'), t('access.office.case.institution'), t('access.office.support.topic'), t('access.office.support.sent'), t('access.office.support.status')]}>
          {rows.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('access.office.case', locale, { supportRequestId: r.id })}>
                  {r.subject}
                </a>
                {r.number && <> ({r.number})</>}
              </td>
              <td class="govuk-table__cell">{r.organization[locale]}</td>
              <td class="govuk-table__cell">{t(topicLabels[r.topic])}</td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.createdAt)}</td>
              <td class="govuk-table__cell">
                <SupportTag ctx={ctx} status={r.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function CasePage(props: Ctx & { view: SupportView; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; notice?: MessageKey | undefined }) {
  const { ctx, view, errors } = props;
  const { t, locale } = ctx;
  const id = view.support.id;
  const closed = view.support.status === 'closed';
  return (
    <StaffPage ctx={ctx} title={view.support.subject} errors={errors} notice={props.notice}>
      <OfficeNav ctx={ctx} current="access.office.case" />
      <SupportSummary ctx={ctx} view={view} office />
      {view.support.topic === 'access_code' && (
        <div class="govuk-inset-text" data-topic-help>
          {t('access.office.case.accessCode')}{' '}
          <a class="govuk-link" href={href('staffSecurityCodes', locale)}>
            {t('access.office.case.securityCodes')}
          </a>
        </div>
      )}
      {view.support.topic === 'refund' && (
        <div class="govuk-inset-text" data-topic-help>
          {view.number ? t('access.office.case.refund') : t('access.office.case.refundNoRequest')}
        </div>
      )}
      {view.support.topic === 'refund' && view.number && view.feeStatus === 'paid' && view.invoiceId && (
        <Form action={href('access.office.caseRefund', locale, { supportRequestId: id })} csrfToken={ctx.csrfToken}>
          <TextArea t={t} name="reason" label="access.office.case.refundReason" value={props.values?.reason ?? ''} errors={errors} rows={2} />
          <Button>{t('access.office.case.refundButton', { number: view.number })}</Button>
        </Form>
      )}
      <Thread ctx={ctx} messages={view.messages} />
      {closed ? (
        <p class="govuk-body" data-why-no-reply>
          {t('access.office.case.closedWhy')}
        </p>
      ) : (
        <>
          <Form action={href('access.office.case', locale, { supportRequestId: id })} csrfToken={ctx.csrfToken}>
            <TextArea t={t} name="message" label="access.office.thread.reply" value={props.values?.message ?? ''} errors={errors} rows={5} />
            <Button>{t('access.office.thread.send')}</Button>
          </Form>
          <InlineForm action={href('access.office.caseClose', locale, { supportRequestId: id })} csrfToken={ctx.csrfToken}>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('access.office.case.close')}
            </button>
          </InlineForm>
        </>
      )}
    </StaffPage>
  );
}

// ------------------------------------------------------------------ API keys

const apiClientWords = {
  issued: 'access.office.apiClients.issued',
  lead: 'access.office.apiClients.lead',
  openapi: 'access.office.apiClients.openapi',
  name: 'access.office.apiClients.name',
  keyPrefix: 'access.office.apiClients.keyPrefix',
  scopes: 'access.office.apiClients.scopes',
  lastUsed: 'access.office.apiClients.lastUsed',
  never: 'access.office.apiClients.never',
  state: 'access.office.apiClients.state',
  inUse: 'access.office.apiClients.inUse',
  revoked: 'access.office.apiClients.revoked',
  revoke: 'access.office.apiClients.revoke',
  new: 'access.office.apiClients.new',
  submit: 'access.office.apiClients.submit',
} as const satisfies ApiClientWords;

export function ApiClientsPage({ ctx, clients, issuedKey, errors, values, notice }: Ctx & { clients: ApiClient[]; issuedKey?: string | undefined; errors?: FieldErrors | undefined; values?: { name: string; scopes: string[] } | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('access.office.apiClients.title')} notice={notice} errors={errors}>
      <OfficeNav ctx={ctx} current="access.office.apiClients" />
      <ApiClients
        ctx={ctx}
        words={apiClientWords}
        clients={clients}
        scopes={apiScopes.map((s) => ({ value: s, label: scopeLabels[s] }))}
        openApiHref="/api/v1/access-requests/openapi.json"
        createAction={href('access.office.apiClients', locale)}
        revokeAction={(clientId) => href('access.office.apiClientRevoke', locale, { clientId })}
        issuedKey={issuedKey}
        errors={errors}
        values={values}
      />
    </StaffPage>
  );
}

