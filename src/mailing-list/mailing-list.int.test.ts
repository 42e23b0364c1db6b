import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { mailingListDeliveries, mailingListSubscribers } from './schema.ts';

/** A message as the SMTP server received it: its headers unfolded, its text part decoded. */
interface Received {
  to: string;
  headers: string;
  text: string;
}
const received: Received[] = [];
const textPart = (raw: string): string => {
  const part = /Content-Type: text\/plain[^\r\n]*\r\n(?:Content-Transfer-Encoding: ([\w-]+)\r\n)?(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)(?:\r\n--|$)/.exec(raw);
  if (!part) return '';
  const [, encoding = '7bit', body = ''] = part;
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
};
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const split = raw.indexOf('\r\n\r\n');
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), headers: raw.slice(0, split).replace(/\r\n[ \t]+/g, ' '), text: textPart(raw) });
      callback();
    });
  },
});

let t: TestApp;
let other: { id: string; slug: string };
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  t = await createTestApp({ transport: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }) });
  other = await buildAuthority(t.database.db, { name: { fr: 'Autre ordre', en: 'Other college' } });
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** The `n`th message (from 1) the SMTP server received for an address. */
const mailTo = (to: string, n = 1) => waitFor(() => received.filter((m) => m.to === to.toLowerCase() || m.to === to)[n - 1]);
const header = (mail: Received, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(mail.headers)?.[1]?.trim();
/** A link of a message, as a path with its query (the test app is reached by inject). */
const linkOf = (mail: Received, pathPart: string) => {
  const url = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).find((u) => u.includes(pathPart));
  assert.ok(url, `no ${pathPart} link in: ${mail.text}`);
  const parsed = new URL(url);
  return { path: parsed.pathname + parsed.search, token: parsed.searchParams.get('token') ?? '' };
};
const unsubscribeUrl = (mail: Received) => {
  const value = header(mail, 'List-Unsubscribe');
  assert.ok(value, 'a List-Unsubscribe header');
  const url = new URL(/^<(.+)>$/.exec(value)?.[1] ?? '');
  return url.pathname + url.search;
};
const row = async (email: string, authorityId = t.authorityId) =>
  (await t.database.db.select().from(mailingListSubscribers).where(and(eq(mailingListSubscribers.authorityId, authorityId), eq(mailingListSubscribers.email, email))))[0];
const events = async (event: string, subjectId: string) =>
  (await t.database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.event, event), eq(auditEvents.subjectId, subjectId))))[0]?.n ?? 0;

async function signUp(email: string, languages: 'fr' | 'en' | 'both', locale: 'fr' | 'en' = 'fr', slug = t.authoritySlug) {
  const c = new Client(t.app);
  const address = locale === 'fr' ? '/fr/liste-de-diffusion' : '/en/mailing-list';
  assert.equal((await c.get(`${address}?portal=${slug}`)).statusCode, 200);
  const res = await c.post(address, { email, languages, portal: slug });
  return { c, res };
}
/** Signs up and confirms through the mailed link: the welcome message is the second one. */
async function subscribed(email: string, languages: 'fr' | 'en' | 'both', locale: 'fr' | 'en' = 'fr', slug = t.authoritySlug) {
  const { c } = await signUp(email, languages, locale, slug);
  const { path, token } = linkOf(await mailTo(email), locale === 'fr' ? '/confirmation' : '/confirm');
  await c.get(path);
  assert.equal((await c.post(path.split('?')[0] ?? '', { token })).statusCode, 303);
  return { c, welcome: await mailTo(email, 2) };
}
async function staffOf(authorityId: string) {
  const account = await buildStaff(t.database.db, authorityId, { roles: ['staff'] });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return c;
}

