/**
 * npm run bench (and npm run bench:renewals): the renewal season and the renewal journey.
 *
 * Season: RENEWAL_SEASON registrations (10,000 by default; the issue's figure is 200,000, which at
 * today's rate takes about an hour on PostgreSQL: docs/benchmarks.md) enter their 90-day window on the same morning
 * (bench/renewals-data.ts); one run of the daily job opens every window — the renewal row, its
 * invoice (numbered, with its lines, audit row and mail) and the opening mail with the deadline's
 * iCalendar file, the reminders already reached written — then a second run finds nothing to do,
 * and a run 30 days on sends the 30-day reminders. Target on PostgreSQL: the opening run under 2
 * minutes. PGlite runs RENEWAL_SEASON_PGLITE (5,000 by default: one connection, every statement
 * in-process) and the table says so.
 *
 * Journey: 32 people at once, each on their own: dashboard (the renewal card) → renewal form →
 * send it → pay on the test gateway (invoice page, Pay, the hosted card page, its return) → receipt.
 * Journeys per second and p99 per page. On PGlite, then on PostgreSQL when BENCH_DATABASE_URL or
 * DATABASE_URL is set.
 */
import { eq, sql } from 'drizzle-orm';
import { seedFeeSchedule } from '../src/billing/index.ts';
import { addCalendarDays, localDateAt } from '../src/platform/calendar.ts';
import { queryRows } from '../src/platform/db.ts';
import { renewals, renewalSettings } from '../src/renewals/schema.ts';
import { Client } from '../test/support/client.ts';
import { buildAccount, FACTORY_PASSWORD } from '../test/support/factories.ts';
import { benchApp, benchServerUrl, percentile } from './databases.ts';
import { generateSeason } from './renewals-data.ts';

const SEASON = Number(process.env.RENEWAL_SEASON ?? 10_000);
const SEASON_PGLITE = Number(process.env.RENEWAL_SEASON_PGLITE ?? 5_000);
const PEOPLE = 32;
const JOURNEYS_EACH = Number(process.env.RENEWAL_JOURNEYS_EACH ?? 4);
const DAY = 86_400_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function benchSeason(label: string, databaseUrl: string | undefined, count: number): Promise<string[]> {
  const t = await benchApp(databaseUrl);
  try {
    const db = t.database.db;
    await seedFeeSchedule(db, t.authorityId, 'college');
    await db.insert(renewalSettings).values({ authorityId: t.authorityId, lateFeeCode: 'late_fee' });
    const today = localDateAt(t.clock.now());
    const g0 = performance.now();
    await generateSeason(db, t.authorityId, count, today);
    console.log(`${label}: ${count} registrations written in ${seconds(performance.now() - g0)}`);
    const t0 = performance.now();
    const first = await t.app.services.renewals.run();
    const opening = performance.now() - t0;
    const [issued] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from invoices where subject_kind = 'renewal'`);
    const [mails] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from mail_messages where template = 'renewalOpened' and attachments is not null`);
    console.log(`${label}: opening run ${seconds(opening)} (${JSON.stringify(first)}; ${issued!.n} invoices, ${mails!.n} mails with the .ics)`);
    const t1 = performance.now();
    const second = await t.app.services.renewals.run();
    const again = performance.now() - t1;
    t.clock.advance(30 * DAY);
    const t2 = performance.now();
    const third = await t.app.services.renewals.run();
    const reminding = performance.now() - t2;
    console.log(`${label}: second run ${seconds(again)} (${JSON.stringify(second)}); 30 days on ${seconds(reminding)} (${JSON.stringify(third)})`);
    const ok = (label.startsWith('PostgreSQL') ? opening < 120_000 : true) && first.opened === count && second.opened === 0 && issued!.n === count;
    return [
      `| ${label} | ${count} | ${seconds(opening)} (${Math.round(count / (opening / 1000))}/s) | ${first.opened} / ${issued!.n} / ${mails!.n} | ${seconds(again)} | ${seconds(reminding)} (${third.reminded} reminders) | ${ok ? 'yes' : 'NO'} |`,
    ];
  } finally {
    await t.close();
  }
}

