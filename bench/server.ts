/** The portal under load, in its own process: prints its address, reports its peak RSS on "rss". */
import type { AddressInfo } from 'node:net';
import { createVerifiedAccount } from '../src/authorities/service.ts';
import { createTestApp } from '../test/support/app.ts';

const clients = Number(process.argv[2] ?? 32);
// Every bench client comes from 127.0.0.1: the per-IP limit is raised so it measures the work, not the limit.
const t = await createTestApp({ signInRateLimit: { max: 1_000_000, timeWindow: 60_000 } });
for (let i = 0; i < clients; i++) {
  await createVerifiedAccount(t.database.db, {
    authorityId: t.authorityId,
    email: `bench${i}@example.ca`,
    givenName: 'Bench',
    familyName: String(i),
    preferredLanguage: 'en',
    password: 'lune verte sur le fleuve 42',
  });
}
await t.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (t.app.server.address() as AddressInfo).port });
process.on('message', async (message) => {
  if (message !== 'rss') return;
  process.send?.({ rssKiB: process.resourceUsage().maxRSS });
  await t.close();
  process.exit(0);
});
