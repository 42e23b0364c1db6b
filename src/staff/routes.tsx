import { and, eq } from 'drizzle-orm';
import { eventText } from '../audit/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type IdentityService, accounts } from '../identity/index.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import {
  auditCursorSchema,
  auditFilterSchema,
  auditPage,
  type AuditRow,
  endSessions,
  eventsAboutPerson,
  exportAudit,
  findPeople,
  organizationsOf,
  peopleSearchSchema,
  authorityRolesSchema,
  rolesOf,
  setAuthorityRoles,
  toCsv,
} from './service.ts';
import { type AuditFormValues, AuditLogPage, PeoplePage, PersonPage, SecuritySettingsPage } from './views.tsx';
import { can } from './policies.ts';
import { setTwoFactorRoles, twoFactorRolesOf, twoFactorRolesSchema } from './security-settings.ts';
import type { Clock } from '../platform/clock.ts';
import { origin } from '../platform/origin.ts';
import type { AuthorityRole, SessionAccount } from '../platform/actors.ts';
import { fieldErrors } from '../platform/text.ts';
import { personOfAuthority, twoStepOf } from './queries.ts';
import { ConfirmPage } from '../platform/views/confirm.tsx';
import { StaffNav } from '../platform/views/staff-nav.tsx';
import { shownStaffCards } from '../platform/views/staff-cards.tsx';
import type { StaffCard } from '../platform/module.ts';
import { authorityRoleLabels, hasOtherAdministrator } from '../authorities/index.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person's id in the address; anything but a UUID is a page that does not exist. */
function personId(request: FastifyRequest): string {
  const id = (request.params as { id: string }).id;
  if (!uuidPattern.test(id)) throw new AppError('not_found');
  return id;
}
const notices: Record<string, MessageKey> = { unlocked: 'staff.unlocked', sessionsEnded: 'staffPeople.sessionsEnded', rolesSaved: 'staffPeople.rolesSaved' };

/** Administrators only: to anyone else the page does not exist, as the console is to non-staff. */

/** The raw filter values, echoed back into the form (a repeated field counts as invalid, shown empty). */
function formValues(query: Record<string, unknown>): AuditFormValues {
  const out: AuditFormValues = {};
  for (const name of ['who', 'event', 'from', 'to', 'organization'] as const) {
    const value = query[name];
    if (typeof value === 'string' && value.trim() !== '') out[name] = value.trim().slice(0, 254);
  }
  return out;
}

