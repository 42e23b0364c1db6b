import type { ComponentChildren } from 'preact';
import { type FieldErrors, Layout, type PageContext } from './layout.tsx';

/**
 * The step before an action that cannot be undone in one click (remove a member, end sessions,
 * suspend, remove a factor, take a role away): a page of its own (GET) that says what will happen,
 * a button that posts the action, and a way back that changes nothing.
 */
export function ConfirmPage(props: {
  ctx: PageContext;
  title: string;
  /** What will happen, one paragraph each. */
  consequences: string[];
  action: string;
  confirm: string;
  cancel: { href: string; label: string };
  fields?: Record<string, string | readonly string[]>;
  errors?: FieldErrors;
  /** Fields the person fills before confirming (the reason for a suspension). */
  children?: ComponentChildren;
  /** Above the heading: the staff console's menu. */
  nav?: ComponentChildren;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title} errors={props.errors}>
      {props.nav}
      <h1 class="govuk-heading-l">{props.title}</h1>
      {props.consequences.map((text, i) => (
        <p class="govuk-body" key={i}>
          {text}
        </p>
      ))}
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {Object.entries(props.fields ?? {}).flatMap(([name, value]) =>
          (typeof value === 'string' ? [value] : value).map((v) => <input key={`${name}=${v}`} type="hidden" name={name} value={v} />),
        )}
        {props.children}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            {props.confirm}
          </button>
          <a class="govuk-link" href={props.cancel.href}>
            {props.cancel.label}
          </a>
        </div>
      </form>
    </Layout>
  );
}