async function benchJourney(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl);
  try {
    const db = t.database.db;
    await seedFeeSchedule(db, t.authorityId, 'college');
    await db.insert(renewalSettings).values({ authorityId: t.authorityId, declarations: [{ code: 'discipline', question: { fr: 'Décision disciplinaire?', en: 'Any disciplinary decision?' } }] });
    const total = PEOPLE * JOURNEYS_EACH;
    const today = localDateAt(t.clock.now());
    const { categoryId, typeId } = await generateSeason(db, t.authorityId, 0, today, 'journey');
    // The people: real accounts (a password to sign in with), each with a registration entering its window.
    const people = [];
    for (let i = 0; i < total; i++) {
      const account = await buildAccount(db, t.authorityId, { email: `journey-${i}@bench.guichet.ca`, preferredLanguage: 'en' });
      await db.execute(sql`with application as (
          insert into applications (authority_id, applicant_id, type_id, reference, status) values (${t.authorityId}, ${account.id}, ${typeId}, ${`DEM-J-${i}`}, 'approved') returning id)
        insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code)
        select ${t.authorityId}, ${account.id}, ${categoryId}, id, ${`J-${String(i).padStart(5, '0')}`}, 'active', ${addCalendarDays(today, -600)}, ${addCalendarDays(today, 80)}, ${`J${i}`} from application`);
      people.push(account);
    }
    await t.app.services.renewals.run();
    const pages: Record<string, number[]> = { dashboard: [], form: [], submit: [], invoice: [], pay: [], gateway: [], card: [], return: [], receipt: [] };
    const timed = async <T>(page: string, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const result = await work();
      pages[page]!.push(performance.now() - t0);
      return result;
    };
    const clients = await Promise.all(
      people.map(async (p) => {
        const c = new Client(t.app);
        await c.get('/en/sign-in');
        await c.post('/en/sign-in', { email: p.email, password: FACTORY_PASSWORD });
        const [renewal] = await db.select().from(renewals).where(eq(renewals.accountId, p.id));
        return { c, renewal: renewal! };
      }),
    );
    let failures = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, worker) => {
        for (let n = 0; n < JOURNEYS_EACH; n++) {
          const { c, renewal } = clients[worker * JOURNEYS_EACH + n]!;
          const form = `/en/renewals/${renewal.id}`;
          const dashboard = await timed('dashboard', () => c.get('/en/dashboard'));
          if (!dashboard.body.includes('data-card="renewal"')) failures += 1;
          await timed('form', () => c.get(form));
          const sent = await timed('submit', () => c.post(form, { 'answer.discipline': 'no', changes: '' }));
          if (sent.statusCode !== 303) failures += 1;
          const invoiceId = renewal.invoiceId!;
          await timed('invoice', () => c.get(`/en/fees-and-receipts/${invoiceId}`));
          const pay = await timed('pay', () => c.post(`/en/fees-and-receipts/${invoiceId}/pay`, {}));
          const gateway = new URL(String(pay.headers.location), 'http://x').pathname;
          await timed('gateway', () => c.get(gateway));
          const paid = await timed('card', () => c.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' }));
          const back = new URL(String(paid.headers.location), 'http://x');
          await timed('return', () => c.get(back.pathname + back.search));
          const receipt = await timed('receipt', () => c.get(`/en/fees-and-receipts/${invoiceId}/receipt`));
          if (receipt.statusCode !== 200) failures += 1;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const [renewed] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from renewals where status = 'renewed'`);
    const [paidCount] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from invoices where subject_kind = 'renewal' and status = 'paid'`);
    const p99 = Object.entries(pages).map(([page, samples]) => `${page} ${percentile(samples.sort((a, b) => a - b), 99).toFixed(0)}`);
    return [`| ${label} | ${PEOPLE} | ${total} | ${(total / elapsed).toFixed(2)} | ${p99.join(' · ')} | ${renewed!.n} renewed, ${paidCount!.n} paid, ${failures} failures |`];
  } finally {
    await t.close();
  }
}

const season = [...(await benchSeason('PGlite (in memory)', undefined, SEASON_PGLITE))];
if (benchServerUrl) season.push(...(await benchSeason('PostgreSQL', benchServerUrl, SEASON)));
const journey = [...(await benchJourney('PGlite (in memory)', undefined))];
if (benchServerUrl) journey.push(...(await benchJourney('PostgreSQL', benchServerUrl)));
console.log('\nRenewal season: one run of the daily job as the season enters its window\n');
console.log(['| database | registrations | opening run | opened / invoices / mails with .ics | second run (nothing to do) | 30 days on | PostgreSQL < 2 min |', '|---|---|---|---|---|---|---|', ...season].join('\n'));
console.log(`\nRenewal journey: ${PEOPLE} people at once, ${JOURNEYS_EACH} journeys each (dashboard → form → send → invoice → pay → gateway → card → return → receipt)\n`);
console.log(['| database | people at once | journeys | journeys/s | p99 per page (ms) | outcome |', '|---|---|---|---|---|---|', ...journey].join('\n'));
