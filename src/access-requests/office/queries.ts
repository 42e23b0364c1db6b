import { sql } from 'drizzle-orm';
import { type LocalDate } from '../../platform/calendar.ts';
import { type Executor, queryRows } from '../../platform/db.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import { type Act, acts, type Disposition, dispositions, type ExtensionReason, extensionReasons, type FeeStatus, type RequesterCategory, requesterCategories } from '../states.ts';

/** The fee states a period counts (a Privacy Act request has none). */
export const countedFees = ['due', 'paid', 'waived', 'refunded'] as const satisfies readonly FeeStatus[];

/** One act's figures for a period: what the annual statistical report asks of an institution. */
export interface ActStatistics {
  act: Act;
  /** Outstanding from before the period: received before it and not closed before it. */
  outstandingAtStart: number;
  /** Received in the period (the day the clock started: submission, or the day the fee was settled). */
  received: number;
  closed: number;
  /** Closed by their due day (a request closed without a due day, abandoned awaiting its fee, is on time). */
  closedOnTime: number;
  closedLate: number;
  /** Carried over: received by the end of the period and still open at its end. */
  carriedOver: number;
  /** Extensions taken in the period, by reason: how many, and on how many requests. */
  extensions: Record<string, { taken: number; requests: number; days: number }>;
  commissionerNotices: number;
  consultationsSent: number;
  consultationsAnswered: number;
  /** Consultations still unanswered past their due day at the end of the period (or today, if earlier). */
  consultationsOverdue: number;
  dispositions: Record<Disposition, number>;
  pagesReleased: number;
  transferredOut: number;
  /** The fee of the requests submitted in the period. */
  fees: Record<(typeof countedFees)[number], number>;
  /** The requesters of the requests received in the period. */
  categories: Record<RequesterCategory, number>;
}

type Metric = { act: Act; metric: string; key: string | null; n: number };

const empty = (act: Act): ActStatistics => ({
  act,
  outstandingAtStart: 0,
  received: 0,
  closed: 0,
  closedOnTime: 0,
  closedLate: 0,
  carriedOver: 0,
  extensions: Object.fromEntries(extensionReasons[act].map((r) => [r, { taken: 0, requests: 0, days: 0 }])),
  commissionerNotices: 0,
  consultationsSent: 0,
  consultationsAnswered: 0,
  consultationsOverdue: 0,
  dispositions: Object.fromEntries(dispositions.map((d) => [d, 0])) as Record<Disposition, number>,
  pagesReleased: 0,
  transferredOut: 0,
  fees: Object.fromEntries(countedFees.map((f) => [f, 0])) as ActStatistics['fees'],
  categories: Object.fromEntries(requesterCategories.map((c) => [c, 0])) as Record<RequesterCategory, number>,
});

const simple = ['outstandingAtStart', 'received', 'closed', 'closedOnTime', 'closedLate', 'carriedOver', 'commissionerNotices', 'consultationsSent', 'consultationsAnswered', 'consultationsOverdue', 'pagesReleased', 'transferredOut'] as const;

/**
 * The institution's statistics for the days `from` to `to` (inclusive), per act, in ONE query:
 * one pass over the institution's requests (grouping sets: per act, and per act and disposition,
 * requester category, fee), plus its extensions, notices, consultations and the transfers out of
 * it, as long rows (act, figure, key, n) put together here. Timestamps count on their day in
 * America/Toronto.
 */
