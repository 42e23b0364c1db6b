// What the fuzzers share: a seedable random sequence, plausible values for the fields a page
// shows, and the reading of a page's form (its fields with the values it would post).
import type { Client } from './client.ts';
import { FACTORY_PASSWORD } from './factories.ts';

export const password = FACTORY_PASSWORD;
/** Someone known to the test app: the account a sign-in or reset form is aimed at. */
export const victimEmail = 'victim@example.ca';

/** mulberry32: small, seedable, the same sequence on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plausible values, so that the one field the fuzzer spoils is the one validation looks at. */
let emails = 0;
export const plausible: Record<string, () => string> = {
  email: () => `fuzz-${++emails}@example.ca`,
  accountEmail: () => victimEmail,
  password: () => password,
  passwordConfirm: () => password,
  currentPassword: () => password,
  givenName: () => 'Pat',
  familyName: () => 'Tremblay',
  nameFr: () => 'Clinique du Plateau',
  nameEn: () => 'Plateau Clinic',
  preferredLanguage: () => 'fr',
  phone: () => '514 555-0199',
  addressLine1: () => '1 rue Principale',
  city: () => 'Montréal',
  province: () => 'QC',
  postalCode: () => 'H2X 1Y4',
  message: () => 'J’ai perdu mon téléphone.',
  note: () => 'Identity checked by video call',
  reason: () => 'Incomplete file',
  decision: () => 'refuse',
  role: () => 'member',
  name: () => 'Yubikey',
  code: () => '123 456',
};

/** A form's fields with their values (the select's first choice, the first radio), plausible ones where empty. */
export function fieldsOf(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  const set = (name: string, value: string) => {
    if (name !== '_csrf' && !fields.get(name)) fields.set(name, value || plausible[name]?.() || 'x');
  };
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (name) set(name, /value="([^"]*)"/.exec(tag)?.[1]?.replaceAll('&amp;', '&') ?? '');
  }
  for (const [, name, options] of html.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    set(name as string, [...(options as string).matchAll(/value="([^"]+)"/g)][0]?.[1] ?? '');
  }
  for (const [tag] of html.matchAll(/<button\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (name) set(name, /value="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const [, name] of html.matchAll(/<textarea\b[^>]*name="([^"]+)"/g)) set(name as string, '');
  return fields;
}

/** The fields of the form that posts to `url`, found on its page or the page above it. */
export async function formFor(c: Client, url: string): Promise<Map<string, string>> {
  for (let page = url; page.lastIndexOf('/') > 0; page = page.slice(0, page.lastIndexOf('/'))) {
    const html = (await c.get(page)).body;
    const forms = [...html.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].filter((m) => m[1]?.split('?')[0] === url);
    if (forms.length > 0) return fieldsOf(forms.map((m) => m[2]).join(''));
  }
  return new Map((unopened[url.split('/').slice(2).join('/')] ?? []).map((name) => [name, plausible[name]?.() ?? 'x']));
}

/** The fields of forms shown only after a mailed link, a password or a provider's answer, by address. */
const unopened: Record<string, string[]> = {
  'reset-password': ['token', 'password', 'passwordConfirm'],
  'confirm-email': ['token'],
  'sign-in/verification': ['method', 'code'],
  'sign-in/provider/new-account': ['givenName', 'familyName'],
  'sign-in/provider/email': ['email', 'givenName', 'familyName'],
  'sign-in/provider/link': ['accountEmail', 'password'],
  'sign-in/provider/verification': ['method', 'code'],
};

