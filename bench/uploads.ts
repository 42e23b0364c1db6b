/**
 * Part of npm run bench: a 5 MiB PDF uploaded by 8 clients at once, over and over for
 * BENCH_UPLOAD_SECONDS (10), through a portal upload page — a route of the bench's own that does
 * what a module's page does: receiveUpload (stream to a temporary file, size, SHA-256, type from
 * the content, scanner "none", into filesystem storage) then attach in one transaction with its
 * audit row. Compared, in the same run, with a plain stream copy (and fs.copyFile) of the same
 * file into the storage folder by as many workers. The server runs in its own process, as in run.ts.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { origin } from '../src/platform/origin.ts';
import { createTestApp } from '../test/support/app.ts';
import { buildAccount } from '../test/support/factories.ts';
import { Connection } from './connection.ts';

const CLIENTS = 8;
const FILE_BYTES = 5 * 1024 * 1024;
const SECONDS = Number(process.env.BENCH_UPLOAD_SECONDS ?? 10);
const PASSWORD = 'lune verte sur le fleuve 42';
const MiB = 1024 * 1024;

if (process.argv[2] === 'serve') await serve();
else await drive();

async function serve() {
  const dataDir = process.argv[3] ?? '';
  const t = await createTestApp({
    env: { DATA_DIR: dataDir },
    signInRateLimit: { max: 1_000_000, timeWindow: 60_000 },
    beforeReady(app, { database, authorityId }) {
      app.post('/bench/upload', { config: { multipart: true } }, async (request, reply) => {
        const account = request.account;
        if (!account) return reply.code(404).send();
        const documents = app.services.documents;
        const result = await documents.receiveUpload(request);
        if (!result.ok) return reply.code(400).send({ refused: result.refusal.reason });
        const at = new Date();
        const ids = await database.db.transaction((tx) =>
          documents.attach(tx, { authorityId, ownerAccountId: account.id, subjectKind: 'bench', subjectId: account.id, typeCode: 'transcript', uploadedBy: account.id, origin: origin(request), at }, result.file),
        );
        return reply.send(ids);
      });
    },
  });
  for (let i = 0; i < CLIENTS; i++) await buildAccount(t.database.db, t.authorityId, { email: `upload${i}@example.ca`, password: PASSWORD, preferredLanguage: 'en' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (t.app.server.address() as AddressInfo).port });
  process.on('message', async (message) => {
    if (message === 'stop') {
      await t.close();
      process.exit(0);
    }
  });
}

/** `count` workers doing `op` until the time is up; the bytes moved per second. */
async function timed(workers: number, op: (worker: number) => Promise<void>) {
  let done = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        await op(worker);
        done += 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { files: done, mibPerSecond: (done * FILE_BYTES) / MiB / elapsed, perSecond: done / elapsed };
}

async function drive() {
  const progress = (message: string) => process.stderr.write(`[bench uploads ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-uploads-'));
  // A PDF by its header, random (incompressible) bytes after it: 5 MiB exactly.
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const tail = Buffer.from('\n%%EOF\n');
  const pdf = Buffer.concat([head, randomBytes(FILE_BYTES - head.length - tail.length), tail]);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const server = fork(import.meta.filename, ['serve', dataDir], { execArgv: ['--import', 'tsx'], env });
  process.on('exit', () => server.kill());
  progress('starting the server (PGlite in memory, filesystem storage, no scanner)');
  const { port } = await new Promise<{ port: number }>((resolve) => server.once('message', (m) => resolve(m as { port: number })));

  const clients: { connection: Connection; cookie: string; body: Buffer; boundary: string }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const connection = await Connection.open(port);
    const signInPage = await connection.request('GET', '/en/sign-in');
    const csrfCookie = (signInPage.setCookies[0] ?? '').split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(signInPage.body)?.[1] ?? '';
    const signedIn = await connection.request('POST', '/en/sign-in', { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie }, new URLSearchParams({ _csrf: token, email: `upload${i}@example.ca`, password: PASSWORD }).toString());
    if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
    const session = (signedIn.setCookies.find((c) => c.startsWith('guichet_session=')) ?? '').split(';')[0] ?? '';
    const cookie = `${csrfCookie}; ${session}`;
    // The form token belongs to the session: read it from a page with a form, as a browser would.
    const account = await connection.request('GET', '/en/account', { cookie });
    const formToken = /name="_csrf" value="([^"]+)"/.exec(account.body)?.[1] ?? '';
    const boundary = `----guichetbench${i}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${formToken}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="releve-de-notes.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    clients.push({ connection, cookie, body, boundary });
  }

  progress(`uploads through the portal: ${CLIENTS} clients, ${SECONDS} s`);
  const portal = await timed(CLIENTS, async (w) => {
    const c = clients[w]!;
    const answer = await c.connection.request('POST', '/bench/upload', { 'content-type': `multipart/form-data; boundary=${c.boundary}`, cookie: c.cookie }, c.body);
    if (answer.status !== 200) throw new Error(`the upload answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  });

  // The floor: the same file copied into the same storage folder, by as many workers.
  const source = join(dataDir, 'source.pdf');
  writeFileSync(source, pdf);
  const copies = join(dataDir, 'documents', 'plain-copy');
  mkdirSync(copies, { recursive: true });
  let n = 0;
  progress(`plain stream copy into the storage folder: ${CLIENTS} workers, ${SECONDS} s`);
  const streamCopy = await timed(CLIENTS, async () => {
    await pipeline(createReadStream(source), createWriteStream(join(copies, `stream-${n++}`)));
  });
  progress(`fs.copyFile into the storage folder: ${CLIENTS} workers, ${SECONDS} s`);
  const plainCopy = await timed(CLIENTS, async () => {
    await copyFile(source, join(copies, `copy-${n++}`));
  });

  for (const c of clients) c.connection.close();
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.send('stop');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });

  const fmt = (x: number) => x.toFixed(1);
  console.log(
    [
      `Uploads of a 5 MiB PDF, ${CLIENTS} clients, ${SECONDS} s (PGlite in memory, filesystem storage, scanner none):`,
      `  Through the portal (multipart, SHA-256, type check, storage, attach + audit): ${fmt(portal.mibPerSecond)} MiB/s (${fmt(portal.perSecond)} uploads/s, ${portal.files} files)`,
      `  Plain stream copy into the storage folder: ${fmt(streamCopy.mibPerSecond)} MiB/s; fs.copyFile: ${fmt(plainCopy.mibPerSecond)} MiB/s`,
      `  Portal / stream copy: ${fmt((100 * portal.mibPerSecond) / streamCopy.mibPerSecond)} %; portal / copyFile: ${fmt((100 * portal.mibPerSecond) / plainCopy.mibPerSecond)} %`,
    ].join('\n'),
  );
}
