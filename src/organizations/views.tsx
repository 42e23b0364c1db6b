import type { MessageKey, Bilingual } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, FieldError, Form, InlineForm, Notice, TextAreaValue, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import { authorityRoleLabels } from '../authorities/index.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import { StaffNav } from '../platform/views/staff-nav.tsx';
import { ConfirmPage } from '../platform/views/confirm.tsx';
import type { OrganizationRole, OrganizationStatus } from '../platform/actors.ts';
import { provinces } from '../platform/canada.ts';

type Ctx = { ctx: PageContext };
type Format = (d: Date) => string;

export const roleLabels = {
  manager: 'organization.role.manager',
  member: 'organization.role.member',
} as const satisfies Record<OrganizationRole, MessageKey>;

export const statusLabels = {
  requested: 'organization.status.requested',
  approved: 'organization.status.approved',
  refused: 'organization.status.refused',
  suspended: 'organization.status.suspended',
} as const satisfies Record<OrganizationStatus, MessageKey>;

const codeStateLabels = {
  active: 'codes.state.active',
  used: 'codes.state.used',
  revoked: 'codes.state.revoked',
  expired: 'codes.state.expired',
} as const satisfies Record<string, MessageKey>;

const decisionLabels = {
  approve: 'staffOrganizations.decision.approve',
  refuse: 'staffOrganizations.decision.refuse',
  suspend: 'staffOrganizations.decision.suspend',
} as const satisfies Record<string, MessageKey>;

export const StatusTag = statusTag(statusLabels, {
  requested: 'govuk-tag--yellow',
  approved: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  suspended: 'govuk-tag--grey',
});

function ActForButton({ ctx, target, label }: Ctx & { target: string; label: string }) {
  return (
    <InlineForm action={href('actFor', ctx.locale)} csrfToken={ctx.csrfToken} fields={{ target }}>
      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        {label}
      </button>
    </InlineForm>
  );
}

