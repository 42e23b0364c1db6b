// Three nodes on one PostgreSQL database behind a round-robin proxy behave as one portal: each
// request of a visitor lands on the next node, and sign-in, form tokens, rate limits, lockout and
// the audit chain hold as they do on one, an invoice paid twice at once is paid once, and one
// security code makes one member; with one S3-compatible bucket (s3rver) any node serves a
// file another received, and a periodic job every node queues runs once. PGlite is one process by
// nature: skipped without DATABASE_URL.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import S3rver from 's3rver';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { recordEvent, verifyAuditChain } from '../../src/audit/index.ts';
import { buildAccount, buildApplicationType, FACTORY_PASSWORD, unique } from '../../src/demo/factories.ts';
import { queryRows } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { applications, registrations } from '../../src/licensing/schema.ts';
import { OPEN_DATA_QUEUE } from '../../src/register/index.ts';
import { seedFeeSchedule } from '../../src/billing/demo.ts';
import { createApprovedOrganization, createOrganizationKind } from '../../src/organizations/index.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Every file under a folder (its sub-folders' files), by path. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
const SIGN_INS_PER_MINUTE = 10;

/** A proxy in front of the nodes: request n goes to node n mod 3, with the client's address forwarded. */
function roundRobin(ports: number[]): Promise<{ server: Server; port: number; served: number[] }> {
  const served = ports.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next++ % ports.length;
    served[i]! += 1;
    const upstream = httpRequest({ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, served })));
}

/** Every node listening on a port of its own, and the round-robin proxy in front of them. */
async function behindProxy(nodes: TestApp[]) {
  const ports: number[] = [];
  for (const node of nodes) {
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    ports.push((node.app.server.address() as AddressInfo).port);
  }
  return roundRobin(ports);
}

/** A browser over real HTTP: its cookies, and the form token of the last page. */
class Visitor {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private base: string) {}
  async send(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams({ _csrf: this.csrf, ...form }).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (pair.slice(eq + 1) === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const body = Buffer.from(await res.arrayBuffer());
    const token = /name="_csrf" value="([^"]+)"/.exec(body.toString('utf8'))?.[1];
    if (token) this.csrf = token;
    return { status: res.status, body: body.toString('utf8'), bytes: body, location: res.headers.get('location') };
  }
  /** A file sent as a browser sends it: the form token first, then the file. */
  async upload(path: string, name: string, content: Buffer) {
    const form = new FormData();
    form.append('_csrf', this.csrf);
    form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), name);
    const res = await fetch(this.base + path, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') };
  }
}

/** A visitor signed in with the factories' password, through the proxy. */
async function signedIn(base: string, email: string): Promise<Visitor> {
  const v = new Visitor(base);
  await v.send('GET', '/en/sign-in');
  assert.equal((await v.send('POST', '/en/sign-in', { email, password: FACTORY_PASSWORD })).status, 303, `${email} signed in`);
  return v;
}

