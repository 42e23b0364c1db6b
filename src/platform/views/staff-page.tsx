import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import type { PageName } from '../paths.ts';
import { Notice } from './forms.tsx';
import { type FieldErrors, Layout, type PageContext } from './layout.tsx';
import { StaffNav } from './staff-nav.tsx';

/** A page of the staff console: the layout, the console's links (`current` marked), the notice if any, and the title as heading. */
export function StaffPage(props: { ctx: PageContext; title: string; current?: PageName; notice?: MessageKey | undefined; errors?: FieldErrors | undefined; children: ComponentChildren }) {
  const { ctx, title, notice, errors } = props;
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} {...(props.current ? { current: props.current } : {})} />
      {notice && <Notice>{ctx.t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{title}</h1>
      {props.children}
    </Layout>
  );
}
