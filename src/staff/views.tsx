import { eventNames, eventText } from '../audit/index.ts';
import { authorityRoleLabels } from '../authorities/index.ts';
import { type MessageKey, type Translate, formatDateTime } from '../platform/i18n/index.ts';
import { href, type PageName } from '../platform/paths.ts';
import { Button, FieldError, FieldFrame, Form, Notice, TextField } from '../platform/views/forms.tsx';
import { StaffNav } from '../platform/views/staff-nav.tsx';
import type { ShownStaffCard } from '../platform/views/staff-cards.tsx';
import { choosableTwoFactorRoles } from './security-settings.ts';
import { Table } from '../platform/views/table.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { Pagination } from '../platform/views/pagination.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import {
  AUDIT_EXPORT_CAP,
  type AuditRow,
  authorityRoleNames,
  type PersonRoles,
  personState,
  personStates,
} from './service.ts';
import type { AuthorityRole, OrganizationRole } from '../platform/actors.ts';
import type { TwoFactorRole } from '../authorities/index.ts';
import type { TwoStepStatus } from './queries.ts';
import type { accounts } from '../identity/index.ts';

type Ctx = { ctx: PageContext };
type Account = typeof accounts.$inferSelect;

export function AuditTable({ ctx, rows, caption }: Ctx & { rows: AuditRow[]; caption: string }) {
  const { t, locale } = ctx;
  // A name links to the person's page in the console.
  const person = (name: string | null, email: string | null, id: string | null) =>
    email && id ? (
      <>
        <a class="govuk-link" href={href('staffAccount', locale, { id })}>
          {name}
        </a>
        <br />
        <span class="govuk-body-s">{email}</span>
      </>
    ) : id ? (
      '—'
    ) : (
      t('staffAudit.system')
    );
  return (
    <Table
      caption={caption}
      captionSize="s"
      headers={[t('staffAudit.when'), t('staffAudit.what'), t('staffAudit.actor'), t('staffAudit.subject'), t('staffAudit.organization'), t('staffAudit.ip')]}
    >
        {rows.map((e) => (
          <tr class="govuk-table__row" key={e.id}>
            <td class="govuk-table__cell">{formatDateTime(locale, e.occurredAt)}</td>
            <td class="govuk-table__cell">{eventText(t, e.event)}</td>
            <td class="govuk-table__cell">{person(e.actorName, e.actorEmail, e.actorId)}</td>
            <td class="govuk-table__cell">{e.subjectId ? person(e.subjectName, e.subjectEmail, e.subjectId) : '—'}</td>
            <td class="govuk-table__cell">{e.organizationName?.[locale] ?? '—'}</td>
            <td class="govuk-table__cell">{e.ip ?? '—'}</td>
          </tr>
        ))}
    </Table>
  );
}

export type AuditFormValues = Partial<Record<'who' | 'event' | 'from' | 'to' | 'organization', string>>;