export async function statistics(db: Executor, organizationId: string, from: LocalDate, to: LocalDate, today: LocalDate): Promise<ActStatistics[]> {
  const asOf = to < today ? to : today;
  const rows = await queryRows<Metric>(
    db,
    sql`
    with g as (
      select act, disposition, requester_category, fee_status,
        grouping(disposition) as gd, grouping(requester_category) as gc, grouping(fee_status) as gf,
        count(*) filter (where received_on < ${from}::date and (closed_on is null or closed_on >= ${from}::date)) as outstanding,
        count(*) filter (where received_on between ${from}::date and ${to}::date) as received,
        count(*) filter (where closed_on between ${from}::date and ${to}::date) as closed,
        count(*) filter (where closed_on between ${from}::date and ${to}::date and (due_on is null or closed_on <= due_on)) as on_time,
        count(*) filter (where closed_on between ${from}::date and ${to}::date and closed_on > due_on) as late,
        count(*) filter (where received_on <= ${to}::date and (closed_on is null or closed_on > ${to}::date)) as carried,
        coalesce(sum(pages_released) filter (where closed_on between ${from}::date and ${to}::date), 0) as pages,
        count(*) filter (where (submitted_at at time zone 'America/Toronto')::date between ${from}::date and ${to}::date) as submitted
      from access_requests
      where organization_id = ${organizationId}
      group by grouping sets ((act), (act, disposition), (act, requester_category), (act, fee_status))
    ), r as (
      select id, act from access_requests where organization_id = ${organizationId}
    )
    select g.act, v.metric, v.key, v.n::int as n
    from g cross join lateral (values
      ('outstandingAtStart', null::text, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.outstanding end),
      ('received', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.received end),
      ('closed', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.closed end),
      ('closedOnTime', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.on_time end),
      ('closedLate', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.late end),
      ('carriedOver', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.carried end),
      ('pagesReleased', null, case when g.gd = 1 and g.gc = 1 and g.gf = 1 then g.pages end),
      ('disposition', g.disposition, case when g.gd = 0 and g.disposition is not null then g.closed end),
      ('category', g.requester_category, case when g.gc = 0 then g.received end),
      ('fee', g.fee_status, case when g.gf = 0 then g.submitted end)
    ) as v(metric, key, n)
    where v.n > 0
    union all
    select r.act, m.metric, e.reason, case m.metric when 'extensionTaken' then count(*) when 'extensionRequests' then count(distinct r.id) else sum(e.days) end::int
    from access_extensions e
    join r on r.id = e.request_id
    cross join (values ('extensionTaken'), ('extensionRequests'), ('extensionDays')) as m(metric)
    where e.taken_on between ${from}::date and ${to}::date
    group by r.act, m.metric, e.reason
    union all
    select r.act, 'commissionerNotices', null, count(*)::int
    from access_notices n
    join r on r.id = n.request_id
    where n.kind = 'commissioner' and (n.sent_at at time zone 'America/Toronto')::date between ${from}::date and ${to}::date
    group by r.act
    union all
    select r.act, v.metric, null, sum(v.n)::int
    from access_consultations c
    join r on r.id = c.request_id
    cross join lateral (values
      ('consultationsSent', case when c.sent_on between ${from}::date and ${to}::date then 1 else 0 end),
      ('consultationsAnswered', case when c.answered_on between ${from}::date and ${to}::date then 1 else 0 end),
      ('consultationsOverdue', case when c.sent_on <= ${to}::date and c.due_on < ${asOf}::date and (c.status = 'sent' or c.answered_on > ${asOf}::date) then 1 else 0 end)
    ) as v(metric, n)
    where v.n > 0
    group by r.act, v.metric
    union all
    select ar.act, 'transferredOut', null, count(*)::int
    from access_transfers t
    join access_requests ar on ar.id = t.request_id
    where t.from_organization_id = ${organizationId} and t.to_organization_id <> ${organizationId}
      and (t.transferred_at at time zone 'America/Toronto')::date between ${from}::date and ${to}::date
    group by ar.act`,
  );
  const byAct = new Map(acts.map((a) => [a, empty(a)]));
  for (const row of rows) {
    const s = byAct.get(row.act);
    if (!s) continue;
    const n = Number(row.n);
    if ((simple as readonly string[]).includes(row.metric)) s[row.metric as (typeof simple)[number]] += n;
    else if (row.metric === 'disposition' && row.key) s.dispositions[row.key as Disposition] = n;
    else if (row.metric === 'category' && row.key) s.categories[row.key as RequesterCategory] = n;
    else if (row.metric === 'fee' && row.key && row.key in s.fees) s.fees[row.key as (typeof countedFees)[number]] = n;
    else if (row.metric.startsWith('extension') && row.key) {
      const e = (s.extensions[row.key as ExtensionReason] ??= { taken: 0, requests: 0, days: 0 });
      if (row.metric === 'extensionTaken') e.taken = n;
      else if (row.metric === 'extensionRequests') e.requests = n;
      else e.days = n;
    }
  }
  return [...byAct.values()];
}

/** One completed access request as open.canada.ca publishes it. */
export interface SummaryRow {
  year: number;
  month: number;
  number: string;
  summaryEn: string | null;
  summaryFr: string | null;
  disposition: Disposition;
  pages: number;
  closedOn: string;
}

/**
 * The access requests the institution closed in the months `fromMonth` to `toMonth` (YYYY-MM,
 * inclusive), by month and number. Only requests under the Access to Information Act: a Privacy
 * Act request is the requester's own information and is never published. With `perMonth`, at
 * most that many of each month (the page; the file has them all), each row saying its month's total.
 */
export async function completedRequests(db: Executor, organizationId: string, fromMonth: string, toMonth: string, perMonth: number | null = null): Promise<(SummaryRow & { monthTotal: number })[]> {
  const rows = await queryRows<{ year: number; month: number; number: string; summaryEn: string | null; summaryFr: string | null; disposition: Disposition; pages: number | null; closedOn: string; monthTotal: number }>(
    db,
    sql`
    select year, month, number, "summaryEn", "summaryFr", disposition, pages, "closedOn", "monthTotal" from (
      select extract(year from closed_on)::int as year, extract(month from closed_on)::int as month, number,
        summary_en as "summaryEn", summary_fr as "summaryFr", disposition, pages_released as pages, closed_on::text as "closedOn",
        row_number() over (partition by date_trunc('month', closed_on) order by closed_on, number) as rn,
        count(*) over (partition by date_trunc('month', closed_on))::int as "monthTotal"
      from access_requests
      where organization_id = ${organizationId} and act = 'access' and status = 'closed'
        and closed_on >= ${`${fromMonth}-01`}::date and closed_on < (${`${toMonth}-01`}::date + interval '1 month')
    ) c
    where ${perMonth === null ? sql`true` : sql`rn <= ${perMonth}`}
    order by "closedOn", number`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month), pages: Number(r.pages ?? 0), monthTotal: Number(r.monthTotal) }));
}

/** The institution's name, for the summaries' owner columns. */
export async function institutionName(db: Executor, organizationId: string): Promise<Bilingual | null> {
  const [row] = await queryRows<{ name: Bilingual }>(db, sql`select name from organizations where id = ${organizationId}`);
  return row?.name ?? null;
}
