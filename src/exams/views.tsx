/** The exam pages: the person's sessions, registration, confirmation and results; the staff's sessions, roster and import. */
import { CsvImportForm, CsvReport } from '../platform/views/csv-import.tsx';
import { formatDateTime, formatLocalDate, formatMoney, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, PortalField, TextField } from '../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import { PersonPage, Problem } from '../platform/views/person-page.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import type { FileProblem, ImportReport, LineProblem } from './import.ts';
import type { Registration, Result, Session } from './queries.ts';
import type { Outcome, RegistrationStatus, ResultSource } from './schema.ts';

type Ctx = { ctx: PageContext };
type FormProps = { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; problem?: string | undefined; notice?: MessageKey | undefined };
type Invoice = { id: string; number: string; status: string; totalCents: number; dueOn: string } | null;

const modeLabels = { in_person: 'exams.mode.in_person', online: 'exams.mode.online' } as const satisfies Record<Session['mode'], MessageKey>;
const statusLabels = { registered: 'exams.status.registered', cancelled: 'exams.status.cancelled' } as const satisfies Record<RegistrationStatus, MessageKey>;
const StatusTag = statusTag(statusLabels, { registered: 'govuk-tag--green', cancelled: 'govuk-tag--grey' });
const outcomeLabels = { passed: 'exams.outcome.passed', failed: 'exams.outcome.failed' } as const satisfies Record<Outcome, MessageKey>;
const OutcomeTag = statusTag(outcomeLabels, { passed: 'govuk-tag--green', failed: 'govuk-tag--red' });
const sourceLabels = { staff: 'exams.source.staff', import: 'exams.source.import' } as const satisfies Record<ResultSource, MessageKey>;
export const lineProblemLabels = {
  no_person: 'exams.import.problem.no_person',
  unknown_person: 'exams.import.problem.unknown_person',
  unknown_session: 'exams.import.problem.unknown_session',
  bad_date: 'exams.import.problem.bad_date',
  future_date: 'exams.import.problem.future_date',
  date_not_session: 'exams.import.problem.date_not_session',
  bad_outcome: 'exams.import.problem.bad_outcome',
  bad_score: 'exams.import.problem.bad_score',
  duplicate: 'exams.import.problem.duplicate',
  already_entered: 'exams.import.problem.already_entered',
} as const satisfies Record<LineProblem, MessageKey>;
export const fileProblemLabels = {
  unreadable: 'exams.import.file.unreadable',
  missing_columns: 'exams.import.file.missing_columns',
  empty: 'exams.import.file.empty',
} as const satisfies Record<FileProblem, MessageKey>;

const where = (ctx: PageContext, session: Session) => (session.mode === 'online' ? ctx.t(modeLabels.online) : (session.place ?? ''));
const when = (ctx: PageContext, session: Session) => formatDateTime(ctx.locale, session.startsAt);
const day = (ctx: PageContext, value: string) => formatLocalDate(ctx.locale, value);



function SessionSummary({ ctx, session, taken }: Ctx & { session: Session; taken?: number }) {
  const { t } = ctx;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('exams.session.when')}>{when(ctx, session)}</SummaryRow>
      <SummaryRow label={t('exams.session.where')}>{where(ctx, session)}</SummaryRow>
      <SummaryRow label={t('exams.session.deadline')}>{day(ctx, session.registrationDeadline)}</SummaryRow>
      {taken !== undefined && <SummaryRow label={t('exams.session.seats')}>{t('exams.session.seatsLeft', { left: Math.max(0, session.capacity - taken), capacity: session.capacity })}</SummaryRow>}
    </dl>
  );
}

// ------------------------------------------------------------ The person's pages