function Select({ t, name, label, value, options, errors }: { t: Translate; name: string; label: MessageKey; value: string | undefined; options: { value: string; label: string }[]; errors: FieldErrors }) {
  const error = errors[name];
  return (
    <FieldFrame t={t} name={name} label={t(label)} error={error}>
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={name} name={name} aria-describedby={error ? `${name}-error` : undefined}>
        <option value="">{t('staffAudit.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function AuditLogPage({
  ctx,
  values,
  errors,
  organizations,
  rows,
  older,
  newer,
}: Ctx & {
  values: AuditFormValues;
  errors: FieldErrors;
  organizations: { id: string; name: { fr: string; en: string } }[];
  rows: AuditRow[];
  older?: number | undefined;
  newer?: number | undefined;
}) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(errors).length > 0;
  const filterQuery = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  const withQuery = (page: PageName, extra: Record<string, string> = {}) => {
    const query = new URLSearchParams([...filterQuery, ...Object.entries(extra)]).toString();
    return `${href(page, locale)}${query ? `?${query}` : ''}`;
  };
  const collator = new Intl.Collator(locale);
  const events = eventNames().map((e) => ({ value: e, label: eventText(t, e) })).sort((a, b) => collator.compare(a.label, b.label));
  const orgs = organizations.map((o) => ({ value: o.id, label: o.name[locale] })).sort((a, b) => collator.compare(a.label, b.label));
  return (
    <StaffPage ctx={ctx} title={t('staffAudit.title')} current="staffAudit" errors={errors}>
      <form method="get" action={href('staffAudit', locale)} novalidate>
        <fieldset class="govuk-fieldset" id="filters">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('staffAudit.filters')}</legend>
          <TextField t={t} name="who" label="staffAudit.who" hint="staffAudit.who.hint" width="30" value={values.who} errors={errors} />
          <Select t={t} name="event" label="staffAudit.event" value={values.event} options={events} errors={errors} />
          <div id="dates-hint" class="govuk-hint">
            {t('staffAudit.dates.hint')}
          </div>
          <TextField t={t} name="from" label="staffAudit.from" describedBy="dates-hint" width="10" inputMode="numeric" value={values.from} errors={errors} />
          <TextField t={t} name="to" label="staffAudit.to" describedBy="dates-hint" width="10" inputMode="numeric" value={values.to} errors={errors} />
          {orgs.length > 0 && <Select t={t} name="organization" label="staffAudit.organization" value={values.organization} options={orgs} errors={errors} />}
        </fieldset>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button">
            {t('staffAudit.apply')}
          </button>
          <a class="govuk-link" href={href('staffAudit', locale)}>
            {t('staffAudit.clear')}
          </a>
        </div>
      </form>
      {!hasErrors && (
        <>
          <p class="govuk-body">
            <a class="govuk-link" href={withQuery('staffAuditCsv')} download>
              {t('staffAudit.export')}
            </a>
          </p>
          <p class="govuk-hint">{t('staffAudit.export.hint', { max: AUDIT_EXPORT_CAP.toLocaleString(`${locale}-CA`) })}</p>
          {rows.length === 0 ? <p class="govuk-body">{t('staffAudit.none')}</p> : <AuditTable ctx={ctx} rows={rows} caption={t('staffAudit.caption')} />}
          {(older !== undefined || newer !== undefined) && (
            <Pagination
              label={t('staffAudit.pagination')}
              previous={newer !== undefined ? { href: withQuery('staffAudit', { after: String(newer) }), label: t('staffAudit.newer') } : undefined}
              next={older !== undefined ? { href: withQuery('staffAudit', { before: String(older) }), label: t('staffAudit.older') } : undefined}
            />
          )}
        </>
      )}
    </StaffPage>
  );
}

/** A person's roles as the console lists them: in the authority, or in one of its organizations. */
const personRoleLabels = {
  staff: 'staffPeople.role.staff',
  registrar: 'staffPeople.role.registrar',
  administrator: 'staffPeople.role.administrator',
  manager: 'staffPeople.role.manager',
  member: 'staffPeople.role.member',
} as const satisfies Record<AuthorityRole | OrganizationRole, MessageKey>;

export function rolesText(t: Translate, locale: PageContext['locale'], roles: PersonRoles | undefined): string {
  const labels = [
    ...(roles?.authority ?? []).map((r) => t(personRoleLabels[r])),
    ...(roles?.organizations ?? []).map((o) => t(personRoleLabels[o.role], { organization: o.name[locale] })),
  ];
  return labels.length > 0 ? labels.join(', ') : t('staffPeople.noRoles');
}

const stateLabels = {
  all: 'staffPeople.state.all',
  active: 'staff.state.active',
  locked: 'staff.state.locked',
  unverified: 'staff.state.unverified',
} as const satisfies Record<(typeof personStates)[number], MessageKey>;

