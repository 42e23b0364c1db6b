import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { organizationKinds, organizations } from '../../organizations/index.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import { type Executor, queryRows } from '../../platform/db.ts';
import { PTPHA_KIND } from '../core.ts';
import { complianceReports, documentRequests, surveillanceCases } from '../schema.ts';
import { type CaseStatus, openStatuses } from '../states.ts';

/**
 * The province a case counts under on the department's pages: that of the PTPHA it is with now
 * (after a transfer the residential address on the notice is the old one), or the notice's own
 * province while it is not routed.
 */
const provinceNow = sql<string | null>`coalesce(${organizations.province}, ${surveillanceCases.province})`;

export interface CaseFilters {
  status?: CaseStatus | undefined;
  province?: string | undefined;
  organizationId?: string | undefined;
  overdue?: boolean | undefined;
}

/** Past its due day and not yet assessed (a compliant report closes the clock; an unrouted case has no PTPHA to blame yet). */
const overdueWhere = (today: LocalDate) => and(lt(surveillanceCases.dueOn, today), inArray(surveillanceCases.status, [...openStatuses]));

export const PAGE_SIZE = 50;

/** The department's list: every case of the authority, across its PTPHAs, newest notice first. */
export async function listCases(db: Executor, authorityId: string, f: CaseFilters, today: LocalDate, page: number) {
  const where: (SQL | undefined)[] = [eq(surveillanceCases.authorityId, authorityId)];
  if (f.status) where.push(eq(surveillanceCases.status, f.status));
  if (f.province) where.push(sql`${provinceNow} = ${f.province}`);
  if (f.organizationId) where.push(eq(surveillanceCases.organizationId, f.organizationId));
  if (f.overdue) where.push(overdueWhere(today));
  const rows = await db
    .select({
      id: surveillanceCases.id,
      noticeNumber: surveillanceCases.noticeNumber,
      givenNames: surveillanceCases.givenNames,
      familyName: surveillanceCases.familyName,
      status: surveillanceCases.status,
      code: surveillanceCases.code,
      arrivalDate: surveillanceCases.arrivalDate,
      dueOn: surveillanceCases.dueOn,
      province: provinceNow,
      organization: organizations.name,
    })
    .from(surveillanceCases)
    .leftJoin(organizations, eq(organizations.id, surveillanceCases.organizationId))
    .where(and(...where))
    .orderBy(desc(surveillanceCases.receivedAt), asc(surveillanceCases.noticeNumber))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE };
}

/** Cases by status and province, for the count table above the list. */
export function countsByStatusAndProvince(db: Executor, authorityId: string) {
  return db
    .select({ status: surveillanceCases.status, province: provinceNow, n: sql<number>`count(*)::int` })
    .from(surveillanceCases)
    .leftJoin(organizations, eq(organizations.id, surveillanceCases.organizationId))
    .where(eq(surveillanceCases.authorityId, authorityId))
    .groupBy(surveillanceCases.status, provinceNow);
}

/** The authority's approved PTPHAs (for the filter and the transfer), by province. */
export function ptphas(db: Executor, authorityId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, province: organizations.province })
    .from(organizations)
    .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
    .where(and(eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, PTPHA_KIND), eq(organizations.status, 'approved')))
    .orderBy(asc(organizations.province), asc(organizations.createdAt));
}


/** The open document requests of every case, the earliest due day (so the overdue ones) first. */
export function openRequests(db: Executor, authorityId: string) {
  return db
    .select({ id: documentRequests.id, caseId: documentRequests.caseId, noticeNumber: surveillanceCases.noticeNumber, dueOn: documentRequests.dueOn, requestedAt: documentRequests.requestedAt, organization: organizations.name })
    .from(documentRequests)
    .innerJoin(surveillanceCases, eq(surveillanceCases.id, documentRequests.caseId))
    .innerJoin(organizations, eq(organizations.id, documentRequests.organizationId))
    .where(and(eq(surveillanceCases.authorityId, authorityId), eq(documentRequests.status, 'open')))
    .orderBy(asc(documentRequests.dueOn), asc(documentRequests.requestedAt));
}

/**
 * The latest reports of every case: first the "moved" reports the department has still to act on
 * (the case's newest report, and the case still "moved"), then the rest, newest first.
 */
export function latestReports(db: Executor, authorityId: string, limit = 100) {
  const awaiting = sql<boolean>`(${complianceReports.status} = 'moved' and ${surveillanceCases.status} = 'moved' and not exists (
    select 1 from surveillance_compliance_reports later where later.case_id = ${complianceReports.caseId} and later.sent_at > ${complianceReports.sentAt}))`;
  return db
    .select({
      id: complianceReports.id,
      caseId: complianceReports.caseId,
      noticeNumber: surveillanceCases.noticeNumber,
      status: complianceReports.status,
      statusOn: complianceReports.statusOn,
      movedToProvince: complianceReports.movedToProvince,
      sentAt: complianceReports.sentAt,
      organization: organizations.name,
      awaiting,
    })
    .from(complianceReports)
    .innerJoin(surveillanceCases, eq(surveillanceCases.id, complianceReports.caseId))
    .innerJoin(organizations, eq(organizations.id, complianceReports.organizationId))
    .where(eq(surveillanceCases.authorityId, authorityId))
    .orderBy(desc(awaiting), desc(complianceReports.sentAt))
    .limit(limit);
}