describe('double opt-in', () => {
  test('an address is not on the list until its owner follows the mailed link; every message carries the one-click headers', async () => {
    const email = 'helene.roy@example.ca';
    const { c, res } = await signUp(email, 'fr');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/fr/liste-de-diffusion/courriel-envoye');
    assert.match((await c.follow(res)).body, /n’est pas sur la liste tant que vous n’avez pas suivi ce lien/);

    const mail = await mailTo(email);
    assert.match(header(mail, 'Subject') ?? '', /Confirmez|=\?UTF-8\?/);
    assert.equal(header(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.match(unsubscribeUrl(mail), /^\/fr\/liste-de-diffusion\/desabonnement\?token=[^&]+&portal=/);
    assert.match(mail.text, /Pour ne plus recevoir ces messages\u00a0:\r?\nhttp:\/\/localhost:3000\/fr\/liste-de-diffusion\/desabonnement\?token=/, 'the link is in the text too');
    const pending = await row(email);
    assert.equal(pending?.status, 'pending');
    assert.deepEqual(pending?.languages, ['fr']);
    const { token } = linkOf(mail, '/confirmation');
    assert.notEqual(pending?.confirmTokenId, token, 'only the token’s hash is stored');

    const staff = await staffOf(t.authorityId);
    await staff.get('/fr/personnel/liste-de-diffusion');
    assert.doesNotMatch((await staff.post('/fr/personnel/liste-de-diffusion/exportation', {})).body, /helene/, 'pending: not exported');

    const page = await c.get(linkOf(mail, '/confirmation').path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre adresse n’est pas encore sur la liste de diffusion/);
    assert.equal((await row(email))?.status, 'pending', 'opening the link (a mail scanner) confirms nothing');
    const confirmed = await c.post('/fr/liste-de-diffusion/confirmation', { token });
    assert.equal(confirmed.headers.location, '/fr/liste-de-diffusion/confirmee');
    assert.match((await c.follow(confirmed)).body, /Votre adresse est maintenant sur la liste de diffusion/);
    const now = await row(email);
    assert.equal(now?.status, 'confirmed');
    assert.equal(await events('mailing_list_confirmed', now?.id ?? ''), 1);

    const welcome = await mailTo(email, 2);
    assert.equal(header(welcome, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(linkOf(welcome, '/preferences'));
    assert.match((await staff.post('/fr/personnel/liste-de-diffusion/exportation', {})).body, /helene\.roy@example\.ca,fr,2026-/);
    assert.match((await c.post('/fr/liste-de-diffusion/confirmation', { token })).body, /déjà confirmée/, 'a link works once');
  });

  test('the answer is the same for a subscribed, a pending and a new address, and a known address changes nothing', async () => {
    const known = 'known@example.ca';
    await subscribed(known, 'en', 'en');
    await signUp('pending@example.ca', 'en', 'en');
    const answers = [];
    for (const email of [known, 'pending@example.ca', 'new@example.ca']) {
      const { c, res } = await signUp(email, 'both', 'en');
      answers.push({ status: res.statusCode, location: res.headers.location, page: (await c.follow(res)).body.replace(/value="[^"]+"/g, '') });
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(answers[0], answers[2]);
    const told = await mailTo(known, 3);
    assert.match(told.text, /already on our mailing list/);
    assert.doesNotMatch(told.text, /\/confirm\?/, 'no new confirmation');
    assert.equal(header(told, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.deepEqual((await row(known))?.languages, ['en'], 'a stranger cannot change a subscriber’s languages');
    assert.deepEqual((await row('pending@example.ca'))?.languages, ['fr', 'en'], 'a pending sign-up takes the latest choice');
  });

  test('an expired or wrong confirmation token is refused and changes nothing', async () => {
    const email = 'late@example.ca';
    const { c } = await signUp(email, 'en', 'en');
    const { path, token } = linkOf(await mailTo(email), '/confirm');
    assert.equal((await c.get('/en/mailing-list/confirm?token=abcdefghijklmnopqrstuvwxyz')).statusCode, 404);
    assert.equal((await c.post('/en/mailing-list/confirm', { token: `${token.slice(0, -2)}xx` })).statusCode, 404);
    t.clock.advance(49 * 3600_000);
    const late = await c.get(path);
    assert.equal(late.statusCode, 410);
    assert.match(late.body, /has expired/);
    assert.doesNotMatch(late.body, /name="token"/);
    assert.equal((await c.post('/en/mailing-list/confirm', { token })).statusCode, 410);
    const still = await row(email);
    assert.equal(still?.status, 'pending');
    assert.equal(await events('mailing_list_confirmed', still?.id ?? ''), 0);
  });
});

describe('leaving and preferences', () => {
  test('a one-click POST to the List-Unsubscribe address unsubscribes, with no cookie and no form token', async () => {
    const email = 'oneclick@example.ca';
    const { welcome } = await subscribed(email, 'fr');
    const target = unsubscribeUrl(welcome);
    const id = (await row(email))?.id ?? '';
    const forged = target.replace(/token=[^&]+/, (m) => `${m.slice(0, -3)}abc`);
    const post = (url: string) => t.app.inject({ method: 'POST', url, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal((await post(forged)).statusCode, 404, 'a wrong token');
    assert.ok(await row(email), 'changes nothing');
    const res = await post(target);
    assert.equal(res.statusCode, 200);
    assert.equal(await row(email), undefined, 'the address is erased');
    assert.equal(await events('mailing_list_unsubscribed', id), 1);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'mailing_list_unsubscribed'), eq(auditEvents.subjectId, id)));
    assert.deepEqual(audit?.details, { subscriberId: id, via: 'one_click', wasConfirmed: true });
    assert.doesNotMatch(JSON.stringify(audit), /oneclick@/, 'the audit keeps no address');
    assert.equal((await post(target)).statusCode, 404, 'a second click finds nothing to do');
    assert.equal((await post('/en/mailing-list/unsubscribe?token=x')).statusCode, 404);
  });

  test('the unsubscribe link opened in a browser shows one button; the preferences link changes the languages', async () => {
    const email = 'browser@example.ca';
    const { c, welcome } = await subscribed(email, 'en', 'en');
    const manage = linkOf(welcome, '/preferences');
    let page = await c.get(manage.path);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="en" checked/);
    const res = await c.post(`/en/mailing-list/preferences?token=${encodeURIComponent(manage.token)}`, { languages: 'both' });
    assert.equal(res.statusCode, 303);
    assert.match((await c.follow(res)).body, /Your preferences are saved/);
    assert.deepEqual((await row(email))?.languages, ['fr', 'en']);
    assert.equal((await c.post(`/en/mailing-list/preferences?token=${encodeURIComponent(manage.token)}`, { languages: 'klingon' })).statusCode, 400);
    assert.equal((await c.post('/en/mailing-list/preferences?token=0000000000.x', { languages: 'fr' })).statusCode, 404);
    assert.deepEqual((await row(email))?.languages, ['fr', 'en'], 'nothing changed by the refused posts');

    page = await c.get(unsubscribeUrl(welcome));
    assert.equal(page.statusCode, 200);
    assert.equal([...page.body.matchAll(/<button type="submit"/g)].length, 1, 'one button');
    assert.ok(await row(email), 'opening the page unsubscribes nobody');
    const done = await c.post(unsubscribeUrl(welcome), {});
    assert.equal(done.headers.location, '/en/mailing-list/unsubscribed');
    assert.equal(await row(email), undefined);
    assert.equal((await c.get(manage.path)).statusCode, 404, 'the links of old messages lead nowhere');
  });
});

describe('staff', () => {
  test('staff export only their authority’s confirmed list; another authority’s staff see nothing of it', async () => {
    await subscribed('ours@example.ca', 'both');
    await signUp('ours.pending@example.ca', 'fr');
    await subscribed('theirs@example.ca', 'fr', 'fr', other.slug);
    const ours = await staffOf(t.authorityId);
    const theirs = await staffOf(other.id);
    await ours.get('/en/staff/mailing-list');
    await theirs.get('/en/staff/mailing-list');
    const csv = (await ours.post('/en/staff/mailing-list/export', {})).body;
    assert.match(csv, /^\ufeffemail,languages,confirmed_at\r\n/);
    assert.match(csv, /ours@example\.ca,fr en,/);
    assert.doesNotMatch(csv, /ours\.pending|theirs/);
    const their = (await theirs.post('/en/staff/mailing-list/export', {})).body;
    assert.match(their, /theirs@example\.ca/);
    assert.doesNotMatch(their, /ours/);
    assert.match((await theirs.get('/en/staff/mailing-list')).body, /Confirmed<\/dt>\s*<dd class="govuk-summary-list__value">1</);
    const stranger = new Client(t.app);
    const refused = await stranger.post('/en/staff/mailing-list/export', {});
    assert.notEqual(refused.statusCode, 200, 'signed out: nothing exported');
    assert.doesNotMatch(refused.body, /ours@/);
    assert.equal((await ours.get('/en/staff/mailing-list/export')).statusCode, 404, 'a GET exports nothing');
    const [exported] = await t.database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.event, 'mailing_list_exported'), eq(auditEvents.authorityId, other.id)));
    assert.equal(exported?.n, 1);
  });

  test('a message to the list reaches each confirmed subscriber once per chosen language, with their own unsubscribe link', async () => {
    const authority = await buildAuthority(t.database.db, { name: { fr: 'Ordre d’envoi', en: 'Sending college' } });
    await subscribed('lecteur.fr@example.ca', 'fr', 'fr', authority.slug);
    await subscribed('reader.both@example.ca', 'both', 'en', authority.slug);
    await signUp('not.yet@example.ca', 'both', 'en', authority.slug);
    const staff = await staffOf(authority.id);
    await staff.get('/fr/personnel/liste-de-diffusion');
    assert.equal((await staff.post('/fr/personnel/liste-de-diffusion/envoi', { subjectFr: 'Nouvelles', bodyFr: '', subjectEn: '', bodyEn: '' })).statusCode, 400, 'a subject without its text');
    const res = await staff.post('/fr/personnel/liste-de-diffusion/envoi', { subjectFr: 'Nouvelles de l’Ordre', bodyFr: 'Bonjour à toutes et à tous.', subjectEn: 'College news', bodyEn: 'Hello everyone.' });
    assert.equal(res.headers.location, '/fr/personnel/liste-de-diffusion?notice=sent');
    const fr = await mailTo('lecteur.fr@example.ca', 3);
    assert.match(fr.text, /Bonjour à toutes et à tous\./);
    const both = [await mailTo('reader.both@example.ca', 3), await mailTo('reader.both@example.ca', 4)];
    assert.deepEqual(both.map((m) => (/Hello everyone/.test(m.text) ? 'en' : /Bonjour à toutes/.test(m.text) ? 'fr' : '?')).sort(), ['en', 'fr']);
    for (const m of [fr, ...both]) assert.equal(header(m, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.notEqual(unsubscribeUrl(fr).split('token=')[1]?.split('&')[0], unsubscribeUrl(both[0]!).split('token=')[1]?.split('&')[0], 'each has its own link');
    assert.equal(received.filter((m) => m.to === 'not.yet@example.ca').length, 1, 'a pending address gets only its confirmation');

    // A job run again (after a crash) queues nothing new.
    const [delivery] = await t.database.db.select().from(mailingListDeliveries).where(eq(mailingListDeliveries.language, 'fr')).limit(1);
    assert.ok(delivery);
    const before = (await t.database.db.select({ n: count() }).from(mailMessages))[0]?.n;
    await t.app.services.mailingList.deliver({ sendId: delivery.sendId, subscriberId: delivery.subscriberId });
    assert.equal((await t.database.db.select({ n: count() }).from(mailMessages))[0]?.n, before);
    assert.equal(await events('mailing_list_sent', delivery.sendId), 1);
  });
});

test('sign-up is rate limited per client, both languages counting together', async () => {
  const limited = await createTestApp({ signInRateLimit: { max: 2, timeWindow: 60_000 } });
  try {
    const c = new Client(limited.app);
    await c.get(`/fr/liste-de-diffusion?portal=${limited.authoritySlug}`);
    const statuses = [];
    for (const address of ['/fr/liste-de-diffusion', '/en/mailing-list', '/fr/liste-de-diffusion']) statuses.push((await c.post(address, { email: 'spam@example.ca', languages: 'fr', portal: limited.authoritySlug })).statusCode);
    assert.deepEqual(statuses, [303, 303, 429]);
  } finally {
    await limited.close();
  }
});
