import { type Bilingual, formatLocalDate, type Locale, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, TextArea, TextField } from '../platform/views/forms.tsx';
import { IssuedKey } from '../platform/views/api-clients.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { LinkLine } from '../platform/views/link.tsx';
import { Pagination } from '../platform/views/pagination.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import type { OutcomeKind, RemovalPolicy } from './schema.ts';
import type { Entry, SearchAnswer, SearchQuery, Site } from './schemas.ts';

type Ctx = { ctx: PageContext };

export const statusLabels = { active: 'register.status.active', expired: 'register.status.expired', revoked: 'register.status.revoked' } as const satisfies Record<Entry['status'], MessageKey>;
export const policyLabels = { permanent: 'register.policy.permanent', until_date: 'register.policy.untilDate', on_request: 'register.policy.onRequest' } as const satisfies Record<RemovalPolicy, MessageKey>;
export const kindLabels = { committee_outcome: 'register.kind.committeeOutcome', terms_and_conditions: 'register.kind.termsAndConditions' } as const satisfies Record<OutcomeKind, MessageKey>;

/** The languages of care a search offers (ISO 639-1), named in the page's language. */
export const SEARCH_LANGUAGES = ['fr', 'en', 'es', 'ar', 'zh', 'pt', 'it', 'de', 'fa', 'ht', 'vi', 'pa', 'tl', 'ru', 'uk', 'iu', 'cr'] as const;
const languageName = (code: string, locale: Locale) => new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;

/** The search query as the address of a page of results (the language link and the pagination keep it). */
function searchHref(locale: Locale, query: SearchQuery, page: number): string {
  const params = new URLSearchParams();
  for (const name of ['q', 'place', 'language', 'category'] as const) if (query[name]) params.set(name, query[name]);
  params.set('page', String(page));
  return `${href('register.search', locale)}?${params.toString()}`;
}

/**
 * The public search: a GET form (a search has its own address, shareable, no script) and, once
 * something is asked, one page of results. An empty search shows the form and a reminder of what
 * to type, never a list.
 */
export function SearchPage({ ctx, query, answer, categories, asked }: Ctx & { query: SearchQuery; answer: SearchAnswer | null; categories: { code: string; name: Bilingual }[]; asked: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.search.title')}>
      <h1 class="govuk-heading-l">{t('register.search.title')}</h1>
      <p class="govuk-body">{t('register.search.lead')}</p>
      <form method="get" action={href('register.search', locale)} novalidate role="search">
        <TextField t={t} name="q" label="register.search.q" hint="register.search.qHint" value={query.q ?? ''} autocomplete="off" />
        <TextField t={t} name="place" label="register.search.place" hint="register.search.placeHint" value={query.place ?? ''} width="20" autocomplete="off" />
        <Choice t={t} name="language" label="register.search.language" kind="select" value={query.language ?? ''} options={SEARCH_LANGUAGES.map((code) => ({ value: code, label: languageName(code, locale) }))} />
        <Choice t={t} name="category" label="register.search.category" kind="select" value={query.category ?? ''} options={categories.map((c) => ({ value: c.code, label: c.name[locale] }))} />
        <Button>{t('register.search.submit')}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={href('register.openData', locale)}>{t('register.openData.link')}</a>
      </p>
      {asked && !answer && <p class="govuk-body govuk-!-font-weight-bold" role="status">{t('register.search.needCriterion')}</p>}
      {answer && <Results ctx={ctx} query={query} answer={answer} />}
    </Layout>
  );
}

function Results({ ctx, query, answer }: Ctx & { query: SearchQuery; answer: SearchAnswer }) {
  const { t, locale } = ctx;
  if (answer.results.length === 0) return <p class="govuk-body" role="status">{t('register.search.none')}</p>;
  return (
    <>
      <h2 class="govuk-heading-m" role="status">{t(answer.more ? 'register.search.resultsMore' : 'register.search.results', { page: answer.page })}</h2>
      <Table headers={[t('register.field.name'), t('register.field.number'), t('register.field.category'), t('register.field.status'), t('register.field.city')]}>
        {answer.results.map((r) => (
          <tr class="govuk-table__row" key={r.number}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={href('register.entry', locale, { number: r.number })}>{`${r.givenName} ${r.familyName}`}</a>
            </td>
            <td class="govuk-table__cell">{r.number}</td>
            <td class="govuk-table__cell">{r.category[locale]}</td>
            <td class="govuk-table__cell">{t(statusLabels[r.status])}</td>
            <td class="govuk-table__cell">{r.city ?? ''}</td>
          </tr>
        ))}
      </Table>
      <Pagination
        label={t('register.search.pages')}
        previous={answer.page > 1 ? { href: searchHref(locale, query, answer.page - 1), label: t('register.search.previous') } : undefined}
        next={answer.more ? { href: searchHref(locale, query, answer.page + 1), label: t('register.search.next') } : undefined}
      />
      {answer.more && answer.page >= 10 && <p class="govuk-body">{t('register.search.refine')}</p>}
    </>
  );
}

