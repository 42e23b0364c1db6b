import { randomBytes } from 'node:crypto';
import { apiKeyHash, newApiKey } from '../platform/secrets.ts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { mailFromPortal } from '../authorities/index.ts';
import type { CaseworkService } from '../casework/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import { type LocalDate, today } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { type Database, queryRows } from '../platform/db.ts';
import { type Bilingual, type Locale, translator } from '../platform/i18n/index.ts';
import type { Mailer } from '../mail/index.ts';
import { href } from '../platform/paths.ts';
import type { Origin } from '../platform/origin.ts';
import { canDecideRemoval, canManageRegister } from './policies.ts';
import { entryOf, type SearchCriteria, searchEntries } from './queries.ts';
import { type OutcomeKind, registerApiClients, registerExports, registerOutcomes, registerRemovalRequests, type RemovalPolicy } from './schema.ts';
import type { Entry, SearchQuery, VerificationAnswer } from './schemas.ts';
import { removalTransitions } from './states.ts';
import { toCsv } from './export.ts';

/** What the search field holds: a registration number (2026-00042) or a name. */
const NUMBER = /^\d{4}-?\d{1,6}$/;
/** A Canadian forward sortation area: letter, digit, letter (the rest of a postal code is ignored). */
const POSTAL_AREA = /^[A-Za-z]\d[A-Za-z]/;

/** The form's fields as criteria: the number or the name, the postal area or the city. */
export function criteriaOf(query: SearchQuery): SearchCriteria {
  const q = query.q;
  const number = q && NUMBER.test(q) ? (q.includes('-') ? q : `${q.slice(0, 4)}-${q.slice(4)}`) : undefined;
  const place = query.place;
  const postalArea = place && POSTAL_AREA.test(place) ? place.slice(0, 3).toUpperCase() : undefined;
  return { number, name: number ? undefined : q, postalArea, city: postalArea ? undefined : place, language: query.language, category: query.category, page: query.page };
}

const REMOVAL_KIND = 'register_removal';
const removalTypeName: Bilingual = { fr: 'Retrait d’une décision du tableau', en: 'Removal of an outcome from the register' };

/** An employer's key: a prefix to recognise it by, then 32 random bytes. */

