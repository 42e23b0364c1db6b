import type { VNode } from 'preact';
import { authorityRoleLabels } from '../authorities/index.ts';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { DashboardAuthority, DashboardOrganization } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { Layout, type PageContext } from '../platform/views/layout.tsx';
import { Notice } from '../platform/views/forms.tsx';
import { LinkLine } from '../platform/views/link.tsx';
import { staffHome } from '../platform/views/staff-nav.tsx';
import { organizationRoleLabels, organizationStatusLabels } from '../organizations/index.ts';

/** A card that has something to say, with what it is (something waiting, something to start). */
export interface Shown {
  name: string;
  kind: 'waiting' | 'start';
  node: VNode;
}

export interface AuthoritySection {
  authority: DashboardAuthority;
  cards: Shown[];
  organizations: { organization: DashboardOrganization; cards: Shown[] }[];
}


/** Waiting cards first, or the sentence that nothing waits; then what the person can start. */
function Cards({ ctx, cards, nothing }: { ctx: PageContext; cards: Shown[]; nothing: MessageKey }) {
  const waiting = cards.filter((c) => c.kind === 'waiting');
  const start = cards.filter((c) => c.kind === 'start');
  return (
    <>
      {waiting.length > 0 ? waiting.map((c) => c.node) : <p class="govuk-body" data-empty="waiting">{ctx.t(nothing)}</p>}
      {start.length > 0 && (
        <>
          <p class="govuk-body govuk-!-font-weight-bold">{ctx.t('dashboard.start')}</p>
          {start.map((c) => c.node)}
        </>
      )}
    </>
  );
}

/**
 * The person's dashboard: what waits for them and what they can start, per authority and per
 * organization they belong to, from the cards every module declares.
 */
export function Dashboard({ ctx, notice, account, authorities }: { ctx: PageContext; notice: MessageKey | undefined; account: Shown[]; authorities: AuthoritySection[] }) {
  const { t, locale } = ctx;
  const staff = staffHome();
  return (
    <Layout ctx={ctx} title={t('dashboard.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('dashboard.title')}</h1>
      <p class="govuk-body-l">{t('dashboard.lead')}</p>
      {account.map((c) => c.node)}
      {authorities.map(({ authority, cards, organizations }) => (
        <>
          <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
          <section key={authority.id} aria-labelledby={`authority-${authority.id}`} data-authority={authority.id}>
            <h2 class="govuk-heading-l" id={`authority-${authority.id}`}>
              {authority.name[locale]}
            </h2>
            {authority.roles.length > 0 && (
              <p class="govuk-body">{t('dashboard.roles', { roles: authority.roles.map((role) => t(authorityRoleLabels[role])).join(', ') })}</p>
            )}
            <Cards ctx={ctx} cards={cards} nothing="dashboard.nothingWaiting" />
            {authority.roles.length > 0 && staff && <LinkLine href={href(staff, locale)}>{t('dashboard.openStaff')}</LinkLine>}
          </section>
          {organizations.map(({ organization, cards: organizationCards }) => (
            <section key={organization.id} class="govuk-!-margin-top-8" aria-labelledby={`organization-${organization.id}`} data-organization={organization.id}>
              <h2 class="govuk-heading-m" id={`organization-${organization.id}`}>
                <span class="govuk-caption-m">{t('dashboard.organizationOf', { authority: authority.name[locale] })}</span>
                {organization.name[locale]}
              </h2>
              <p class="govuk-body">
                {t('dashboard.organizationRole', { role: t(organizationRoleLabels[organization.role]) })}{' '}
                {organization.status !== 'approved' && <strong class="govuk-tag govuk-tag--grey">{t(organizationStatusLabels[organization.status])}</strong>}
              </p>
              <Cards ctx={ctx} cards={organizationCards} nothing="dashboard.nothingWaitingOrganization" />
              <LinkLine href={href('organization', locale, { organizationId: organization.id })}>
                {t('dashboard.openOrganization')}
              </LinkLine>
            </section>
          ))}
        </>
      ))}
      <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
      <h2 class="govuk-heading-m">{t('dashboard.accountHeading')}</h2>
      <p class="govuk-body">{t('dashboard.accountLead')}</p>
      <LinkLine href={href('account', locale)}>{t('dashboard.accountLink')}</LinkLine>
    </Layout>
  );
}
