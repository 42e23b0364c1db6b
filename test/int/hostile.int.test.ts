// Hostile input on every route that takes a body (every form of every module, the JSON APIs, the
// payment webhooks, the upload pages): at least 10,000 malformed bodies. None may answer 5xx or
// hang, and a body refused (any 4xx) writes nothing: a trigger on every table of the portal notes
// each row written, and the note must be empty after each refusal, but for the few tables whose
// purpose is to count refusals (named below, with why). Seeded: FUZZ_SEED replays a failure.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { createApprovedOrganization, createOrganizationKind } from '../../src/organizations/service.ts';
import { authorityRoles } from '../../src/authorities/schema.ts';
import { organizationMembers } from '../../src/organizations/schema.ts';
import type { RouteAccess } from '../../src/platform/access.ts';
import { queryRows } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { buildAccount } from '../support/factories.ts';
import { formFor, password, prng, victimEmail } from '../support/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const random = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
/** A request that has not answered in this long is a hang. */
const HANG_MS = 15_000;

/**
 * Written on a refusal by design: the rate limiter's counters, the session's last use, and the
 * counts of wrong guesses (a wrong password for an address nobody has, a wrong security code): a
 * guess refused must be counted, or the lockout would never come.
 */
const COUNTS_REFUSALS = new Set(['rate_limits', 'sessions', 'unknown_sign_in_failures', 'security_code_failures']);
/** With a counted guess, the account's own count and the audit row of the failure (and, at the threshold, the lockout's mail). */
const WITH_A_COUNTED_GUESS = new Set(['UPDATE accounts', 'INSERT audit_events', 'INSERT mail_messages', 'DELETE shown_once']);
/** The pages that check a password, a code or a security key: each wrong answer counts toward the lockout. */
const CHECKS_A_SECRET = /\/(compte\/mot-de-passe|account\/password|compte\/confirmer-identite|account\/confirm-identity)(\/|$)/;

let t: TestApp;
let organizationId: string;
const clients: Partial<Record<'staff' | 'manager', Client>> = {};
let people = 0;

async function signIn(role: 'staff' | 'manager') {
  people += 1;
  const email = `hostile-${role}-${people}@example.ca`;
  const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Hostile', familyName: role, preferredLanguage: 'en', password, roles: role === 'staff' ? ['staff'] : [] });
  const key = await addAuthenticatorApp(t, account.id);
  if (role === 'staff') await t.database.db.insert(authorityRoles).values({ authorityId: t.authorityId, accountId: account.id, role: 'administrator' });
  else await t.database.db.insert(organizationMembers).values({ organizationId, accountId: account.id, role: 'manager' });
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, email, password, key)).statusCode, 303);
  await c.get('/en/account');
  clients[role] = c;
  return c;
}

/** The one who may post to a route: nobody signed in, a person (who manages an organization), or staff. */
async function clientFor(access: RouteAccess | null, url: string): Promise<Client | null> {
  if (access === 'public' || access === 'signing-in') {
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    return c;
  }
  if (access === 'client-key' || access === 'signed-webhook' || access === null) return null;
  const role = access === 'staff' || (typeof access === 'object' && 'staff' in access) || /^\/(en|fr)\/(staff|personnel)\b/.test(url) ? 'staff' : 'manager';
  const c = clients[role];
  if (c && (await c.get('/en/account')).statusCode === 200) return c;
  return signIn(role);
}

/** A route's address with its parameters filled: the organization where one is asked for, a fresh id otherwise. */
const address = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => (name === 'organizationId' ? organizationId : name === 'provider' ? 'stripe' : name === 'slug' ? 'nowhere' : randomUUID()));

const enc = encodeURIComponent;
const FORM = 'application/x-www-form-urlencoded';
/** Stands for the form token in a body made ahead: the client's token of the moment replaces it as the body is sent. */
const TOKEN = 'HOSTILETOKEN';
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
const INVALID_UTF8 = [Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0xe2, 0x82])];
const SPOILED = ['%00', `x${enc('\u0000')}y`, '%C0%80', '%FF', '%', '%zz', enc('a'.repeat(10_000)), enc('\u202e\u200b\ufeff'), '-1e309', enc('[object Object]'), enc('{"$ne":null}'), enc("'; drop table accounts; --")];
const ODD_KEYS = ['__proto__', '__proto__[admin]', 'constructor[prototype][admin]', 'a[b][c][d]', '', '%00', `${'k'.repeat(2000)}`];