export function registerStaffRoutes(app: FastifyInstance, deps: { db: Database; identity: IdentityService; clock: Clock; cards: readonly StaffCard[] }) {
  const { db } = deps;

  /** The audit filters of a request, checked: a chosen organization must be one of the authority's. */
  async function readAuditFilters(staff: SessionAccount, request: FastifyRequest) {
    const query = request.query as Record<string, unknown>;
    const organizations = await organizationsOf(db, staff.staffAuthorityId);
    const parsed = auditFilterSchema.safeParse(query);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (parsed.success && parsed.data.organization && !organizations.some((o) => o.id === parsed.data.organization)) {
      errors.organization = 'invalid.staffAudit.organization';
    }
    const values = formValues(query);
    return { organizations, values, filters: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null, errors };
  }

  const invalidFilters = (reply: FastifyReply, ctx: PageContext, read: Awaited<ReturnType<typeof readAuditFilters>>) =>
    sendHtml(reply, <AuditLogPage ctx={ctx} values={read.values} errors={read.errors} organizations={read.organizations} rows={[]} />, 400);

  page(app, 'GET', 'staffAudit', async (request, reply, ctx, staff) => {
    const read = await readAuditFilters(staff, request);
    const cursor = auditCursorSchema.safeParse(request.query);
    if (!cursor.success) Object.assign(read.errors, { filters: 'invalid.staffAudit.page' });
    if (!read.filters || !cursor.success) return invalidFilters(reply, ctx, read);
    const found = await auditPage(db, staff.staffAuthorityId, read.filters, cursor.data);
    return sendHtml(
      reply,
      <AuditLogPage ctx={ctx} values={read.values} errors={{}} organizations={read.organizations} rows={found.rows} older={found.older} newer={found.newer} />,
    );
  }, { access: 'staff' });

  page(app, 'GET', 'staffAuditCsv', async (request, reply, ctx, staff) => {
    const read = await readAuditFilters(staff, request);
    if (!read.filters) return invalidFilters(reply, ctx, read);
    const { t, locale } = ctx;
    const now = deps.clock.now();
    const { rows } = await exportAudit(db, staff, read.filters, origin(request), now);
    const header: MessageKey[] = [
      'staffAudit.csv.id',
      'staffAudit.csv.when',
      'staffAudit.what',
      'staffAudit.csv.eventCode',
      'staffAudit.csv.actorEmail',
      'staffAudit.csv.actorName',
      'staffAudit.csv.subjectEmail',
      'staffAudit.csv.subjectName',
      'staffAudit.organization',
      'staffAudit.ip',
    ];
    const csv = toCsv([
      header.map((key) => t(key)),
      ...rows.map((e: AuditRow) => [
        String(e.id),
        e.occurredAt.toISOString(),
        eventText(t, e.event),
        e.event,
        e.actorEmail ?? (e.actorId ? '' : t('staffAudit.system')),
        e.actorName ?? '',
        e.subjectEmail ?? '',
        e.subjectName ?? '',
        e.organizationName?.[locale] ?? '',
        e.ip ?? '',
      ]),
    ]);
    const filename = `${t('staffAudit.csv.filename')}-${now.toISOString().slice(0, 10)}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }, { access: 'staff' });

  page(app, 'GET', 'staffAccounts', async (request, reply, ctx, staff) => {
    const query = request.query as Record<string, unknown>;
    const values = { q: typeof query.q === 'string' ? query.q.trim().slice(0, 100) : undefined, state: typeof query.state === 'string' ? query.state : undefined };
    const parsed = peopleSearchSchema.safeParse(query);
    // The console's first page is its home: what every module says waits for staff comes first.
    const cards = await shownStaffCards(deps.cards, request, staff, ctx);
    if (!parsed.success) {
      return sendHtml(reply, <PeoplePage ctx={ctx} cards={cards} values={values} errors={fieldErrors(parsed.error)} searched={false} people={[]} roles={new Map()} />, 400);
    }
    const search = parsed.data;
    const searched = Boolean(search.q) || (search.state !== undefined && search.state !== 'all');
    // No search yet: the authority's people, by name (the audit log has its own page).
    const people = await findPeople(db, staff.staffAuthorityId, search);
    const roles = await rolesOf(db, staff.staffAuthorityId, people.map((p) => p.id));
    return sendHtml(reply, <PeoplePage ctx={ctx} cards={cards} values={values} errors={{}} searched={searched} people={people} roles={roles} />);
  }, { access: 'staff' });

  const personPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, problem?: MessageKey) => {
    const id = personId(request);
    const [account] = await db.select().from(accounts).where(and(eq(accounts.id, id), personOfAuthority(staff.staffAuthorityId)));
    if (!account) throw new AppError('not_found');
    const [roles, events, otherAdministrator, twoStep] = await Promise.all([
      rolesOf(db, staff.staffAuthorityId, [id]),
      eventsAboutPerson(db, staff.staffAuthorityId, id),
      hasOtherAdministrator(db, staff.staffAuthorityId, id),
      twoStepOf(db, id),
    ]);
    return sendHtml(
      reply,
      <PersonPage
        ctx={ctx}
        account={account}
        roles={roles.get(id)}
        events={events}
        mayManageRoles={can(staff, 'manage_roles')}
        twoStep={twoStep}
        onlyAdministrator={(roles.get(id)?.authority ?? []).includes('administrator') && !otherAdministrator}
        problem={problem}
        notice={noticeOf(request, notices)}
      />,
      problem ? 409 : 200,
    );
  };

  page(app, 'GET', 'staffAccount', async (request, reply, ctx, staff) => personPage(request, reply, ctx, staff), { access: 'staff' });

  /** The person of the address in the staff's authority, with the roles they hold there; or "page not found". */
  const personWithRoles = async (staff: SessionAccount, id: string) => {
    const [account] = await db.select().from(accounts).where(and(eq(accounts.id, id), personOfAuthority(staff.staffAuthorityId)));
    if (!account) throw new AppError('not_found');
    return { account, held: (await rolesOf(db, staff.staffAuthorityId, [id])).get(id)?.authority ?? [] };
  };
  const rolesQuery = (roles: readonly string[]) => {
    const query = new URLSearchParams(roles.map((r) => ['roles', r]));
    query.set('change', 'yes');
    return query.toString();
  };

  // Taking a role away is confirmed on a page of its own, which names the roles and what they open.
  page(app, 'GET', 'staffPersonRoles', async (request, reply, ctx, staff) => {
    if (!can(staff, 'manage_roles')) throw new AppError('forbidden');
    const id = personId(request);
    const parsed = authorityRolesSchema.safeParse(request.query);
    if (!parsed.success) throw new AppError('bad_request');
    const { account, held } = await personWithRoles(staff, id);
    const taken = held.filter((r) => !parsed.data.roles.includes(r));
    // Nothing would be taken away: nothing to confirm, the person's page (with its roles form) answers.
    if (taken.length === 0) return personPage(request, reply, ctx, staff);
    if (taken.includes('administrator') && !(await hasOtherAdministrator(db, staff.staffAuthorityId, id))) return personPage(request, reply, ctx, staff, 'staffPeople.lastAdministrator');
    const { t, locale } = ctx;
    const name = `${account.givenName} ${account.familyName}`;
    const given = parsed.data.roles.filter((r) => !held.includes(r));
    const list = (roles: readonly AuthorityRole[]) => roles.map((r) => t(authorityRoleLabels[r])).join(', ');
    return sendHtml(
      reply,
      <ConfirmPage
        ctx={ctx}
        nav={<StaffNav ctx={ctx} />}
        title={t('staffPeople.confirmRoles.title', { name })}
        consequences={[
          t('staffPeople.confirmRoles.taken', { name, roles: list(taken) }),
          ...(given.length > 0 ? [t('staffPeople.confirmRoles.given', { roles: list(given) })] : []),
          t(parsed.data.roles.length === 0 ? 'staffPeople.confirmRoles.none' : 'staffPeople.confirmRoles.after'),
        ]}
        action={href('staffPersonRoles', locale, { id })}
        fields={{ roles: parsed.data.roles, confirmed: 'yes' }}
        confirm={t('staffPeople.confirmRoles.submit')}
        cancel={{ href: href('staffAccount', locale, { id }), label: t('staffPeople.cancel') }}
      />,
    );
  }, { access: 'staff' });

  page(app, 'POST', 'staffPersonRoles', async (request, reply, ctx, staff) => {
    const id = personId(request);
    const parsed = authorityRolesSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request');
    if ((request.body as Record<string, unknown>).confirmed !== 'yes' && can(staff, 'manage_roles')) {
      const { held } = await personWithRoles(staff, id);
      if (held.some((r) => !parsed.data.roles.includes(r))) return reply.redirect(`${href('staffPersonRoles', ctx.locale, { id })}?${rolesQuery(parsed.data.roles)}`, 303);
    }
    const result = await setAuthorityRoles(db, staff, id, parsed.data.roles, origin(request), deps.clock.now());
    if (result === 'forbidden') throw new AppError('forbidden');
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'last_administrator') return personPage(request, reply, ctx, staff, 'staffPeople.lastAdministrator');
    return reply.redirect(`${href('staffAccount', ctx.locale, { id })}?notice=rolesSaved`, 303);
  }, { access: 'staff' });

  page(app, 'POST', 'staffUnlock', async (request, reply, ctx, staff) => {
    const id = personId(request);
    const ok = await deps.identity.unlock(staff, id, origin(request), personOfAuthority(staff.staffAuthorityId));
    if (!ok) throw new AppError('not_found');
    return reply.redirect(`${href('staffAccount', ctx.locale, { id })}?notice=unlocked`, 303);
  }, { access: 'staff' });

  page(app, 'GET', 'staffEndSessions', async (request, reply, ctx, staff) => {
    const id = personId(request);
    const { account } = await personWithRoles(staff, id);
    const { t, locale } = ctx;
    const name = `${account.givenName} ${account.familyName}`;
    return sendHtml(
      reply,
      <ConfirmPage
        ctx={ctx}
        nav={<StaffNav ctx={ctx} />}
        title={t('staffPeople.confirmEndSessions.title', { name })}
        consequences={[t('staffPeople.confirmEndSessions.body', { name }), ...(id === staff.id ? [t('staffPeople.confirmEndSessions.self')] : [])]}
        action={href('staffEndSessions', locale, { id })}
        confirm={t('staffPeople.endSessions')}
        cancel={{ href: href('staffAccount', locale, { id }), label: t('staffPeople.cancel') }}
      />,
    );
  }, { access: 'staff' });

  page(app, 'POST', 'staffEndSessions', async (request, reply, ctx, staff) => {
    const id = personId(request);
    const ok = await endSessions(db, deps.identity, staff, id, origin(request), deps.clock.now());
    if (!ok) throw new AppError('not_found');
    // Ending one's own sessions signs oneself out: the person page then asks to sign in.
    return reply.redirect(`${href('staffAccount', ctx.locale, { id })}?notice=sessionsEnded`, 303);
  }, { access: 'staff' });

  page(app, 'GET', 'staffSecurity', async (request, reply, ctx, staff) => {
    const saved = (request.query as Record<string, unknown>).notice === 'saved';
    return sendHtml(reply, <SecuritySettingsPage ctx={ctx} roles={await twoFactorRolesOf(db, staff.staffAuthorityId)} notice={saved ? 'staffSecurity.saved' : undefined} />);
  }, { access: { staff: ['administrator'] } });

  page(app, 'POST', 'staffSecurity', async (request, reply, ctx, staff) => {
    const parsed = twoFactorRolesSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request');
    if ((await setTwoFactorRoles(db, staff, parsed.data.roles, origin(request), deps.clock.now())) === 'forbidden') throw new AppError('not_found');
    return reply.redirect(`${href('staffSecurity', ctx.locale)}?notice=saved`, 303);
  }, { access: { staff: ['administrator'] } });
}
