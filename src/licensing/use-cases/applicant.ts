import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { StagedFile } from '../../documents/index.ts';
import type { Origin } from '../../platform/origin.ts';
import type { Executor } from '../../platform/db.ts';
import { can } from '../policies.ts';
import { loadFile, type ApplicationFile } from '../queries.ts';
import { applicationEducation, applications, applicationTypes, type DeclarationAnswer, OPEN_STATUSES, type PersonalDetails, registrations, type SectionCode, type SectionProgress } from '../schema.ts';
import { applicationTransitions, EDITABLE } from '../states.ts';
import type { LicensingDeps } from '../service.ts';
import { nextNumber } from './numbers.ts';
import { fileUseCases } from '../files/files.ts';
import { approve, approvedDetail } from './approve.ts';
import { localDateAt } from '../../platform/calendar.ts';

export interface Applicant {
  id: string;
  staffAuthorityId: string;
  authorityRoles: readonly ('staff' | 'registrar' | 'administrator')[];
  givenName: string;
  familyName: string;
  email: string;
  preferredLanguage: 'fr' | 'en';
}

export type StartResult =
  | { kind: 'started' | 'exists'; applicationId: string }
  | { kind: 'not_found' }
  | { kind: 'not_eligible'; eligibility: 'registered' | 'formerly_registered' | 'already_in_category' };
/** Why a change to an application is refused: it is not theirs (not found) or not theirs to change now. */
/**
 * A type names a fee its authority's schedule does not have (yet): a set-up error, never the
 * applicant's. The submission rolls back whole rather than go ahead unbilled.
 */
export class FeesNotSetUp extends Error {
  constructor(typeCode: string, codes: readonly string[]) {
    super(`Application type ${typeCode} names fees missing from the fee schedule: ${codes.join(', ')}`);
  }
}

export type ChangeResult = 'ok' | 'not_found' | 'not_editable';

