import { randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import { localDateAt, type LocalDate } from '../../platform/calendar.ts';
import type { Executor } from '../../platform/db.ts';
import { portalOf } from '../../authorities/index.ts';
import { accounts } from '../../identity/index.ts';
import type { Bilingual, Locale } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { portalUrl } from '../../platform/portal.ts';
import { renderCertificate } from '../certificate/index.ts';
import { registrationCategories, registrations } from '../schema.ts';
import type { LicensingDeps } from '../service.ts';
import { applicantOf } from '../queries.ts';
import { type Condition, fileUseCases } from '../files/files.ts';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new verification code, `ABCD-EFGH`: 40 random bits, so codes cannot be guessed one after another. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What a person typed or scanned, as the stored code: case and separators do not matter, and the
 * letters Crockford's alphabet leaves out are read as the digits they look like. Null when it
 * cannot be a code at all.
 */
export function normalizeVerificationCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s\-–.]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

/** The last day of a validity that starts on `from` and lasts `months` (a month short of the same day). */
export function validUntil(from: LocalDate, months: number): LocalDate {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  // 31 January + 1 month lands in March: the validity then ends on the last day of February.
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10) as LocalDate;
}

/** What the public verification page may say of a code, and nothing more (issue 13, point 7). */
export type Verification = 'valid' | 'expired' | 'revoked' | 'unknown';

export function registrationUseCases(deps: LicensingDeps) {
  const { db, clock } = deps;
  const files = fileUseCases(deps);

  /**
   * Issues a pending certificate when nothing waits any more (its fee paid, and where its category
   * asks, an agency link and a valid exam): its validity starts that day, it gets its code, the
   * person is told and can download it. Otherwise says what still waits. An active one is left
   * alone, so a retried payment never moves its dates.
   */
  async function issueIfReady(tx: Executor, registrationId: string, at: Date, { announce = true }: { announce?: boolean } = {}): Promise<'activated' | 'already_active' | 'not_found' | { waiting: Condition[] }> {
    const [row] = await tx
      .select({ registration: registrations, validityMonths: registrationCategories.validityMonths, category: registrationCategories.name })
      .from(registrations)
      .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
      .where(eq(registrations.id, registrationId))
      .for('update', { of: registrations });
    if (!row) return 'not_found';
    if (row.registration.status !== 'pending') return 'already_active';
    const waiting = await files.missing(tx, registrationId, at);
    if (waiting.length > 0) return { waiting };
    const validFrom = localDateAt(at);
    const until = validUntil(validFrom, row.validityMonths);
    const code = newVerificationCode();
    await tx.update(registrations).set({ status: 'active', validFrom, validUntil: until, verificationCode: code }).where(eq(registrations.id, registrationId));
    const r = row.registration;
    await recordEvent(tx, { authorityId: r.authorityId, event: 'registration_activated', actorId: null, subjectId: r.accountId, origin: { ip: null, userAgent: null }, at, details: { registrationId, number: r.number, validFrom, validUntil: until } });
    const person = await applicantOf(tx, r.accountId);
    // At an approval with nothing to pay, the approval's own message says it: one message, not two.
    if (person && announce) {
      await deps.notify(tx, person, 'registrationActivated', { applicationId: r.applicationId, authorityId: r.authorityId }, (t, locale) =>
        t('licensing.mail.activeDetail', { number: r.number, category: (row.category as Bilingual)[locale], until }),
      at);
    }
    return 'activated';
  }

  return {
    /**
     * Its fee is paid (or nothing was due), in the caller's transaction (the payment's, or the
     * approval's): recorded once, then the certificate is issued if nothing else waits. A retried
     * payment changes nothing.
     */
    async feePaid(tx: Executor, registrationId: string, at: Date, options: { announce?: boolean } = {}) {
      await tx.update(registrations).set({ feePaidAt: at }).where(and(eq(registrations.id, registrationId), isNull(registrations.feePaidAt)));
      return issueIfReady(tx, registrationId, at, options);
    },

    /** A condition came true (an agency link confirmed): each of the person's waiting certificates there that can be issued now is. */
    async conditionMet(tx: Executor, accountId: string, authorityId: string, at: Date) {
      const waiting = await tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.accountId, accountId), eq(registrations.authorityId, authorityId), eq(registrations.status, 'pending')));
      for (const r of waiting) await issueIfReady(tx, r.id, at);
    },

    /** What a pending certificate still waits for (empty once it can be issued). */
    missing: (tx: Executor, registrationId: string) => files.missing(tx, registrationId, clock.now()),

    /** The registration an application gave, for the payment that activates it. */
    async registrationForApplication(tx: Executor, applicationId: string) {
      const [row] = await tx.select({ id: registrations.id, status: registrations.status }).from(registrations).where(eq(registrations.applicationId, applicationId));
      return row ?? null;
    },

    /** The public answer for a code: its status on today's calendar, no name, number or category. */
    async verify(code: string): Promise<Verification> {
      const [row] = await db
        .select({ status: registrations.status, validUntil: registrations.validUntil, expired: sql<boolean>`${registrations.validUntil} < ${localDateAt(clock.now())}::date` })
        .from(registrations)
        .where(eq(registrations.verificationCode, code));
      if (!row) return 'unknown';
      if (row.status === 'revoked') return 'revoked';
      return row.expired ? 'expired' : 'valid';
    },

    /**
     * The certificate of a person's own active registration, as an accessible PDF in their
     * language (PDF/UA-1), or null: someone else's, pending its fees, or revoked. An expired one
     * is still theirs to download; its dates say it has ended, and verification says expired.
     */
    async certificate(accountId: string, registrationId: string, locale: Locale): Promise<{ number: string; pdf: Uint8Array } | null> {
      const [row] = await db
        .select({ registration: registrations, category: registrationCategories.name, givenName: accounts.givenName, familyName: accounts.familyName })
        .from(registrations)
        .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
        .innerJoin(accounts, eq(accounts.id, registrations.accountId))
        .where(and(eq(registrations.id, registrationId), eq(registrations.accountId, accountId)));
      const r = row?.registration;
      if (!row || !r || r.status !== 'active' || !r.validFrom || !r.verificationCode) return null;
      const portal = await portalOf(db, r.authorityId);
      if (!portal) return null;
      const code = r.verificationCode;
      const pdf = renderCertificate(deps.pdf, {
        locale,
        authority: { name: portal.name },
        holderName: `${row.givenName} ${row.familyName}`,
        category: row.category,
        registrationNumber: r.number,
        validFrom: r.validFrom,
        validTo: r.validUntil,
        issuedAt: clock.now(),
        verification: { code, url: portalUrl(deps.publicUrl, portal, href('licensing.verifyCode', locale, { code })) },
      });
      return { number: r.number, pdf };
    },
  };
}