describe('three nodes behind a round-robin proxy', { skip: onPostgres ? false : 'PGlite is one process: several nodes need PostgreSQL (DATABASE_URL)' }, () => {
  const nodes: TestApp[] = [];
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let base = '';

  before(async () => {
    const limit = { max: SIGN_INS_PER_MINUTE, timeWindow: 60_000 };
    nodes.push(await createTestApp({ signInRateLimit: limit }));
    nodes.push(await createTestApp({ signInRateLimit: limit, join: nodes[0]! }));
    nodes.push(await createTestApp({ signInRateLimit: limit, join: nodes[0]! }));
    proxy = await behindProxy(nodes);
    base = `http://127.0.0.1:${proxy.port}`;
  });
  after(async () => {
    proxy?.server.close();
    // The first node made the database: it drops it, after the others have closed.
    for (const node of [...nodes].reverse()) await node.close();
  });

  test('a visitor signs in on one node, posts its form token on another and reads the account page on the third', async () => {
    const { email } = await buildAccount(nodes[0]!.database.db, nodes[0]!.authorityId, { givenName: 'Noémie' });
    const v = new Visitor(base);
    const before = [...proxy.served];
    assert.equal((await v.send('GET', '/en/sign-in')).status, 200);
    const signedIn = await v.send('POST', '/en/sign-in', { email, password: FACTORY_PASSWORD });
    assert.equal(signedIn.status, 303, 'the form token of one node is good on another');
    const account = await v.send('GET', '/en/account');
    assert.equal(account.status, 200, 'the session of one node is known to the others');
    assert.match(account.body, /Noémie/);
    assert.deepEqual(
      proxy.served.map((n, i) => n - before[i]!),
      [1, 1, 1],
      'each request landed on another node',
    );
  });

  test('wrong passwords on three nodes count together: the account locks at the threshold', async () => {
    const { email } = await buildAccount(nodes[0]!.database.db, nodes[0]!.authorityId);
    // Another address than the first test's, so the sign-in limit does not stop this one first.
    const v = new Visitor(base);
    await v.send('GET', '/en/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await v.send('POST', '/en/sign-in', { email, password: 'not the password at all' })).status);
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.equal(statuses[4], 403, 'the fifth wrong password, whatever node it reached, locks the account');
    const right = await v.send('POST', '/en/sign-in', { email, password: FACTORY_PASSWORD });
    assert.equal(right.status, 403, 'locked on every node');
  });

  test('an invoice paid across the nodes, its card form sent twice at once to two of them: one payment', async () => {
    const { db } = nodes[0]!.database;
    const { authorityId } = nodes[0]!;
    await seedFeeSchedule(db, authorityId, 'college');
    const account = await buildAccount(db, authorityId, { preferredLanguage: 'en' });
    const issued = await db.transaction((tx) =>
      nodes[0]!.app.services.billing.issueInvoice(tx, { authorityId, accountId: account.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: randomUUID(), reference: unique('MN') }, locale: 'en', at: nodes[0]!.clock.now() }),
    );
    assert.equal(issued.kind, 'issued');
    if (issued.kind !== 'issued') return;
    const v = await signedIn(base, account.email);
    await v.send('GET', `/en/fees-and-receipts/${issued.invoice.id}`);
    const started = await v.send('POST', `/en/fees-and-receipts/${issued.invoice.id}/pay`, {});
    assert.equal(started.status, 303);
    assert.match(started.location ?? '', /\/test-gateway\//);
    const gateway = new URL(started.location!, base).pathname;
    await v.send('GET', gateway);
    // A double click: the same card form, at once, lands on two nodes.
    const card = { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' };
    const answers = await Promise.all([v.send('POST', gateway, card), v.send('POST', gateway, card)]);
    // The winner goes on to the portal; the loser, a moment later, finds the checkout paid (its page, 200) or goes on too.
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(statuses[1] === 303 && [200, 303].includes(statuses[0]!), `answers ${statuses.join(', ')}`);
    const won = answers.find((a) => a.status === 303)!;
    let payments: { invoice_id: string }[] = [];
    for (let i = 0; i < 100; i++) {
      payments = await queryRows<{ invoice_id: string }>(db, sql`select invoice_id from payments where invoice_id = ${issued.invoice.id}`);
      if (payments.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(payments.length, 1, 'one payment');
    const back = new URL(won.location!, base);
    assert.ok([200, 303].includes((await v.send('GET', back.pathname + back.search)).status), 'the way back to the portal opens');
    const [invoice] = await queryRows<{ status: string }>(db, sql`select status from invoices where id = ${issued.invoice.id}`);
    assert.equal(invoice!.status, 'paid');
  });

  test('the sign-in limit is one count across the nodes, not one per node', async () => {
    // What the two tests before used of this minute's counter (every visitor here has the proxy's address).
    const [row] = await queryRows<{ hits: number }>(nodes[0]!.database.db, sql`select coalesce(sum(hits), 0)::int as hits from rate_limits where key like '%signIn%' and expires_at > clock_timestamp()`);
    const left = SIGN_INS_PER_MINUTE - Number(row!.hits);
    assert.ok(left >= 0, `${row!.hits} sign-ins counted already`);
    const v = new Visitor(base);
    await v.send('GET', '/en/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < left + 2; i++) statuses.push((await v.send('POST', '/en/sign-in', { email: 'nobody@example.ca', password: 'whatever it is here' })).status);
    assert.ok(!statuses.slice(0, left).includes(429), `${statuses.join(' ')}: not limited before the limit`);
    assert.deepEqual(statuses.slice(left), [429, 429], `${statuses.join(' ')}: three nodes allow what one allows (${SIGN_INS_PER_MINUTE} a minute)`);
  });

  test('audit rows written at once by the three nodes make one unbroken chain per authority', async () => {
    const { authorityId } = nodes[0]!;
    const writes = nodes.flatMap((node, n) =>
      Array.from({ length: 20 }, (_, i) =>
        node.database.db.transaction((tx) =>
          recordEvent(tx, { authorityId, event: 'sign_out', actorId: null, subjectId: null, origin: { ip: `10.0.0.${n}`, userAgent: `node ${n}, write ${i}` }, at: new Date() }),
        ),
      ),
    );
    await Promise.all(writes);
    const chain = await verifyAuditChain(nodes[1]!.database.db, authorityId);
    assert.deepEqual(chain.breaks, []);
    assert.ok(chain.rows >= 60, `${chain.rows} rows`);
  });
});

describe('three nodes sharing one bucket and one job queue (and the default sign-in limit)', { skip: onPostgres ? false : 'PGlite is one process: several nodes need PostgreSQL (DATABASE_URL)' }, () => {
  const nodes: TestApp[] = [];
  const dataDirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'guichet-node-')));
  const bucketDir = mkdtempSync(join(tmpdir(), 'guichet-s3rver-'));
  let bucket: S3rver;
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let base = '';

  before(async () => {
    bucket = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: bucketDir });
    const endpoint = `http://127.0.0.1:${(await bucket.run()).port}`;
    const admin = new S3Client({ endpoint, region: 'ca-central-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await admin.send(new CreateBucketCommand({ Bucket: 'documents' }));
    admin.destroy();
    // Each node has a folder of its own (nothing may be kept there) and a mail transport, so each runs pg-boss.
    const env = (i: number) => ({ DATA_DIR: dataDirs[i]!, DOCUMENT_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_REGION: 'ca-central-1', S3_BUCKET: 'documents', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' });
    const transport = () => nodemailer.createTransport({ jsonTransport: true });
    nodes.push(await createTestApp({ env: env(0), transport: transport() }));
    for (const i of [1, 2]) nodes.push(await createTestApp({ env: env(i), transport: transport(), join: nodes[0]! }));
    proxy = await behindProxy(nodes);
    base = `http://127.0.0.1:${proxy.port}`;
  });
  after(async () => {
    proxy?.server.close();
    for (const node of [...nodes].reverse()) await node.close();
    await bucket?.close();
    for (const dir of [...dataDirs, bucketDir]) rmSync(dir, { recursive: true, force: true });
  });

  test('a file uploaded through one node is served by every node, and no node keeps it', async () => {
    const { db } = nodes[0]!.database;
    const { authorityId } = nodes[0]!;
    const account = await buildAccount(db, authorityId, { preferredLanguage: 'en' });
    // An active registration: the person has a record whose legal name they change, with an ID.
    const type = await buildApplicationType(db, authorityId);
    const [application] = await db.insert(applications).values({ authorityId, applicantId: account.id, typeId: type.id, reference: unique('MN'), status: 'approved' }).returning();
    await db.insert(registrations).values({ authorityId, accountId: account.id, categoryId: type.categoryId, applicationId: application!.id, number: unique('2026'), status: 'active', validFrom: '2026-01-01', validUntil: '2026-12-31', verificationCode: unique('CODE') });
    const v = await signedIn(base, account.email);
    await v.send('GET', '/en/record/legal-name');
    const started = await v.send('POST', '/en/record/legal-name', { givenName: 'Amélie', familyName: 'Roy', happenedOn: '2026-11-01' });
    assert.equal(started.status, 303);
    const page = new URL(started.location!, base).pathname;
    await v.send('GET', page);
    const id = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%'), randomBytes(400 * 1024), Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n')]);
    const uploaded = await v.upload(`${page}/id-document`, 'passport.pdf', id);
    assert.equal(uploaded.status, 303);
    const [version] = await queryRows<{ id: string }>(db, sql`select v.id from document_versions v join documents d on d.id = v.document_id where d.subject_kind = 'change_request' order by v.created_at desc limit 1`);
    assert.ok(version, 'the ID is on file');
    const before = [...proxy.served];
    for (let i = 0; i < 3; i++) {
      const got = await v.send('GET', `/en/documents/${version.id}`);
      assert.equal(got.status, 200, `download ${i + 1}`);
      assert.ok(got.bytes.equals(id), `download ${i + 1}: the same bytes`);
    }
    assert.deepEqual(proxy.served.map((n, i) => n - before[i]!), [1, 1, 1], 'each node served it once');
    for (const dir of dataDirs) assert.deepEqual(filesUnder(dir), [], `${dir} keeps nothing`);
    assert.equal((await v.send('POST', `${page}/send`, {})).status, 303, 'and the request is sent');
  });

  test('one security code redeemed at once on three nodes makes one member; wrong codes on any node count together', async () => {
    const { db } = nodes[0]!.database;
    const { authorityId } = nodes[0]!;
    const organizations = nodes[0]!.app.services.organizations;
    const kind = await createOrganizationKind(db, { authorityId, slug: unique('kind').toLowerCase(), name: { fr: 'Agence', en: 'Agency' } });
    const manager = await buildAccount(db, authorityId, { preferredLanguage: 'en' });
    const org = await createApprovedOrganization(db, { authorityId, kindId: kind.id, name: { fr: 'Agence Nord', en: 'North Agency' }, people: [{ accountId: manager.id, role: 'manager' }] });
    // The manager's session, where the new code is shown once.
    await signedIn(base, manager.email);
    const [session] = await queryRows<{ id: string }>(db, sql`select id from sessions where account_id = ${manager.id}`);
    const made = await organizations.createCode((await organizations.membership(manager.id, org.id))!, 'member', { ip: null, userAgent: null }, session!.id);
    assert.ok(made);
    // Three people signed in (their sign-ins spread over the nodes), then each posts the code at once: one request per node.
    const racers: Visitor[] = [];
    for (let i = 0; i < 3; i++) {
      const racer = await signedIn(base, (await buildAccount(db, authorityId, { preferredLanguage: 'en' })).email);
      await racer.send('GET', '/en/organizations/join');
      racers.push(racer);
    }
    const answers = await Promise.all(racers.map((r) => r.send('POST', '/en/organizations/join', { code: made.code })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [303, 400, 400], 'one joins; the others are told it was used');
    const [members] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from organization_members where organization_id = ${org.id}`);
    assert.equal(members!.n, 2, 'the manager and one member');
    // Wrong codes from one person, each on the next node: the sixth is refused on whichever node it lands.
    const guesser = await signedIn(base, (await buildAccount(db, authorityId, { preferredLanguage: 'en' })).email);
    await guesser.send('GET', '/en/organizations/join');
    const fresh = await organizations.createCode((await organizations.membership(manager.id, org.id))!, 'member', { ip: null, userAgent: null }, session!.id);
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) tries.push((await guesser.send('POST', '/en/organizations/join', { code: `WRNG-${i}AAA-BBBB-CCCC-DDDD` })).status);
    assert.deepEqual(tries, [400, 400, 400, 400, 400]);
    assert.equal((await guesser.send('POST', '/en/organizations/join', { code: fresh!.code })).status, 429, 'five wrong codes on three nodes are five, not two on each');
  });

  test('the daily job that each node queues at start runs once across the three', async () => {
    // Each node queued today's open-data run as it started (queueEvery, atStart): one job, done once.
    const { db } = nodes[0]!.database;
    let jobs: { state: string }[] = [];
    for (let i = 0; i < 200; i++) {
      jobs = await queryRows<{ state: string }>(db, sql`select state from pgboss.job where name = ${OPEN_DATA_QUEUE}`);
      if (jobs.length > 0 && jobs.every((j) => j.state === 'completed')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(jobs, [{ state: 'completed' }], 'one job, completed');
  });
});
