/**
 * npm run bench (and npm run bench:payments): checkout creation and webhook settlement, one payer
 * alone and 32 concurrent payers, each paying their own invoices through the built-in test gateway the way a
 * person does: "Pay" on the invoice page (the checkout), the card on the hosted page, then the
 * gateway's signed webhook settling the invoice (payment, receipt number, audit row, mail) — timed
 * from the click to the invoice being paid. On in-memory PGlite, then on PostgreSQL when
 * BENCH_DATABASE_URL or DATABASE_URL is set.
 */
import { eq, inArray } from 'drizzle-orm';
import { invoices, seedFeeSchedule } from '../src/billing/index.ts';
import { benchApp, benchServerUrl, percentile } from './databases.ts';
import { Client } from '../test/support/client.ts';
import { buildAccount, FACTORY_PASSWORD } from '../test/support/factories.ts';

const INVOICES = 128;


async function benchPayments(label: string, databaseUrl: string | undefined, PAYERS: number): Promise<string> {
  const INVOICES_EACH = INVOICES / PAYERS;
  const t = await benchApp(databaseUrl);
  try {
    const db = t.database.db;
    await seedFeeSchedule(db, t.authorityId, 'college');
    const payers = await Promise.all(
      Array.from({ length: PAYERS }, async (_, i) => {
        const account = await buildAccount(db, t.authorityId, { email: `payer-${i}@bench.guichet.ca` });
        const c = new Client(t.app);
        await c.get('/en/sign-in');
        await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD });
        const ids: string[] = [];
        for (let n = 0; n < INVOICES_EACH; n++) {
          const issued = await db.transaction((tx) =>
            t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: crypto.randomUUID(), reference: `BENCH-${i}-${n}` }, locale: 'en', at: t.clock.now() }),
          );
          if (issued.kind !== 'issued') throw new Error('no invoice');
          ids.push(issued.invoice.id);
        }
        return { c, ids };
      }),
    );
    const all = payers.flatMap((p) => p.ids);
    const latencies: number[] = [];
    const start = performance.now();
    await Promise.all(
      payers.map(async ({ c, ids }) => {
        for (const id of ids) {
          const t0 = performance.now();
          await c.get(`/en/fees-and-receipts/${id}`);
          const pay = await c.post(`/en/fees-and-receipts/${id}/pay`, {});
          const gateway = new URL(String(pay.headers.location), 'http://x').pathname;
          await c.get(gateway);
          await c.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
          // Settled by the webhook (the gateway posts it in the background), as a person's browser would not wait for.
          for (;;) {
            const [row] = await db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, id));
            if (row?.status === 'paid') break;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const paid = await db.select({ id: invoices.id }).from(invoices).where(inArray(invoices.id, all));
    latencies.sort((a, b) => a - b);
    return `| ${label} | ${PAYERS} | ${all.length} | ${(all.length / seconds).toFixed(1)} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 99).toFixed(0)} | ${paid.length === all.length ? 'all paid' : 'MISSING'} |`;
  } finally {
    await t.close();
  }
}

// One payer alone (the work of one payment), then 32 at once (the queueing on 2 cores).
const rows = [await benchPayments('PGlite (in memory)', undefined, 1), await benchPayments('PGlite (in memory)', undefined, 32)];
if (benchServerUrl) rows.push(await benchPayments('PostgreSQL', benchServerUrl, 1), await benchPayments('PostgreSQL', benchServerUrl, 32));
console.log('\nPayments: "Pay", the card on the test gateway, the signed webhook settling the invoice (one process, in-process HTTP)\n');
console.log('| database | concurrent payers | payments | payments/s | p50 ms (click → paid) | p99 ms | check |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
