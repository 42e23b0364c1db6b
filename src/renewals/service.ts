import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { portalOf } from '../authorities/index.ts';
import { type BillingService, invoices } from '../billing/index.ts';
import type { DocumentService, StagedFile } from '../documents/index.ts';
import { accounts } from '../identity/index.ts';
import { validUntil } from '../licensing/index.ts';
import type { MailAttachment, Mailer, MailTemplate } from '../mail/index.ts';
import { addCalendarDays, type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { formatLocalDate, type Locale, translator, type Translate } from '../platform/i18n/index.ts';
import type { ModuleServices } from '../platform/module.ts';
import type { Origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import type { Portal } from '../platform/portal.ts';
import { portalUrl } from '../platform/portal.ts';
import { deadlineEvent } from './ics.ts';
import { type Actor, can } from './policies.ts';
import { type RenewalAnswer, renewalReminders, renewals, renewalSettings, type RenewalStatus } from './schema.ts';
import { renewalTransitions } from './states.ts';

const NO_ORIGIN: Origin = { ip: null, userAgent: null };
/**
 * Registrations walked per page, and handled per transaction: a batch saves a commit per person,
 * but it holds the authority's audit-chain lock and invoice counter until it commits, so it stays
 * small enough (about a third of a second on PostgreSQL) not to stall the authority's sign-ins and payments.
 */
const PAGE = 1000;
const BATCH = 20;

export type Settings = typeof renewalSettings.$inferSelect & { enabled: boolean };
export type Renewal = typeof renewals.$inferSelect;
type Person = { id: string; email: string; givenName: string; preferredLanguage: Locale };

export interface RenewalsDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: URL;
  licensing: ModuleServices['licensing'];
  billing: BillingService;
  documents: DocumentService;
  /**
   * What still stops a registration's renewal besides the form and the fees (an office
   * representative must be linked to an agency): in words, in the reader's language. The lead
   * plugs licensing's certificate conditions in src/app.ts; none by default.
   */
  conditionsMissing: (tx: Executor, registrationId: string, locale: Locale) => Promise<string[]>;
}

export interface SettingsInput {
  opensDaysBefore: number;
  deadlineDaysBefore: number;
  lateFeeCode: string | null;
  feeCodes: string[];
  reminderOffsets: number[];
  declarations: Settings['declarations'];
  requiredDocuments: Settings['requiredDocuments'];
}

export interface RunCounts {
  opened: number;
  lateFees: number;
  reminded: number;
  expired: number;
}

export type SubmitResult = 'submitted' | 'renewed' | 'not_found' | 'not_allowed' | { missing: string[] };

const DEFAULTS = { opensDaysBefore: 90, deadlineDaysBefore: 30, lateFeeCode: null, feeCodes: ['registration_fee'], reminderOffsets: [60, 30, 7, -1], declarations: [], requiredDocuments: [] };

/** When a renewal's window opens and its deadline, fixed from the end it renews (the late fee runs from the day after the deadline). */
function datesOf(expiresOn: LocalDate, s: { opensDaysBefore: number; deadlineDaysBefore: number }) {
  return { opensOn: addCalendarDays(expiresOn, -s.opensDaysBefore), deadline: addCalendarDays(expiresOn, -s.deadlineDaysBefore) };
}

/** The reminder offsets reached on a day (days before the deadline, so the day is on or after deadline − offset). */
const reachedOffsets = (deadline: LocalDate, offsets: readonly number[], day: LocalDate) => offsets.filter((o) => addCalendarDays(deadline, -o) <= day);

export function settingsOf(db: Executor, authorityId: string): Promise<Settings> {
  return db
    .select()
    .from(renewalSettings)
    .where(eq(renewalSettings.authorityId, authorityId))
    .then(([row]) => (row ? { ...row, enabled: true } : { ...DEFAULTS, authorityId, updatedAt: new Date(0), enabled: false }));
}

export function createRenewalsService(deps: RenewalsDeps) {
  const { db, clock, mailer, licensing, billing } = deps;
  const todayOf = () => localDateAt(clock.now());

  /** A renewal message to its person, in their language, linking to the renewal, with the deadline's calendar file when asked. */
  async function notify(tx: Executor, person: Person, renewal: Renewal, template: MailTemplate, detail: (t: Translate, locale: Locale) => string, at: Date, portal: Portal | null, withDeadline: boolean) {
    const locale = person.preferredLanguage;
    const t = translator(locale);
    const link = portalUrl(deps.publicUrl, portal, href('renewals.form', locale, { renewalId: renewal.id }));
    const attachments: MailAttachment[] = withDeadline
      ? [deadlineEvent({ renewalId: renewal.id, deadline: renewal.deadline as LocalDate, summary: t('renewals.ics.summary', { number: renewal.number }), description: t('renewals.ics.description', { expiresOn: formatLocalDate(locale, renewal.expiresOn) }), url: link, stamp: at })]
      : [];
    await mailer.queue(tx, { accountId: person.id, to: person.email, locale, template, vars: { name: person.givenName, link, detail: detail(t, locale) }, at, portal, attachments });
  }

  const datesDetail = (t: Translate, locale: Locale, r: Renewal) =>
    t('renewals.mail.dates', { number: r.number, deadline: formatLocalDate(locale, r.deadline), lateFeeFrom: formatLocalDate(locale, addCalendarDays(r.deadline as LocalDate, 1)), expiresOn: formatLocalDate(locale, r.expiresOn) });

  const peopleOf = async (tx: Executor, ids: string[]) => {
    const rows = ids.length ? await tx.select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage }).from(accounts).where(inArray(accounts.id, ids)) : [];
    return new Map(rows.map((p) => [p.id, p]));
  };

  /** Issues the late fee of a renewal past its deadline, once (the claim on `late_fee_at` is the guard). */
  async function chargeLateFee(tx: Executor, renewal: Renewal, s: Settings, at: Date, locale: Locale): Promise<boolean> {
    if (!s.lateFeeCode) return false;
    const [claimed] = await tx.update(renewals).set({ lateFeeAt: at }).where(and(eq(renewals.id, renewal.id), isNull(renewals.lateFeeAt))).returning({ id: renewals.id });
    if (!claimed) return false;
    const issued = await billing.issueInvoice(tx, { authorityId: renewal.authorityId, accountId: renewal.accountId, feeCodes: [s.lateFeeCode], subject: { kind: 'renewal', id: renewal.id, reference: renewal.number }, locale, at });
    const invoiceId = issued.kind === 'issued' ? issued.invoice.id : null;
    if (invoiceId) await tx.update(renewals).set({ lateFeeInvoiceId: invoiceId }).where(eq(renewals.id, renewal.id));
    await recordEvent(tx, { authorityId: renewal.authorityId, event: 'renewal_late_fee_charged', actorId: null, subjectId: renewal.accountId, origin: NO_ORIGIN, at, details: { renewalId: renewal.id, number: renewal.number, invoiceId } });
    return invoiceId !== null;
  }

  /** The invoices a renewal still waits for (its fee, its late fee): those issued and not paid. */
  async function unpaid(tx: Executor, renewal: Renewal) {
    const ids = [renewal.invoiceId, renewal.lateFeeInvoiceId].filter((id): id is string => id !== null);
    if (ids.length === 0) return [];
    return tx.select({ id: invoices.id, number: invoices.number, totalCents: invoices.totalCents, status: invoices.status }).from(invoices).where(and(inArray(invoices.id, ids), sql`${invoices.status} <> 'paid'`));
  }

  /**
   * Renews when everything is there: the form sent, every invoice paid, no condition missing (the
   * port). The new validity starts the day after the one renewed ended, for the category's months,
   * however late it is paid. In the caller's transaction (the payment's or the submission's).
   */
  async function complete(tx: Executor, renewalId: string, at: Date): Promise<'renewed' | 'waiting' | 'not_found'> {
    const [renewal] = await tx.select().from(renewals).where(eq(renewals.id, renewalId)).for('update');
    if (!renewal) return 'not_found';
    if (typeof renewalTransitions.check(renewal.status, 'renew', ['system']) === 'string') return 'waiting';
    const [person] = (await peopleOf(tx, [renewal.accountId])).values();
    const locale = person?.preferredLanguage ?? 'fr';
    // Paid after the deadline before the job's run charged the late fee: it is charged now, and waited for.
    if (renewal.deadline < localDateAt(at) && (await chargeLateFee(tx, renewal, await settingsOf(tx, renewal.authorityId), at, locale))) return 'waiting';
    if ((await unpaid(tx, renewal)).length > 0) return 'waiting';
    if ((await deps.conditionsMissing(tx, renewal.registrationId, locale)).length > 0) return 'waiting';
    const validFrom = addCalendarDays(renewal.expiresOn as LocalDate, 1);
    const until = validUntil(validFrom, renewal.validityMonths);
    const result = await licensing.validity.renew(tx, renewal.registrationId, { validFrom, validUntil: until, at });
    if (result !== 'renewed' && result !== 'already_renewed') return 'waiting';
    await tx.update(renewals).set({ status: 'renewed', renewedAt: at, newValidUntil: until }).where(eq(renewals.id, renewal.id));
    await recordEvent(tx, { authorityId: renewal.authorityId, event: 'renewal_completed', actorId: null, subjectId: renewal.accountId, origin: NO_ORIGIN, at, details: { renewalId: renewal.id, number: renewal.number, validFrom, validUntil: until } });
    return 'renewed';
  }

  /** Opens the windows of one authority that open by today: the renewal, its invoice, the message with the deadline. */
  async function openWindows(s: Settings, today: LocalDate, at: Date, portal: Portal | null): Promise<number> {
    let opened = 0;
    let after: string | undefined;
    for (;;) {
      const candidates = await licensing.validity.endingBy(db, s.authorityId, addCalendarDays(today, s.opensDaysBefore), { ...(after ? { after } : {}), limit: PAGE });
      if (candidates.length === 0) break;
      after = candidates.at(-1)!.id;
      // Past its end already: the expiry run takes it. Opened already: nothing to do.
      const current = candidates.filter((c) => c.validUntil >= today);
      const known = current.length
        ? await db.select({ registrationId: renewals.registrationId, expiresOn: renewals.expiresOn }).from(renewals).where(inArray(renewals.registrationId, current.map((c) => c.id)))
        : [];
      const seen = new Set(known.map((k) => `${k.registrationId}:${k.expiresOn}`));
      const fresh = current.filter((c) => !seen.has(`${c.id}:${c.validUntil}`));
      for (let i = 0; i < fresh.length; i += BATCH) {
        const batch = fresh.slice(i, i + BATCH);
        opened += await db.transaction(async (tx) => {
          const people = await peopleOf(tx, [...new Set(batch.map((c) => c.accountId))]);
          let n = 0;
          for (const c of batch) {
            const dates = datesOf(c.validUntil, s);
            // The unique index is the guard: a second process waits for the first one's commit and finds the row.
            const [renewal] = await tx
              .insert(renewals)
              .values({ authorityId: c.authorityId, registrationId: c.id, accountId: c.accountId, number: c.number, expiresOn: c.validUntil, opensOn: dates.opensOn, deadline: dates.deadline, validityMonths: c.validityMonths, openedAt: at })
              .onConflictDoNothing()
              .returning();
            if (!renewal) continue;
            const person = people.get(c.accountId);
            const locale = person?.preferredLanguage ?? 'fr';
            const issued = await billing.issueInvoice(tx, { authorityId: c.authorityId, accountId: c.accountId, feeCodes: s.feeCodes, subject: { kind: 'renewal', id: renewal.id, reference: c.number }, locale, at });
            if (issued.kind === 'issued') await tx.update(renewals).set({ invoiceId: issued.invoice.id }).where(eq(renewals.id, renewal.id));
            // The opening message is the reminder of every offset already reached: one message, not several.
            const reached = reachedOffsets(dates.deadline, s.reminderOffsets, today);
            if (reached.length) await tx.insert(renewalReminders).values(reached.map((offsetDays) => ({ renewalId: renewal.id, offsetDays, sentAt: at }))).onConflictDoNothing();
            await recordEvent(tx, { authorityId: c.authorityId, event: 'renewal_opened', actorId: null, subjectId: c.accountId, origin: NO_ORIGIN, at, details: { renewalId: renewal.id, registrationId: c.id, number: c.number, expiresOn: c.validUntil, deadline: dates.deadline } });
            if (person) await notify(tx, person, renewal, 'renewalOpened', (t, l) => datesDetail(t, l, renewal), at, portal, true);
            n += 1;
          }
          return n;
        });
      }
    }
    return opened;
  }

  /** The late fee of every renewal of an authority whose deadline passed unrenewed. */
  async function lateFees(s: Settings, today: LocalDate, at: Date): Promise<number> {
    if (!s.lateFeeCode) return 0;
    let charged = 0;
    for (;;) {
      const due = await db
        .select()
        .from(renewals)
        .where(and(eq(renewals.authorityId, s.authorityId), inArray(renewals.status, ['open', 'submitted']), sql`${renewals.deadline} < ${today}`, isNull(renewals.lateFeeAt)))
        .orderBy(asc(renewals.id))
        .limit(BATCH);
      if (due.length === 0) break;
      charged += await db.transaction(async (tx) => {
        const people = await peopleOf(tx, [...new Set(due.map((r) => r.accountId))]);
        let n = 0;
        for (const r of due) if (await chargeLateFee(tx, r, s, at, people.get(r.accountId)?.preferredLanguage ?? 'fr')) n += 1;
        return n;
      });
    }
    return charged;
  }

  /**
   * The reminders due: each offset reached and not yet written, written once (its primary key:
   * a second run, or a second process, inserts nothing and sends nothing), and one message per
   * renewal that newly reached one, with the deadline's calendar file.
   */
  async function reminders(s: Settings, today: LocalDate, at: Date, portal: Portal | null): Promise<number> {
    if (s.reminderOffsets.length === 0) return 0;
    let sent = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await db
        .select()
        .from(renewals)
        .where(
          and(
            eq(renewals.authorityId, s.authorityId),
            inArray(renewals.status, ['open', 'submitted']),
            sql`${renewals.id} > ${after}`,
            sql`exists (select 1 from unnest(${sql.param(s.reminderOffsets)}::int[]) o where ${renewals.deadline} - o <= ${today}::date
              and not exists (select 1 from renewal_reminders rr where rr.renewal_id = ${renewals.id} and rr.offset_days = o))`,
          ),
        )
        .orderBy(asc(renewals.id))
        .limit(BATCH);
      if (due.length === 0) break;
      after = due.at(-1)!.id;
      sent += await db.transaction(async (tx) => {
        const people = await peopleOf(tx, [...new Set(due.map((r) => r.accountId))]);
        let n = 0;
        for (const r of due) {
          const reached = reachedOffsets(r.deadline as LocalDate, s.reminderOffsets, today);
          const wrote = await tx.insert(renewalReminders).values(reached.map((offsetDays) => ({ renewalId: r.id, offsetDays, sentAt: at }))).onConflictDoNothing().returning({ offset: renewalReminders.offsetDays });
          const person = people.get(r.accountId);
          if (wrote.length === 0 || !person) continue;
          const days = Math.min(...wrote.map((w) => w.offset));
          const left = await unpaid(tx, r);
          await notify(tx, person, r, 'renewalReminder', (t, l) =>
            [days >= 0 ? t('renewals.mail.daysLeft', { days }) : t('renewals.mail.daysLate', { days: -days }), datesDetail(t, l, r), r.status === 'open' ? t('renewals.left.form') : '', left.length ? t('renewals.left.pay', { count: left.length }) : ''].filter(Boolean).join('\n'),
          at, portal, true);
          n += 1;
        }
        return n;
      });
    }
    return sent;
  }

  /** Registrations past their end unrenewed: expired (licensing), their renewal lapsed. */
  async function expireAll(s: Settings, today: LocalDate, at: Date): Promise<number> {
    let expired = 0;
    for (;;) {
      const past = await licensing.validity.pastValidity(db, s.authorityId, today, BATCH);
      if (past.length === 0) break;
      const n = await db.transaction(async (tx) => {
        let k = 0;
        for (const p of past) {
          if ((await licensing.validity.expire(tx, p.id, at)) !== 'expired') continue;
          k += 1;
          const { from, to, event } = renewalTransitions.rules.lapse;
          const lapsed = await tx.update(renewals).set({ status: to, lapsedAt: at }).where(and(eq(renewals.registrationId, p.id), eq(renewals.expiresOn, p.validUntil), inArray(renewals.status, [...from]))).returning();
          for (const r of lapsed) await recordEvent(tx, { authorityId: r.authorityId, event, actorId: null, subjectId: r.accountId, origin: NO_ORIGIN, at, details: { renewalId: r.id, number: r.number } });
        }
        return k;
      });
      expired += n;
      if (n === 0) break;
    }
    return expired;
  }

  /** A person's own renewal, or null (someone else's: not found). */
  async function own(tx: Executor, accountId: string, renewalId: string) {
    const [row] = await tx.select().from(renewals).where(and(eq(renewals.id, renewalId), eq(renewals.accountId, accountId)));
    return row ?? null;
  }

  return {
    settings: (authorityId: string) => settingsOf(db, authorityId),

    /** A condition came true for a person (an agency link confirmed): each of their sent renewals there that can now complete does. */
    async completeWaiting(tx: Executor, accountId: string, authorityId: string, at: Date): Promise<void> {
      const sent = await tx.select({ id: renewals.id }).from(renewals).where(and(eq(renewals.accountId, accountId), eq(renewals.authorityId, authorityId), eq(renewals.status, 'submitted')));
      for (const r of sent) await complete(tx, r.id, at);
    },

    /** Whether a renewal is this person's (the policy's `view`): its pages' guard. */
    async owns(actor: Actor, renewalId: string): Promise<boolean> {
      const row = await own(db, actor.id, renewalId);
      return row !== null && can(actor, 'view', row);
    },

    async saveSettings(staff: Actor, input: SettingsInput, origin: Origin): Promise<'saved' | 'forbidden' | { unknownFees: string[] }> {
      if (!can(staff, 'settings', { authorityId: staff.staffAuthorityId, accountId: '' })) return 'forbidden';
      const schedule = await billing.feeSchedule(staff.staffAuthorityId);
      const known = new Set(schedule.map((f) => f.code));
      const unknownFees = [...input.feeCodes, ...(input.lateFeeCode ? [input.lateFeeCode] : [])].filter((c) => !known.has(c));
      if (unknownFees.length) return { unknownFees };
      const at = clock.now();
      await db.transaction(async (tx) => {
        const values = { ...input, reminderOffsets: [...new Set(input.reminderOffsets)].sort((a, b) => b - a), updatedAt: at };
        await tx.insert(renewalSettings).values({ authorityId: staff.staffAuthorityId, ...values }).onConflictDoUpdate({ target: renewalSettings.authorityId, set: values });
        await recordEvent(tx, {
          authorityId: staff.staffAuthorityId,
          event: 'renewal_settings_changed',
          actorId: staff.id,
          subjectId: null,
          origin,
          at,
          details: { opensDaysBefore: input.opensDaysBefore, deadlineDaysBefore: input.deadlineDaysBefore, lateFeeCode: input.lateFeeCode, reminderOffsets: values.reminderOffsets },
        });
      });
      return 'saved';
    },

    /**
     * The daily run, for every authority that renews: open the windows, charge the late fees,
     * send the reminders due, expire what ran out. Each step is idempotent and safe beside a
     * second process doing the same.
     */
    async run(at: Date = clock.now()): Promise<RunCounts> {
      const today = localDateAt(at);
      const counts: RunCounts = { opened: 0, lateFees: 0, reminded: 0, expired: 0 };
      for (const row of await db.select().from(renewalSettings)) {
        const s = { ...row, enabled: true };
        const portal = await portalOf(db, s.authorityId);
        counts.opened += await openWindows(s, today, at, portal);
        counts.lateFees += await lateFees(s, today, at);
        counts.reminded += await reminders(s, today, at, portal);
        counts.expired += await expireAll(s, today, at);
      }
      return counts;
    },

    /** A paid renewal invoice, in the payment's transaction. */
    complete,

    /** The person's renewals open at an authority (the dashboard's card), with what is left of each. */
    async current(accountId: string, authorityId: string, locale: Locale) {
      const rows = await db.select().from(renewals).where(and(eq(renewals.accountId, accountId), eq(renewals.authorityId, authorityId), inArray(renewals.status, ['open', 'submitted']))).orderBy(asc(renewals.deadline));
      return Promise.all(rows.filter((r) => r.opensOn <= todayOf()).map(async (r) => ({ renewal: r, unpaid: await unpaid(db, r), missing: r.status === 'submitted' ? await deps.conditionsMissing(db, r.registrationId, locale) : [] })));
    },

    /** A person's renewal with what its form needs (settings, attestations, invoices, conditions). */
    async form(accountId: string, renewalId: string, locale: Locale) {
      const renewal = await own(db, accountId, renewalId);
      if (!renewal) return null;
      const [s, documents, bills, missing] = await Promise.all([
        settingsOf(db, renewal.authorityId),
        deps.documents.list('renewal', renewal.id),
        db.select({ id: invoices.id, number: invoices.number, totalCents: invoices.totalCents, status: invoices.status }).from(invoices).where(and(eq(invoices.subjectKind, 'renewal'), eq(invoices.subjectId, renewal.id))).orderBy(asc(invoices.issuedAt)),
        renewal.status === 'submitted' ? deps.conditionsMissing(db, renewal.registrationId, locale) : Promise.resolve([]),
      ]);
      return { renewal, settings: s, documents, invoices: bills, missing, today: todayOf() };
    },

    /** An attestation for one of the documents the renewal asks for: a new document, or a new version of it. */
    async uploadAttestation(account: { id: string }, renewalId: string, code: string, file: StagedFile, origin: Origin): Promise<'ok' | 'not_found' | 'not_allowed'> {
      const at = clock.now();
      const result = await db.transaction(async (tx) => {
        const [renewal] = await tx.select().from(renewals).where(and(eq(renewals.id, renewalId), eq(renewals.accountId, account.id))).for('update');
        if (!renewal) return 'not_found' as const;
        if (renewal.status !== 'open') return 'not_allowed' as const;
        const s = await settingsOf(tx, renewal.authorityId);
        if (!s.requiredDocuments.some((d) => d.code === code && d.providedBy === 'applicant')) return 'not_found' as const;
        const existing = renewal.attestations[code];
        if (existing) await deps.documents.replace(tx, { documentId: existing, uploadedBy: account.id, origin, at }, file);
        else {
          const { documentId } = await deps.documents.attach(tx, { authorityId: renewal.authorityId, ownerAccountId: account.id, subjectKind: 'renewal', subjectId: renewal.id, typeCode: code, uploadedBy: account.id, origin, at }, file);
          await tx.update(renewals).set({ attestations: { ...renewal.attestations, [code]: documentId } }).where(eq(renewals.id, renewal.id));
        }
        return 'ok' as const;
      });
      if (result !== 'ok') await deps.documents.discard(file);
      return result;
    },

    /**
     * Sends the renewal form: the declarations answered, the changes to report, every required
     * attestation uploaded. Renewed at once when its invoices are already paid.
     */
    async submit(account: { id: string }, renewalId: string, input: { answers: Record<string, RenewalAnswer>; changes: string }, origin: Origin): Promise<SubmitResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const [renewal] = await tx.select().from(renewals).where(and(eq(renewals.id, renewalId), eq(renewals.accountId, account.id))).for('update');
        if (!renewal) return 'not_found';
        const rule = renewalTransitions.check(renewal.status, 'submit', ['registrant']);
        if (typeof rule === 'string') return 'not_allowed';
        const s = await settingsOf(tx, renewal.authorityId);
        const missing = [
          ...s.declarations.filter((d) => !input.answers[d.code]).map((d) => `declaration:${d.code}`),
          ...s.declarations.filter((d) => input.answers[d.code]?.answer === 'yes' && !input.answers[d.code]?.explanation).map((d) => `explanation:${d.code}`),
          ...s.requiredDocuments.filter((d) => !d.optional && d.providedBy === 'applicant' && !renewal.attestations[d.code]).map((d) => `document:${d.code}`),
        ];
        if (missing.length) return { missing };
        await tx.update(renewals).set({ status: 'submitted', answers: input.answers, changes: input.changes, submittedAt: at }).where(eq(renewals.id, renewal.id));
        await recordEvent(tx, { authorityId: renewal.authorityId, event: rule.event, actorId: account.id, subjectId: account.id, origin, at, details: { renewalId: renewal.id, number: renewal.number, changes: input.changes !== '' } });
        return (await complete(tx, renewal.id, at)) === 'renewed' ? 'renewed' : 'submitted';
      });
    },

    /** The authority's renewals of one status, soonest deadline first, with their holder's name. */
    list(authorityId: string, status: RenewalStatus) {
      return db
        .select({ renewal: renewals, givenName: accounts.givenName, familyName: accounts.familyName })
        .from(renewals)
        .innerJoin(accounts, eq(accounts.id, renewals.accountId))
        .where(and(eq(renewals.authorityId, authorityId), eq(renewals.status, status)))
        .orderBy(status === 'renewed' || status === 'lapsed' ? desc(renewals.deadline) : asc(renewals.deadline), asc(renewals.number))
        .limit(500);
    },

    /** How many renewals of each status an authority has (the staff list's tabs). */
    async counts(authorityId: string): Promise<Record<RenewalStatus, number>> {
      const rows = await db.select({ status: renewals.status, n: sql<number>`count(*)::int` }).from(renewals).where(eq(renewals.authorityId, authorityId)).groupBy(renewals.status);
      const out: Record<RenewalStatus, number> = { open: 0, submitted: 0, renewed: 0, lapsed: 0 };
      for (const r of rows) out[r.status] = r.n;
      return out;
    },

    /** Whether someone may read a renewal's attestations: its person, or its authority's staff. */
    async canRead(actor: Actor, renewalId: string): Promise<boolean> {
      const [row] = await db.select({ accountId: renewals.accountId, authorityId: renewals.authorityId }).from(renewals).where(eq(renewals.id, renewalId));
      return row !== undefined && (can(actor, 'view', row) || can(actor, 'review', row));
    },
  };
}

export type RenewalsService = ReturnType<typeof createRenewalsService>;
