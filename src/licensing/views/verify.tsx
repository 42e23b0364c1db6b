import type { MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { LinkLine } from '../../platform/views/link.tsx';
import type { Verification } from '../use-cases/registrations.ts';
import type { Ctx } from './parts.tsx';

const answers = {
  valid: { title: 'licensing.verify.valid', body: 'licensing.verify.validBody', tag: 'govuk-panel--confirmation' },
  expired: { title: 'licensing.verify.expired', body: 'licensing.verify.expiredBody', tag: 'guichet-panel--warning' },
  revoked: { title: 'licensing.verify.revoked', body: 'licensing.verify.revokedBody', tag: 'guichet-panel--warning' },
  unknown: { title: 'licensing.verify.unknown', body: 'licensing.verify.unknownBody', tag: 'guichet-panel--warning' },
} as const satisfies Record<Verification, { title: MessageKey; body: MessageKey; tag: string }>;

/**
 * The public verification of a certificate: a GET form (the code in the address, so the language
 * link and the QR code's address both keep it) and, once a code is given, only its status.
 */
export function VerifyPage({ ctx, code, result, error }: Ctx & { code: string; result: Verification | null; error?: MessageKey }) {
  const { t, locale } = ctx;
  const answer = result ? answers[result] : null;
  return (
    <Layout ctx={ctx} title={answer ? t(answer.title) : t('licensing.verify.title')} errors={error ? { code: error } : undefined}>
      {answer ? (
        <>
          <div class={`govuk-panel ${answer.tag}`}>
            <h1 class="govuk-panel__title">{t(answer.title)}</h1>
          </div>
          <p class="govuk-body">{t(answer.body, { code })}</p>
          <LinkLine href={href('licensing.verify', locale)}>{t('licensing.verify.another')}</LinkLine>
        </>
      ) : (
        <>
          <h1 class="govuk-heading-l">{t('licensing.verify.title')}</h1>
          <p class="govuk-body">{t('licensing.verify.lead')}</p>
          <form method="get" action={href('licensing.verify', locale)} novalidate>
            <TextField t={t} name="code" label="licensing.verify.code" hint="licensing.verify.codeHint" value={code} errors={error ? { code: error } : undefined} width="10" autocomplete="off" />
            <Button>{t('licensing.verify.submit')}</Button>
          </form>
        </>
      )}
    </Layout>
  );
}
