import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { openDatabase, queryRows } from '../../src/platform/db.ts';
import { createTestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-server-'));
const children: ChildProcess[] = [];
// A failed assertion must not leave a server running: the file would then never end.
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitReady(port: number, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server not ready');
}

test('a wrong setting stops the start with one line naming the variable', async () => {
  const s = start({ PORT: 'abc' });
  assert.equal(await s.exited, 1);
  assert.equal(s.output().trim(), 'Configuration error: PORT must be a whole number');
});

test('production refuses to start without SESSION_SECRET', async () => {
  const s = start({ NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.ca', SMTP_URL: 'smtp://127.0.0.1:2525' });
  assert.equal(await s.exited, 1);
  assert.match(s.output(), /SESSION_SECRET is required in production/);
});

test('first start loads demo data once; SIGTERM closes cleanly and the data survives a restart', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const first = start({ PORT: String(port) });
  await waitReady(port, first.child);
  assert.match(first.output(), /Demo data loaded/);
  const staffLine = /(\S+@\S+)\s+(\S+)\s+\(staff\)/.exec(first.output());
  assert.ok(staffLine);
  assert.match(first.output(), /Development mode \(NODE_ENV=development\): not for real people or real data/);
  const mailPage = /(http:\/\/\S+\/en\/dev\/mail)\?key=(\S+)/.exec(first.output());
  assert.ok(mailPage, 'the development mail address and its key are printed');
  const local = mailPage[1]?.replace(/^http:\/\/localhost:\d+/, `http://127.0.0.1:${port}`) ?? '';
  assert.equal((await fetch(local, { redirect: 'manual' })).status, 404, 'not without the key');
  const opened = await fetch(`${local}?key=${mailPage[2]}`, { redirect: 'manual' });
  assert.equal(opened.status, 303);
  const devCookie = opened.headers.getSetCookie().find((c) => c.startsWith('guichet_dev_mail='))?.split(';')[0] ?? '';
  assert.equal((await fetch(local, { headers: { cookie: devCookie } })).status, 200);
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);

  const second = start({ PORT: String(port) });
  await waitReady(port, second.child);
  assert.doesNotMatch(second.output(), /Demo data loaded/);
  const page = await fetch(`http://127.0.0.1:${port}/en/sign-in`);
  const cookie = page.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const signIn = await fetch(`http://127.0.0.1:${port}/en/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, email: staffLine[1] ?? '', password: staffLine[2] ?? '' }).toString(),
  });
  assert.equal(signIn.status, 303, 'the demo staff account survived the restart');
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});

test('SIGTERM in the middle of a request and of a mail being sent: both finish, then the node exits; nothing is sent twice', async () => {
  // A slow mail server for one address: it holds that message 1.5 s before taking it, so SIGTERM
  // lands while its job runs (the demo data's own mail goes at once).
  const email = `leaving-${Date.now()}@example.ca`;
  const received: string[] = [];
  let sending = false;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      if (to === email) sending = true;
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          received.push(to);
          callback();
        }, to === email ? 1500 : 0),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const node = start({ PORT: String(port), SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  try {
    await waitReady(port, node.child);
    const page = await fetch(`http://127.0.0.1:${port}/en/sign-up`);
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const html = await page.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    // The demo's authorities to create an account with: the first one.
    const portal = /<input[^>]*name="portal"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="portal"/.exec(html)?.slice(1).find(Boolean) ?? '';
    assert.ok(portal, 'an authority to choose');
    const signUp = await fetch(`http://127.0.0.1:${port}/en/sign-up`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, portal, email, givenName: 'Léa', familyName: 'Tremblay', preferredLanguage: 'en', password: 'lune verte sur le fleuve 42', passwordConfirm: 'lune verte sur le fleuve 42' }).toString(),
    });
    assert.equal(signUp.status, 303, (await signUp.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 2000));
    for (let i = 0; i < 800 && !sending; i++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(sending, 'the verification mail is being sent');

    // A request in flight: its headers sent, half its body, then SIGTERM, then the rest.
    const body = new URLSearchParams({ _csrf: csrf, email, password: 'not the password, surely' }).toString();
    const answered = new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/en/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        node.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 100);
    });
    assert.equal(await answered, 401, 'the request begun before SIGTERM is answered (a wrong password), not cut');
    assert.equal(await node.exited, 0);
    assert.equal(received.filter((to) => to === email).length, 1, 'the mail being sent went, once');
    assert.match(node.output(), /SIGTERM: finishing requests in flight/);

    // The next start finds the mail sent and its job done: nothing to send again.
    const database = await openDatabase({ dataDir });
    try {
      const mails = await queryRows<{ status: string }>(database.db, sql`select status from mail_messages where to_address = ${email}`);
      assert.deepEqual(mails, [{ status: 'sent' }]);
      const jobs = await queryRows<{ state: string }>(database.db, sql`select state from pgboss.job where name = 'mail' and state not in ('completed', 'cancelled')`);
      assert.deepEqual(jobs, [], 'no mail job left active or to retry');
    } finally {
      await database.close();
    }
  } finally {
    if (node.child.exitCode === null) node.child.kill('SIGKILL');
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});

