/**
 * The renewal bench's data: `count` active registrations of one authority, each with its account
 * and approved application, whose validity ends between 60 and 89 days after `today` — the whole
 * season entering its 90-day window on the same morning. Deterministic, written by INSERT … SELECT
 * from generate_series in one transaction with foreign-key triggers off (consistent by construction).
 */
import { sql } from 'drizzle-orm';
import { addCalendarDays, type LocalDate } from '../src/platform/calendar.ts';
import { type Database, queryRows } from '../src/platform/db.ts';

export async function generateSeason(db: Database, authorityId: string, count: number, today: LocalDate, prefix = 'season'): Promise<{ categoryId: string; typeId: string }> {
  const [category] = await queryRows<{ id: string }>(db, sql`insert into registration_categories (authority_id, code, name, validity_months) values (${authorityId}, ${`${prefix}_category`}, ${JSON.stringify({ fr: 'Membre', en: 'Member' })}::jsonb, 24) returning id`);
  const [type] = await queryRows<{ id: string }>(
    db,
    sql`insert into application_types (authority_id, code, name, description, category_id, sections)
        values (${authorityId}, ${`${prefix}_type`}, ${JSON.stringify({ fr: 'Demande', en: 'Application' })}::jsonb, ${JSON.stringify({ fr: '', en: '' })}::jsonb, ${category!.id}, '{}') returning id`,
  );
  const id = (kind: string) => sql.raw(`md5('${prefix}-${kind}-' || i)::uuid`);
  const first = addCalendarDays(today, 60);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into accounts (id, authority_id, email, given_name, family_name, preferred_language)
      select ${id('account')}, ${authorityId}, ${prefix} || '-' || i || '@bench.guichet.ca', 'Renée', 'Lafleur-' || i, case when i % 3 = 0 then 'en' else 'fr' end
      from generate_series(1, ${count}) i`);
    await tx.execute(sql`
      insert into applications (id, authority_id, applicant_id, type_id, reference, status)
      select ${id('application')}, ${authorityId}, ${id('account')}, ${type!.id}, ${`DEM-${prefix}-`} || i, 'approved' from generate_series(1, ${count}) i`);
    await tx.execute(sql`
      insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code)
      select ${authorityId}, ${id('account')}, ${category!.id}, ${id('application')}, ${`${prefix.toUpperCase()}-`} || lpad(i::text, 7, '0'), 'active',
        ${first}::date - 730 + 1 + i % 30, ${first}::date + i % 30, ${`${prefix.toUpperCase()}`} || i
      from generate_series(1, ${count}) i`);
  });
  await db.execute(sql`analyze`);
  return { categoryId: category!.id, typeId: type!.id };
}
