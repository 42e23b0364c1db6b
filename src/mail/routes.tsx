import { createHash, timingSafeEqual } from 'node:crypto';
import { desc } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Cookies } from '../platform/cookies.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import { formatDateTime, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Layout } from '../platform/views/layout.tsx';
import { mailMessages } from './schema.ts';

const statusLabels = { held: 'devMail.status.held', queued: 'devMail.status.queued', sent: 'devMail.status.sent' } as const satisfies Record<'held' | 'queued' | 'sent', MessageKey>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Development only: the mail kept in the database, so links can be followed without SMTP.
 * It holds every reset link, so it opens only with the key printed at start-up: `?key=` once,
 * which leaves a cookie and comes back without the key in the address. The caller's address is
 * not enough: behind a reverse proxy on the same machine every request looks local.
 */
export function registerDevMailRoutes(app: FastifyInstance, deps: { db: Database; key: string; cookies: Cookies }) {
  const expected = digest(deps.key);
  const matches = (value: unknown) => typeof value === 'string' && value.length > 0 && timingSafeEqual(digest(value), expected);
  const opened = (request: FastifyRequest) => matches(request.cookies[deps.cookies.devMail]);

  page(app, 'GET', 'devMail', async (request, reply, ctx) => {
    const { key } = request.query as Record<string, unknown>;
    if (key !== undefined) {
      if (!matches(key)) throw new AppError('not_found');
      reply.setCookie(deps.cookies.devMail, deps.key, deps.cookies.options);
      return reply.redirect(href('devMail', ctx.locale), 303);
    }
    if (!opened(request)) throw new AppError('not_found');
    const { t, locale } = ctx;
    const mail = await deps.db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt)).limit(50);
    return sendHtml(
      reply,
      <Layout ctx={ctx} title={t('devMail.title')}>
        <h1 class="govuk-heading-l">{t('devMail.title')}</h1>
        {mail.length === 0 && <p class="govuk-body">{t('devMail.empty')}</p>}
        {mail.map((m) => (
          <section key={m.id} class="govuk-!-margin-bottom-6" aria-label={m.subject}>
            <h2 class="govuk-heading-s">{m.subject}</h2>
            <p class="govuk-body-s">
              {t('devMail.to', { address: m.toAddress })} — {formatDateTime(locale, m.createdAt)} — {t(statusLabels[m.status])}
            </p>
            <pre class="govuk-body-s guichet-mail" lang={m.language}>{m.textBody}</pre>
          </section>
        ))}
      </Layout>,
    );
  }, { access: 'public' });
}
