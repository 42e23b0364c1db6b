/**
 * Benchmark data for casework: many open reviews in one authority, written by one statement each
 * (`insert … select generate_series`), so that 10,000 take well under a second to make. Used by
 * bench/casework.ts and by the staff queue page's bench.
 */
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../src/platform/db.ts';

/** The application types the seeded reviews cycle through, as licensing would copy them in. */
export const BENCH_REVIEW_TYPES = [
  { code: 'new_applicant', name: { fr: 'Première inscription', en: 'First registration' } },
  { code: 'transfer', name: { fr: 'Changement de catégorie', en: 'Category transfer' } },
  { code: 'reinstatement', name: { fr: 'Réintégration', en: 'Reinstatement' } },
] as const;

/**
 * `n` open reviews of `authorityId`, by `applicantId`, queued over the 90 days before `now` (the
 * oldest first): of every ten, seven queued, two picked up by one of `assigneeIds` in turn (queued
 * when none is given) and one waiting for the applicant; each with its `submitted` step. Returns
 * the ids of the reviews made, oldest first.
 */
export async function seedOpenReviews(
  db: Executor,
  authorityId: string,
  n: number,
  options: { applicantId: string; assigneeIds?: readonly string[]; now?: Date },
): Promise<string[]> {
  const now = options.now ?? new Date();
  const assignees = options.assigneeIds ?? [];
  const types = BENCH_REVIEW_TYPES;
  const spanMs = 90 * 24 * 60 * 60 * 1000;
  // Each row's kind (i % 10): 0–6 queued, 7–8 picked up, 9 waiting for the applicant.
  const rows = await queryRows<{ id: string; queued_at: string | Date }>(
    db,
    sql`insert into reviews (authority_id, subject_kind, subject_id, type_code, type_name, applicant_account_id, applicant_name,
                             status, assignee_id, first_submitted_at, queued_at, picked_up_at)
        select ${authorityId}, 'application', gen_random_uuid(),
               (${sql.param(types.map((t) => t.code))}::text[])[1 + i % ${types.length}],
               (${sql.param(types.map((t) => JSON.stringify(t.name)))}::jsonb[])[1 + i % ${types.length}],
               ${options.applicantId}, 'Bench applicant ' || i,
               case when i % 10 in (7, 8) and ${assignees.length} > 0 then 'picked_up' when i % 10 = 9 then 'waiting_for_applicant' else 'queued' end,
               case when i % 10 in (7, 8) and ${assignees.length} > 0 then (${sql.param([...assignees])}::uuid[])[1 + i % greatest(${assignees.length}, 1)] end,
               q.at, q.at,
               case when i % 10 in (7, 8) and ${assignees.length} > 0 then q.at end
          from generate_series(0, ${n - 1}) as i,
               lateral (select ${now.toISOString()}::timestamptz - make_interval(secs => ${spanMs / 1000} * (${n} - i)::float8 / ${n}) as at) q
        returning id, queued_at`,
  );
  const ids = rows.sort((a, b) => new Date(a.queued_at).getTime() - new Date(b.queued_at).getTime()).map((r) => r.id);
  await db.execute(
    sql`insert into review_steps (review_id, at, step, actor_id)
        select id, first_submitted_at, 'submitted', applicant_account_id from reviews where id = any(${sql.param(ids)}::uuid[])`,
  );
  return ids;
}
