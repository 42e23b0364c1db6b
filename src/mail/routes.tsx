import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../platform/db.ts';
import { page, sendHtml } from '../platform/http.tsx';
import { formatDateTime } from '../platform/i18n/index.ts';
import { mailMessages } from '../platform/schema.ts';
import { Layout } from '../platform/views/layout.tsx';

/** Development only: the mail kept in the database, so links can be followed without SMTP. */
export function registerDevMailRoutes(app: FastifyInstance, deps: { db: Database }) {
  page(app, 'GET', 'devMail', async (_request, reply, ctx) => {
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
              {t('devMail.to')}: {m.toAddress} — {formatDateTime(locale, m.createdAt)} — {m.status}
            </p>
            <pre class="govuk-body-s guichet-mail" lang={m.language}>{m.textBody}</pre>
          </section>
        ))}
      </Layout>,
    );
  });
}
