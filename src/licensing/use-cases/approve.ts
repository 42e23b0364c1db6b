import { and, eq, ne } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import type { Bilingual, Locale, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { fileUseCases } from '../files/files.ts';
import type { ApplicationFile } from '../queries.ts';
import { files, registrationCategories, registrationCategoryChanges, registrations } from '../schema.ts';
import type { LicensingDeps } from '../service.ts';
import { FeesNotSetUp } from './applicant.ts';
import { registrationUseCases } from './registrations.ts';

export interface Approval {
  /** The registration's number: its file's, or the one a transfer moved. */
  number: string;
  /** Its registration fees were invoiced: the certificate waits for their payment. */
  feeDue: boolean;
  /** A transfer moved this registration to the type's category. */
  moved: { from: Bilingual } | null;
}

/**
 * What an approval gives, in the caller's transaction (staff's decision, or the portal's own for a
 * type decided automatically): a registration on the application's file, pending its fees and
 * conditions, or for a category transfer the person's current registration moved to the type's
 * category with the change written to its history.
 */
export async function approve(deps: LicensingDeps, tx: Executor, input: { file: ApplicationFile; actorId: string | null; locale: Locale; at: Date; origin: Origin }): Promise<Approval> {
  const { file, at } = input;
  const application = file.application;
  const { authorityId, applicantId } = application;
  const issue = (subject: { id: string; reference: string }) =>
    deps.billing.issueInvoice(tx, { authorityId, accountId: applicantId, feeCodes: file.type.feeCodes, kinds: ['registration'], subject: { kind: 'registration', ...subject }, locale: input.locale, at, actorId: input.actorId, origin: input.origin });

  if (file.type.kind === 'category_transfer') {
    const [current] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.accountId, applicantId), eq(registrations.authorityId, authorityId), eq(registrations.status, 'active'), ne(registrations.categoryId, file.type.categoryId)))
      .for('update')
      .limit(1);
    if (!current) throw new TransferWithoutRegistration(application.reference);
    const [from] = await tx.select({ name: registrationCategories.name }).from(registrationCategories).where(eq(registrationCategories.id, current.categoryId));
    await tx.update(registrations).set({ categoryId: file.type.categoryId }).where(eq(registrations.id, current.id));
    await tx.insert(registrationCategoryChanges).values({ registrationId: current.id, fromCategoryId: current.categoryId, toCategoryId: file.type.categoryId, applicationId: application.id, changedBy: input.actorId, changedAt: at });
    await recordEvent(tx, { authorityId, event: 'registration_category_changed', actorId: input.actorId, subjectId: applicantId, origin: input.origin, at, details: { registrationId: current.id, number: current.number, applicationId: application.id, fromCategoryId: current.categoryId, toCategoryId: file.type.categoryId } });
    const invoice = await issue({ id: current.id, reference: current.number });
    if (invoice.kind === 'unknown_fees') throw new FeesNotSetUp(file.type.code, invoice.codes);
    return { number: current.number, feeDue: invoice.kind === 'issued', moved: { from: from?.name ?? file.type.category } };
  }

  let [opened] = await tx.select({ id: files.id, number: files.number }).from(files).where(eq(files.applicationId, application.id));
  // An application started before files existed opens its file at its approval.
  opened ??= await fileUseCases(deps).open(tx, { authorityId, accountId: applicantId, categoryId: file.type.categoryId, applicationId: application.id, at, origin: input.origin });
  const [registration] = await tx
    .insert(registrations)
    .values({ authorityId, accountId: applicantId, categoryId: file.type.categoryId, applicationId: application.id, fileId: opened.id, number: opened.number, status: 'pending', createdAt: at })
    .returning({ id: registrations.id });
  if (!registration) throw new Error('registration not inserted');
  // The type's registration fees are due now; with none, the fee condition holds at once, otherwise
  // the payment of its invoice meets it (billing.onInvoicePaid, licensing/index.ts).
  const invoice = await issue({ id: registration.id, reference: opened.number });
  if (invoice.kind === 'unknown_fees') throw new FeesNotSetUp(file.type.code, invoice.codes);
  const feeDue = invoice.kind === 'issued';
  if (!feeDue) await registrationUseCases(deps).feePaid(tx, registration.id, at, { announce: false });
  return { number: opened.number, feeDue, moved: null };
}

/** A transfer approved while its applicant no longer holds a registration to move: the decision rolls back. */
export class TransferWithoutRegistration extends Error {
  constructor(reference: string) {
    super(`Category transfer ${reference} approved without a current registration to move`);
  }
}

/** The approval message's detail: the registration's number and whether its fees are due, or the category it moved to. */
export function approvedDetail(t: ReturnType<typeof translator>, locale: Locale, reference: string, file: ApplicationFile, given: Approval): string {
  const category = file.type.category[locale];
  if (given.moved) return t('licensing.mail.transferredDetail', { reference, number: given.number, from: given.moved.from[locale], category });
  return t(given.feeDue ? 'licensing.mail.approvedFeeDetail' : 'licensing.mail.approvedDetail', { reference, category, number: given.number });
}