export function SessionsPage({ ctx, open, mine, notice }: Ctx & { open: (Session & { taken: number })[]; mine: { registration: Registration; session: Session }[]; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('exams.sessions.title')} notice={notice}>
      <p class="govuk-body">{t('exams.sessions.intro')}</p>
      <h2 class="govuk-heading-m">{t('exams.sessions.mine')}</h2>
      {mine.length === 0 ? (
        <p class="govuk-body" data-empty="registrations">
          {t('exams.sessions.noneMine')}
        </p>
      ) : (
        <Table headers={[t('exams.session.name'), t('exams.session.when'), t('exams.session.status')]}>
          {mine.map(({ registration, session }) => (
            <tr class="govuk-table__row" key={registration.id} data-registration={registration.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('exams.registration', locale, { registrationId: registration.id })}>
                  {session.name[locale]}
                </a>
              </td>
              <td class="govuk-table__cell">{when(ctx, session)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={registration.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('exams.sessions.open')}</h2>
      {open.length === 0 ? (
        <p class="govuk-body" data-empty="sessions">
          {t('exams.sessions.noneOpen')}
        </p>
      ) : (
        <Table headers={[t('exams.session.name'), t('exams.session.when'), t('exams.session.where'), t('exams.session.seats')]}>
          {open.map((session) => (
            <tr class="govuk-table__row" key={session.id} data-session={session.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('exams.register', locale, { sessionId: session.id })}>
                  {session.name[locale]}
                </a>
              </td>
              <td class="govuk-table__cell">{when(ctx, session)}</td>
              <td class="govuk-table__cell">{where(ctx, session)}</td>
              <td class="govuk-table__cell">{t('exams.session.seatsLeft', { left: Math.max(0, session.capacity - session.taken), capacity: session.capacity })}</td>
            </tr>
          ))}
        </Table>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={href('exams.results', locale)}>
          {t('exams.results.title')}
        </a>
      </p>
    </PersonPage>
  );
}

export function RegisterPage({ ctx, session, taken, open, registrationId, problem }: Ctx & FormProps & { session: Session; taken: number; open: boolean; registrationId: string | null }) {
  const { t, locale } = ctx;
  const full = taken >= session.capacity;
  return (
    <PersonPage ctx={ctx} title={t('exams.register.title', { session: session.name[locale] })} problem={problem} back={href('exams.sessions', locale)}>
      <SessionSummary ctx={ctx} session={session} taken={taken} />
      {session.feeCode && <p class="govuk-body">{t('exams.register.fee')}</p>}
      {registrationId ? (
        <p class="govuk-inset-text">
          <a class="govuk-link" href={href('exams.registration', locale, { registrationId })}>
            {t('exams.register.yours')}
          </a>
        </p>
      ) : !open ? (
        <p class="govuk-inset-text">{t('exams.refusal.deadline_passed')}</p>
      ) : full ? (
        <p class="govuk-inset-text">{t('exams.refusal.full')}</p>
      ) : (
        <Form action={href('exams.register', locale, { sessionId: session.id })} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <Button>{t('exams.register.confirm')}</Button>
        </Form>
      )}
    </PersonPage>
  );
}

export function RegistrationPage({ ctx, registration, session, invoice, cancellable, notice, problem }: Ctx & FormProps & { registration: Registration; session: Session; invoice: Invoice; cancellable: boolean }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('exams.registration.title', { session: session.name[locale] })} notice={notice} problem={problem} back={href('exams.sessions', locale)}>
      {registration.status === 'registered' && (
        <div class="govuk-panel govuk-panel--confirmation" data-confirmation>
          <h2 class="govuk-panel__title">{t('exams.registration.confirmed')}</h2>
          <div class="govuk-panel__body">{t('exams.registration.confirmedOn', { on: formatDateTime(locale, registration.registeredAt) })}</div>
        </div>
      )}
      <dl class="govuk-summary-list">
        <SummaryRow label={t('exams.session.status')}>
          <StatusTag ctx={ctx} status={registration.status} />
        </SummaryRow>
        <SummaryRow label={t('exams.session.when')}>{when(ctx, session)}</SummaryRow>
        <SummaryRow label={t('exams.session.where')}>{where(ctx, session)}</SummaryRow>
        <SummaryRow label={t('exams.session.deadline')}>{day(ctx, session.registrationDeadline)}</SummaryRow>
        {invoice && (
          <SummaryRow label={t('exams.registration.invoice')}>
            <a class="govuk-link" href={href('billing.invoice', locale, { invoiceId: invoice.id })}>
              {t('exams.registration.invoiceLink', { number: invoice.number, amount: formatMoney(locale, invoice.totalCents), due: day(ctx, invoice.dueOn) })}
            </a>
          </SummaryRow>
        )}
      </dl>
      <p class="govuk-body">{t('exams.registration.mailed')}</p>
      {cancellable && (
        <InlineForm action={href('exams.cancel', locale, { registrationId: registration.id })} csrfToken={ctx.csrfToken}>
          <Button secondary>{t('exams.registration.cancel')}</Button>
        </InlineForm>
      )}
    </PersonPage>
  );
}

export function ResultsPage({ ctx, results, today }: Ctx & { results: (Result & { session: Session | null })[]; today: string }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('exams.results.title')} back={href('exams.sessions', locale)}>
      {results.length === 0 ? (
        <p class="govuk-body" data-empty="results">
          {t('exams.results.none')}
        </p>
      ) : (
        <Table headers={[t('exams.results.satOn'), t('exams.session.name'), t('exams.results.outcome'), t('exams.results.score'), t('exams.results.validity')]}>
          {results.map((r) => (
            <tr class="govuk-table__row" key={r.id} data-result={r.id}>
              <td class="govuk-table__cell">{day(ctx, r.satOn)}</td>
              <td class="govuk-table__cell">{r.session ? r.session.name[locale] : '—'}</td>
              <td class="govuk-table__cell">
                <OutcomeTag ctx={ctx} status={r.outcome} />
              </td>
              <td class="govuk-table__cell">{r.score ?? '—'}</td>
              <td class="govuk-table__cell" data-valid-until={r.outcome === 'passed' ? r.validUntil : undefined}>
                {r.outcome !== 'passed' ? '—' : r.validUntil >= today ? t('exams.results.validUntil', { date: day(ctx, r.validUntil) }) : t('exams.results.expired', { date: day(ctx, r.validUntil) })}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </PersonPage>
  );
}

// ------------------------------------------------------------ Staff

export function StaffSessionsPage({ ctx, sessions, canCreate, notice }: Ctx & { sessions: (Session & { taken: number })[]; canCreate: boolean; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('exams.staff.title')} current="exams.staffSessions" notice={notice}>
      <p class="govuk-body">
        {canCreate && (
          <a class="govuk-button" href={href('exams.newSession', locale)}>
            {t('exams.staff.newSession')}
          </a>
        )}{' '}
        <a class="govuk-button govuk-button--secondary" href={href('exams.import', locale)}>
          {t('exams.import.title')}
        </a>
      </p>
      {sessions.length === 0 ? (
        <p class="govuk-body" data-empty="sessions">
          {t('exams.staff.none')}
        </p>
      ) : (
        <Table headers={[t('exams.session.name'), t('exams.session.when'), t('exams.session.where'), t('exams.session.seats'), t('exams.session.deadline')]}>
          {sessions.map((s) => (
            <tr class="govuk-table__row" key={s.id} data-session={s.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('exams.roster', locale, { sessionId: s.id })}>
                  {s.name[locale]}
                </a>
              </td>
              <td class="govuk-table__cell">{when(ctx, s)}</td>
              <td class="govuk-table__cell">{where(ctx, s)}</td>
              <td class="govuk-table__cell">{t('exams.staff.taken', { taken: s.taken, capacity: s.capacity })}</td>
              <td class="govuk-table__cell">{day(ctx, s.registrationDeadline)}</td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function NewSessionPage({ ctx, errors, values }: Ctx & FormProps) {
  const { t, locale } = ctx;
  const v = values ?? {};
  return (
    <StaffPage ctx={ctx} title={t('exams.staff.newSession')} current="exams.staffSessions" errors={errors}>
      <Form action={href('exams.newSession', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="nameFr" label="exams.field.nameFr" value={v.nameFr} errors={errors} />
        <TextField t={t} name="nameEn" label="exams.field.nameEn" value={v.nameEn} errors={errors} />
        <TextField t={t} name="day" label="exams.field.day" hint="exams.field.dayHint" value={v.day} errors={errors} width="10" />
        <TextField t={t} name="time" label="exams.field.time" hint="exams.field.timeHint" value={v.time} errors={errors} width="5" />
        <Choice
          t={t}
          name="mode"
          label="exams.field.mode"
          kind="radios"
          value={v.mode ?? 'in_person'}
          errors={errors}
          options={[
            { value: 'in_person', label: t('exams.mode.in_person') },
            { value: 'online', label: t('exams.mode.online') },
          ]}
        />
        <TextField t={t} name="place" label="exams.field.place" hint="exams.field.placeHint" value={v.place} errors={errors} />
        <TextField t={t} name="capacity" label="exams.field.capacity" value={v.capacity} errors={errors} width="4" inputMode="numeric" />
        <TextField t={t} name="registrationDeadline" label="exams.field.deadline" hint="exams.field.dayHint" value={v.registrationDeadline} errors={errors} width="10" />
        <TextField t={t} name="feeCode" label="exams.field.feeCode" hint="exams.field.feeCodeHint" value={v.feeCode} errors={errors} width="20" />
        <Button>{t('exams.staff.create')}</Button>
      </Form>
    </StaffPage>
  );
}

type Candidate = { accountId: string; givenName: string; familyName: string; email: string; resultId: string | null; outcome: Outcome | null; score: number | null; source: ResultSource | null };

export function RosterPage({ ctx, session, candidates, canEnter, notice, problem, errors, errorsFor }: Ctx & FormProps & { session: Session; candidates: Candidate[]; canEnter: boolean; errorsFor?: string }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={session.name[locale]} current="exams.staffSessions" notice={notice} errors={errors}>
      <Problem ctx={ctx} problem={problem} />
      <SessionSummary ctx={ctx} session={session} taken={candidates.length} />
      <h2 class="govuk-heading-m">{t('exams.roster.candidates')}</h2>
      {candidates.length === 0 ? (
        <p class="govuk-body" data-empty="candidates">
          {t('exams.roster.none')}
        </p>
      ) : (
        candidates.map((c) => (
          <div class="govuk-summary-card" key={c.accountId} data-candidate={c.accountId}>
            <div class="govuk-summary-card__title-wrapper">
              <h3 class="govuk-summary-card__title">
                {c.givenName} {c.familyName} ({c.email})
              </h3>
            </div>
            <div class="govuk-summary-card__content">
              {c.outcome ? (
                <p class="govuk-body">
                  <OutcomeTag ctx={ctx} status={c.outcome} /> {c.score !== null ? t('exams.roster.score', { score: c.score }) : ''} {c.source ? t(sourceLabels[c.source]) : ''}
                </p>
              ) : canEnter ? (
                <Form action={href('exams.enterResult', locale, { sessionId: session.id, accountId: c.accountId })} csrfToken={ctx.csrfToken}>
                  <Choice
                    t={t}
                    name="outcome"
                    label="exams.results.outcome"
                    kind="radios"
                    errors={errorsFor === c.accountId ? errors : undefined}
                    options={[
                      { value: 'passed', label: t('exams.outcome.passed') },
                      { value: 'failed', label: t('exams.outcome.failed') },
                    ]}
                  />
                  <TextField t={t} name="score" label="exams.field.score" value="" errors={errorsFor === c.accountId ? errors : undefined} width="4" inputMode="numeric" />
                  <Button>{t('exams.roster.enter')}</Button>
                </Form>
              ) : (
                <p class="govuk-body">{t('exams.roster.noResult')}</p>
              )}
            </div>
          </div>
        ))
      )}
    </StaffPage>
  );
}

export function ImportPage({ ctx, report, imported, fileName, problem }: Ctx & FormProps & { report?: ImportReport | undefined; imported?: number | undefined; fileName?: string | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('exams.import.title')} current="exams.staffSessions">
      <Problem ctx={ctx} problem={problem} />
      {imported !== undefined && <Notice>{t('exams.import.done', { count: imported })}</Notice>}
      <p class="govuk-body">{t('exams.import.intro')}</p>
      {/* A paragraph, not <pre>: the header line wraps at 320 px instead of scrolling sideways. */}
      <p class="govuk-body govuk-!-font-size-16">
        <code>email,account_id,session,sat_on,outcome,score</code>
      </p>
      {report && (
        <CsvReport
          heading={t('exams.import.report', { file: fileName ?? '' })}
          fileProblem={report.fileProblem}
          fileProblemText={report.fileProblem ? t(fileProblemLabels[report.fileProblem]) : ''}
          lines={report.lines}
          clean={t('exams.import.clean', { count: report.lines.length })}
          bad={(bad, count) => t('exams.import.bad', { bad, count })}
          headers={[t('exams.import.line'), t('exams.import.problems')]}
          row={(l) => (
            <tr class="govuk-table__row" key={l.line} data-line={l.line} data-problems={l.problems.join(' ')}>
              <td class="govuk-table__cell">{l.line}</td>
              <td class="govuk-table__cell">
                <ul class="govuk-list">
                  {l.problems.map((p) => (
                    <li key={p}>{t(lineProblemLabels[p])}</li>
                  ))}
                </ul>
              </td>
            </tr>
          )}
        />
      )}
      <CsvImportForm ctx={ctx} action={href('exams.import', locale)} labels={{ file: 'exams.import.file', check: 'exams.import.check', import: 'exams.import.import' }} />
    </StaffPage>
  );
}

export function SettingsPage({ ctx, months, errors, values, notice }: Ctx & FormProps & { months: number }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('exams.settings.title')} current="exams.settings" notice={notice} errors={errors}>
      <Form action={href('exams.settings', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="resultValidityMonths" label="exams.settings.months" hint="exams.settings.monthsHint" value={values?.resultValidityMonths ?? String(months)} errors={errors} width="3" inputMode="numeric" />
        <Button>{t('exams.settings.save')}</Button>
      </Form>
    </StaffPage>
  );
}