function SiteLines({ site }: { site: Site }) {
  return (
    <>
      {site.name}
      {site.address && (
        <>
          <br />
          {site.address.line1}
          {site.address.line2 && (
            <>
              <br />
              {site.address.line2}
            </>
          )}
          <br />
          {`${site.address.city} (${site.address.province}) ${site.address.postalCode}`}
        </>
      )}
      {site.phone && (
        <>
          <br />
          {site.phone}
        </>
      )}
    </>
  );
}

/** One entry of the register, at its own address: what the law publishes, minus what is withheld. */
export function EntryPage({ ctx, entry }: Ctx & { entry: Entry }) {
  const { t, locale } = ctx;
  const name = `${entry.givenName} ${entry.familyName}`;
  const terms = entry.outcomes.filter((o) => o.kind === 'terms_and_conditions');
  const decisions = entry.outcomes.filter((o) => o.kind === 'committee_outcome');
  const outcomeList = (list: Entry['outcomes'], none: MessageKey) =>
    list.length === 0 ? (
      <p class="govuk-body">{t(none)}</p>
    ) : (
      <ul class="govuk-list">
        {list.map((o, i) => (
          <li key={i}>
            <p class="govuk-body govuk-!-margin-bottom-1">
              <strong>{formatLocalDate(locale, o.decidedOn)}</strong> — {o.summary[locale]}
            </p>
            <p class="govuk-body-s">{o.removalPolicy === 'until_date' ? t('register.policy.untilDateOn', { date: o.publishedUntil ? formatLocalDate(locale, o.publishedUntil) : '' }) : t(policyLabels[o.removalPolicy])}</p>
          </li>
        ))}
      </ul>
    );
  return (
    <Layout ctx={ctx} title={name}>
      <span class="govuk-caption-l">{t('register.entry.caption')}</span>
      <h1 class="govuk-heading-l">{name}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('register.field.number')}>{entry.number}</SummaryRow>
        <SummaryRow label={t('register.field.category')}>{entry.category[locale]}</SummaryRow>
        <SummaryRow label={t('register.field.status')}>
          {t(statusLabels[entry.status])}
          {entry.validFrom && entry.validUntil && (
            <>
              <br />
              {t('register.entry.validity', { from: formatLocalDate(locale, entry.validFrom), until: formatLocalDate(locale, entry.validUntil) })}
            </>
          )}
          {entry.revokedOn && (
            <>
              <br />
              {t('register.entry.revokedOn', { date: entry.revokedOn })}
            </>
          )}
        </SummaryRow>
        {entry.practiceName && <SummaryRow label={t('register.field.practiceName')}>{entry.practiceName}</SummaryRow>}
        {entry.previousNames.length > 0 && (
          <SummaryRow label={t('register.field.previousNames')}>
            {entry.previousNames.map((n, i) => (
              <span key={i}>
                {i > 0 && <br />}
                {`${n.givenName} ${n.familyName}`}
              </span>
            ))}
          </SummaryRow>
        )}
        <SummaryRow label={t('register.field.independentPractice')}>
          {entry.independentPractice ? (entry.independentSince ? t('register.entry.independentSince', { date: formatLocalDate(locale, entry.independentSince) }) : t('register.entry.independent')) : t('register.entry.notIndependent')}
        </SummaryRow>
        <SummaryRow label={t('register.field.businessAddress')}>{entry.businessAddress ? <SiteLines site={entry.businessAddress} /> : t('register.entry.none')}</SummaryRow>
        {entry.email && <SummaryRow label={t('register.field.email')}>{entry.email}</SummaryRow>}
        {entry.languages.length > 0 && <SummaryRow label={t('register.field.languages')}>{entry.languages.map((code) => languageName(code, locale)).join(', ')}</SummaryRow>}
      </dl>
      <h2 class="govuk-heading-m">{t('register.entry.sites')}</h2>
      {entry.sites.length === 0 ? (
        <p class="govuk-body">{t('register.entry.none')}</p>
      ) : (
        <ul class="govuk-list govuk-list--spaced">
          {entry.sites.map((site, i) => (
            <li key={i}>
              <SiteLines site={site} />
            </li>
          ))}
        </ul>
      )}
      <h2 class="govuk-heading-m">{t('register.entry.otherRegistrations')}</h2>
      {entry.otherRegistrations.length === 0 ? (
        <p class="govuk-body">{t('register.entry.none')}</p>
      ) : (
        <ul class="govuk-list">
          {entry.otherRegistrations.map((o, i) => (
            <li key={i}>{[o.regulator, o.jurisdiction, o.registrationNumber, o.status].filter(Boolean).join(' — ')}</li>
          ))}
        </ul>
      )}
      <h2 class="govuk-heading-m">{t('register.entry.terms')}</h2>
      {outcomeList(terms, 'register.entry.noTerms')}
      <h2 class="govuk-heading-m">{t('register.entry.outcomes')}</h2>
      {outcomeList(decisions, 'register.entry.noOutcomes')}
      <LinkLine href={href('register.search', locale)}>{t('register.entry.back')}</LinkLine>
    </Layout>
  );
}

