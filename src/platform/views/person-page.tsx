import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import { Notice } from './forms.tsx';
import { type FieldErrors, Layout, type PageContext } from './layout.tsx';

/** A problem that belongs to no single field (a session full, a request already decided), in the error summary's frame. */
export function Problem({ ctx, problem }: { ctx: PageContext; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" data-problem>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{ctx.t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{problem}</p>
        </div>
      </div>
    </div>
  );
}

/** A person's page (not the staff console's): the way back if any, the notice, the page's problem, and the title as heading. */
export function PersonPage({ ctx, title, errors, notice, problem, back, children }: {
  ctx: PageContext;
  title: string;
  errors?: FieldErrors | undefined;
  notice?: MessageKey | undefined;
  problem?: string | undefined;
  back?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      {back && (
        <a class="govuk-back-link" href={back}>
          {ctx.t('layout.back')}
        </a>
      )}
      {notice && <Notice>{ctx.t(notice)}</Notice>}
      <Problem ctx={ctx} problem={problem} />
      <h1 class="govuk-heading-l">{title}</h1>
      {children}
    </Layout>
  );
}
