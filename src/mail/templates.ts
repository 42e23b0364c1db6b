import { type Locale, type MessageKey, translator } from '../platform/i18n/index.ts';

export type MailTemplate =
  | 'verify'
  | 'exists'
  | 'reset'
  | 'passwordChanged'
  | 'locked'
  | 'secondFactorLocked'
  | 'unlocked'
  | 'factorAdded'
  | 'factorRemoved'
  | 'recoveryCodesRegenerated'
  | 'recoveryCodeUsed'
  | 'factorsReset'
  | 'factorRecoveryRequested'
  | 'providerLinked'
  | 'providerUnlinked'
  | 'providerVerify';

/** What a message names: the factor added or removed, the codes left, the identity provider. */
export interface MailVars {
  name: string;
  link: string;
  detail?: string;
}

const bodies: Record<MailTemplate, { subject: MessageKey; body: MessageKey; ignorable: boolean }> = {
  verify: { subject: 'mail.verify.subject', body: 'mail.verify.body', ignorable: true },
  exists: { subject: 'mail.exists.subject', body: 'mail.exists.body', ignorable: true },
  reset: { subject: 'mail.reset.subject', body: 'mail.reset.body', ignorable: true },
  passwordChanged: { subject: 'mail.passwordChanged.subject', body: 'mail.passwordChanged.body', ignorable: false },
  locked: { subject: 'mail.locked.subject', body: 'mail.locked.body', ignorable: false },
  secondFactorLocked: { subject: 'mail.secondFactorLocked.subject', body: 'mail.secondFactorLocked.body', ignorable: false },
  unlocked: { subject: 'mail.unlocked.subject', body: 'mail.unlocked.body', ignorable: false },
  factorAdded: { subject: 'mail.factorAdded.subject', body: 'mail.factorAdded.body', ignorable: false },
  factorRemoved: { subject: 'mail.factorRemoved.subject', body: 'mail.factorRemoved.body', ignorable: false },
  recoveryCodesRegenerated: { subject: 'mail.recoveryCodesRegenerated.subject', body: 'mail.recoveryCodesRegenerated.body', ignorable: false },
  recoveryCodeUsed: { subject: 'mail.recoveryCodeUsed.subject', body: 'mail.recoveryCodeUsed.body', ignorable: false },
  factorsReset: { subject: 'mail.factorsReset.subject', body: 'mail.factorsReset.body', ignorable: false },
  factorRecoveryRequested: { subject: 'mail.factorRecoveryRequested.subject', body: 'mail.factorRecoveryRequested.body', ignorable: true },
  providerLinked: { subject: 'mail.providerLinked.subject', body: 'mail.providerLinked.body', ignorable: false },
  providerUnlinked: { subject: 'mail.providerUnlinked.subject', body: 'mail.providerUnlinked.body', ignorable: false },
  providerVerify: { subject: 'mail.providerVerify.subject', body: 'mail.providerVerify.body', ignorable: true },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Renders one message in the recipient's language, as text and HTML. */
export function renderMail(template: MailTemplate, locale: Locale, vars: MailVars) {
  const t = translator(locale);
  const spec = bodies[template];
  const body = t(spec.body, { detail: vars.detail ?? '' });
  const lines = [t('mail.greeting', { name: vars.name }), '', body, vars.link, ''];
  if (spec.ignorable) lines.push(t('mail.ignore'), '');
  lines.push(t('mail.signature'));
  const html = `<!DOCTYPE html><html lang="${locale}"><body style="font-family:arial,sans-serif">
<p>${escapeHtml(t('mail.greeting', { name: vars.name }))}</p>
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(vars.link)}">${escapeHtml(vars.link)}</a></p>
${spec.ignorable ? `<p>${escapeHtml(t('mail.ignore'))}</p>` : ''}
<p>${escapeHtml(t('mail.signature'))}</p></body></html>`;
  return { subject: t(spec.subject), text: lines.join('\n'), html };
}