interface Hostile {
  family: string;
  payload: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Bodies refused before any handler reads them: wrong form token, wrong envelope, too big. */
function envelopes(form: Map<string, string>, csrf: string, otherCsrf: string): Hostile[] {
  const fields = [...form].map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const json = Object.fromEntries([['_csrf', csrf], ...form]);
  const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  return [
    { family: 'no form token', payload: fields, contentType: FORM },
    { family: 'forged form token', payload: `_csrf=forged&${fields}`, contentType: FORM },
    { family: 'another session’s token', payload: `_csrf=${enc(otherCsrf)}&${fields}`, contentType: FORM },
    { family: 'empty form token', payload: `_csrf=&${fields}`, contentType: FORM },
    { family: 'token with a NUL', payload: `_csrf=${enc(csrf)}%00&${fields}`, contentType: FORM },
    { family: 'JSON to a form', payload: JSON.stringify(json), contentType: 'application/json' },
    { family: 'JSON array to a form', payload: JSON.stringify([json]), contentType: 'application/json' },
    { family: 'deeply nested JSON', payload: deep, contentType: 'application/json' },
    { family: 'text/plain', payload: `_csrf=${enc(csrf)}&${fields}`, contentType: 'text/plain' },
    { family: 'no content type', payload: `_csrf=${enc(csrf)}&${fields}` },
    { family: 'XML', payload: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`, contentType: 'application/xml' },
    { family: 'form in UTF-16', payload: Buffer.from(`_csrf=${csrf}&${fields}`, 'utf16le'), contentType: `${FORM}; charset=utf-16` },
    { family: 'gzip that is not', payload: `_csrf=${enc(csrf)}&${fields}`, contentType: FORM, headers: { 'content-encoding': 'gzip' } },
    { family: 'gzip bomb', payload: GZIP_BOMB, contentType: FORM, headers: { 'content-encoding': 'gzip' } },
    { family: 'multipart without a boundary', payload: `--x\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--x--\r\n`, contentType: 'multipart/form-data' },
    { family: 'too big (17 KiB)', payload: `_csrf=${enc(csrf)}&${fields}&pad=${'a'.repeat(17 * 1024)}`, contentType: FORM },
    { family: 'too big (2 MiB)', payload: `_csrf=${enc(csrf)}&pad=${'a'.repeat(2 * 1024 * 1024)}`, contentType: FORM },
  ];
}

/** Bodies with a good form token that reach the page: each field spoiled in turn, arrays, odd keys, raw bytes. */
function spoiled(form: Map<string, string>, csrf: string, count: number): Hostile[] {
  const names = [...form.keys()];
  const with_ = (name: string, value: string) => [`_csrf=${enc(csrf)}`, ...[...form].map(([k, v]) => `${enc(k)}=${k === name ? value : enc(v)}`)].join('&');
  const bodies: Hostile[] = [
    { family: 'only the token', payload: `_csrf=${enc(csrf)}`, contentType: FORM },
    { family: 'every field empty', payload: [`_csrf=${enc(csrf)}`, ...names.map((n) => `${enc(n)}=`)].join('&'), contentType: FORM },
    { family: 'every field twice', payload: [`_csrf=${enc(csrf)}`, ...[...form].flatMap(([k, v]) => [`${enc(k)}=${enc(v)}`, `${enc(k)}=${pick(SPOILED)}`])].join('&'), contentType: FORM },
    { family: 'the token twice', payload: `_csrf=${enc(csrf)}&_csrf=${enc(csrf)}&${names.map((n) => `${enc(n)}=x`).join('&')}`, contentType: FORM },
  ];
  while (bodies.length < count) {
    const name = names.length ? pick(names) : 'x';
    const roll = random();
    if (roll < 0.3) bodies.push({ family: 'a spoiled value', payload: with_(name, pick(SPOILED)), contentType: FORM });
    else if (roll < 0.45) bodies.push({ family: 'raw invalid UTF-8', payload: Buffer.concat([Buffer.from(`${with_(name, 'a')}`), pick(INVALID_UTF8)]), contentType: FORM });
    else if (roll < 0.55) bodies.push({ family: 'a raw NUL byte', payload: Buffer.concat([Buffer.from(`_csrf=${enc(csrf)}&${enc(name)}=a`), Buffer.from([0]), Buffer.from('b')]), contentType: FORM });
    else if (roll < 0.7) bodies.push({ family: 'an array for a scalar', payload: `${with_(name, 'a')}&${enc(`${name}[]`)}=b&${enc(name)}=c`, contentType: FORM });
    else if (roll < 0.85) bodies.push({ family: 'an odd key', payload: `${with_(name, enc(form.get(name) ?? 'x'))}&${enc(pick(ODD_KEYS))}=${pick(SPOILED)}`, contentType: FORM });
    else bodies.push({ family: 'a field left out', payload: [`_csrf=${enc(csrf)}`, ...[...form].filter(([k]) => k !== name).map(([k, v]) => `${enc(k)}=${enc(v)}`)].join('&'), contentType: FORM });
  }
  return bodies;
}

/** JSON APIs and webhooks: broken JSON, wrong types, keys that are not keys, forged signatures. */
function machineBodies(count: number): Hostile[] {
  const wrong = [null, true, 1e308, -1, '', '\u0000', 'x'.repeat(70_000), [], {}, [[[]]], { $ne: null }, '2026-02-30', '9'.repeat(400)];
  const fields = ['authorityId', 'numbers', 'reference', 'institution', 'requester', 'notice', 'email', 'givenName', 'arrivalDate', 'province', 'id', 'type', 'data'];
  const auths = [undefined, 'Bearer nope', 'Bearer ', `Bearer ${'a'.repeat(5000)}`, 'Basic YTpi', 'Bearer \u00e9\u0000'];
  const bodies: Hostile[] = [
    '', '{', '}', 'null', '[]', '"x"', '1', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}',
    `{"a":"${'x'.repeat(3 * 1024 * 1024)}"}`, '{"a":1,"a":2}', '\ufeff{}', '{"a":"\\ud800"}',
  ].map((payload) => ({ family: 'broken JSON', payload, contentType: 'application/json', headers: { authorization: 'Bearer nope' } }));
  bodies.push({ family: 'JSON, not UTF-8', payload: Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), contentType: 'application/json' });
  bodies.push({ family: 'JSON as a form', payload: 'a=1&b=2', contentType: FORM });
  bodies.push({ family: 'JSON in gzip', payload: gzipSync(Buffer.from('{}')), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } });
  while (bodies.length < count) {
    const body = Object.fromEntries(fields.filter(() => random() < 0.4).map((f) => [f, pick(wrong)]));
    const authorization = pick(auths);
    bodies.push({
      family: 'wrong types',
      payload: JSON.stringify(body),
      contentType: pick(['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json', 'application/json; charset=latin1']),
      headers: { ...(authorization ? { authorization } : {}), ...(random() < 0.3 ? { 'stripe-signature': pick(['t=1,v1=00', 'nope', '', `t=${Date.now()},v1=${'0'.repeat(64)}`]) } : {}), ...(random() < 0.3 ? { 'idempotency-key': pick(['', 'x'.repeat(500), '\u0000', 'same']) } : {}) },
    });
  }
  return bodies;
}

/** Broken multipart envelopes on the upload pages (broken files are documents' own test). */
function multipartBodies(csrf: string): Hostile[] {
  const boundary = 'hostile';
  const part = (name: string, value: string | Buffer, fileName?: string) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"` : ''}\r\n${fileName ? 'content-type: application/pdf\r\n' : ''}\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
  const end = Buffer.from(`--${boundary}--\r\n`);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const type = `multipart/form-data; boundary=${boundary}`;
  return [
    { family: 'multipart, cut short', payload: Buffer.concat([part('_csrf', csrf), part('file', pdf, 'a.pdf').subarray(0, 60)]), contentType: type },
    { family: 'multipart, no end', payload: Buffer.concat([part('_csrf', csrf), part('file', pdf, 'a.pdf')]), contentType: type },
    { family: 'multipart, forged token', payload: Buffer.concat([part('_csrf', 'forged'), part('file', pdf, 'a.pdf'), end]), contentType: type },
    { family: 'multipart, token after the file', payload: Buffer.concat([part('file', pdf, 'a.pdf'), part('_csrf', csrf), end]), contentType: type },
    { family: 'multipart, 500 fields', payload: Buffer.concat([part('_csrf', csrf), ...Array.from({ length: 500 }, (_, i) => part(`f${i}`, 'x')), end]), contentType: type },
    { family: 'multipart, a huge field', payload: Buffer.concat([part('_csrf', csrf), part('note', 'x'.repeat(200_000)), end]), contentType: type },
    { family: 'multipart, a huge header', payload: Buffer.concat([Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="_csrf"; x="${'h'.repeat(100_000)}"\r\n\r\n${csrf}\r\n`), end]), contentType: type },
    { family: 'multipart, a file name with a path and a NUL', payload: Buffer.concat([part('_csrf', csrf), part('file', pdf, '../../etc/passwd\u0000.pdf'), end]), contentType: type },
    { family: 'multipart, two files', payload: Buffer.concat([part('_csrf', csrf), part('file', pdf, 'a.pdf'), part('file', pdf, 'b.pdf'), end]), contentType: type },
    { family: 'multipart, wrong boundary', payload: Buffer.concat([part('_csrf', csrf), end]), contentType: 'multipart/form-data; boundary=other' },
  ];
}

/** The tables of the portal that a trigger watches (pg-boss's own schema is the queue, not the portal's data). */
async function watchWrites() {
  await t.database.db.execute(sql.raw('create table hostile_writes (table_name text not null, operation text not null)'));
  await t.database.db.execute(sql.raw(`create function hostile_note() returns trigger language plpgsql as $$
      begin insert into hostile_writes values (tg_table_name, tg_op); return null; end $$`));
  const tables = await queryRows<{ name: string }>(t.database.db, sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'hostile_writes'`);
  for (const { name } of tables) {
    await t.database.db.execute(sql.raw(`create trigger hostile_note after insert or update or delete on "${name}" for each row execute function hostile_note()`));
  }
  return tables.length;
}
/** The rows written since the last call, as `INSERT accounts`, … (each once). */
const writesSince = async () => {
  const rows = await queryRows<{ table_name: string; operation: string }>(t.database.db, sql`delete from hostile_writes returning table_name, operation`);
  return [...new Set(rows.map((r) => `${r.operation} ${r.table_name}`))];
};
/** What a refusal wrote that it should not have. */
function wrongWrites(written: string[], status: number, url: string): string[] {
  const counted = status === 401 || CHECKS_A_SECRET.test(url) || written.some((w) => COUNTS_REFUSALS.has(w.split(' ')[1]!) && !/rate_limits|sessions/.test(w));
  return written.filter((w) => !COUNTS_REFUSALS.has(w.split(' ')[1]!) && !(counted && WITH_A_COUNTED_GUESS.has(w)));
}
/**
 * Waits until nothing more is written: the work an accepted body set off after its answer (a sign-up
 * answers at once, whoever the address is, and works in the background) and the mail it queued.
 */
async function settle() {
  await t.app.background.drain();
  for (let i = 0; i < 30 && (await writesSince()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
}

function withToken(payload: string | Buffer, csrf: string): string | Buffer {
  if (typeof payload === 'string') return payload.replaceAll(TOKEN, encodeURIComponent(csrf));
  const at = payload.indexOf(TOKEN);
  return at < 0 ? payload : Buffer.concat([payload.subarray(0, at), Buffer.from(encodeURIComponent(csrf)), withToken(payload.subarray(at + TOKEN.length), csrf) as Buffer]);
}

before(async () => {
  t = await createTestApp();
  const kindId = (await createOrganizationKind(t.database.db, { authorityId: t.authorityId, slug: 'institution', name: { fr: 'Institution', en: 'Institution' } })).id;
  await buildAccount(t.database.db, t.authorityId, { email: victimEmail, givenName: 'Victor', familyName: 'Tim', preferredLanguage: 'fr', password });
  organizationId = (await createApprovedOrganization(t.database.db, { authorityId: t.authorityId, kindId, name: { fr: 'Institution (fr)', en: 'Institution' }, people: [] })).id;
  await signIn('manager');
  await signIn('staff');
});
after(() => t.close());

test(`at least 10,000 hostile bodies on every route that takes one: no 5xx, no hang, nothing written when refused (seed ${SEED})`, { timeout: 1_500_000 }, async () => {
  const watched = await watchWrites();
  assert.ok(watched > 50, `${watched} tables watched`);
  const routes = t.app.routeAccess.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && !r.url.startsWith('/assets/'));
  assert.ok(routes.length > 150, `${routes.length} routes take a body`);
  const failures: string[] = [];
  const families = new Map<string, number>();
  let sent = 0;
  let refused = 0;
  let slowest = 0;
  const started = Date.now();
  const anonymous = new Client(t.app);
  await anonymous.get('/en/sign-in');
  for (const [index, route] of routes.entries()) {
    const url = address(route.url);
    const machine = route.access === 'client-key' || route.access === 'signed-webhook';
    let c = machine ? null : await clientFor(route.access, url);
    // An upload page reads a multipart body (and refuses this one's token, 403); any other page refuses the envelope (415).
    const probe = c ? await t.app.inject({ method: 'POST', url, payload: '--b\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\nforged\r\n--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } }) : null;
    const isUpload = probe !== null && probe.statusCode !== 415;
    const form = c && !isUpload ? await formFor(c, url) : new Map<string, string>();
    const bodies = machine ? machineBodies(28) : isUpload ? [...multipartBodies(TOKEN), ...envelopes(form, TOKEN, anonymous.csrf)] : [...envelopes(form, TOKEN, anonymous.csrf), ...spoiled(form, TOKEN, 13)];
    for (const body of bodies) {
      // A fresh address each route (the rate limits count per address): the bodies reach the page, not the limiter.
      const options: InjectOptions = {
        method: route.method as 'POST',
        url,
        payload: withToken(body.payload, c?.csrf ?? ''),
        remoteAddress: `10.${(index >> 8) & 255}.${index & 255}.${1 + Math.floor(random() * 250)}`,
        headers: { ...(body.contentType ? { 'content-type': body.contentType } : {}), ...(c ? { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}), ...body.headers },
      };
      await settle();
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const res = await Promise.race([t.app.inject(options), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), HANG_MS)))]);
      clearTimeout(timer);
      slowest = Math.max(slowest, Date.now() - t0);
      sent += 1;
      families.set(body.family, (families.get(body.family) ?? 0) + 1);
      const what = `${route.method} ${url} (${body.family})`;
      if (res === null) {
        failures.push(`hang: ${what}`);
        continue;
      }
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${what}: ${res.body.slice(0, 200)}`);
      const written = await writesSince();
      if (res.statusCode >= 400) {
        refused += 1;
        const wrong = wrongWrites(written, res.statusCode, url);
        if (wrong.length > 0) failures.push(`refused with ${res.statusCode} but wrote ${wrong.join(', ')}: ${what}`);
      } else if (c && res.statusCode < 400) {
        // Taken (a form that was still valid, a sign-out): the next body needs a live session again.
        c = await clientFor(route.access, url);
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`hostile: ${sent} bodies on ${routes.length} routes in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s), ${refused} refused, slowest ${slowest} ms, seed ${SEED}`);
  console.log([...families].map(([f, n]) => `  ${n} × ${f}`).join('\n'));
  assert.deepEqual(failures, []);
  assert.ok(sent >= 10_000, `${sent} bodies sent`);
});
