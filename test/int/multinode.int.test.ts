// Three nodes on one PostgreSQL database behind a round-robin proxy behave as one portal: each
// request of a visitor lands on the next node, and sign-in, form tokens, rate limits, lockout and
// the audit chain hold as they do on one. PGlite is one process by nature: skipped without DATABASE_URL.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { recordEvent, verifyAuditChain } from '../../src/audit/index.ts';
import { buildAccount, FACTORY_PASSWORD } from '../../src/demo/factories.ts';
import { queryRows } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);
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
    const body = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, body, location: res.headers.get('location') };
  }
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
    const ports: number[] = [];
    for (const node of nodes) {
      await node.app.listen({ port: 0, host: '127.0.0.1' });
      ports.push((node.app.server.address() as AddressInfo).port);
    }
    proxy = await roundRobin(ports);
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