export function createRegisterService(deps: { db: Database; clock: Clock; casework: CaseworkService; mailer: Mailer; publicUrl: URL }) {
  const { db, clock, casework } = deps;
  const day = (): LocalDate => today(clock);

  return {
    /** A page of results, or null when the search names no one in particular (no "everyone" query). */
    search(authorityId: string, query: SearchQuery) {
      return searchEntries(db, authorityId, criteriaOf(query), day());
    },

    entry(authorityId: string, number: string): Promise<Entry | null> {
      return entryOf(db, authorityId, number, day());
    },

    /** Each number's status, in the order sent; a number the register does not publish says so. */
    async verify(authorityId: string, numbers: readonly string[]): Promise<VerificationAnswer> {
      const on = day();
      const rows = await queryRows<{ number: string; status: 'active' | 'expired' | 'revoked'; validUntil: string | null; category: Bilingual }>(
        db,
        sql`select upper(r.number) as number, case when r.status = 'revoked' then 'revoked' when r.valid_until < ${on} then 'expired' else 'active' end as status,
              r.valid_until::text as "validUntil", c.name as category
            from registrations r join registration_categories c on c.id = r.category_id
            where r.authority_id = ${authorityId} and r.status <> 'pending' and upper(r.number) = any(${sql.param(numbers.map((n) => n.trim().toUpperCase()))}::text[])`,
      );
      const byNumber = new Map(rows.map((r) => [r.number, r]));
      return {
        results: numbers.map((number) => {
          const found = byNumber.get(number.trim().toUpperCase());
          return found ? { number, found: true, status: found.status, validUntil: found.validUntil, category: found.category } : { number, found: false, status: null, validUntil: null, category: null };
        }),
      };
    },

    outcomes: {
      /** Staff add an outcome to a published entry; `not_found` when the number is not on the register. */
      async add(
        staff: StaffActor,
        input: { number: string; kind: OutcomeKind; decidedOn: string; summary: Bilingual; removalPolicy: RemovalPolicy; publishedUntil: string | null },
        origin: Origin,
      ): Promise<'added' | 'not_found' | 'forbidden'> {
        if (!canManageRegister(staff, staff.staffAuthorityId)) return 'forbidden';
        const now = clock.now();
        return db.transaction(async (tx) => {
          const [registration] = await queryRows<{ accountId: string; number: string }>(
            tx,
            sql`select account_id as "accountId", number from registrations where authority_id = ${staff.staffAuthorityId} and upper(number) = upper(${input.number}) and status <> 'pending'`,
          );
          if (!registration) return 'not_found';
          const [row] = await tx
            .insert(registerOutcomes)
            .values({
              authorityId: staff.staffAuthorityId,
              accountId: registration.accountId,
              kind: input.kind,
              decidedOn: input.decidedOn,
              summary: input.summary,
              removalPolicy: input.removalPolicy,
              publishedUntil: input.removalPolicy === 'until_date' ? input.publishedUntil : null,
              createdBy: staff.id,
              createdAt: now,
            })
            .returning({ id: registerOutcomes.id });
          await recordEvent(tx, {
            authorityId: staff.staffAuthorityId,
            event: 'register_outcome_added',
            actorId: staff.id,
            subjectId: registration.accountId,
            origin,
            at: now,
            details: { outcomeId: row!.id, kind: input.kind, registrationNumber: registration.number, removalPolicy: input.removalPolicy },
          });
          return 'added';
        });
      },

      /** A registrant's own outcomes still on the register, each with its open removal request if any. */
      async mine(accountId: string) {
        const on = day();
        return queryRows<{ id: string; kind: OutcomeKind; decidedOn: string; summary: Bilingual; removalPolicy: RemovalPolicy; publishedUntil: string | null; requestStatus: string | null; requestReference: string | null }>(
          db,
          sql`select o.id, o.kind, o.decided_on::text as "decidedOn", o.summary, o.removal_policy as "removalPolicy", o.published_until::text as "publishedUntil",
                q.status as "requestStatus", q.reference as "requestReference"
              from register_outcomes o
              left join lateral (select status, reference from register_removal_requests q where q.outcome_id = o.id order by q.created_at desc limit 1) q on true
              where o.account_id = ${accountId} and o.removed_at is null and (o.removal_policy <> 'until_date' or o.published_until >= ${on})
              order by o.decided_on desc`,
        );
      },
    },

    removals: {
      /**
       * The registrant asks for their outcome to be removed, with their case: a review in the
       * authority's queue. Only an outcome whose policy allows it (on request) and none already open.
       */
      async request(account: { id: string; givenName: string; familyName: string }, outcomeId: string, statement: string, origin: Origin): Promise<{ reference: string } | 'not_found' | 'not_allowed'> {
        const now = clock.now();
        return db.transaction(async (tx) => {
          const [outcome] = await tx.select().from(registerOutcomes).where(and(eq(registerOutcomes.id, outcomeId), eq(registerOutcomes.accountId, account.id), isNull(registerOutcomes.removedAt))).for('update');
          if (!outcome) return 'not_found';
          if (outcome.removalPolicy !== 'on_request') return 'not_allowed';
          const [open] = await tx.select({ id: registerRemovalRequests.id }).from(registerRemovalRequests).where(and(eq(registerRemovalRequests.outcomeId, outcomeId), eq(registerRemovalRequests.status, 'submitted')));
          if (open) return 'not_allowed';
          const reference = `RET-${now.getUTCFullYear()}-${randomBytes(3).toString('hex').toUpperCase()}`;
          const [row] = await tx
            .insert(registerRemovalRequests)
            .values({ authorityId: outcome.authorityId, outcomeId, accountId: account.id, reference, statement, status: 'submitted', createdAt: now })
            .returning({ id: registerRemovalRequests.id });
          const opened = await casework.open(tx, {
            authorityId: outcome.authorityId,
            subjectKind: REMOVAL_KIND,
            subjectId: row!.id,
            subjectReference: reference,
            typeCode: REMOVAL_KIND,
            typeName: removalTypeName,
            applicantId: account.id,
            applicantName: `${account.givenName} ${account.familyName}`,
            at: now,
          });
          if (opened === 'not_allowed') throw new Error('a new removal request already had a review');
          await recordEvent(tx, { authorityId: outcome.authorityId, event: 'register_removal_requested', actorId: account.id, subjectId: account.id, origin, at: now, details: { requestId: row!.id, outcomeId, reference } });
          return { reference };
        });
      },

      /** The authority's open removal requests with the outcome and the registrant's case. */
      async open(authorityId: string) {
        return queryRows<{ id: string; reference: string; statement: string; createdAt: Date; givenName: string; familyName: string; summary: Bilingual; decidedOn: string }>(
          db,
          sql`select q.id, q.reference, q.statement, q.created_at as "createdAt", a.given_name as "givenName", a.family_name as "familyName", o.summary, o.decided_on::text as "decidedOn"
              from register_removal_requests q join register_outcomes o on o.id = q.outcome_id join accounts a on a.id = q.account_id
              where q.authority_id = ${authorityId} and q.status = 'submitted' order by q.created_at`,
        );
      },

      /**
       * A registrar decides: approval takes the outcome off the register (kept in the table, with
       * the date), refusal keeps it, with reasons. The review is picked up and decided in the same
       * transaction, so the registrant's timeline shows who decided and when.
       */
      async decide(staff: StaffActor, requestId: string, input: { outcome: 'approve' | 'refuse'; reason: string }, origin: Origin): Promise<'decided' | 'not_found' | 'forbidden' | 'not_allowed' | 'reason_required'> {
        if (!canDecideRemoval(staff, staff.staffAuthorityId)) return 'forbidden';
        if (input.outcome === 'refuse' && input.reason.trim() === '') return 'reason_required';
        const now = clock.now();
        return db.transaction(async (tx) => {
          const [request] = await tx.select().from(registerRemovalRequests).where(and(eq(registerRemovalRequests.id, requestId), eq(registerRemovalRequests.authorityId, staff.staffAuthorityId))).for('update');
          if (!request) return 'not_found';
          const rule = removalTransitions.check(request.status, input.outcome, staff.authorityRoles);
          if (rule === 'forbidden') return 'forbidden';
          if (rule === 'not_allowed_from') return 'not_allowed';
          const review = await casework.bySubject(REMOVAL_KIND, request.id, tx);
          if (!review) throw new Error('a removal request without its review');
          if (review.status === 'queued' && (await casework.pickUp(tx, { reviewId: review.id, staff, at: now, origin })) !== 'ok') return 'not_allowed';
          const decided = await casework.decide(tx, { reviewId: review.id, staff, outcome: rule.to, message: input.reason || undefined, at: now });
          if (decided !== 'ok') return decided === 'not_found' ? 'not_found' : decided === 'forbidden' ? 'forbidden' : 'not_allowed';
          await tx.update(registerRemovalRequests).set({ status: rule.to, decisionReason: input.reason || null, decidedAt: now }).where(eq(registerRemovalRequests.id, request.id));
          if (rule.to === 'approved') await tx.update(registerOutcomes).set({ removedAt: now }).where(eq(registerOutcomes.id, request.outcomeId));
          const base = { authorityId: request.authorityId, actorId: staff.id, subjectId: request.accountId, origin, at: now };
          if (rule.event === 'register_removal_approved') await recordEvent(tx, { ...base, event: 'register_removal_approved', details: { requestId: request.id, outcomeId: request.outcomeId, reference: request.reference } });
          else await recordEvent(tx, { ...base, event: 'register_removal_refused', details: { requestId: request.id, outcomeId: request.outcomeId, reference: request.reference, reason: input.reason } });
          const [person] = await queryRows<{ email: string; givenName: string; locale: Locale }>(tx, sql`select email, given_name as "givenName", preferred_language as locale from accounts where id = ${request.accountId}`);
          if (person) {
            const t = translator(person.locale);
            await mailFromPortal(tx, deps.mailer, deps.publicUrl, { authorityId: request.authorityId }, {
              accountId: request.accountId,
              to: person.email,
              locale: person.locale,
              template: 'registerRemovalDecided',
              name: person.givenName,
              path: href('register.mine', person.locale),
              detail: rule.to === 'approved' ? t('register.mail.approved', { reference: request.reference }) : t('register.mail.refused', { reference: request.reference, reason: input.reason }),
              at: now,
            });
          }
          return 'decided';
        });
      },
    },

    apiClients: {
      /** Issues an employer's key: the key itself is returned once, only its hash is kept. */
      async issue(staff: StaffActor, employer: string, origin: Origin): Promise<{ key: string } | 'forbidden'> {
        if (!canManageRegister(staff, staff.staffAuthorityId)) return 'forbidden';
        const { key, keyHash, keyPrefix } = newApiKey('grv', 10);
        const now = clock.now();
        await db.transaction(async (tx) => {
          const [row] = await tx.insert(registerApiClients).values({ authorityId: staff.staffAuthorityId, employer, keyPrefix, keyHash, createdBy: staff.id, createdAt: now }).returning({ id: registerApiClients.id });
          await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'register_api_client_issued', actorId: staff.id, subjectId: null, origin, at: now, details: { clientId: row!.id, employer, keyPrefix } });
        });
        return { key };
      },

      async revoke(staff: StaffActor, clientId: string, origin: Origin): Promise<'revoked' | 'not_found' | 'forbidden'> {
        if (!canManageRegister(staff, staff.staffAuthorityId)) return 'forbidden';
        const now = clock.now();
        return db.transaction(async (tx) => {
          const [row] = await tx
            .update(registerApiClients)
            .set({ revokedAt: now })
            .where(and(eq(registerApiClients.id, clientId), eq(registerApiClients.authorityId, staff.staffAuthorityId), isNull(registerApiClients.revokedAt)))
            .returning();
          if (!row) return 'not_found';
          await recordEvent(tx, { authorityId: row.authorityId, event: 'register_api_client_revoked', actorId: staff.id, subjectId: null, origin, at: now, details: { clientId: row.id, employer: row.employer, keyPrefix: row.keyPrefix } });
          return 'revoked';
        });
      },

      list(authorityId: string) {
        return db.select({ id: registerApiClients.id, employer: registerApiClients.employer, keyPrefix: registerApiClients.keyPrefix, createdAt: registerApiClients.createdAt, revokedAt: registerApiClients.revokedAt }).from(registerApiClients).where(eq(registerApiClients.authorityId, authorityId)).orderBy(desc(registerApiClients.createdAt));
      },

      /** The authority a Bearer key verifies for, or null (unknown or revoked). */
      async authenticate(key: string): Promise<string | null> {
        const [row] = await db.select({ authorityId: registerApiClients.authorityId }).from(registerApiClients).where(and(eq(registerApiClients.keyHash, apiKeyHash(key)), isNull(registerApiClients.revokedAt)));
        return row?.authorityId ?? null;
      },
    },

    exports: {
      /**
       * Today's open-data files for every authority with a published entry, each entry through
       * the same projection as the page and the API (so the same withholdings); a day already
       * written is kept as it was (the job may run again).
       */
      async generate(): Promise<number> {
        const on = day();
        const authorities = await queryRows<{ authorityId: string }>(db, sql`select distinct authority_id as "authorityId" from registrations where status <> 'pending'`);
        let written = 0;
        for (const { authorityId } of authorities) {
          const [done] = await db.select({ id: registerExports.id }).from(registerExports).where(and(eq(registerExports.authorityId, authorityId), eq(registerExports.generatedOn, on)));
          if (done) continue;
          const numbers = await queryRows<{ number: string }>(db, sql`select number from registrations where authority_id = ${authorityId} and status <> 'pending' order by number`);
          const entries: Entry[] = [];
          for (const { number } of numbers) {
            const entry = await entryOf(db, authorityId, number, on);
            if (entry) entries.push(entry);
          }
          const inserted = await db
            .insert(registerExports)
            .values({ authorityId, generatedOn: on, entries: entries.length, csv: toCsv(entries), json: JSON.stringify({ generatedOn: on, entries }), createdAt: clock.now() })
            .onConflictDoNothing()
            .returning({ id: registerExports.id });
          written += inserted.length;
        }
        return written;
      },

      /** The latest file of an authority (its date and size), or null before the first run. */
      async latest(authorityId: string) {
        const [row] = await db.select({ generatedOn: registerExports.generatedOn, entries: registerExports.entries }).from(registerExports).where(eq(registerExports.authorityId, authorityId)).orderBy(desc(registerExports.generatedOn)).limit(1);
        return row ?? null;
      },

      async file(authorityId: string, format: 'csv' | 'json'): Promise<{ generatedOn: string; body: string } | null> {
        const [row] = await db.select({ generatedOn: registerExports.generatedOn, csv: registerExports.csv, json: registerExports.json }).from(registerExports).where(eq(registerExports.authorityId, authorityId)).orderBy(desc(registerExports.generatedOn)).limit(1);
        return row ? { generatedOn: row.generatedOn, body: format === 'csv' ? row.csv : row.json } : null;
      },
    },
  };
}

export type RegisterService = ReturnType<typeof createRegisterService>;
