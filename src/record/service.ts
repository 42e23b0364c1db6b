import { holdsRegistration } from '../licensing/index.ts';
import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { mailAccount } from '../authorities/index.ts';
import type { CaseworkService } from '../casework/index.ts';
import type { DocumentService, StagedFile, UploadRefusal } from '../documents/index.ts';
import { accounts, changeLegalName, changeSignInEmail, emailTaken, newToken, tokenId } from '../identity/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import { type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { type Locale, type Translate } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import type { PageName } from '../platform/paths.ts';
import { KIND_NAMES } from './kinds.ts';
import { can } from './policies.ts';
import {
  type ChangeRequest,
  otherRegistrationsOf,
  previousNamesOf,
  profileOf,
  requestsOf,
  settingsOf,
  toDoOf,
  transferTypes,
} from './queries.ts';
import { changeRequests, type ChangeDetails, emailProofs, recordSettings, otherRegistrations, previousNames, type Proficiency, registrantProfiles } from './schema.ts';
import { changeTransitions } from './states.ts';
import { reviewUseCases } from './review.ts';
import { reminderUseCases } from './reminders.ts';

/** The registrant as the session says: their id and the roles they hold where it acts. */
export interface Registrant {
  id: string;
  staffAuthorityId: string;
  authorityRoles: readonly ('staff' | 'registrar' | 'administrator')[];
}

/** The document type of the ID a legal name change carries. */
export const GOVERNMENT_ID = 'government_id';
/** How long an email proof's link works. */
const PROOF_TTL_MS = 24 * 60 * 60 * 1000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface RecordDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: URL;
  documents: DocumentService;
  casework: CaseworkService;
}

/** What the staff and reminder use cases share with the registrant's. */
export interface RecordKit extends RecordDeps {
  notify: ReturnType<typeof notifier>;
  /** Applies an approved or confirmed change; `taken` when the new sign-in email belongs to someone else by now. */
  apply(tx: Executor, row: ChangeRequest, actorId: string, origin: Origin, now: Date): Promise<'ok' | 'taken'>;
  todayOf(): LocalDate;
}

/** A person to write to: their account's address and language. */
export interface Recipient {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  preferredLanguage: Locale;
}

export async function personOf(tx: Executor, accountId: string): Promise<Recipient | null> {
  const [row] = await tx
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, familyName: accounts.familyName, preferredLanguage: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** Mail about the record, in the person's language, linking to a record page; in the caller's transaction. */
export function notifier(deps: RecordDeps) {
  return (
    tx: Executor,
    to: { id: string; email: string; givenName: string; preferredLanguage: Locale },
    authorityId: string,
    template: MailTemplate,
    link: { page: PageName; params?: Record<string, string>; query?: Record<string, string> },
    detail: (t: Translate, locale: Locale) => string,
    at: Date,
  ) => {
    return mailAccount(tx, deps.mailer, deps.publicUrl, to, { authorityId: authorityId, template, page: link.page, ...(link.params ? { params: link.params } : {}), ...(link.query ? { query: link.query } : {}), detail, at });
  };
}

/** A short reference the person quotes (MOD-2026-7KQ2XD): random, so it tells nobody how many there are. */
function newReference(now: Date): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `MOD-${now.getUTCFullYear()}-${code}`;
}

/** What a change is about, in a line of mail or a page. */
export function describe(t: Translate, request: { reference: string; details: ChangeDetails }): string {
  const d = request.details;
  switch (d.kind) {
    case 'legal_name':
      return t('record.describe.legalName', { reference: request.reference, name: `${d.givenName} ${d.familyName}` });
    case 'name_withholding':
      return t('record.describe.withholding', { reference: request.reference, name: d.name });
    case 'sign_in_email':
      return t('record.describe.email', { reference: request.reference, email: d.newEmail });
    case 'other_registration':
      return t(d.action === 'add' ? 'record.describe.otherAdd' : 'record.describe.otherEnd', { reference: request.reference, regulator: d.regulator });
  }
}

