import { and, eq } from 'drizzle-orm';
import type { LocalDate } from '../platform/calendar.ts';
import type { Database } from '../platform/db.ts';
import { nextFileNumber } from './files/files.ts';
import { applicationTypes, applications, files, licensingSettings, registrationCategories, registrations } from './schema.ts';
import { nextNumber } from './use-cases/numbers.ts';
import { newVerificationCode, validUntil } from './use-cases/registrations.ts';

/**
 * A demo registrant: an application of the type, approved, and its registration active since
 * `since` (a past date, so that the register, practice and record pages have someone to show at
 * once). Written directly, as the seed writes every other table, without the mail and audit
 * rows of a real approval.
 */
export async function seedDemoRegistration(db: Database, p: { authorityId: string; accountId: string; givenName: string; familyName: string; typeCode: string; since: LocalDate; expired?: boolean }) {
  const [found] = await db
    .select({ type: applicationTypes, validityMonths: registrationCategories.validityMonths })
    .from(applicationTypes)
    .innerJoin(registrationCategories, eq(registrationCategories.id, applicationTypes.categoryId))
    .where(and(eq(applicationTypes.authorityId, p.authorityId), eq(applicationTypes.code, p.typeCode)));
  if (!found?.type.categoryId) throw new Error(`demo: no type ${p.typeCode} with a category`);
  const { type, validityMonths } = found;
  const categoryId = found.type.categoryId;
  const at = new Date(`${p.since}T14:00:00Z`);
  const year = at.getUTCFullYear();
  await db.transaction(async (tx) => {
    const reference = `DEM-${year}-${String(await nextNumber(tx, p.authorityId, 'application', year)).padStart(6, '0')}`;
    const [application] = await tx
      .insert(applications)
      .values({ authorityId: p.authorityId, applicantId: p.accountId, typeId: type.id, reference, status: 'approved', personal: { givenName: p.givenName, familyName: p.familyName }, createdAt: at, updatedAt: at, submittedAt: at, decidedAt: at })
      .returning({ id: applications.id });
    if (!application) throw new Error('demo: application not inserted');
    const number = await nextFileNumber(tx, p.authorityId, year);
    const [file] = await tx.insert(files).values({ authorityId: p.authorityId, accountId: p.accountId, categoryId, number, applicationId: application.id, openedAt: at }).returning({ id: files.id });
    await tx.insert(registrations).values({
      authorityId: p.authorityId,
      accountId: p.accountId,
      categoryId,
      applicationId: application.id,
      fileId: file?.id,
      number,
      // A certificate whose validity has passed: the renewals job has expired it.
      status: p.expired ? 'expired' : 'active',
      feePaidAt: at,
      validFrom: p.since,
      validUntil: validUntil(p.since, validityMonths),
      verificationCode: newVerificationCode(),
      createdAt: at,
    });
  });
}

/** An authority's file-number format (the office's `CAR{year}{seq:8}`), as its administrator would set it. */
export async function seedFileNumberFormat(db: Database, authorityId: string, format: string) {
  await db.insert(licensingSettings).values({ authorityId, fileNumberFormat: format }).onConflictDoUpdate({ target: licensingSettings.authorityId, set: { fileNumberFormat: format } });
}