export function applicantUseCases(deps: LicensingDeps) {
  const { db, clock, documents, casework } = deps;
  const files = fileUseCases(deps);

  /** The application, locked for the change, when it is the person's and still theirs to change. */
  async function editable(tx: Executor, applicant: Applicant, applicationId: string) {
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!row || !can(applicant, 'edit', row)) return 'not_found' as const;
    if (!EDITABLE.includes(row.status)) return 'not_editable' as const;
    return row;
  }

  async function setProgress(tx: Executor, applicationId: string, section: SectionCode, progress: SectionProgress, now: Date) {
    await tx
      .update(applications)
      .set({ progress: sql`${applications.progress} || ${JSON.stringify({ [section]: progress })}::jsonb`, updatedAt: now })
      .where(eq(applications.id, applicationId));
  }

  return {
    /**
     * Starts an application of a type in the person's portal, or opens the one already open (one per
     * type); "who may apply" is checked against the person's registrations there.
     */
    async start(applicant: Applicant, authorityId: string, typeId: string, origin: Origin): Promise<StartResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [type] = await tx
          .select()
          .from(applicationTypes)
          .where(and(eq(applicationTypes.id, typeId), eq(applicationTypes.authorityId, authorityId), eq(applicationTypes.active, true)));
        if (!type) return { kind: 'not_found' } as const;
        const openOfType = () =>
          tx
            .select({ id: applications.id })
            .from(applications)
            .where(and(eq(applications.applicantId, applicant.id), eq(applications.typeId, typeId), inArray(applications.status, [...OPEN_STATUSES])))
            .then((rows) => rows[0]);
        const open = await openOfType();
        if (open) return { kind: 'exists', applicationId: open.id } as const;
        if (type.eligibility !== 'anyone' || type.kind === 'category_transfer') {
          const today = localDateAt(now);
          const held = await tx
            .select({ status: registrations.status, validUntil: registrations.validUntil, categoryId: registrations.categoryId })
            .from(registrations)
            .where(and(eq(registrations.accountId, applicant.id), eq(registrations.authorityId, authorityId)));
          const current = held.filter((r) => r.status === 'active' && (r.validUntil === null || r.validUntil >= today));
          // Ended: expired (by the renewals job, or already by the calendar) or revoked.
          const ended = held.some((r) => r.status === 'expired' || r.status === 'revoked' || (r.status === 'active' && r.validUntil !== null && r.validUntil < today));
          if ((type.eligibility === 'registered' && current.length === 0) || (type.eligibility === 'formerly_registered' && (current.length > 0 || !ended))) {
            return { kind: 'not_eligible', eligibility: type.eligibility } as const;
          }
          // A transfer moves a current registration to another category: one already in it has nowhere to go.
          if (type.kind === 'category_transfer' && !current.some((r) => r.categoryId !== type.categoryId)) {
            return { kind: 'not_eligible', eligibility: current.length === 0 ? 'registered' : 'already_in_category' } as const;
          }
        }
        const year = Number(now.toISOString().slice(0, 4));
        const reference = `DEM-${year}-${String(await nextNumber(tx, authorityId, 'application', year)).padStart(6, '0')}`;
        const [row] = await tx
          .insert(applications)
          .values({ authorityId, applicantId: applicant.id, typeId, reference, personal: { givenName: applicant.givenName, familyName: applicant.familyName }, createdAt: now, updatedAt: now })
          .onConflictDoNothing()
          .returning({ id: applications.id });
        // Two starts at once: the unique index kept one, which the person simply opens.
        if (!row) {
          const other = await openOfType();
          return other ? ({ kind: 'exists', applicationId: other.id } as const) : ({ kind: 'not_found' } as const);
        }
        await recordEvent(tx, { authorityId, event: 'application_started', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId: row.id, reference, typeCode: type.code } });
        // A registration's file opens with its application (a transfer acts on the file the person holds).
        if (type.kind === 'registration') await files.open(tx, { authorityId, accountId: applicant.id, categoryId: type.categoryId, applicationId: row.id, at: now, origin });
        return { kind: 'started', applicationId: row.id } as const;
      });
    },

    /** The person's own application, or null (someone else's does not exist for them). */
    file(applicantId: string, applicationId: string): Promise<ApplicationFile | null> {
      return loadFile(db, deps, { applicationId, applicantId });
    },

    async savePersonal(applicant: Applicant, applicationId: string, personal: PersonalDetails, completed: boolean, origin: Origin): Promise<ChangeResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        await tx.update(applications).set({ personal }).where(eq(applications.id, applicationId));
        await setProgress(tx, applicationId, 'personal', completed ? 'completed' : 'in_progress', now);
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_section_saved', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, section: 'personal', completed } });
        return 'ok';
      });
    },

    async addEducation(applicant: Applicant, applicationId: string, entry: { program: string; institution: string; credential: string; startedOn: string; endedOn: string | null }, origin: Origin): Promise<ChangeResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        await tx.insert(applicationEducation).values({ applicationId, ...entry, createdAt: now });
        await setProgress(tx, applicationId, 'education', 'in_progress', now);
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_section_saved', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, section: 'education', completed: false } });
        return 'ok';
      });
    },

    /** Removing an entry hides it; the row stays (nothing a person typed into a file is destroyed). */
    async removeEducation(applicant: Applicant, applicationId: string, entryId: string, origin: Origin): Promise<ChangeResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        const removed = await tx
          .update(applicationEducation)
          .set({ removedAt: now })
          .where(and(eq(applicationEducation.id, entryId), eq(applicationEducation.applicationId, applicationId), isNull(applicationEducation.removedAt)))
          .returning({ id: applicationEducation.id });
        if (removed.length === 0) return 'not_found';
        await setProgress(tx, applicationId, 'education', 'in_progress', now);
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_section_saved', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, section: 'education', completed: false } });
        return 'ok';
      });
    },

    /** "Have you added all your education?": yes needs at least one entry. */
    async finishEducation(applicant: Applicant, applicationId: string, done: boolean, origin: Origin): Promise<ChangeResult | 'no_entries'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        if (done) {
          const [entry] = await tx
            .select({ id: applicationEducation.id })
            .from(applicationEducation)
            .where(and(eq(applicationEducation.applicationId, applicationId), isNull(applicationEducation.removedAt)))
            .limit(1);
          if (!entry) return 'no_entries';
        }
        await setProgress(tx, applicationId, 'education', done ? 'completed' : 'in_progress', now);
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_section_saved', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, section: 'education', completed: done } });
        return 'ok';
      });
    },

    async saveDeclarations(applicant: Applicant, applicationId: string, answers: Record<string, DeclarationAnswer>, completed: boolean, origin: Origin): Promise<ChangeResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        await tx.update(applications).set({ declarations: answers }).where(eq(applications.id, applicationId));
        await setProgress(tx, applicationId, 'declarations', completed ? 'completed' : 'in_progress', now);
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_section_saved', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, section: 'declarations', completed } });
        return 'ok';
      });
    },

    /**
     * A file for one of the type's documents: the first makes the document, a later one a new
     * version of it (replace, never delete). The staged file is discarded when nothing is kept.
     */
    async upload(applicant: Applicant, applicationId: string, typeCode: string, file: StagedFile, origin: Origin): Promise<ChangeResult | 'not_applicants'> {
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        const file_ = await loadFile(tx, deps, { applicationId });
        const slot = file_?.slots.find((s) => s.required.code === typeCode);
        if (!slot) return 'not_found';
        if (slot.required.providedBy !== 'applicant') return 'not_applicants';
        if (slot.document) {
          await documents.replace(tx, { documentId: slot.document.id, uploadedBy: applicant.id, origin, at: now }, file);
        } else {
          await documents.attach(tx, { authorityId: row.authorityId, ownerAccountId: applicant.id, subjectKind: 'application', subjectId: applicationId, typeCode, uploadedBy: applicant.id, origin, at: now }, file);
        }
        await tx.update(applications).set({ updatedAt: now }).where(eq(applications.id, applicationId));
        return 'ok';
      });
      if (result !== 'ok') await documents.discard(file);
      return result;
    },

    /** An optional document the person no longer needs: a state of the document, its versions stay. */
    async noLongerNeeded(applicant: Applicant, applicationId: string, typeCode: string, origin: Origin): Promise<ChangeResult | 'required'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        const file = await loadFile(tx, deps, { applicationId });
        const slot = file?.slots.find((s) => s.required.code === typeCode);
        if (!slot?.document || slot.required.providedBy !== 'applicant') return 'not_found';
        if (!slot.required.optional) return 'required';
        const set = await documents.setStatus(tx, { documentId: slot.document.id, status: 'no_longer_needed', reason: null, by: applicant.id, origin, at: now });
        return set === 'ok' ? 'ok' : 'not_editable';
      });
    },

    /**
     * Sends the application to the authority's review queue (or back to it, with the person's
     * answer, when staff asked for more): once every section is complete.
     */
    async submit(applicant: Applicant, applicationId: string, answer: string | undefined, origin: Origin): Promise<ChangeResult | { incomplete: SectionCode[] }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await editable(tx, applicant, applicationId);
        if (typeof row === 'string') return row;
        const file = await loadFile(tx, deps, { applicationId });
        if (!file) return 'not_found';
        if (file.incomplete.length > 0) return { incomplete: file.incomplete };
        const action = row.status === 'returned' ? 'resubmit' : 'submit';
        const rule = applicationTransitions.check(row.status, action, ['applicant']);
        if (typeof rule === 'string') return 'not_editable';
        await tx.update(applications).set({ status: rule.to, submittedAt: now, updatedAt: now, decisionReason: null }).where(eq(applications.id, applicationId));
        const base = { applicationId, reference: row.reference, from: row.status };
        // The portal decides a complete submission itself when the type says so (the office's
        // certificates: seed 002); the certificate then waits only for its conditions.
        const automatic = action === 'submit' && file.type.decision === 'automatic';
        if (action === 'submit') {
          const name = `${file.application.personal.givenName ?? applicant.givenName} ${file.application.personal.familyName ?? applicant.familyName}`;
          if (!automatic) await casework.open(tx, { authorityId: row.authorityId, subjectKind: 'application', subjectId: applicationId, subjectReference: row.reference, typeCode: file.type.code, typeName: file.type.name, applicantId: applicant.id, applicantName: name, at: now });
          await recordEvent(tx, { authorityId: row.authorityId, event: 'application_submitted', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: base });
          // The type's application fees are due now: the invoice is issued with the submission, or not at all.
          const invoice = await deps.billing.issueInvoice(tx, {
            authorityId: row.authorityId,
            accountId: applicant.id,
            feeCodes: file.type.feeCodes,
            kinds: ['application'],
            subject: { kind: 'application', id: applicationId, reference: row.reference },
            locale: applicant.preferredLanguage,
            at: now,
            actorId: applicant.id,
            origin,
          });
          if (invoice.kind === 'unknown_fees') throw new FeesNotSetUp(file.type.code, invoice.codes);
          if (automatic) {
            const decided = applicationTransitions.check(rule.to, 'approve', ['portal']);
            if (typeof decided === 'string') return 'not_editable';
            await tx.update(applications).set({ status: decided.to, decidedAt: now }).where(eq(applications.id, applicationId));
            const given = await approve(deps, tx, { file, actorId: null, locale: applicant.preferredLanguage, at: now, origin });
            await recordEvent(tx, { authorityId: row.authorityId, event: 'application_approved', actorId: null, subjectId: applicant.id, origin, at: now, details: { ...base, from: rule.to, registrationNumber: given.number } });
            await deps.notify(tx, applicant, 'applicationApproved', { applicationId, authorityId: row.authorityId }, (t, locale) => approvedDetail(t, locale, row.reference, file, given), now);
            return 'ok';
          }
        } else {
          const review = await casework.bySubject('application', applicationId, tx);
          if (!review) return 'not_found';
          await casework.resubmit(tx, { reviewId: review.id, applicantId: applicant.id, message: answer || undefined, at: now });
          await recordEvent(tx, { authorityId: row.authorityId, event: 'application_resubmitted', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { ...base, answered: Boolean(answer) } });
        }
        await deps.notify(tx, applicant, action === 'submit' ? 'applicationSubmitted' : 'applicationResubmitted', { applicationId, authorityId: row.authorityId }, (_, locale) => `${row.reference} — ${file.type.name[locale]}`, now);
        return 'ok';
      });
    },

    async withdraw(applicant: Applicant, applicationId: string, origin: Origin): Promise<ChangeResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(applications).where(and(eq(applications.id, applicationId), ne(applications.status, 'withdrawn'))).for('update');
        if (!row || !can(applicant, 'withdraw', row)) return 'not_found';
        const rule = applicationTransitions.check(row.status, 'withdraw', ['applicant']);
        if (typeof rule === 'string') return 'not_editable';
        await tx.update(applications).set({ status: rule.to, updatedAt: now }).where(eq(applications.id, applicationId));
        const review = await casework.bySubject('application', applicationId, tx);
        if (review) await casework.withdraw(tx, { reviewId: review.id, applicantId: applicant.id, at: now });
        await recordEvent(tx, { authorityId: row.authorityId, event: 'application_withdrawn', actorId: applicant.id, subjectId: applicant.id, origin, at: now, details: { applicationId, reference: row.reference, from: row.status } });
        return 'ok';
      });
    },
  };
}