/** The staff card's three numbers. */
export async function cardCounts(db: Executor, authorityId: string, today: LocalDate): Promise<{ requests: number; moved: number; overdue: number }> {
  const [row] = await db
    .select({
      moved: sql<number>`count(*) filter (where ${surveillanceCases.status} = 'moved')::int`,
      overdue: sql<number>`count(*) filter (where ${overdueWhere(today)})::int`,
      requests: sql<number>`(select count(*) from surveillance_document_requests r join surveillance_cases rc on rc.id = r.case_id where rc.authority_id = ${authorityId} and r.status = 'open')::int`,
    })
    .from(surveillanceCases)
    .where(eq(surveillanceCases.authorityId, authorityId));
  return row ?? { requests: 0, moved: 0, overdue: 0 };
}

/** Another PTPHA than the case's (a transfer's target), approved, of this authority. */
export const otherPtphas = async (db: Executor, authorityId: string, currentId: string | null) => (await ptphas(db, authorityId)).filter((p) => p.id !== currentId);

// ------------------------------------------------------------------ Figures

/** One line of the figures: a province (null: cases with no province), or the overall line. */
export interface FiguresRow {
  province: string | null;
  overall: boolean;
  cases: number;
  /** Routine cases with a first compliant report by their due day, of those due by today or reported. */
  routineInTime: number;
  routineCounted: number;
  urgentInTime: number;
  urgentCounted: number;
  /** Cases with a contact attempt, and the median days from receipt of the notice to the first one. */
  contacted: number;
  medianDaysToContact: number | null;
  /** Assessed within 90 days of arrival, of the cases that arrived at least 90 days ago; same for a year. */
  assessed90: number;
  counted90: number;
  assessed365: number;
  counted365: number;
}

/**
 * The department's figures for the cases that arrived between `from` and `to` (inclusive), by
 * province (that of the PTPHA holding the case now, as everywhere on its pages) and overall, in
 * one query. A case counts toward "compliance within the limit" once its due day has passed or it
 * has been reported compliant (a case not yet due is neither late nor on time). "Assessed" is the
 * earlier of the follow-up's assessment day and the first compliant report's status day.
 */
export async function figures(db: Executor, authorityId: string, from: LocalDate, to: LocalDate, today: LocalDate): Promise<FiguresRow[]> {
  const rows = await queryRows<Omit<FiguresRow, 'overall'> & { overall: boolean | number }>(
    db,
    sql`
    with c as (
      select
        coalesce(o.province, sc.province) as province,
        sc.code,
        sc.arrival_date,
        sc.due_on,
        (sc.received_at at time zone 'America/Toronto')::date as received_on,
        (select min(r.sent_at) from surveillance_compliance_reports r where r.case_id = sc.id and r.status = 'compliant') as compliant_at,
        (select min(r.status_on) from surveillance_compliance_reports r where r.case_id = sc.id and r.status = 'compliant') as compliant_on,
        (select min(ct.attempted_on) from surveillance_case_contacts ct where ct.case_id = sc.id) as first_contact_on,
        f.assessment_on
      from surveillance_cases sc
      left join organizations o on o.id = sc.organization_id
      left join surveillance_case_follow_ups f on f.case_id = sc.id
      where sc.authority_id = ${authorityId} and sc.arrival_date between ${from}::date and ${to}::date
    ), m as (
      select c.*,
        least(c.assessment_on, c.compliant_on) as assessed_on,
        (c.compliant_at at time zone 'America/Toronto')::date <= c.due_on as in_time,
        (c.due_on < ${today}::date or c.compliant_at is not null) as counted,
        c.arrival_date + 90 <= ${today}::date as old90,
        (c.arrival_date + interval '1 year')::date <= ${today}::date as old365
      from c
    )
    select
      province,
      grouping(province) = 1 as overall,
      count(*)::int as cases,
      count(*) filter (where code = 'routine' and counted and in_time)::int as "routineInTime",
      count(*) filter (where code = 'routine' and counted)::int as "routineCounted",
      count(*) filter (where code = 'urgent' and counted and in_time)::int as "urgentInTime",
      count(*) filter (where code = 'urgent' and counted)::int as "urgentCounted",
      count(first_contact_on)::int as contacted,
      (percentile_cont(0.5) within group (order by first_contact_on - received_on))::float8 as "medianDaysToContact",
      count(*) filter (where old90 and assessed_on <= arrival_date + 90)::int as assessed90,
      count(*) filter (where old90)::int as counted90,
      count(*) filter (where old365 and assessed_on <= (arrival_date + interval '1 year')::date)::int as assessed365,
      count(*) filter (where old365)::int as counted365
    from m
    group by grouping sets ((province), ())
    order by grouping(province), province nulls last`,
  );
  return rows.map((r) => ({ ...r, overall: r.overall === true || r.overall === 1, medianDaysToContact: r.medianDaysToContact === null ? null : Number(r.medianDaysToContact) }));
}

