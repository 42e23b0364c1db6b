import type { MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Form, Notice, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { LinkLine } from '../platform/views/link.tsx';
import { Table } from '../platform/views/table.tsx';

type Ctx = { ctx: PageContext };

/** The one script of these pages: it runs the ceremony of the forms marked data-webauthn. */
export const SECURITY_KEY_SCRIPT = '/assets/security-keys.js';

/** The id of the button that starts a ceremony: the error summary links to it, to try again. */
export const CEREMONY_BUTTON = 'security-key-button';

interface KeyRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/**
 * What to do without WebAuthn: the form stays hidden and one of these shows, the first when the
 * script finds no WebAuthn, the second when scripts do not run at all.
 */
function Unsupported({ ctx, unsupported, noScript }: Ctx & { unsupported: MessageKey; noScript: MessageKey }) {
  const { t } = ctx;
  return (
    <>
      <div class="govuk-inset-text" data-webauthn-unsupported hidden>
        {t(unsupported)}
      </div>
      <noscript>
        <div class="govuk-inset-text">{t(noScript)}</div>
      </noscript>
    </>
  );
}

/** Hidden until a ceremony fails in the browser; announced when shown. `message`: adding a key, or signing with one. */
function CeremonyFailed({ ctx, message }: Ctx & { message: MessageKey }) {
  return (
    <p class="govuk-error-message" role="alert" data-webauthn-failed hidden>
      {ctx.t(message)}
    </p>
  );
}

/** The account's keys, and the form that adds one. */
export function KeyList({
  ctx,
  keys,
  notice,
  errors,
  name,
  format,
}: Ctx & { keys: KeyRow[]; notice?: MessageKey | undefined; errors?: FieldErrors; name?: string; format: (d: Date) => string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('securityKeys.title')} errors={errors} script={SECURITY_KEY_SCRIPT}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('securityKeys.title')}</h1>
      <p class="govuk-body">{t('securityKeys.lead')}</p>
      {keys.length === 0 ? (
        <p class="govuk-body">{t('securityKeys.none')}</p>
      ) : (
        <Table
          caption={t('securityKeys.caption')}
          headers={[t('securityKeys.name'), t('securityKeys.addedOn'), t('securityKeys.lastUsed'), { hidden: t('table.actions') }]}
        >
            {keys.map((k) => (
              <tr class="govuk-table__row" key={k.id}>
                <th scope="row" class="govuk-table__header">{k.name}</th>
                <td class="govuk-table__cell">{format(k.createdAt)}</td>
                <td class="govuk-table__cell">{k.lastUsedAt ? format(k.lastUsedAt) : t('securityKeys.never')}</td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('securityKey', locale, { id: k.id })}>
                    {t('securityKeys.manage')}
                    <span class="govuk-visually-hidden"> {k.name}</span>
                  </a>
                </td>
              </tr>
            ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('securityKeys.addTitle')}</h2>
      <Unsupported ctx={ctx} unsupported="securityKeys.unsupported" noScript="securityKeys.noScript" />
      <form
        method="post"
        action={href('securityKeys', locale)}
        novalidate
        hidden
        data-webauthn="register"
        data-options-url={href('securityKeyOptions', locale)}
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="credential" value="" />
        <TextField t={t} name="name" label="field.keyName" hint="field.keyName.hint" value={name} width="20" errors={errors} />
        <CeremonyFailed ctx={ctx} message="securityKeys.failed" />
        <button type="submit" class="govuk-button" id={CEREMONY_BUTTON}>
          {t('securityKeys.add')}
        </button>
      </form>
      <LinkLine href={href('twoFactor', locale)}>{t('twoFactor.title')}</LinkLine>
    </Layout>
  );
}

/** One key: rename it, or remove it. */
export function KeyPage({ ctx, securityKey, errors, name, removable = true }: Ctx & { securityKey: KeyRow; errors?: FieldErrors; name?: string; removable?: boolean }) {
  const { t, locale } = ctx;
  const title = t('securityKeys.keyTitle', { name: securityKey.name });
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <h1 class="govuk-heading-l">{title}</h1>
      <Form action={href('securityKey', locale, { id: securityKey.id })} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="name" label="field.newKeyName" value={name ?? securityKey.name} width="20" errors={errors} />
        <Button>{t('securityKeys.rename')}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t('securityKeys.remove')}</h2>
      {removable ? (
        <>
          <p class="govuk-body">{t('securityKeys.removeWarning')}</p>
          <form method="post" action={href('removeSecurityKey', locale, { id: securityKey.id })}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <button type="submit" class="govuk-button govuk-button--warning">
              {t('securityKeys.remove')}
            </button>
          </form>
        </>
      ) : (
        // Removing it would be refused (the last factor of someone who must have one): not offered, and said why.
        <p class="govuk-body">{t('securityKeys.lastFactor')}</p>
      )}
      <LinkLine href={href('securityKeys', locale)}>{t('securityKeys.back')}</LinkLine>
    </Layout>
  );
}

/**
 * The question "sign with one of your keys", for the second step of sign-in or before a sensitive
 * action; the page that holds it loads SECURITY_KEY_SCRIPT. The signed answer is posted to `action`.
 */
export function SecurityKeyChallenge({ ctx, action, optionsUrl }: Ctx & { action: string; optionsUrl: string }) {
  const { t } = ctx;
  return (
    <>
      <Unsupported ctx={ctx} unsupported="securityKeys.step.unsupported" noScript="securityKeys.step.noScript" />
      <form method="post" action={action} hidden data-webauthn="authenticate" data-options-url={optionsUrl}>
        <p class="govuk-body">{t('securityKeys.step.lead')}</p>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="credential" value="" />
        <CeremonyFailed ctx={ctx} message="securityKeys.step.failed" />
        <button type="submit" class="govuk-button" id={CEREMONY_BUTTON}>
          {t('securityKeys.step.button')}
        </button>
      </form>
    </>
  );
}

/** The second step with a key, with the way to the other methods. */
export function SecurityKeyStep({
  ctx,
  title,
  action,
  appHref,
  recoveryCodeHref,
  errors,
}: Ctx & { title: MessageKey; action: string; appHref?: string | undefined; recoveryCodeHref: string; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t(title)} errors={errors} script={SECURITY_KEY_SCRIPT}>
      <h1 class="govuk-heading-l">{t(title)}</h1>
      <SecurityKeyChallenge ctx={ctx} action={action} optionsUrl={href('securityKeyChallenge', locale)} />
      <ul class="govuk-list">
        {appHref && (
          <li>
            <a class="govuk-link" href={appHref}>
              {t('secondStep.useApp')}
            </a>
          </li>
        )}
        <li>
          <a class="govuk-link" href={recoveryCodeHref}>
            {t('secondStep.useRecoveryCode')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={href('factorRecovery', locale)}>
            {t('secondStep.lostAccess')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