export function Places({
  ctx,
  places,
  notice,
}: Ctx & {
  places: {
    organizations: { id: string; name: Bilingual; status: OrganizationStatus; role: OrganizationRole; authorityName: Bilingual }[];
    authorities: { id: string; name: Bilingual; roles: string[] }[];
  };
  notice?: MessageKey | undefined;
}) {
  const { t, locale } = ctx;
  const acting = ctx.account?.actingFor ?? null;
  const isCurrent = (kind: string, id: string) => acting?.kind === kind && acting.id === id;
  return (
    <Layout ctx={ctx} title={t('organizations.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('organizations.title')}</h1>
      <p class="govuk-body">{t('organizations.lead')}</p>
      <Table caption={t('organizations.actFor')} headers={[t('organizations.name'), t('organizations.role'), t('organizations.state'), { hidden: t('organizations.actions') }]}>
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">{t('layout.actingForSelf')}</td>
            <td class="govuk-table__cell">—</td>
            <td class="govuk-table__cell">{acting === null ? t('organizations.current') : ''}</td>
            <td class="govuk-table__cell">{acting !== null && <ActForButton ctx={ctx} target="self" label={t('organizations.actForSelf')} />}</td>
          </tr>
          {places.organizations.map((o) => (
            <tr class="govuk-table__row" key={o.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('organization', locale, { organizationId: o.id })}>
                  {o.name[locale]}
                </a>
                <br />
                <span class="govuk-body-s">{o.authorityName[locale]}</span>
              </td>
              <td class="govuk-table__cell">{t(roleLabels[o.role])}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={o.status} /> {isCurrent('organization', o.id) && t('organizations.current')}
              </td>
              <td class="govuk-table__cell">
                {!isCurrent('organization', o.id) && (
                  <ActForButton ctx={ctx} target={`organization:${o.id}`} label={t('organizations.actForNamed', { name: o.name[locale] })} />
                )}
              </td>
            </tr>
          ))}
          {places.authorities.map((a) => (
            <tr class="govuk-table__row" key={a.id}>
              <td class="govuk-table__cell">{a.name[locale]}</td>
              <td class="govuk-table__cell">{a.roles.map((r) => t(authorityRoleLabels[r as AuthorityRole])).join(', ')}</td>
              <td class="govuk-table__cell">{isCurrent('authority', a.id) && t('organizations.current')}</td>
              <td class="govuk-table__cell">
                {!isCurrent('authority', a.id) && (
                  <ActForButton ctx={ctx} target={`authority:${a.id}`} label={t('organizations.actForNamed', { name: a.name[locale] })} />
                )}
              </td>
            </tr>
          ))}
      </Table>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={href('joinOrganization', locale)}>
            {t('organizations.join')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={href('requestOrganization', locale)}>
            {t('organizations.request')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export function JoinOrganization({ ctx, code, errors, problem }: Ctx & { code?: string; errors?: FieldErrors; problem?: MessageKey }) {
  const { t, locale } = ctx;
  const all = problem ? { code: problem } : errors;
  return (
    <Layout ctx={ctx} title={t('join.title')} errors={all}>
      <h1 class="govuk-heading-l">{t('join.title')}</h1>
      <p class="govuk-body">{t('join.lead')}</p>
      <Form action={href('joinOrganization', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="code" label="join.code" hint="join.codeHint" value={code ?? null} errors={all} autocomplete="one-time-code" width="20" />
        <Button>{t('join.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function RequestOrganization({
  ctx,
  kinds,
  values,
  errors,
}: Ctx & { kinds: { id: string; name: Bilingual; authorityName: Bilingual }[]; values?: Record<string, string>; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  const v = values ?? {};
  return (
    <Layout ctx={ctx} title={t('requestOrganization.title')} errors={errors}>
      <h1 class="govuk-heading-l">{t('requestOrganization.title')}</h1>
      <p class="govuk-body">{t('requestOrganization.lead')}</p>
      <Form action={href('requestOrganization', locale)} csrfToken={ctx.csrfToken}>
        <Choice
          t={t}
          kind="select"
          name="kindId"
          label="requestOrganization.kind"
          value={v.kindId ?? null}
          errors={errors}
          options={kinds.map((k) => ({ value: k.id, label: `${k.authorityName[locale]} — ${k.name[locale]}` }))}
        />
        <TextField t={t} name="nameFr" label="requestOrganization.nameFr" value={v.nameFr ?? null} errors={errors} autocomplete="organization" />
        <TextField t={t} name="nameEn" label="requestOrganization.nameEn" value={v.nameEn ?? null} errors={errors} />
        <TextField t={t} name="addressLine1" label="requestOrganization.address" value={v.addressLine1 ?? null} errors={errors} autocomplete="address-line1" />
        <TextField t={t} name="addressLine2" label="field.addressLine2" value={v.addressLine2 ?? null} errors={errors} autocomplete="address-line2" />
        <TextField t={t} name="city" label="field.city" value={v.city ?? null} errors={errors} autocomplete="address-level2" width="20" />
        <Choice
          t={t}
          kind="select"
          name="province"
          label="field.province"
          value={v.province ?? null}
          errors={errors}
          options={provinces.map((p) => ({ value: p, label: p }))}
        />
        <TextField t={t} name="postalCode" label="field.postalCode" value={v.postalCode ?? null} errors={errors} autocomplete="postal-code" width="10" />
        <Button>{t('requestOrganization.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** The links of an approved organization's pages; managers see theirs. */
function OrganizationNav({ ctx, organizationId, manager }: Ctx & { organizationId: string; manager: boolean }) {
  const { t, locale } = ctx;
  return (
    <nav aria-label={t('organization.nav')}>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={href('organization', locale, { organizationId })}>
            {t('organization.overview')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={href('organizationMembers', locale, { organizationId })}>
            {t('organization.members')}
          </a>
        </li>
        {manager && (
          <li>
            <a class="govuk-link" href={href('securityCodes', locale, { organizationId })}>
              {t('organization.securityCodes')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface OrganizationSummary {
  id: string;
  name: Bilingual;
  status: OrganizationStatus;
  statusReason: string | null;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  province: string;
  postalCode: string;
  kindName: Bilingual;
  authorityName: Bilingual;
  members: number;
}

export function OrganizationDetails({ ctx, organization }: Ctx & { organization: OrganizationSummary }) {
  const { t, locale } = ctx;
  const o = organization;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('organizations.state')}>
        <StatusTag ctx={ctx} status={o.status} />
      </SummaryRow>
      {o.statusReason && <SummaryRow label={t('organization.reason')}>{o.statusReason}</SummaryRow>}
      <SummaryRow label={t('organization.kind')}>{o.kindName[locale]}</SummaryRow>
      <SummaryRow label={t('organization.authority')}>{o.authorityName[locale]}</SummaryRow>
      <SummaryRow label={t('organization.otherName')}>{o.name[locale === 'fr' ? 'en' : 'fr']}</SummaryRow>
      <SummaryRow label={t('organization.address')}>
        {[o.addressLine1, o.addressLine2, `${o.city} (${o.province}) ${o.postalCode}`].filter(Boolean).join(', ')}
      </SummaryRow>
      <SummaryRow label={t('organization.memberCount')}>{o.members}</SummaryRow>
    </dl>
  );
}

export function OrganizationOverview({ ctx, organization, manager, notice }: Ctx & { organization: OrganizationSummary; manager: boolean; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const o = organization;
  const waiting: Partial<Record<OrganizationStatus, MessageKey>> = {
    requested: 'organization.requestedLead',
    refused: 'organization.refusedLead',
    suspended: 'organization.suspendedLead',
  };
  const lead = waiting[o.status];
  return (
    <Layout ctx={ctx} title={o.name[locale]}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{o.name[locale]}</h1>
      {lead ? <div class="govuk-inset-text">{t(lead)}</div> : <OrganizationNav ctx={ctx} organizationId={o.id} manager={manager} />}
      <OrganizationDetails ctx={ctx} organization={o} />
    </Layout>
  );
}

export function Members({
  ctx,
  organization,
  members,
  manager,
  selfId,
  notice,
  problem,
}: Ctx & {
  organization: { id: string; name: Bilingual };
  members: { accountId: string; givenName: string; familyName: string; email: string; role: OrganizationRole; since: Date }[];
  manager: boolean;
  selfId: string;
  notice?: MessageKey | undefined;
  problem?: MessageKey | undefined;
}) {
  const { t, locale } = ctx;
  const organizationId = organization.id;
  return (
    <Layout ctx={ctx} title={t('members.title', { name: organization.name[locale] })} errors={problem ? { members: problem } : undefined}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l" id="members">
        {t('members.title', { name: organization.name[locale] })}
      </h1>
      <OrganizationNav ctx={ctx} organizationId={organizationId} manager={manager} />
      <Table caption={t('members.caption', { count: members.length })} headers={[t('members.person'), t('organizations.role'), manager && { hidden: t('organizations.actions') }]}>
          {members.map((m) => {
            const who = `${m.givenName} ${m.familyName}`;
            const other: OrganizationRole = m.role === 'manager' ? 'member' : 'manager';
            // The only manager can neither step down nor leave nor be removed: those are not offered, and the row says why.
            const onlyManager = m.role === 'manager' && members.filter((x) => x.role === 'manager').length === 1;
            return (
              <tr class="govuk-table__row" key={m.accountId}>
                <td class="govuk-table__cell">
                  {who}
                  <br />
                  <span class="govuk-body-s">{m.email}</span>
                </td>
                <td class="govuk-table__cell">{t(roleLabels[m.role])}</td>
                {manager && (
                  <td class="govuk-table__cell">
                    {onlyManager ? (
                      <p class="govuk-body-s govuk-!-margin-bottom-0">{t(m.accountId === selfId ? 'members.onlyManagerSelf' : 'members.onlyManager')}</p>
                    ) : (
                      <ul class="govuk-list govuk-!-margin-bottom-0">
                        <li>
                          {other === 'manager' ? (
                            <InlineForm action={href('organizationMemberRole', locale, { organizationId, accountId: m.accountId })} csrfToken={ctx.csrfToken} fields={{ role: other }}>
                              <button type="submit" class="guichet-link-button govuk-link">
                                {t('members.makeManager', { name: who })}
                              </button>
                            </InlineForm>
                          ) : (
                            <a class="govuk-link" href={href('organizationMemberRole', locale, { organizationId, accountId: m.accountId })}>
                              {t('members.makeMember', { name: who })}
                            </a>
                          )}
                        </li>
                        <li>
                          <a class="govuk-link" href={href('removeOrganizationMember', locale, { organizationId, accountId: m.accountId })}>
                            {t(m.accountId === selfId ? 'members.leave' : 'members.remove', { name: who })}
                          </a>
                        </li>
                      </ul>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
      </Table>
      <p class="govuk-body">
        {manager ? (
          <a class="govuk-link" href={href('securityCodes', locale, { organizationId })}>
            {t('members.invite')}
          </a>
        ) : (
          t('members.askManager')
        )}
      </p>
    </Layout>
  );
}

export interface CodeRow {
  id: string;
  role: OrganizationRole;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  usedAt: Date | null;
  createdBy: string;
  usedBy: string | null;
  organizationName: Bilingual;
}

export function codeState(code: CodeRow, now: Date): 'used' | 'revoked' | 'expired' | 'active' {
  if (code.usedAt) return 'used';
  if (code.revokedAt) return 'revoked';
  if (code.expiresAt <= now) return 'expired';
  return 'active';
}

/** Codes with their state; the staff list also names each code's organization. */
export function CodeTable({
  ctx,
  codes,
  now,
  format,
  revoke,
  withOrganization = false,
}: Ctx & { codes: CodeRow[]; now: Date; format: Format; revoke?: (codeId: string) => string; withOrganization?: boolean }) {
  const { t, locale } = ctx;
  if (codes.length === 0) return <p class="govuk-body">{t('codes.none')}</p>;
  return (
    <Table
      caption={t('codes.caption')}
      headers={[
        withOrganization && t('organizations.name'),
        t('organizations.role'),
        t('codes.createdBy'),
        t('codes.expires'),
        t('organizations.state'),
        revoke !== undefined && { hidden: t('organizations.actions') },
      ]}
    >
        {codes.map((c) => {
          const state = codeState(c, now);
          return (
            <tr class="govuk-table__row" key={c.id}>
              {withOrganization && <td class="govuk-table__cell">{c.organizationName[locale]}</td>}
              <td class="govuk-table__cell">{t(roleLabels[c.role])}</td>
              <td class="govuk-table__cell">
                {c.createdBy}
                <br />
                <span class="govuk-body-s">{format(c.createdAt)}</span>
              </td>
              <td class="govuk-table__cell">{format(c.expiresAt)}</td>
              <td class="govuk-table__cell">
                {state === 'used' && c.usedAt ? t('codes.state.usedBy', { name: c.usedBy ?? '', date: format(c.usedAt) }) : t(codeStateLabels[state])}
              </td>
              {revoke && (
                <td class="govuk-table__cell">
                  {state === 'active' && (
                    <InlineForm action={revoke(c.id)} csrfToken={ctx.csrfToken}>
                      <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        {t('codes.revoke')}
                        <span class="govuk-visually-hidden"> {t('codes.revokeWhich', { date: format(c.createdAt) })}</span>
                      </button>
                    </InlineForm>
                  )}
                </td>
              )}
            </tr>
          );
        })}
    </Table>
  );
}

export function SecurityCodes({
  ctx,
  organization,
  codes,
  created,
  shownBefore = false,
  now,
  format,
  notice,
  errors,
}: Ctx & {
  organization: { id: string; name: Bilingual };
  codes: CodeRow[];
  created?: { code: string; expiresAt: Date; role: OrganizationRole } | undefined;
  /** Arrived to see a new code that was already shown (a refresh, Back): it is not shown again. */
  shownBefore?: boolean;
  now: Date;
  format: Format;
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = ctx;
  const organizationId = organization.id;
  return (
    <Layout ctx={ctx} title={t('codes.title', { name: organization.name[locale] })} errors={errors}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('codes.title', { name: organization.name[locale] })}</h1>
      <OrganizationNav ctx={ctx} organizationId={organizationId} manager />
      {created && (
        <div class="govuk-panel govuk-panel--confirmation" role="status">
          <h2 class="govuk-panel__title">{t('codes.created')}</h2>
          <div class="govuk-panel__body">
            <code class="guichet-key" data-security-code>
              {created.code}
            </code>
          </div>
        </div>
      )}
      {created && (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t('codes.warning')}</span>
            {t('codes.createdLead', { role: t(roleLabels[created.role]), date: format(created.expiresAt) })}
          </strong>
        </div>
      )}
      {shownBefore && <div class="govuk-inset-text">{t('codes.shownOnce')}</div>}
      <p class="govuk-body">{t('codes.lead')}</p>
      <Form action={href('securityCodes', locale, { organizationId })} csrfToken={ctx.csrfToken}>
        <Choice
          t={t}
          kind="radios"
          name="role"
          label="codes.role"
          value="member"
          errors={errors}
          options={[
            { value: 'member', label: t('organization.role.member') },
            { value: 'manager', label: t('organization.role.manager') },
          ]}
        />
        <Button>{t('codes.create')}</Button>
      </Form>
      <CodeTable
        ctx={ctx}
        codes={codes}
        now={now}
        format={format}
        revoke={(codeId) => href('revokeSecurityCode', locale, { organizationId, codeId })}
      />
    </Layout>
  );
}

export function StaffOrganizations({
  ctx,
  organizations,
  q,
  status,
}: Ctx & {
  organizations: { id: string; name: Bilingual; status: OrganizationStatus; createdAt: Date; kindName: Bilingual }[];
  q: string;
  status: OrganizationStatus | null;
}) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('staffOrganizations.title')} current="staffOrganizations">
      <form method="get" action={href('staffOrganizations', locale)}>
        <TextField t={t} name="q" label="staffOrganizations.search" value={q} type="search" width="20" />
        <Choice
          t={t}
          kind="select"
          name="status"
          label="organizations.state"
          value={status}
          options={(['requested', 'approved', 'refused', 'suspended'] as const).map((s) => ({ value: s, label: t(statusLabels[s]) }))}
        />
        <button type="submit" class="govuk-button">
          {t('staff.search')}
        </button>
      </form>
      {organizations.length === 0 ? (
        <p class="govuk-body">{t('staff.noResults')}</p>
      ) : (
        <Table caption={t('staff.results')} headers={[t('organizations.name'), t('organization.kind'), t('organizations.state')]}>
            {organizations.map((o) => (
              <tr class="govuk-table__row" key={o.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('staffOrganization', locale, { id: o.id })}>
                    {o.name[locale]}
                  </a>
                </td>
                <td class="govuk-table__cell">{o.kindName[locale]}</td>
                <td class="govuk-table__cell">
                  <StatusTag ctx={ctx} status={o.status} />
                </td>
              </tr>
            ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function StaffOrganization({
  ctx,
  view,
  now,
  format,
  notice,
  errors,
  values,
}: Ctx & {
  view: {
    organization: OrganizationSummary;
    people: { accountId: string; givenName: string; familyName: string; email: string; role: OrganizationRole }[];
    codes: CodeRow[];
    mayDecide: boolean;
  };
  now: Date;
  format: Format;
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { t, locale } = ctx;
  const o = view.organization;
  const choices = (
    { requested: ['approve', 'refuse'], approved: [], refused: ['approve'], suspended: ['approve'] } as const
  )[o.status];
  return (
    <Layout ctx={ctx} title={o.name[locale]} errors={errors}>
      {notice && <Notice>{t(notice)}</Notice>}
      <StaffNav ctx={ctx} />
      <span class="govuk-caption-l">{t('staffOrganizations.title')}</span>
      <h1 class="govuk-heading-l">{o.name[locale]}</h1>
      <OrganizationDetails ctx={ctx} organization={o} />
      {view.mayDecide && o.status === 'approved' ? (
        // Suspending closes the organization to its members: it is confirmed on a page of its own.
        <p class="govuk-body">
          <a class="govuk-button govuk-button--warning" href={href('staffOrganizationDecision', locale, { id: o.id })}>
            {t('staffOrganizations.suspendThis')}
          </a>
        </p>
      ) : view.mayDecide ? (
        <Form action={href('staffOrganizationDecision', locale, { id: o.id })} csrfToken={ctx.csrfToken}>
          <Choice
            t={t}
            kind="radios"
            name="decision"
            label="staffOrganizations.decision"
            value={values?.decision ?? null}
            errors={errors}
            options={choices.map((d) => ({ value: d, label: t(decisionLabels[d]) }))}
          />
          <ReasonField ctx={ctx} errors={errors} value={values?.reason} />
          <Button>{t('staffOrganizations.record')}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t('staffOrganizations.registrarOnly')}</p>
      )}
      <h2 class="govuk-heading-m">{t('organization.members')}</h2>
      <ul class="govuk-list">
        {view.people.map((p) => (
          <li key={p.accountId}>
            <a class="govuk-link" href={href('staffAccount', locale, { id: p.accountId })}>
              {p.givenName} {p.familyName}
            </a>{' '}
            — {p.email} — {t(roleLabels[p.role])}
          </li>
        ))}
      </ul>
      <CodeTable ctx={ctx} codes={view.codes} now={now} format={format} />
    </Layout>
  );
}

export function StaffSecurityCodes({ ctx, codes, now, format, notice }: Ctx & { codes: CodeRow[]; now: Date; format: Format; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('staffCodes.title')} current="staffSecurityCodes" notice={notice}>
      <p class="govuk-body">{t('staffCodes.lead')}</p>
      <CodeTable ctx={ctx} codes={codes} now={now} format={format} withOrganization revoke={(id) => href('staffRevokeSecurityCode', locale, { id })} />
    </StaffPage>
  );
}

/** The reason the organization will see (required to refuse or suspend). */
export function ReasonField({ ctx, errors, value }: Ctx & { errors?: FieldErrors | undefined; value?: string | undefined }) {
  const { t } = ctx;
  return (
    <div class={`govuk-form-group${errors?.reason ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for="reason">
        {t('staffOrganizations.reason')}
      </label>
      <div class="govuk-hint" id="reason-hint">
        {t('staffOrganizations.reasonHint')}
      </div>
      <FieldError t={t} name="reason" error={errors?.reason} />
      <textarea class="govuk-textarea" id="reason" name="reason" rows={3} aria-describedby={errors?.reason ? 'reason-hint reason-error' : 'reason-hint'}>
        <TextAreaValue name="reason" value={value} />
      </textarea>
    </div>
  );
}

/** Before an organization is suspended: what it means, the reason, confirm or go back. */
export function ConfirmSuspension({ ctx, organization, errors, reason }: Ctx & { organization: { id: string; name: Bilingual }; errors?: FieldErrors | undefined; reason?: string | undefined }) {
  const { t, locale } = ctx;
  const name = organization.name[locale];
  return (
    <ConfirmPage
      ctx={ctx}
      nav={<StaffNav ctx={ctx} />}
      title={t('staffOrganizations.confirmSuspend.title', { name })}
      consequences={[t('staffOrganizations.confirmSuspend.body'), t('staffOrganizations.confirmSuspend.mail')]}
      action={href('staffOrganizationDecision', locale, { id: organization.id })}
      fields={{ decision: 'suspend', confirmed: 'yes' }}
      errors={errors}
      confirm={t('staffOrganizations.confirmSuspend.submit')}
      cancel={{ href: href('staffOrganization', locale, { id: organization.id }), label: t('staffOrganizations.cancel') }}
    >
      <ReasonField ctx={ctx} errors={errors} value={reason} />
    </ConfirmPage>
  );
}
