import { formatDateTime, type MessageKey } from '../i18n/index.ts';
import { Button, FieldError, Form, InlineForm, TextField } from './forms.tsx';
import type { FieldErrors, PageContext } from './layout.tsx';
import { Table } from './table.tsx';

/**
 * A key just issued, shown this once: break opportunities (`<wbr>`, nothing copied) every 12
 * characters, so a 47-character key wraps at 320 px.
 */
export function IssuedKey({ title, issuedKey }: { title: string; issuedKey: string }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h2 class="govuk-panel__title govuk-!-font-size-27">{title}</h2>
      <div class="govuk-panel__body">
        <code class="guichet-code" id="issued-key">
          {issuedKey.match(/.{1,12}/g)!.map((part, i) => (
            <>
              {i > 0 && <wbr />}
              {part}
            </>
          ))}
        </code>
      </div>
    </div>
  );
}

export interface ApiClient {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: string[];
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The module's words for the page (each module says what its client systems do). */
export type ApiClientWords = Record<'issued' | 'lead' | 'openapi' | 'name' | 'keyPrefix' | 'scopes' | 'lastUsed' | 'never' | 'state' | 'inUse' | 'revoked' | 'revoke' | 'new' | 'submit', MessageKey>;

/**
 * A module's client systems and their keys (the access requests and surveillance APIs): the key
 * just issued, the keys with their scopes and last use, a revoke button each, and the form that
 * issues a new one with its scopes.
 */
export function ApiClients(props: {
  ctx: PageContext;
  words: ApiClientWords;
  clients: readonly ApiClient[];
  /** Every scope a key may hold, the first one named `scopes` (the error summary links to it). */
  scopes: readonly { value: string; label: MessageKey }[];
  openApiHref: string;
  createAction: string;
  revokeAction: (clientId: string) => string;
  issuedKey?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: { name: string; scopes: readonly string[] } | undefined;
}) {
  const { ctx, words, errors, values } = props;
  const { t, locale } = ctx;
  const labelOf = new Map(props.scopes.map((s) => [s.value, t(s.label)]));
  const ticked = values?.scopes ?? [];
  const idOf = (value: string, i: number) => (i === 0 ? 'scopes' : `scopes-${value.replace(':', '-')}`);
  return (
    <>
      {props.issuedKey && <IssuedKey title={t(words.issued)} issuedKey={props.issuedKey} />}
      <p class="govuk-body">{t(words.lead)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={props.openApiHref}>
          {t(words.openapi)}
        </a>
      </p>
      {props.clients.length > 0 && (
        <Table headers={[t(words.name), t(words.keyPrefix), t(words.scopes), t(words.lastUsed), t(words.state), { hidden: t(words.revoke) }]}>
          {props.clients.map((c) => (
            <tr class="govuk-table__row" key={c.id} data-client={c.keyPrefix}>
              <td class="govuk-table__cell">{c.name}</td>
              <td class="govuk-table__cell">{`${c.keyPrefix}…`}</td>
              <td class="govuk-table__cell">{c.scopes.map((s) => labelOf.get(s) ?? s).join(', ')}</td>
              <td class="govuk-table__cell">{c.lastUsedAt ? formatDateTime(locale, c.lastUsedAt) : t(words.never)}</td>
              <td class="govuk-table__cell">{c.revokedAt ? t(words.revoked) : t(words.inUse)}</td>
              <td class="govuk-table__cell">
                {!c.revokedAt && (
                  <InlineForm action={props.revokeAction(c.id)} csrfToken={ctx.csrfToken}>
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                      {t(words.revoke)}
                      <span class="govuk-visually-hidden"> {c.name}</span>
                    </button>
                  </InlineForm>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t(words.new)}</h2>
      <Form action={props.createAction} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="name" label={words.name} value={values?.name ?? ''} errors={errors} />
        <div class={`govuk-form-group${errors?.scopes ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(words.scopes)}</legend>
            <FieldError t={t} name="scopes" error={errors?.scopes} />
            <div class="govuk-checkboxes govuk-checkboxes--small">
              {props.scopes.map((s, i) => (
                <div class="govuk-checkboxes__item" key={s.value}>
                  <input class="govuk-checkboxes__input" id={idOf(s.value, i)} name="scopes" type="checkbox" value={s.value} checked={ticked.includes(s.value)} />
                  <label class="govuk-label govuk-checkboxes__label" for={idOf(s.value, i)}>
                    {t(s.label)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button>{t(words.submit)}</Button>
      </Form>
    </>
  );
}
