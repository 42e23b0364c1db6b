import type { ComponentChildren } from 'preact';
import { Layout, type PageContext } from './layout.tsx';

/**
 * A page that says one thing (locked out, check your email, an error): its title as heading, its
 * paragraphs, and the way on — a button, or what `children` puts after the paragraphs.
 */
export function MessagePage({ ctx, title, paragraphs, button, children }: { ctx: PageContext; title: string; paragraphs: readonly string[]; button?: { href: string; label: string }; children?: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      {paragraphs.map((text, i) => (
        <p class="govuk-body" key={i}>
          {text}
        </p>
      ))}
      {button && (
        <a class="govuk-button" href={button.href}>
          {button.label}
        </a>
      )}
      {children}
    </Layout>
  );
}