/** The open data: the latest day's files, and what they hold. */
export function OpenDataPage({ ctx, latest }: Ctx & { latest: { generatedOn: string; entries: number } | null }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.openData.title')}>
      <h1 class="govuk-heading-l">{t('register.openData.title')}</h1>
      <p class="govuk-body">{t('register.openData.lead')}</p>
      {latest ? (
        <>
          <p class="govuk-body">{t('register.openData.latest', { date: latest.generatedOn, count: latest.entries })}</p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={href('register.openDataFile', locale, { file: 'registre.csv' })} download>{t('register.openData.csv')}</a>
            </li>
            <li>
              <a class="govuk-link" href={href('register.openDataFile', locale, { file: 'registre.json' })} download>{t('register.openData.json')}</a>
            </li>
          </ul>
        </>
      ) : (
        <p class="govuk-body">{t('register.openData.none')}</p>
      )}
      <LinkLine href={href('register.search', locale)}>{t('register.entry.back')}</LinkLine>
    </Layout>
  );
}

type MyOutcome = { id: string; kind: OutcomeKind; decidedOn: string; summary: Bilingual; removalPolicy: RemovalPolicy; publishedUntil: string | null; requestStatus: string | null; requestReference: string | null };

/** The registrant's outcomes on the register, and for each whether and how it can be removed. */
export function MinePage({ ctx, outcomes, notice }: Ctx & { outcomes: MyOutcome[]; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.mine.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('register.mine.title')}</h1>
      {outcomes.length === 0 ? (
        <p class="govuk-body">{t('register.mine.none')}</p>
      ) : (
        outcomes.map((o) => (
          <div key={o.id} class="govuk-!-margin-bottom-6">
            <h2 class="govuk-heading-s">{`${t(kindLabels[o.kind])} — ${formatLocalDate(locale, o.decidedOn)}`}</h2>
            <p class="govuk-body">{o.summary[locale]}</p>
            <p class="govuk-body-s">{o.removalPolicy === 'until_date' ? t('register.policy.untilDateOn', { date: o.publishedUntil ? formatLocalDate(locale, o.publishedUntil) : '' }) : t(policyLabels[o.removalPolicy])}</p>
            {o.requestStatus === 'submitted' ? (
              <p class="govuk-body">{t('register.mine.pending', { reference: o.requestReference ?? '' })}</p>
            ) : o.removalPolicy === 'on_request' ? (
              <LinkLine href={href('register.removal', locale, { id: o.id })}>{t('register.mine.request')}</LinkLine>
            ) : (
              <p class="govuk-body">{t('register.mine.cannotRequest')}</p>
            )}
          </div>
        ))
      )}
    </Layout>
  );
}