export function PeoplePage({
  ctx,
  cards = [],
  values,
  errors,
  searched,
  people,
  roles,
}: Ctx & {
  /** The modules' staff cards: this page is the console's home (the first in its navigation). */
  cards?: readonly ShownStaffCard[];
  values: { q?: string | undefined; state?: string | undefined };
  errors: FieldErrors;
  searched: boolean;
  people: Account[];
  roles: Map<string, PersonRoles>;
}) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('staff.nav.people')} current="staffAccounts" errors={errors}>
      {cards.length > 0 && (
        <section aria-labelledby="staff-cards" class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-m" id="staff-cards">
            {t('staff.cards.title')}
          </h2>
          {cards.map((card) => (
            <div key={card.name} data-staff-card={card.name}>
              {card.node}
            </div>
          ))}
        </section>
      )}
      <form method="get" action={href('staffAccounts', locale)} novalidate>
        <div class={`govuk-form-group${errors.q ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="q">
            {t('field.search')}
          </label>
          <FieldError t={t} name="q" error={errors.q} />
          <input class="govuk-input govuk-input--width-30" id="q" name="q" type="search" value={values.q ?? ''} aria-describedby={errors.q ? 'q-error' : undefined} />
        </div>
        <div class={`govuk-form-group${errors.state ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="state">
            {t('staff.state')}
          </label>
          <FieldError t={t} name="state" error={errors.state} />
          <select class="govuk-select" id="state" name="state" aria-describedby={errors.state ? 'state-error' : undefined}>
            {personStates.map((s) => (
              <option key={s} value={s} selected={s === (values.state ?? 'all')}>
                {t(stateLabels[s])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="govuk-button">
          {t('staff.search')}
        </button>
      </form>
      {Object.keys(errors).length > 0 ? null : people.length === 0 ? (
        <p class="govuk-body">{t(searched ? 'staff.noResults' : 'staffPeople.nobody')}</p>
      ) : (
          <Table caption={t(searched ? 'staffPeople.caption' : 'staffPeople.everyone')} headers={[t('account.name'), t('field.email'), t('staff.state'), t('staffPeople.roles')]}>
              {people.map((a) => (
                <tr class="govuk-table__row" key={a.id}>
                  <th scope="row" class="govuk-table__header">
                    <a class="govuk-link" href={href('staffAccount', locale, { id: a.id })}>
                      {a.givenName} {a.familyName}
                    </a>
                  </th>
                  <td class="govuk-table__cell">{a.email}</td>
                  <td class="govuk-table__cell">
                    {personState(a) === 'locked' ? <strong class="govuk-tag govuk-tag--red">{t('staff.state.locked')}</strong> : t(stateLabels[personState(a)])}
                  </td>
                  <td class="govuk-table__cell">{rolesText(t, locale, roles.get(a.id))}</td>
                </tr>
              ))}
          </Table>
      )}
    </StaffPage>
  );
}

export function PersonPage({
  ctx,
  account,
  roles,
  events,
  notice,
  mayManageRoles,
  problem,
  onlyAdministrator = false,
  twoStep,
}: Ctx & { account: Account; roles: PersonRoles | undefined; events: AuditRow[]; notice: MessageKey | undefined; mayManageRoles: boolean; problem?: MessageKey | undefined; onlyAdministrator?: boolean; twoStep: TwoStepStatus }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={`${account.givenName} ${account.familyName}`} errors={problem ? { roles: problem } : undefined}>
      <StaffNav ctx={ctx} />
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">
        {account.givenName} {account.familyName}
      </h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('field.email')}>{account.email}</SummaryRow>
        <SummaryRow label={t('staffPerson.emailConfirmation')}>
          {account.emailVerifiedAt ? t('staffPerson.emailConfirmedOn', { date: formatDateTime(locale, account.emailVerifiedAt) }) : t('staffPerson.emailNotConfirmed')}
        </SummaryRow>
        <SummaryRow label={t('staffPerson.phone')}>{account.phone ?? t('account.none')}</SummaryRow>
        <SummaryRow label={t('staffPerson.address')}>{addressOf(account) || t('account.none')}</SummaryRow>
        <SummaryRow label={t('field.preferredLanguage')}>{t(account.preferredLanguage === 'fr' ? 'language.fr' : 'language.en')}</SummaryRow>
        <SummaryRow label={t('staff.state')}>{t(stateLabels[personState(account)])}</SummaryRow>
        <SummaryRow label={t('staffPerson.twoStep')}>
          <TwoStepText ctx={ctx} status={twoStep} />
        </SummaryRow>
        <SummaryRow label={t('staffPeople.roles')}>{rolesText(t, locale, roles)}</SummaryRow>
        <SummaryRow label={t('staff.failedSignIns')}>{account.failedSignIns}</SummaryRow>
        <SummaryRow label={t('staff.lastSignIn')}>{account.lastSignInAt ? formatDateTime(locale, account.lastSignInAt) : t('staff.never')}</SummaryRow>
      </dl>
      {account.lockedAt && (
        <Form action={href('staffUnlock', locale, { id: account.id })} csrfToken={ctx.csrfToken}>
          <Button>{t('staff.unlock')}</Button>
        </Form>
      )}
      {mayManageRoles && <AuthorityRolesForm ctx={ctx} accountId={account.id} held={roles?.authority ?? []} problem={problem} onlyAdministrator={onlyAdministrator} />}
      <p class="govuk-body">{t('staffPeople.endSessions.hint')}</p>
      <a class="govuk-button govuk-button--secondary" href={href('staffEndSessions', locale, { id: account.id })}>
        {t('staffPeople.endSessions')}
      </a>
      <AuditTable ctx={ctx} rows={events} caption={t('staff.audit')} />
    </Layout>
  );
}

/** A postal address on one line, or nothing. */
function addressOf(a: Account): string {
  const place = [a.city, a.province].filter(Boolean).join(' (') + (a.city && a.province ? ')' : '');
  return [a.addressLine1, a.addressLine2, [place, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** Which second factors a person has, and whether they must have one. */
function TwoStepText({ ctx, status }: Ctx & { status: TwoStepStatus }) {
  const { t, locale } = ctx;
  const methods = [
    status.appSince && t('staffPerson.twoStep.app', { date: formatDateTime(locale, status.appSince) }),
    status.securityKeys > 0 && t('staffPerson.twoStep.keys', { count: status.securityKeys }),
    (status.appSince || status.securityKeys > 0) && t('staffPerson.twoStep.codes', { count: status.recoveryCodesLeft }),
  ].filter((m): m is string => Boolean(m));
  return (
    <>
      {methods.length === 0 ? (
        <strong class={`govuk-tag ${status.required ? 'govuk-tag--red' : 'govuk-tag--grey'}`}>{t('staffPerson.twoStep.none')}</strong>
      ) : (
        <ul class="govuk-list govuk-!-margin-bottom-0">
          {methods.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {status.required && <p class="govuk-body-s govuk-!-margin-bottom-0">{t('staffPerson.twoStep.required')}</p>}
    </>
  );
}

/** Administrators tick the roles a person holds in the authority. */
function AuthorityRolesForm({ ctx, accountId, held, problem, onlyAdministrator }: Ctx & { accountId: string; held: AuthorityRole[]; problem: MessageKey | undefined; onlyAdministrator: boolean }) {
  const { t, locale } = ctx;
  return (
    <Form action={href('staffPersonRoles', locale, { id: accountId })} csrfToken={ctx.csrfToken}>
      <div class={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
        <fieldset class="govuk-fieldset" id="roles" aria-describedby={problem ? 'roles-hint roles-error' : 'roles-hint'}>
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('staffPeople.rolesLegend')}</legend>
          <div id="roles-hint" class="govuk-hint">
            {t('staffPeople.rolesHint')}
          </div>
          <FieldError t={t} name="roles" error={problem} />
          <div class="govuk-checkboxes govuk-checkboxes--small">
            {authorityRoleNames.map((role) => {
              // The authority's only administrator keeps the role: taking it is not offered, and the box says why.
              const kept = onlyAdministrator && role === 'administrator';
              return (
                <div class="govuk-checkboxes__item" key={role}>
                  {kept && <input type="hidden" name="roles" value={role} />}
                  <input
                    class="govuk-checkboxes__input"
                    id={`role-${role}`}
                    name={kept ? undefined : 'roles'}
                    type="checkbox"
                    value={role}
                    checked={held.includes(role)}
                    disabled={kept}
                    aria-describedby={kept ? 'role-administrator-hint' : undefined}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={`role-${role}`}>
                    {t(authorityRoleLabels[role])}
                  </label>
                  {kept && (
                    <div id="role-administrator-hint" class="govuk-hint govuk-checkboxes__hint">
                      {t('staffPeople.onlyAdministrator')}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <Button secondary>{t('staffPeople.saveRoles')}</Button>
    </Form>
  );
}

const twoFactorRoleLabels = {
  organization_member: ['staffSecurity.role.organization_member', 'staffSecurity.role.organization_member.hint'],
  registrant: ['staffSecurity.role.registrant', 'staffSecurity.role.registrant.hint'],
} as const satisfies Record<(typeof choosableTwoFactorRoles)[number], [MessageKey, MessageKey]>;

/**
 * Who must use two-step verification in the authority (administrators only). Staff are always
 * required: that is said, with the reason, rather than shown as a box that cannot be unticked.
 */
export function SecuritySettingsPage({ ctx, roles, notice }: Ctx & { roles: TwoFactorRole[]; notice: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('staff.nav.security')} current="staffSecurity" notice={notice}>
      <p class="govuk-body">{t('staffSecurity.lead')}</p>
      <div class="govuk-inset-text">{t('staffSecurity.staffAlways')}</div>
      <Form action={href('staffSecurity', locale)} csrfToken={ctx.csrfToken}>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset" aria-describedby="roles-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('staffSecurity.legend')}</legend>
            <div id="roles-hint" class="govuk-hint">
              {t('staffSecurity.hint')}
            </div>
            <div class="govuk-checkboxes">
              {choosableTwoFactorRoles.map((role) => {
                const [label, hint] = twoFactorRoleLabels[role];
                return (
                  <div class="govuk-checkboxes__item" key={role}>
                    <input
                      class="govuk-checkboxes__input"
                      id={`role-${role}`}
                      name="roles"
                      type="checkbox"
                      value={role}
                      checked={roles.includes(role)}
                      aria-describedby={`role-${role}-hint`}
                    />
                    <label class="govuk-label govuk-checkboxes__label" for={`role-${role}`}>
                      {t(label)}
                    </label>
                    <div id={`role-${role}-hint`} class="govuk-hint govuk-checkboxes__hint">
                      {t(hint)}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <Button>{t('staffSecurity.save')}</Button>
      </Form>
    </StaffPage>
  );
}
