import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { FieldErrors } from './layout.tsx';
import { type Portal, PORTAL_FIELD } from '../portal.ts';

/**
 * The marker of a form's language switch (and of "forgot password" on the sign-in form): a post
 * carrying it changes nothing; platform answers with the GET of the page posted to, its fields
 * holding what was typed (never a password or a code) and no error (platform/http.tsx `page`).
 */
export const KEEP_TYPED = 'keepTyped';
/** The id of the page's own form: the one posting to the page itself, that the language switch submits. */
export const PAGE_FORM = 'page-form';

/** What the layout tells the forms it holds: which action is the page's own, and what was typed. */
export interface FormScope {
  /** The page's own address (without query): the form posting there is the page's form. */
  formAction: string | undefined;
  typed: Record<string, string> | undefined;
  /** Set by that form when it renders: the language link becomes its button. */
  found: boolean;
}
export const FormScopeContext = createContext<FormScope | null>(null);

/** The value a field shows: what was typed before a language switch, else its own. */
export function useTyped(name: string, value: string | null | undefined): string | null | undefined {
  const typed = useContext(FormScopeContext)?.typed;
  return typed && Object.hasOwn(typed, name) ? typed[name] : value;
}

interface FieldProps {
  t: Translate;
  name: string;
  label: MessageKey;
  errors?: FieldErrors | undefined;
  hint?: MessageKey;
  /** Ids of hints outside the field (shared by several fields) that describe it too. */
  describedBy?: string;
}