export function RemovalPage({ ctx, outcome, errors, values }: Ctx & { outcome: MyOutcome; errors?: FieldErrors | undefined; values?: Record<string, string> }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.removal.title')} {...(errors ? { errors } : {})}>
      <h1 class="govuk-heading-l">{t('register.removal.title')}</h1>
      <p class="govuk-body">{outcome.summary[locale]}</p>
      <p class="govuk-body">{t('register.removal.lead')}</p>
      <Form action={href('register.removal', locale, { id: outcome.id })} csrfToken={ctx.csrfToken}>
        <TextArea t={t} name="statement" label="register.removal.statement" value={values?.statement} errors={errors} rows={8} />
        <Button>{t('register.removal.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** Staff enter an outcome or terms on an entry, by its registration number. */
export function StaffOutcomesPage({ ctx, errors, notice, values = {} }: Ctx & { errors?: FieldErrors | undefined; notice?: MessageKey | undefined; values?: Record<string, string> }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('register.staff.outcomes.title')} current="register.staffOutcomes" notice={notice} errors={errors}>
      <Form action={href('register.staffOutcomes', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="number" value={values.number} label="register.field.number" errors={errors} width="10" />
        <Choice t={t} name="kind" value={values.kind} label="register.staff.kind" kind="radios" errors={errors} options={Object.entries(kindLabels).map(([value, key]) => ({ value, label: t(key) }))} />
        <TextField t={t} name="decidedOn" value={values.decidedOn} label="register.staff.decidedOn" hint="register.staff.dateHint" errors={errors} width="10" />
        <TextArea t={t} name="summaryFr" label="register.staff.summaryFr" value={values.summaryFr} errors={errors} rows={4} />
        <TextArea t={t} name="summaryEn" label="register.staff.summaryEn" value={values.summaryEn} errors={errors} rows={4} />
        <Choice t={t} name="removalPolicy" value={values.removalPolicy} label="register.staff.removalPolicy" kind="radios" errors={errors} options={Object.entries(policyLabels).map(([value, key]) => ({ value, label: t(key) }))} />
        <TextField t={t} name="publishedUntil" value={values.publishedUntil} label="register.staff.publishedUntil" hint="register.staff.dateHint" errors={errors} width="10" />
        <Button>{t('register.staff.outcomes.submit')}</Button>
      </Form>
    </StaffPage>
  );
}

type OpenRemoval = { id: string; reference: string; statement: string; createdAt: Date; givenName: string; familyName: string; summary: Bilingual; decidedOn: string };

export function StaffRemovalsPage({ ctx, requests, notice }: Ctx & { requests: OpenRemoval[]; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('register.staff.removals.title')} current="register.staffRemovals" notice={notice}>
      {requests.length === 0 ? (
        <p class="govuk-body">{t('register.staff.removals.none')}</p>
      ) : (
        <Table headers={[t('register.staff.reference'), t('register.field.name'), t('register.staff.decidedOn')]}>
          {requests.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('register.staffRemoval', locale, { id: r.id })}>{r.reference}</a>
              </td>
              <td class="govuk-table__cell">{`${r.givenName} ${r.familyName}`}</td>
              <td class="govuk-table__cell">{formatLocalDate(locale, r.decidedOn)}</td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function StaffRemovalPage({ ctx, request, errors, values = {} }: Ctx & { request: OpenRemoval; errors?: FieldErrors | undefined; values?: Record<string, string> }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('register.staff.removal.title', { reference: request.reference })} current="register.staffRemovals" errors={errors}>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('register.field.name')}>{`${request.givenName} ${request.familyName}`}</SummaryRow>
        <SummaryRow label={t('register.staff.outcome')}>{`${formatLocalDate(locale, request.decidedOn)} — ${request.summary[locale]}`}</SummaryRow>
        <SummaryRow label={t('register.removal.statement')}>{request.statement}</SummaryRow>
      </dl>
      <Form action={href('register.staffRemoval', locale, { id: request.id })} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="outcome" value={values.outcome} label="register.staff.decision" kind="radios" errors={errors} options={[{ value: 'approve', label: t('register.staff.approve') }, { value: 'refuse', label: t('register.staff.refuse') }]} />
        <TextArea t={t} name="reason" label="register.staff.reason" value={values.reason} errors={errors} rows={4} />
        <Button>{t('register.staff.decide')}</Button>
      </Form>
    </StaffPage>
  );
}

type Client = { id: string; employer: string; keyPrefix: string; createdAt: Date; revokedAt: Date | null };

/** Employers' keys for bulk verification: a new key is shown here once, then only its first characters. */
export function StaffApiClientsPage({ ctx, clients, issuedKey, errors, notice }: Ctx & { clients: Client[]; issuedKey?: string | undefined; errors?: FieldErrors | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('register.staff.apiClients.title')} current="register.staffApiClients" notice={notice} errors={errors}>
      {issuedKey && <IssuedKey title={t('register.staff.apiClients.issued')} issuedKey={issuedKey} />}
      <p class="govuk-body">{t('register.staff.apiClients.lead')}</p>
      {clients.length > 0 && (
        <Table headers={[t('register.staff.employer'), t('register.staff.keyPrefix'), t('register.field.status'), { hidden: t('register.staff.revoke') }]}>
          {clients.map((c) => (
            <tr class="govuk-table__row" key={c.id}>
              <td class="govuk-table__cell">{c.employer}</td>
              <td class="govuk-table__cell">{`${c.keyPrefix}…`}</td>
              <td class="govuk-table__cell">{c.revokedAt ? t('register.staff.revoked') : t('register.staff.inUse')}</td>
              <td class="govuk-table__cell">
                {!c.revokedAt && (
                  <InlineForm action={href('register.staffApiClientRevoke', locale, { id: c.id })} csrfToken={ctx.csrfToken}>
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">{t('register.staff.revoke')}</button>
                  </InlineForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('register.staff.apiClients.new')}</h2>
      <Form action={href('register.staffApiClients', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="employer" label="register.staff.employer" errors={errors} />
        <Button>{t('register.staff.apiClients.submit')}</Button>
      </Form>
    </StaffPage>
  );
}
