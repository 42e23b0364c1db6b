import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Cookies } from '../platform/cookies.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { PortalService } from '../platform/module.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { isSlug, type Portal, portalHomeHref } from '../platform/portal.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { portalSettings, type Portals, updatePortal } from './portals.ts';
import { portalFields, portalFormValues, portalSettingsSchema, type PortalField } from './schemas.ts';
import * as views from './views.tsx';

/** The default documents' paragraphs, by page. */
const documents = {
  portalPrivacy: { title: 'portalPrivacy.title', paragraphs: ['portalPrivacy.body', 'portalPrivacy.rights'] },
  portalAccessibility: { title: 'portalAccessibility.title', paragraphs: ['portalAccessibility.body', 'portalAccessibility.feedback'] },
  portalTerms: { title: 'portalTerms.title', paragraphs: ['portalTerms.body', 'portalTerms.account'] },
} as const satisfies Record<string, { title: MessageKey; paragraphs: MessageKey[] }>;

export function registerAuthorityRoutes(
  app: FastifyInstance,
  deps: { db: Database; portals: Portals; clock: Clock; cookies: Cookies; services: readonly PortalService[] },
) {
  const { portals, cookies } = deps;

  /**
   * The portal a `/:slug` page is about: on a host name an operator mapped, only that host's own;
   * opening it is remembering it (sign-up, sign-in and help requests then happen there).
   */
  async function portalOfPage(request: FastifyRequest, reply: FastifyReply, ctx: PageContext): Promise<PageContext & { portal: Portal }> {
    const { slug } = request.params as { slug?: unknown };
    if (!isSlug(slug)) throw new AppError('not_found');
    const portal = request.portal?.viaHost ? (request.portal.slug === slug ? request.portal : null) : await portals.bySlug(slug);
    if (!portal) throw new AppError('not_found');
    if (!portal.viaHost && request.cookies[cookies.portal] !== portal.slug) reply.setCookie(cookies.portal, portal.slug, cookies.options);
    request.portal = portal;
    return { ...ctx, portal };
  }

  const home = async (reply: FastifyReply, ctx: PageContext & { portal: Portal }) => {
    const others = ctx.portal.viaHost ? false : (await portals.list()).length > 1;
    return sendHtml(reply, <views.PortalHome ctx={ctx} portal={ctx.portal} services={deps.services} others={others} />);
  };

  page(app, 'GET', 'home', async (request, reply, ctx) => {
    if (request.portal?.viaHost) return home(reply, { ...ctx, portal: request.portal });
    const all = await portals.list();
    if (all.length === 1 && all[0]) return reply.redirect(portalHomeHref(all[0], ctx.locale));
    return sendHtml(reply, <views.PortalList ctx={ctx} portals={all} />);
  }, { access: 'public' });

  page(app, 'GET', 'portalHome', async (request, reply, ctx) => home(reply, await portalOfPage(request, reply, ctx)), { access: 'public' });

  for (const [name, doc] of Object.entries(documents) as [keyof typeof documents, (typeof documents)[keyof typeof documents]][]) {
    page(app, 'GET', name, async (request, reply, ctx) => {
      const withPortal = await portalOfPage(request, reply, ctx);
      return sendHtml(reply, <views.PortalDocument ctx={withPortal} portal={withPortal.portal} title={doc.title} paragraphs={[...doc.paragraphs]} />);
    }, { access: 'public' });
  }

  const staffPortalHref = async (authorityId: string, ctx: PageContext) => {
    const portal = (await portals.list()).find((p) => p.id === authorityId);
    return portal ? portalHomeHref({ ...portal, viaHost: ctx.portal?.viaHost === true && ctx.portal.id === portal.id }, ctx.locale) : href('home', ctx.locale);
  };

  page(app, 'GET', 'staffPortal', async (request, reply, ctx, staff) => {
    const settings = await portalSettings(deps.db, staff.staffAuthorityId);
    if (!settings) throw new AppError('not_found');
    const saved = (request.query as Record<string, unknown>).notice === 'saved';
    return sendHtml(
      reply,
      <views.StaffPortalPage ctx={ctx} values={portalFormValues(settings)} notice={saved ? 'staffPortal.saved' : undefined} portalHref={await staffPortalHref(staff.staffAuthorityId, ctx)} />,
    );
  }, { access: { staff: ['administrator'] } });

  page(app, 'POST', 'staffPortal', async (request, reply, ctx, staff) => {
    const parsed = parseForm(portalSettingsSchema, request.body);
    if (!parsed.success) {
      const body = request.body as Record<string, unknown>;
      const values = Object.fromEntries(portalFields.map((f) => [f, typeof body[f] === 'string' ? body[f] : ''])) as Record<PortalField, string>;
      return sendHtml(reply, <views.StaffPortalPage ctx={ctx} values={values} errors={fieldErrors(parsed.error)} portalHref={await staffPortalHref(staff.staffAuthorityId, ctx)} />, 400);
    }
    if ((await updatePortal(deps.db, staff, parsed.data, origin(request), deps.clock.now())) === 'forbidden') throw new AppError('not_found');
    return reply.redirect(`${href('staffPortal', ctx.locale)}?notice=saved`, 303);
  }, { access: { staff: ['administrator'] } });
}