test('a per-IP limit slows sign-in attempts across accounts', async () => {
  const t = await createTestApp({ signInRateLimit: { max: 3, timeWindow: 60_000 } });
  try {
    const c = new Client(t.app, '203.0.113.7');
    await c.get('/en/sign-in');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.post('/en/sign-in', { email: `user${i}@example.ca`, password: 'whatever whatever' })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const other = new Client(t.app, '203.0.113.8');
    await other.get('/en/sign-in');
    assert.equal((await other.post('/en/sign-in', { email: 'x@example.ca', password: 'whatever whatever' })).statusCode, 401);
  } finally {
    await t.close();
  }
});

test('the CLI creates a staff account that can sign in and reach the staff page', async () => {
  const env = { PATH: process.env.PATH, DATA_DIR: dataDir };
  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => resolve({ code, out }));
    });
  const bad = await run(['create-staff', '--email', 'x@example.ca']);
  assert.equal(bad.code, 2);
  assert.match(bad.out, /Usage:/);
  const ok = await run(['create-staff', '--email', 'new.staff@example.ca', '--given-name', 'Nou', '--family-name', 'Veau', '--language', 'en']);
  assert.equal(ok.code, 0, ok.out);
  const staffPassword = /Password \(shown once\): (\S+)/.exec(ok.out)?.[1];
  assert.ok(staffPassword);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = start({ PORT: String(port) });
  try {
    await waitReady(port, server.child);
    const base = `http://127.0.0.1:${port}`;
    const page = await fetch(`${base}/en/sign-in`);
    const cookie = page.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const signIn = await fetch(`${base}/en/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, email: 'new.staff@example.ca', password: staffPassword }).toString(),
    });
    assert.equal(signIn.status, 303);
    assert.equal(signIn.headers.get('location'), '/en/account/password', 'the printed password is replaced first');
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith('guichet_session='))?.split(';')[0];
    const staffPage = await fetch(`${base}/en/staff/accounts`, { redirect: 'manual', headers: { cookie: `${cookie}; ${session}` } });
    assert.equal(staffPage.status, 303);
    assert.equal(staffPage.headers.get('location'), '/en/account/password', 'nothing else opens before');
    const form = await fetch(`${base}/en/account/password`, { headers: { cookie: `${cookie}; ${session}` } });
    const formCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const changed = await fetch(`${base}/en/account/password`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${session}` },
      body: new URLSearchParams({ _csrf: formCsrf, currentPassword: staffPassword, password: 'a staff password of my own', passwordConfirm: 'a staff password of my own' }).toString(),
    });
    assert.equal(changed.status, 303);
    const after = await fetch(`${base}/en/staff/accounts`, { redirect: 'manual', headers: { cookie: `${cookie}; ${session}` } });
    assert.equal(after.headers.get('location'), '/en/account/two-step-verification', 'then staff set up two-step verification');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
