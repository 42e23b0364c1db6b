import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { mailMessages } from './schema.ts';

interface Received {
  to: string;
  raw: string;
}
const received: Received[] = [];
let failNext = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    stream.on('end', () => {
      // A temporary failure: the queue must retry, not lose or double the message.
      if (failNext > 0) {
        failNext--;
        return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      }
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
      callback();
    });
  },
});

let t: TestApp;
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  t = await createTestApp({ transport });
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

test('sign-up mail reaches a real SMTP server once, in the recipient language, after a temporary failure', async () => {
  failNext = 1;
  const c = new Client(t.app);
  await c.get('/fr/inscription');
  const password = 'lune verte sur le fleuve 42';
  const res = await c.post('/fr/inscription', { email: 'smtp@example.ca', givenName: 'Héloïse', familyName: 'Côté', preferredLanguage: 'fr', password, passwordConfirm: password });
  assert.equal(res.statusCode, 303, 'answered with a redirect to "check your email"');
  const mail = await waitFor(() => received.find((m) => m.to === 'smtp@example.ca'));
  assert.match(mail.raw, /Subject: =\?UTF-8\?Q\?Confirmez_votre_adresse_courriel\?=|Subject: Confirmez votre adresse courriel/);
  assert.match(mail.raw, /Content-Type: text\/html/);
  assert.match(mail.raw, /Content-Language: fr-CA/);
  const [row] = await waitFor(async () => {
    const rows = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'smtp@example.ca'));
    return rows[0]?.status === 'sent' ? rows : undefined;
  });
  assert.equal(row?.attempts, 2, 'one failed attempt, one success');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(received.filter((m) => m.to === 'smtp@example.ca').length, 1, 'never sent twice');
});

test('a rolled-back change queues no mail', async () => {
  const before = received.length;
  await assert.rejects(
    t.database.db.transaction(async (tx) => {
      await tx.insert(mailMessages).values({ toAddress: 'ghost@example.ca', language: 'en', template: 'verify', subject: 's', textBody: 't', htmlBody: 'h', status: 'queued', createdAt: new Date() });
      throw new Error('rollback');
    }),
  );
  assert.equal((await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'ghost@example.ca'))).length, 0);
  assert.equal(received.length, before);
});

test('the development mail page says in each language what became of a message, with no English word in French', async () => {
  const password = 'lune verte sur le fleuve 42';
  const key = 'dev-mail-key-for-the-status-test';
  const dev = await createTestApp({ devMailKey: key });
  try {
    const c = new Client(dev.app);
    await c.get('/fr/inscription');
    await c.post('/fr/inscription', { email: 'gardee@example.ca', givenName: 'Léa', familyName: 'Roy', preferredLanguage: 'fr', password, passwordConfirm: password });
    await dev.app.background.drain();
    await c.get(`/fr/dev/courriels?key=${key}`);
    const fr = await c.get('/fr/dev/courriels');
    assert.match(fr.body, /Destinataire\u00a0: gardee@example\.ca — .* — gardé ici, pas envoyé/);
    assert.doesNotMatch(fr.body, /\bheld\b/);
    assert.match((await c.get('/en/dev/mail')).body, /To: gardee@example\.ca — .* — kept here, not sent/);
  } finally {
    await dev.close();
  }
});

test('a message with an attachment (a renewal reminder’s iCalendar deadline) carries it to the SMTP server', async () => {
  const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:renewal-test@guichet\r\nDTSTART;VALUE=DATE:20270130\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  await t.database.db.transaction((tx) =>
    t.app.services.mail.queue(tx, {
      accountId: null,
      to: 'calendar@example.ca',
      locale: 'en',
      template: 'renewalReminder',
      vars: { name: 'Renée', link: 'https://guichet.example/en/renewals/x', detail: '7 days left.' },
      at: t.clock.now(),
      attachments: [{ filename: 'renewal-deadline.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics }],
    }),
  );
  const mail = await waitFor(() => received.find((m) => m.to === 'calendar@example.ca'));
  assert.match(mail.raw, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH; name=renewal-deadline\.ics|Content-Type: text\/calendar/);
  assert.match(mail.raw, /filename=renewal-deadline\.ics/);
  const [row] = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'calendar@example.ca'));
  assert.equal(row?.attachments?.[0]?.content, ics, 'kept with the message, so a retry sends the same file');
});
