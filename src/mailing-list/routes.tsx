import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BackgroundWork } from '../platform/background.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { choiceOf, confirmSchema, languageChoices, languagesSchema, sendSchema, signUpSchema, tokenQuery } from './schemas.ts';
import type { MailingListService } from './service.ts';
import * as views from './views.tsx';

const notices = { sent: 'mailingList.staff.sent' } as const satisfies Record<string, MessageKey>;
const confirmStatus = { valid: 200, already: 200, expired: 410, unknown: 404 } as const;

const tokenOf = (request: FastifyRequest) => {
  const parsed = tokenQuery.safeParse(request.query ?? {});
  return parsed.success ? parsed.data.token : null;
};
const strings = (body: unknown, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, typedText(body, name)]));

export async function registerMailingListRoutes(app: FastifyInstance, deps: { list: MailingListService; background: BackgroundWork; rateLimit: { max: number; timeWindow: number } }) {
  const { list } = deps;

  // Sign-up, in the portal's authority. The answer is the same whatever the address (known,
  // pending or new) and comes before the work is done, so neither its words nor its time tell.
  page(app, 'GET', 'mailingList.signUp', async (request, reply, ctx) => {
    if (!request.portal) throw new AppError('not_found');
    return sendHtml(reply, <views.SignUpPage ctx={ctx} />);
  }, { access: 'public' });
  page(app, 'POST', 'mailingList.signUp', async (request, reply, ctx) => {
    const portal = request.portal;
    if (!portal) throw new AppError('not_found');
    const parsed = parseForm(signUpSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.SignUpPage ctx={ctx} errors={fieldErrors(parsed.error)} values={strings(request.body, ['email', 'languages'])} />, 400);
    const input = { email: parsed.data.email, languages: [...languageChoices[parsed.data.languages]], locale: ctx.locale };
    await deps.background.start(() => list.signUp(portal, input));
    return reply.redirect(href('mailingList.sent', ctx.locale), 303);
  }, { access: 'public', config: { rateLimit: deps.rateLimit } });
  page(app, 'GET', 'mailingList.sent', async (_request, reply, ctx) => sendHtml(reply, <views.SentPage ctx={ctx} />), { access: 'public' });

  // Confirmation: the link opens a page with a button (a mail scanner's GET confirms nothing).
  page(app, 'GET', 'mailingList.confirm', async (request, reply, ctx) => {
    const token = tokenOf(request);
    const state = token ? await list.confirmState(token) : 'unknown';
    return sendHtml(reply, <views.ConfirmPage ctx={ctx} token={token ?? ''} state={state} />, confirmStatus[state]);
  }, { access: 'public' });
  page(app, 'POST', 'mailingList.confirm', async (request, reply, ctx) => {
    const parsed = parseForm(confirmSchema, request.body);
    const result = parsed.success ? await list.confirm(parsed.data.token, request.portal, origin(request)) : 'unknown';
    if (result === 'confirmed') return reply.redirect(href('mailingList.confirmed', ctx.locale), 303);
    return sendHtml(reply, <views.ConfirmPage ctx={ctx} token="" state={result} />, confirmStatus[result]);
  }, { access: 'public' });
  page(app, 'GET', 'mailingList.confirmed', async (_request, reply, ctx) => sendHtml(reply, <views.ConfirmedPage ctx={ctx} />), { access: 'public' });

  // Preferences, by the personal link of every message.
  const unknownLink = (reply: FastifyReply, ctx: PageContext) => sendHtml(reply, <views.UnknownLinkPage ctx={ctx} />, 404);
  page(app, 'GET', 'mailingList.manage', async (request, reply, ctx) => {
    const token = tokenOf(request);
    const found = token ? await list.preferences(token) : null;
    if (!token || !found) return unknownLink(reply, ctx);
    const saved = (request.query as Record<string, unknown>).notice === 'saved';
    return sendHtml(reply, <views.ManagePage ctx={ctx} token={token} choice={choiceOf(found.languages)} saved={saved} />);
  }, { access: 'public' });
  page(app, 'POST', 'mailingList.manage', async (request, reply, ctx) => {
    const token = tokenOf(request);
    if (!token) return unknownLink(reply, ctx);
    const parsed = parseForm(languagesSchema, request.body);
    if (!parsed.success) {
      const found = await list.preferences(token);
      if (!found) return unknownLink(reply, ctx);
      return sendHtml(reply, <views.ManagePage ctx={ctx} token={token} choice={choiceOf(found.languages)} errors={fieldErrors(parsed.error)} saved={false} />, 400);
    }
    const result = await list.changeLanguages(token, [...languageChoices[parsed.data.languages]], origin(request));
    if (result === 'unknown') return unknownLink(reply, ctx);
    return reply.redirect(`${href('mailingList.manage', ctx.locale)}?token=${encodeURIComponent(token)}&notice=saved`, 303);
  }, { access: 'public' });

  // Unsubscribe: the link opened in a browser shows one button; a POST to the same address
  // unsubscribes, from that button or from a mail client's one click (RFC 8058).
  page(app, 'GET', 'mailingList.unsubscribe', async (request, reply, ctx) => {
    const token = tokenOf(request);
    if (!token || !(await list.canUnsubscribe(token))) return unknownLink(reply, ctx);
    return sendHtml(reply, <views.UnsubscribePage ctx={ctx} token={token} />);
  }, { access: 'public' });
  // Its own scope: a mail client posts `List-Unsubscribe=One-Click` with no cookie and no form token,
  // so this scope's only body parser hands platform's form-token check the request's own token. The
  // token in the address is what authenticates the post (docs/decisions/0010).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4 * 1024 }, (request, body, done) => {
      const text = String(body);
      const oneClick = /(?:^|&)List-Unsubscribe=One-Click(?:&|$)/.test(text) || /name="List-Unsubscribe"\r?\n\r?\nOne-Click/.test(text);
      done(null, { _csrf: request.csrfToken, oneClick });
    });
    page(scope, 'POST', 'mailingList.unsubscribe', async (request, reply, ctx) => {
      const token = tokenOf(request);
      const oneClick = (request.body as { oneClick?: boolean } | undefined)?.oneClick === true;
      const result = token ? await list.unsubscribe(token, oneClick ? 'one_click' : 'page', origin(request)) : 'unknown';
      if (oneClick) return reply.code(result === 'done' ? 200 : 404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(result);
      if (result === 'unknown') return unknownLink(reply, ctx);
      return reply.redirect(href('mailingList.unsubscribed', ctx.locale), 303);
    }, { access: 'public' });
  });
  page(app, 'GET', 'mailingList.unsubscribed', async (_request, reply, ctx) => sendHtml(reply, <views.UnsubscribedPage ctx={ctx} />), { access: 'public' });

  // Staff: the counts, the export of the confirmed list, a message to the list.
  page(app, 'GET', 'mailingList.staff', async (request, reply, ctx, staff) => {
    const counts = await list.counts(staff);
    if (!counts) throw new AppError('not_found');
    return sendHtml(reply, <views.StaffListPage ctx={ctx} counts={counts} notice={noticeOf(request, notices)} />);
  }, { access: 'staff' });
  // A POST: the export is recorded in the audit trail, and a GET must change nothing.
  page(app, 'POST', 'mailingList.staffExport', async (request, reply, ctx, staff) => {
    const csv = await list.exportCsv(staff, origin(request));
    if (csv === null) throw new AppError('not_found');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctx.t('mailingList.staff.fileName')}.csv"`)
      .header('cache-control', 'no-store')
      .send(`\ufeff${csv}`);
  }, { access: 'staff' });
  page(app, 'POST', 'mailingList.staffSend', async (request, reply, ctx, staff) => {
    const parsed = parseForm(sendSchema, request.body);
    if (!parsed.success) {
      const counts = await list.counts(staff);
      if (!counts) throw new AppError('not_found');
      return sendHtml(reply, <views.StaffListPage ctx={ctx} counts={counts} errors={fieldErrors(parsed.error)} values={strings(request.body, ['subjectFr', 'bodyFr', 'subjectEn', 'bodyEn'])} />, 400);
    }
    const { subjectFr, bodyFr, subjectEn, bodyEn } = parsed.data;
    const sent = await list.send(staff, { subjectFr: subjectFr || null, bodyFr: bodyFr || null, subjectEn: subjectEn || null, bodyEn: bodyEn || null }, origin(request));
    if (!sent) throw new AppError('not_found');
    return reply.redirect(`${href('mailingList.staff', ctx.locale)}?notice=sent`, 303);
  }, { access: 'staff' });
}
