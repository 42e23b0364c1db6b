// Every route declares who may call it (a page's `access`, or a `RouteAccess` for the others): a
// route added without one fails here, named. Built as `npm start` builds it, development mail page included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ devMailKey: 'routes-test-key' });
});
after(() => t.close());

/** The static files (GOV.UK Frontend's, the WebAuthn script): public by nature, their routes made by @fastify/static. */
const staticFiles = (url: string) => url.startsWith('/assets/');

test('every route declares its access', () => {
  assert.ok(t.app.routeAccess.length > 300, `${t.app.routeAccess.length} routes recorded`);
  const undeclared = t.app.routeAccess.filter((r) => r.access === null && !staticFiles(r.url)).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(undeclared, []);
});

test('the routes without a session scope are the public ones, the client-key APIs and the payment webhooks', () => {
  const kinds = new Set(t.app.routeAccess.filter((r) => r.access !== null && typeof r.access === 'string').map((r) => r.access));
  for (const kind of ['public', 'account', 'staff', 'client-key', 'signed-webhook']) assert.ok(kinds.has(kind as never), `${kind} is declared by some route`);
  const keyed = t.app.routeAccess.filter((r) => r.access === 'client-key').map((r) => `${r.method} ${r.url}`);
  assert.ok(keyed.includes('POST /api/v1/surveillance/notices') && keyed.includes('POST /api/v1/access-requests'), keyed.join(', '));
});