/** A field's error message, `${name}-error` for the field's aria-describedby; nothing when there is none. */
export function FieldError({ t, name, error }: { t: Translate; name: string; error: MessageKey | undefined }) {
  return error ? (
    <p id={`${name}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
    </p>
  ) : null;
}

function errorFor(t: Translate, props: FieldProps) {
  return <FieldError t={t} name={props.name} error={props.errors?.[props.name]} />;
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.describedBy ?? '', props.hint ? `${props.name}-hint` : '', props.errors?.[props.name] ? `${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

/**
 * A field's frame: its form group (marked when in error), its label, hint and error message; the
 * control (input, select, textarea) is `children`.
 */
export function FieldFrame({ t, name, label, hint, error, children }: { t: Translate; name: string; label: string; hint?: string | undefined; error: MessageKey | undefined; children: ComponentChildren }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={name}>
        {label}
      </label>
      {hint && (
        <div id={`${name}-hint`} class="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError t={t} name={name} error={error} />
      {children}
    </div>
  );
}

/** A textarea's text: what was typed before a language switch, else `value`. */
export function TextAreaValue({ name, value }: { name: string; value?: string | undefined }) {
  return <>{useTyped(name, value) ?? ''}</>;
}

/** A textarea with its label and error message, showing `value` as given. */
export function TextArea({ t, name, label, value, errors, rows = 3 }: { t: Translate; name: string; label: MessageKey; value: string | undefined; errors: FieldErrors | undefined; rows?: number }) {
  const error = errors?.[name];
  return (
    <FieldFrame t={t} name={name} label={t(label)} error={error}>
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={rows}
        aria-describedby={error ? `${name}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function TextField(
  props: FieldProps & { value?: string | null; type?: string; autocomplete?: string; width?: string; inputMode?: 'numeric' },
) {
  const { t, name } = props;
  const invalid = Boolean(props.errors?.[name]);
  const value = useTyped(name, props.value);
  return (
    <FieldFrame t={t} name={name} label={t(props.label)} hint={props.hint ? t(props.hint) : undefined} error={props.errors?.[name]}>
      <input
        class={`govuk-input${props.width ? ` govuk-input--width-${props.width}` : ''}${invalid ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : (value ?? undefined)}
        autoComplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={false}
        aria-describedby={describedBy(props)}
        aria-invalid={invalid ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

export function Choice(
  props: FieldProps & { value?: string | null; options: { value: string; label: string }[]; kind: 'radios' | 'select' },
) {
  const { t, name } = props;
  const invalid = Boolean(props.errors?.[name]);
  const group = `govuk-form-group${invalid ? ' govuk-form-group--error' : ''}`;
  const value = useTyped(name, props.value);
  if (props.kind === 'select') {
    return (
      <FieldFrame t={t} name={name} label={t(props.label)} error={props.errors?.[name]}>
        <select class="govuk-select" id={name} name={name} aria-describedby={describedBy(props)}>
          <option value="" />
          {props.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </FieldFrame>
    );
  }
  return (
    <div class={group}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(props.label)}</legend>
        {errorFor(t, props)}
        <div class="govuk-radios govuk-radios--small">
          {props.options.map((o, i) => (
            <div class="govuk-radios__item" key={o.value}>
              <input
                class="govuk-radios__input"
                id={i === 0 ? name : `${name}-${o.value}`}
                name={name}
                type="radio"
                value={o.value}
                checked={o.value === value}
              />
              <label class="govuk-label govuk-radios__label" for={i === 0 ? name : `${name}-${o.value}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Form(props: { action: string; csrfToken: string; children: ComponentChildren }) {
  const scope = useContext(FormScopeContext);
  const own = scope !== null && !scope.found && scope.formAction !== undefined && props.action.split('?')[0] === scope.formAction;
  if (own) scope.found = true;
  return (
    <form method="post" action={props.action} novalidate id={own ? PAGE_FORM : undefined}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.children}
    </form>
  );
}

/** A one-button form within a line or a table row: the CSRF token, fixed hidden fields, then the button. */
export function InlineForm(props: { action: string; csrfToken: string; fields?: Record<string, string>; children: ComponentChildren }) {
  return (
    <form method="post" action={props.action} class="guichet-inline-form">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.children}
    </form>
  );
}

/** One "yes" checkbox of a GOV.UK checkboxes group; the form sends `name=yes` when it is ticked. */
export function CheckboxItem({ name, label, checked, invalid = false }: { name: string; label: string; checked: boolean; invalid?: boolean }) {
  return (
    <div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id={name} name={name} type="checkbox" value="yes" checked={checked} aria-invalid={invalid ? 'true' : undefined} />
      <label class="govuk-label govuk-checkboxes__label" for={name}>
        {label}
      </label>
    </div>
  );
}

export function Button(props: { children: ComponentChildren; secondary?: boolean }) {
  return (
    <button type="submit" class={`govuk-button${props.secondary ? ' govuk-button--secondary' : ''}`}>
      {props.children}
    </button>
  );
}

export function Notice(props: { children: ComponentChildren }) {
  return (
    <div class="govuk-notification-banner govuk-notification-banner--success" role="status">
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.children}</p>
      </div>
    </div>
  );
}

/**
 * The portal a form was shown in (docs/decisions/0006): its post happens there even if another
 * tab opened another portal since. Nothing on a portal's own host name, which says it already.
 */
export function PortalField({ portal }: { portal: Portal | null }) {
  return portal && !portal.viaHost ? <input type="hidden" name={PORTAL_FIELD} value={portal.slug} /> : null;
}

/**
 * A button, outside or inside the page's form, that takes what was typed to another page of the
 * portal without doing anything ("forgot password" carries the email typed on the sign-in form).
 */
export function KeepTypedButton(props: { action: string; children: ComponentChildren; class?: string }) {
  return (
    <button type="submit" form={PAGE_FORM} formAction={props.action} formNoValidate name={KEEP_TYPED} value="page" class={props.class ?? 'guichet-link-button govuk-link'}>
      {props.children}
    </button>
  );
}

/** One filter of a list (a GET form's select, beside the others on a line); the empty value means any. */
export function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <div class="govuk-form-group govuk-!-display-inline-block govuk-!-margin-right-4">
      <label class="govuk-label" for={name}>
        {label}
      </label>
      <select class="govuk-select" id={name} name={name}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