export type StartResult = { kind: 'started'; requestId: string } | { kind: 'applied' } | { kind: 'taken' } | { kind: 'same' } | { kind: 'not_found' };
export type SubmitResult = 'ok' | 'not_found' | 'not_allowed' | 'id_required';
export type ProveResult = 'proved' | 'confirmed' | 'not_found' | 'taken' | 'expired';

export interface ProfileInput {
  practiceName: string;
  publicEmail: string;
  publicEmailShown: boolean;
  languages: string[];
  languagesShown: boolean;
  englishProficiency: Proficiency | null;
  frenchProficiency: Proficiency | null;
}

export function createRecordService(deps: RecordDeps) {
  const { db, clock, documents, casework } = deps;
  const notify = notifier(deps);
  const todayOf = () => localDateAt(clock.now());

  /** The person's own request, locked; null when it is not theirs (they learn nothing of others'). */
  async function own(tx: Executor, registrant: Registrant, requestId: string): Promise<ChangeRequest | null> {
    const [row] = await tx.select().from(changeRequests).where(eq(changeRequests.id, requestId)).for('update');
    return row && can(registrant, 'edit', row) ? row : null;
  }

  /** A new request, with its audit row: a draft to send, a proof to give, or applied at once. */
  async function insertRequest(tx: Executor, registrant: Registrant, authorityId: string, details: ChangeDetails, happenedOn: LocalDate, status: 'draft' | 'confirming' | 'applied', origin: Origin) {
    const now = clock.now();
    const [row] = await tx
      .insert(changeRequests)
      .values({
        authorityId,
        accountId: registrant.id,
        reference: newReference(now),
        kind: details.kind,
        status,
        details,
        happenedOn,
        // Applied at once is reported at once; the others are reported when sent (or confirmed).
        reportedOn: status === 'applied' ? todayOf() : null,
        createdAt: now,
        updatedAt: now,
        decidedAt: status === 'applied' ? now : null,
      })
      .returning();
    if (!row) throw new Error('change request not inserted');
    const base = { changeRequestId: row.id, reference: row.reference, kind: row.kind };
    await recordEvent(tx, { authorityId, event: status === 'applied' ? 'record_change_applied' : 'record_change_started', actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: base });
    return row;
  }

  /** What an approved or at-once change does to the record (and, for names and email, to the account through identity). */
  async function apply(tx: Executor, row: ChangeRequest, actorId: string, origin: Origin, now: Date): Promise<'ok' | 'taken'> {
    const d = row.details;
    const change = { accountId: row.accountId, authorityId: row.authorityId, actorId, changeRequestId: row.id, origin, at: now };
    switch (d.kind) {
      case 'legal_name': {
        const before = await changeLegalName(tx, { ...change, givenName: d.givenName, familyName: d.familyName });
        if (before) await tx.insert(previousNames).values({ authorityId: row.authorityId, accountId: row.accountId, givenName: before.givenName, familyName: before.familyName, usedUntil: row.happenedOn, createdAt: now });
        return 'ok';
      }
      case 'name_withholding':
        await tx.update(previousNames).set({ withheld: true }).where(and(eq(previousNames.id, d.previousNameId), eq(previousNames.accountId, row.accountId)));
        return 'ok';
      case 'sign_in_email': {
        const result = await changeSignInEmail(tx, { ...change, email: d.newEmail, by: actorId === row.accountId ? 'self_service' : 'staff' });
        if (result !== 'ok') return 'taken';
        const person = await personOf(tx, row.accountId);
        // The notice goes to the address the person used until now: if it was not them, they hear of it there.
        if (person) await notify(tx, { ...person, email: d.oldEmail }, row.authorityId, 'recordEmailChanged', { page: 'record.summary' }, (t) => t('record.mail.emailChangedDetail', { email: d.newEmail }), now);
        return 'ok';
      }
      case 'other_registration':
        if (d.action === 'add') {
          await tx.insert(otherRegistrations).values({
            authorityId: row.authorityId,
            accountId: row.accountId,
            regulator: d.regulator,
            jurisdiction: d.jurisdiction,
            registrationNumber: d.registrationNumber,
            status: d.status,
            startedOn: d.startedOn,
            createdAt: now,
          });
        } else {
          await tx
            .update(otherRegistrations)
            .set({ endedOn: d.endedOn, status: 'ended' })
            .where(and(eq(otherRegistrations.id, d.otherRegistrationId), eq(otherRegistrations.accountId, row.accountId), isNull(otherRegistrations.removedAt)));
        }
        return 'ok';
    }
  }

  const full: RecordKit = { ...deps, notify, apply, todayOf };

  return {
    review: reviewUseCases(full),
    reminders: reminderUseCases(full),

    /** Whether the record's pages open for this person in this authority: they hold an active registration there. */
    holds: (accountId: string, authorityId: string) => holdsRegistration(db, accountId, authorityId, ['active']),
    settings: (authorityId: string) => settingsOf(db, authorityId),

    /** Everything the record page shows. */
    async summary(accountId: string, authorityId: string) {
      const [person, profile, names, others, requests, todo, settings, transfers] = await Promise.all([
        personOf(db, accountId),
        profileOf(db, accountId, authorityId),
        previousNamesOf(db, accountId, authorityId),
        otherRegistrationsOf(db, accountId, authorityId),
        requestsOf(db, accountId, authorityId),
        toDoOf(db, accountId, authorityId, todayOf()),
        settingsOf(db, authorityId),
        transferTypes(db, authorityId),
      ]);
      // A withholding asked for and not yet decided: the page says so instead of offering it again.
      const pendingWithholding = new Set(
        requests.filter((r) => r.details.kind === 'name_withholding' && ['draft', 'submitted', 'returned'].includes(r.status)).map((r) => (r.details as { previousNameId: string }).previousNameId),
      );
      return { person, profile, names, others, requests, todo, settings, transfers, pendingWithholding };
    },

    profile: (accountId: string, authorityId: string) => profileOf(db, accountId, authorityId),
    /** What the person still has to report at the authority, with the days left: the record page, the dashboard and the reminder say the same. */
    toDo: (accountId: string, authorityId: string) => toDoOf(db, accountId, authorityId, todayOf()),

    /** The register's fields, at once (the register reads them directly), with the names of those that changed. */
    async saveProfile(registrant: Registrant, authorityId: string, input: ProfileInput, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await profileOf(tx, registrant.id, authorityId);
        const values = {
          practiceName: input.practiceName || null,
          publicEmail: input.publicEmail || null,
          publicEmailShown: input.publicEmailShown && input.publicEmail !== '',
          languages: input.languages,
          languagesShown: input.languagesShown && input.languages.length > 0,
          englishProficiency: input.englishProficiency,
          frenchProficiency: input.frenchProficiency,
        };
        const fields = (Object.keys(values) as (keyof typeof values)[]).filter((k) => JSON.stringify(before?.[k] ?? (k === 'languages' ? [] : k.endsWith('Shown') ? false : null)) !== JSON.stringify(values[k]));
        await tx
          .insert(registrantProfiles)
          .values({ accountId: registrant.id, authorityId, ...values, updatedAt: now })
          .onConflictDoUpdate({ target: [registrantProfiles.accountId, registrantProfiles.authorityId], set: { ...values, updatedAt: now } });
        await recordEvent(tx, { authorityId, event: 'record_profile_updated', actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { fields } });
      });
    },

    /** A legal name change, started: it is sent once its government ID is uploaded. */
    async startLegalName(registrant: Registrant, authorityId: string, input: { givenName: string; familyName: string; happenedOn: LocalDate }, origin: Origin): Promise<StartResult> {
      return db.transaction(async (tx) => {
        const person = await personOf(tx, registrant.id);
        if (!person) return { kind: 'not_found' } as const;
        if (person.givenName === input.givenName && person.familyName === input.familyName) return { kind: 'same' } as const;
        const row = await insertRequest(tx, registrant, authorityId, { kind: 'legal_name', givenName: input.givenName, familyName: input.familyName }, input.happenedOn, 'draft', origin);
        return { kind: 'started', requestId: row.id } as const;
      });
    },

    /** A request to withhold a previous name from the register, for the registrar to decide; sent from its page. */
    async startWithholding(registrant: Registrant, authorityId: string, previousNameId: string, reason: string, origin: Origin): Promise<StartResult> {
      return db.transaction(async (tx) => {
        const [name] = await tx.select().from(previousNames).where(and(eq(previousNames.id, previousNameId), eq(previousNames.accountId, registrant.id), eq(previousNames.authorityId, authorityId)));
        if (!name || name.withheld) return { kind: 'not_found' } as const;
        const row = await insertRequest(tx, registrant, authorityId, { kind: 'name_withholding', previousNameId, name: `${name.givenName} ${name.familyName}`, reason }, todayOf(), 'draft', origin);
        return { kind: 'started', requestId: row.id } as const;
      });
    },

    /**
     * A new sign-in email: where the authority allows it, proved from both addresses (a link to
     * each); otherwise a request for staff, sent from its page. A taken address is refused either
     * way, without saying whose it is.
     */
    async startEmailChange(registrant: Registrant, authorityId: string, input: { email: string; happenedOn: LocalDate }, origin: Origin): Promise<StartResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const person = await personOf(tx, registrant.id);
        if (!person) return { kind: 'not_found' } as const;
        if (person.email.toLowerCase() === input.email.toLowerCase()) return { kind: 'same' } as const;
        if (await emailTaken(tx, input.email, registrant.id)) return { kind: 'taken' } as const;
        const settings = await settingsOf(tx, authorityId);
        const details = { kind: 'sign_in_email' as const, oldEmail: person.email, newEmail: input.email };
        if (settings.signInEmail === 'staff') {
          const row = await insertRequest(tx, registrant, authorityId, details, input.happenedOn, 'draft', origin);
          return { kind: 'started', requestId: row.id } as const;
        }
        const row = await insertRequest(tx, registrant, authorityId, details, input.happenedOn, 'confirming', origin);
        for (const [side, address] of [['old', person.email], ['new', input.email]] as const) {
          const { token, id } = newToken();
          await tx.insert(emailProofs).values({ changeRequestId: row.id, side, tokenDigest: id, expiresAt: new Date(now.getTime() + PROOF_TTL_MS) });
          await notify(tx, { ...person, email: address }, authorityId, 'recordEmailProof', { page: 'record.emailProof', query: { token } }, (t) => t(side === 'old' ? 'record.mail.proofOld' : 'record.mail.proofNew', { email: input.email }), now);
        }
        return { kind: 'started', requestId: row.id } as const;
      });
    },

    /** One address proved by its link; with both, the sign-in email changes (sessions stay) and the old address is told. */
    async proveEmail(registrant: Registrant, token: string, origin: Origin): Promise<ProveResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [proof] = await tx.select().from(emailProofs).where(eq(emailProofs.tokenDigest, tokenId(token))).for('update');
        if (!proof) return 'not_found';
        const row = await own(tx, registrant, proof.changeRequestId);
        if (!row || row.status !== 'confirming') return 'not_found';
        if (proof.expiresAt < now) return 'expired';
        if (!proof.confirmedAt) await tx.update(emailProofs).set({ confirmedAt: now }).where(and(eq(emailProofs.changeRequestId, proof.changeRequestId), eq(emailProofs.side, proof.side)));
        const proofs = await tx.select().from(emailProofs).where(eq(emailProofs.changeRequestId, row.id));
        const both = proofs.length === 2 && proofs.every((p) => p.confirmedAt !== null || p.side === proof.side);
        const base = { changeRequestId: row.id, reference: row.reference, kind: row.kind };
        if (!both) {
          await recordEvent(tx, { authorityId: row.authorityId, event: 'record_email_proved', actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { ...base, side: proof.side, confirmed: false } });
          return 'proved';
        }
        const rule = changeTransitions.check(row.status, 'confirm', ['registrant']);
        if (typeof rule === 'string') return 'not_found';
        if ((await apply(tx, row, registrant.id, origin, now)) === 'taken') return 'taken';
        await tx.update(changeRequests).set({ status: rule.to, reportedOn: localDateAt(now), decidedAt: now, updatedAt: now }).where(eq(changeRequests.id, row.id));
        await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { ...base, side: proof.side, confirmed: true } });
        return 'confirmed';
      });
    },

    /** A registration with another regulator, added or ended: at once, or for staff, as the authority's settings say. */
    async reportOther(
      registrant: Registrant,
      authorityId: string,
      details: Extract<ChangeDetails, { kind: 'other_registration' }>,
      happenedOn: LocalDate,
      origin: Origin,
    ): Promise<StartResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (details.action === 'end') {
          const [other] = await tx
            .select()
            .from(otherRegistrations)
            .where(and(eq(otherRegistrations.id, details.otherRegistrationId), eq(otherRegistrations.accountId, registrant.id), eq(otherRegistrations.authorityId, authorityId), isNull(otherRegistrations.removedAt)));
          if (!other || other.endedOn) return { kind: 'not_found' } as const;
          details = { ...details, regulator: other.regulator };
        }
        const settings = await settingsOf(tx, authorityId);
        if (settings.otherRegistrations === 'staff') {
          const row = await insertRequest(tx, registrant, authorityId, details, happenedOn, 'draft', origin);
          return { kind: 'started', requestId: row.id } as const;
        }
        const row = await insertRequest(tx, registrant, authorityId, details, happenedOn, 'applied', origin);
        await apply(tx, row, registrant.id, origin, now);
        return { kind: 'applied' } as const;
      });
    },

    /** An entry reported by mistake leaves the register; the row stays, marked removed, with its audit row. */
    async removeOther(registrant: Registrant, authorityId: string, otherRegistrationId: string, origin: Origin): Promise<'ok' | 'not_found'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [removed] = await tx
          .update(otherRegistrations)
          .set({ removedAt: now })
          .where(and(eq(otherRegistrations.id, otherRegistrationId), eq(otherRegistrations.accountId, registrant.id), eq(otherRegistrations.authorityId, authorityId), isNull(otherRegistrations.removedAt)))
          .returning({ id: otherRegistrations.id });
        if (!removed) return 'not_found';
        await recordEvent(tx, { authorityId, event: 'record_other_removed', actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { otherRegistrationId } });
        return 'ok';
      });
    },

    /** One of the person's requests with what its page shows (review, timeline, queue position, usual wait, documents); null if not theirs. */
    async request(registrant: Registrant, requestId: string) {
      const [row] = await db.select().from(changeRequests).where(eq(changeRequests.id, requestId));
      if (!row || !can(registrant, 'view', row)) return null;
      const review = await casework.bySubject('change_request', row.id);
      const [steps, position, median, files] = await Promise.all([
        review ? casework.timeline(review.id, { forApplicant: true }) : Promise.resolve([]),
        review?.status === 'queued' ? casework.position(review.id) : Promise.resolve(null),
        casework.medianDecisionTime(row.authorityId, row.kind),
        documents.list('change_request', row.id),
      ]);
      return { request: row, review, steps, position, median, documents: files };
    },

    /** The government ID of a legal name change, uploaded (a new version replaces the last) while it is the registrant's to change. */
    async uploadId(registrant: Registrant, requestId: string, file: StagedFile, origin: Origin): Promise<'ok' | 'not_found' | 'not_allowed'> {
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const row = await own(tx, registrant, requestId);
        if (!row || row.kind !== 'legal_name') return 'not_found' as const;
        if (row.status !== 'draft' && row.status !== 'returned') return 'not_allowed' as const;
        const [existing] = await documents.list('change_request', row.id, tx);
        if (existing) await documents.replace(tx, { documentId: existing.id, uploadedBy: registrant.id, origin, at: now }, file);
        else await documents.attach(tx, { authorityId: row.authorityId, ownerAccountId: registrant.id, subjectKind: 'change_request', subjectId: row.id, typeCode: GOVERNMENT_ID, uploadedBy: registrant.id, origin, at: now }, file);
        await tx.update(changeRequests).set({ updatedAt: now }).where(eq(changeRequests.id, row.id));
        return 'ok' as const;
      });
      if (result !== 'ok') await documents.discard(file);
      return result;
    },

    uploadRefused: (actorId: string, authorityId: string, refusal: UploadRefusal, origin: Origin) => documents.recordRefusal(db, { authorityId, actorId, origin, at: clock.now() }, refusal),

    /**
     * Sends a draft to staff (or a returned request back, with the registrant's answer): into the
     * authority's queue, reported today, with its audit row and the acknowledgment by mail. A legal
     * name change goes only with its government ID.
     */
    async submit(registrant: Registrant, requestId: string, message: string, origin: Origin): Promise<SubmitResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await own(tx, registrant, requestId);
        if (!row) return 'not_found';
        const action = row.status === 'returned' ? 'resubmit' : 'submit';
        const rule = changeTransitions.check(row.status, action, ['registrant']);
        if (typeof rule === 'string') return 'not_allowed';
        if (row.kind === 'legal_name' && (await documents.list('change_request', row.id, tx)).length === 0) return 'id_required';
        const person = await personOf(tx, registrant.id);
        if (!person) return 'not_found';
        if (action === 'submit') {
          const opened = await casework.open(tx, {
            authorityId: row.authorityId,
            subjectKind: 'change_request',
            subjectId: row.id,
            subjectReference: row.reference,
            typeCode: row.kind,
            typeName: KIND_NAMES[row.kind],
            applicantId: registrant.id,
            applicantName: `${person.givenName} ${person.familyName}`,
            at: now,
          });
          if (opened === 'not_allowed') return 'not_allowed';
        } else {
          const review = await casework.bySubject('change_request', row.id, tx);
          if (!review || (await casework.resubmit(tx, { reviewId: review.id, applicantId: registrant.id, message, at: now })) !== 'ok') return 'not_allowed';
        }
        await tx.update(changeRequests).set({ status: rule.to, reportedOn: row.reportedOn ?? localDateAt(now), updatedAt: now }).where(eq(changeRequests.id, row.id));
        await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { changeRequestId: row.id, reference: row.reference, kind: row.kind, from: row.status } });
        await notify(tx, person, row.authorityId, 'recordChangeSubmitted', { page: 'record.request', params: { requestId: row.id } }, (t) => describe(t, row), now);
        return 'ok';
      });
    },

    /** The registrant takes a request back before staff decide (a draft too, or an email proof they no longer want). */
    async withdraw(registrant: Registrant, requestId: string, origin: Origin): Promise<'ok' | 'not_found' | 'not_allowed'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await own(tx, registrant, requestId);
        if (!row) return 'not_found';
        const rule = changeTransitions.check(row.status, 'withdraw', ['registrant']);
        if (typeof rule === 'string') return 'not_allowed';
        const review = await casework.bySubject('change_request', row.id, tx);
        if (review && (await casework.withdraw(tx, { reviewId: review.id, applicantId: registrant.id, at: now })) !== 'ok') return 'not_allowed';
        await tx.update(changeRequests).set({ status: rule.to, updatedAt: now }).where(eq(changeRequests.id, row.id));
        await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: registrant.id, subjectId: registrant.id, origin, at: now, details: { changeRequestId: row.id, reference: row.reference, kind: row.kind, from: row.status } });
        return 'ok';
      });
    },

    /** Whether someone may read a change request's documents: its registrant, or its authority's staff. */
    async canRead(actor: Registrant, requestId: string): Promise<boolean> {
      const [row] = await db.select({ accountId: changeRequests.accountId, authorityId: changeRequests.authorityId }).from(changeRequests).where(eq(changeRequests.id, requestId));
      return row !== undefined && (can(actor, 'view', row) || can(actor, 'review', row));
    },

    /** An administrator sets how the authority takes each change; a legal name always waits for staff. */
    async saveSettings(staff: Registrant, input: { otherRegistrations: 'immediate' | 'staff'; signInEmail: 'self_service' | 'staff' }, origin: Origin): Promise<'ok' | 'forbidden'> {
      const authorityId = staff.staffAuthorityId;
      if (!can(staff, 'settings', { accountId: '', authorityId })) return 'forbidden';
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(recordSettings).values({ authorityId, ...input, updatedAt: now }).onConflictDoUpdate({ target: recordSettings.authorityId, set: { ...input, updatedAt: now } });
        await recordEvent(tx, { authorityId, event: 'record_settings_changed', actorId: staff.id, subjectId: null, origin, at: now, details: input });
      });
      return 'ok';
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;
