import { type Locale, translator } from '../platform/i18n/index.ts';
import type { MailSpec } from '../platform/module.ts';
import type { Portal } from '../platform/portal.ts';

/**
 * Every mail template's name: each module adds its own to this interface in its `mail.ts`, and
 * declares there the strings of each (platform draws the frame: greeting, link, signature).
 */
export interface MailTemplates {}
export type MailTemplate = keyof MailTemplates & string;

/** What a message names: the factor added or removed, the codes left, the identity provider. */
export interface MailVars {
  name: string;
  link: string;
  detail?: string;
  /** Fills the subject's `{subject}`: a message whose subject a person wrote (a mailing list's). */
  subject?: string;
  /**
   * A list's personal unsubscribe address: a line at the foot of the message, and the RFC 8058
   * one-click headers (`List-Unsubscribe`, `List-Unsubscribe-Post`) when it is queued.
   */
  unsubscribe?: string;
}

let specs: Readonly<Record<string, MailSpec>> = {};

/** The composition root installs every module's templates (src/mail's manifest does, when it registers). */
export function installMailTemplates(assembled: Readonly<Record<string, MailSpec>>): void {
  specs = assembled;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Renders one message in the recipient's language, as text and HTML. Sent on an authority's
 * behalf (its portal), it is signed with the authority's name and contact, and sent under its name.
 */
export function renderMail(template: MailTemplate, locale: Locale, vars: MailVars, portal?: Portal | null) {
  const t = translator(locale);
  const spec = specs[template];
  if (!spec) throw new Error(`No mail template ${template}: is its module in src/modules.ts?`);
  const body = t(spec.body, { detail: vars.detail ?? '' });
  const contact = portal ? [portal.contact.email, portal.contact.phone].filter(Boolean).join(' · ') : '';
  const signature = portal ? [portal.name[locale], ...(contact ? [t('mail.contact', { contact })] : [])] : [t('mail.signature')];
  const lines = [t('mail.greeting', { name: vars.name }), '', body, vars.link, ''];
  if (spec.ignorable) lines.push(t('mail.ignore'), '');
  lines.push(...signature);
  if (vars.unsubscribe) lines.push('', t('mail.unsubscribe'), vars.unsubscribe);
  const html = `<!DOCTYPE html><html lang="${locale}"><body style="font-family:arial,sans-serif">
<p>${escapeHtml(t('mail.greeting', { name: vars.name }))}</p>
<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p>
<p><a href="${escapeHtml(vars.link)}">${escapeHtml(vars.link)}</a></p>
${spec.ignorable ? `<p>${escapeHtml(t('mail.ignore'))}</p>` : ''}
<p>${signature.map(escapeHtml).join('<br>')}</p>
${vars.unsubscribe ? `<p>${escapeHtml(t('mail.unsubscribe'))}<br><a href="${escapeHtml(vars.unsubscribe)}">${escapeHtml(vars.unsubscribe)}</a></p>` : ''}</body></html>`;
  return { subject: t(spec.subject, { subject: vars.subject ?? '' }), text: lines.join('\n'), html, fromName: portal ? portal.name[locale] : t('app.name') };
}
