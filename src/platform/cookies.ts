/**
 * The portal's cookies. In production their names carry the `__Host-` prefix: the browser then
 * keeps them only when Secure, for path `/` and without a Domain, so a sibling subdomain can
 * neither read nor plant them (a planted CSRF seed or session would otherwise be accepted).
 */
export interface Cookies {
  readonly session: string;
  readonly csrf: string;
  /** The journey through an identity provider (src/federation). */
  readonly oidcFlow: string;
  /** Which link was just mailed and to what address (sealed), for the "check your email" page. */
  readonly emailSent: string;
  /** Opens the development mail page once its key was given (development only). */
  readonly devMail: string;
  /** The portal a visitor last opened (its slug): sign-up, sign-in and help requests happen there. */
  readonly portal: string;
  readonly options: { path: '/'; httpOnly: true; sameSite: 'lax'; secure: boolean };
}

export function cookiesFor(isProduction: boolean): Cookies {
  const name = (base: string) => (isProduction ? `__Host-${base}` : base);
  return Object.freeze({
    session: name('guichet_session'),
    csrf: name('guichet_csrf'),
    oidcFlow: name('guichet_oidc'),
    emailSent: name('guichet_sent'),
    devMail: name('guichet_dev_mail'),
    portal: name('guichet_portal'),
    options: Object.freeze({ path: '/', httpOnly: true, sameSite: 'lax', secure: isProduction } as const),
  });
}
