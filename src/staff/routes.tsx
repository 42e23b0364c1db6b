import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eventsAbout, eventsOfAuthority } from '../audit/service.ts';
import { personOfAuthority } from '../authorities/service.ts';
import { origin, requireAccount } from '../identity/routes.tsx';
import type { IdentityService, SessionAccount } from '../identity/service.ts';
import { EventTable } from '../identity/views.tsx';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import { formatDateTime } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { accounts } from '../platform/schema.ts';
import { Button, Form, Notice } from '../platform/views/forms.tsx';
import { Layout } from '../platform/views/layout.tsx';

/** Staff act only inside their own authority. */
export function requireStaff(request: FastifyRequest, reply: FastifyReply): SessionAccount | null {
  const account = requireAccount(request, reply);
  if (account && !account.isStaff) throw new AppError('not_found');
  return account;
}

export function registerStaffRoutes(app: FastifyInstance, deps: { db: Database; identity: IdentityService }) {
  const { db } = deps;

  page(app, 'GET', 'staffAccounts', async (request, reply, ctx) => {
    const staff = requireStaff(request, reply);
    if (!staff) return reply;
    const { t, locale } = ctx;
    const raw = (request.query as Record<string, unknown>).q;
    const q = typeof raw === 'string' ? raw.trim().slice(0, 100) : '';
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const found = q
      ? await db
          .select()
          .from(accounts)
          .where(
            and(
              personOfAuthority(staff.staffAuthorityId),
              or(
                ilike(accounts.email, pattern),
                sql`unaccent(${accounts.givenName} || ' ' || ${accounts.familyName}) ilike unaccent(${pattern})`,
              ),
            ),
          )
          .orderBy(accounts.familyName)
          .limit(50)
      : [];
    const events = q ? [] : await eventsOfAuthority(db, staff.staffAuthorityId, 50);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t('staff.title')}>
        <h1 class="govuk-heading-l">{t('staff.title')}</h1>
        <p class="govuk-body">
          <a class="govuk-link" href={href('staffFactorRecoveries', locale)}>
            {t('staff.factorRecoveries')}
          </a>
        </p>
        <form method="get" action={href('staffAccounts', locale)}>
          <div class="govuk-form-group">
            <label class="govuk-label" for="q">
              {t('field.search')}
            </label>
            <input class="govuk-input govuk-input--width-30" id="q" name="q" type="search" value={q} />
          </div>
          <button type="submit" class="govuk-button">
            {t('staff.search')}
          </button>
        </form>
        {q && (
          <>
            <h2 class="govuk-heading-m">{t('staff.results')}</h2>
            {found.length === 0 ? (
              <p class="govuk-body">{t('staff.noResults')}</p>
            ) : (
              <ul class="govuk-list">
                {found.map((a) => (
                  <li key={a.id}>
                    <a class="govuk-link" href={href('staffAccount', locale, { id: a.id })}>
                      {a.givenName} {a.familyName} — {a.email}
                    </a>{' '}
                    {a.lockedAt && <strong class="govuk-tag govuk-tag--red">{t('staff.state.locked')}</strong>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {!q && (
          <>
            <h2 class="govuk-heading-m">{t('staff.audit')}</h2>
            <EventTable ctx={ctx} events={events} format={(d) => formatDateTime(locale, d)} />
          </>
        )}
      </Layout>,
    );
  });

  page(app, 'GET', 'staffAccount', async (request, reply, ctx) => {
    const staff = requireStaff(request, reply);
    if (!staff) return reply;
    const { t, locale } = ctx;
    const id = (request.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found');
    const [account] = await db.select().from(accounts).where(and(eq(accounts.id, id), personOfAuthority(staff.staffAuthorityId)));
    if (!account) throw new AppError('not_found');
    const events = await eventsAbout(db, account.id, 100);
    const state = account.lockedAt ? 'staff.state.locked' : account.emailVerifiedAt ? 'staff.state.active' : 'staff.state.unverified';
    const notice = (request.query as Record<string, unknown>).notice === 'unlocked';
    const format = (d: Date) => formatDateTime(locale, d);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={`${account.givenName} ${account.familyName}`}>
        {notice && <Notice>{t('staff.unlocked')}</Notice>}
        <h1 class="govuk-heading-l">
          {account.givenName} {account.familyName}
        </h1>
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('field.email')}</dt>
            <dd class="govuk-summary-list__value">{account.email}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('staff.state')}</dt>
            <dd class="govuk-summary-list__value">{t(state)}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('staff.failedSignIns')}</dt>
            <dd class="govuk-summary-list__value">{account.failedSignIns}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('staff.lastSignIn')}</dt>
            <dd class="govuk-summary-list__value">{account.lastSignInAt ? format(account.lastSignInAt) : t('staff.never')}</dd>
          </div>
        </dl>
        {account.lockedAt && (
          <Form action={href('staffUnlock', locale, { id: account.id })} csrfToken={ctx.csrfToken}>
            <Button>{t('staff.unlock')}</Button>
          </Form>
        )}
        <h2 class="govuk-heading-m">{t('staff.audit')}</h2>
        <EventTable ctx={ctx} events={events} format={format} />
      </Layout>,
    );
  });

  page(app, 'POST', 'staffUnlock', async (request, reply, ctx) => {
    const staff = requireStaff(request, reply);
    if (!staff) return reply;
    const id = (request.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found');
    const ok = await deps.identity.unlock(staff, id, origin(request));
    if (!ok) throw new AppError('not_found');
    return reply.redirect(`${href('staffAccount', ctx.locale, { id })}?notice=unlocked`, 303);
  });
}

