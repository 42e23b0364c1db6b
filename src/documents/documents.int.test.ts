// Supporting documents through a real app: an upload route of the test's own (the way a module's
// page calls receiveUpload and attach), the checks, versions, statuses and the download page.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { auditEvents } from '../audit/index.ts';
import type { DatabaseHandle } from '../platform/db.ts';
import { origin } from '../platform/origin.ts';
import { translator } from '../platform/i18n/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { CLAMD, EICAR, startClamd, type TestClamd } from '../../test/support/clamd.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { documents, documentVersions, refusalStatus, refusalText, type SubjectReader, type UploadRefusal } from './index.ts';

const KIND = 'test_application';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const WORD_PARTS: [string, Buffer][] = [
  ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')],
  ['word/document.xml', Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Relevé</w:t></w:r></w:p></w:body></w:document>')],
];

/** A Word document as a zip: entries stored as they are, or deflated (`deflate`, by name), with what file-type looks for. */
function docx(entries: [string, Buffer][] = WORD_PARTS, deflate: string[] = []): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const deflated = deflate.includes(name);
    const data = deflated ? deflateRawSync(content, { level: 9 }) : content;
    const fileName = Buffer.from(name);
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflated ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const owners = new Map<string, string>();
type Reply = { code(n: number): { type(t: string): { send(b: string): unknown } } };

/**
 * The test's own upload and replace routes (what licensing's pages will do): read the form, then
 * attach in one transaction, discarding the staged file if that fails. The limit: ?max= bytes.
 */
function uploadRoutes(app: FastifyInstance, { database, authorityId }: { database: DatabaseHandle; authorityId: string }) {
  const { db } = database;
  const refused = (request: FastifyRequest, reply: Reply, refusal: UploadRefusal) =>
    reply.code(refusalStatus[refusal.reason]).type('text/html; charset=utf-8').send(`<p class="govuk-error-message">${refusalText(translator(request.locale), request.locale, refusal)}</p>`);
  app.post('/en/test/subjects/:subjectId/documents', { config: { multipart: true } }, async (request, reply) => {
    const account = request.account;
    if (!account) return reply.code(404).send();
    const { subjectId } = request.params as { subjectId: string };
    const maxBytes = Number((request.query as { max?: string }).max) || undefined;
    const docs = app.services.documents;
    const result = await docs.receiveUpload(request, maxBytes ? { maxBytes } : {});
    const at = new Date();
    if (!result.ok) {
      await docs.recordRefusal(db, { authorityId, actorId: account.id, origin: origin(request), at }, result.refusal);
      return refused(request, reply, result.refusal);
    }
    try {
      const ids = await db.transaction(async (tx) => {
        const attached = await docs.attach(
          tx,
          { authorityId, ownerAccountId: owners.get(subjectId) ?? account.id, subjectKind: KIND, subjectId, typeCode: result.fields.typeCode ?? 'transcript', uploadedBy: account.id, source: result.fields.source || null, origin: origin(request), at },
          result.file,
        );
        // The domain module's own change in the same transaction: here, one that can fail.
        if (result.fields.fail === 'yes') throw new Error('the caller’s change failed');
        return attached;
      });
      return reply.send(ids);
    } catch (error) {
      await docs.discard(result.file);
      throw error;
    }
  });
  app.post('/en/test/documents/:documentId/replace', { config: { multipart: true } }, async (request, reply) => {
    const account = request.account;
    if (!account) return reply.code(404).send();
    const docs = app.services.documents;
    const result = await docs.receiveUpload(request);
    if (!result.ok) return refused(request, reply, result.refusal);
    const { documentId } = request.params as { documentId: string };
    const replaced = await db.transaction((tx) => docs.replace(tx, { documentId, uploadedBy: account.id, source: result.fields.source || null, origin: origin(request), at: new Date() }, result.file));
    return reply.send(replaced);
  });
}

/** The applicant, or staff of the document's authority (what licensing will plug in for applications). */
const reader: SubjectReader = async (account, subjectId, authorityId) =>
  owners.get(subjectId) === account.id || (account.staffAuthorityId === authorityId && account.authorityRoles.length > 0);

async function signedInStaff(t: TestApp, authorityId: string) {
  const staff = await buildStaff(t.database.db, authorityId, { roles: ['staff'] });
  const key = await addAuthenticatorApp(t, staff.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, staff.email, FACTORY_PASSWORD, key)).statusCode, 303);
  await c.get('/en/account'); // a page with a form: the token of the new session
  return { client: c, id: staff.id };
}

async function signedIn(t: TestApp) {
  const person = await buildAccount(t.database.db, t.authorityId);
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: person.email, password: FACTORY_PASSWORD })).statusCode, 303);
  await c.get('/en/account');
  return { client: c, id: person.id };
}

const file = (fileName: string, content: Buffer, contentType?: string) => ({ name: 'file', fileName, content, ...(contentType ? { contentType } : {}) });
const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)])) : [];

describe('uploads, versions, statuses and downloads (no scanner)', () => {
  let t: TestApp;
  let dataDir: string;
  let person: { client: Client; id: string };
  let other: { client: Client; id: string };
  let staff: { client: Client; id: string };
  let otherStaff: { client: Client; id: string };
  const subject = randomUUID();
  const url = `/en/test/subjects/${subject}/documents`;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-documents-'));
    // What a crash left two hours ago: swept at start.
    mkdirSync(join(dataDir, 'tmp'));
    writeFileSync(join(dataDir, 'tmp', 'upload-left-by-a-crash'), PDF);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(dataDir, 'tmp', 'upload-left-by-a-crash'), twoHoursAgo, twoHoursAgo);
    t = await createTestApp({ env: { DATA_DIR: dataDir }, beforeReady: uploadRoutes });
    t.app.services.documents.registerReader(KIND, reader);
    person = await signedIn(t);
    other = await signedIn(t);
    staff = await signedInStaff(t, t.authorityId);
    otherStaff = await signedInStaff(t, (await buildAuthority(t.database.db)).id);
    owners.set(subject, person.id);
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = () => filesIn(join(dataDir, 'documents')).filter((p) => !p.includes('.incoming'));
  const temporary = () => filesIn(join(dataDir, 'tmp'));
  const versionRows = async () => t.database.db.select().from(documentVersions);
  async function refusedWith(res: { statusCode: number; body: string }, status: number, message: RegExp) {
    assert.equal(res.statusCode, status, res.body);
    assert.match(res.body, message);
  }

  test('what a crash left in the temporary folder is removed at start', async () => {
    for (let i = 0; i < 50 && temporary().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(temporary(), []);
  });

  test('a PDF is checked, stored under a random key and attached: version 1, received, audited', async () => {
    const res = await person.client.upload(url, [['typeCode', 'transcript'], file('Relevé de notes.pdf', PDF, 'application/pdf')]);
    assert.equal(res.statusCode, 200, res.body);
    const { documentId, versionId } = res.json() as { documentId: string; versionId: string };
    const [doc] = await t.app.services.documents.list(KIND, subject);
    assert.equal(doc?.id, documentId);
    assert.equal(doc?.status, 'received');
    assert.equal(doc?.ownerAccountId, person.id);
    assert.equal(doc?.typeCode, 'transcript');
    const [version] = doc?.versions ?? [];
    assert.equal(version?.id, versionId);
    assert.equal(version?.number, 1);
    assert.equal(version?.fileName, 'Relevé de notes.pdf');
    assert.equal(version?.contentType, 'application/pdf');
    assert.equal(version?.sizeBytes, PDF.length);
    assert.equal(version?.sha256, createHash('sha256').update(PDF).digest('hex'));
    assert.equal(version?.scan, 'not_scanned');
    assert.equal(version?.uploadedBy, person.id);
    const [row] = await t.database.db.select().from(documentVersions).where(eq(documentVersions.id, versionId));
    assert.match(row?.storageKey ?? '', /^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    assert.deepEqual(readFileSync(join(dataDir, 'documents', row?.storageKey ?? '')), PDF);
    assert.deepEqual(temporary(), []);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'document_uploaded'), eq(auditEvents.subjectId, documentId)));
    assert.equal(event?.actorId, person.id);
    assert.equal(event?.authorityId, t.authorityId);
  });

  test('a PNG and a JPEG are re-encoded: upright, with no EXIF or location left', async () => {
    const gps = { IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '46/1 48/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '71/1 12/1 0/1' } };
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c00' } }).withExif(gps).png().toBuffer();
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#0c0' } }).withExif(gps).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, 'the test file does carry EXIF');
    assert.ok((await sharp(png).metadata()).exif, 'the test file does carry EXIF');
    for (const [name, content, type] of [['photo.png', png, 'image/png'], ['photo.jpg', jpeg, 'image/jpeg']] as const) {
      const res = await person.client.upload(url, [file(name, content)]);
      assert.equal(res.statusCode, 200, res.body);
      const { versionId } = res.json() as { versionId: string };
      const [row] = await t.database.db.select().from(documentVersions).where(eq(documentVersions.id, versionId));
      assert.equal(row?.contentType, type);
      const kept = readFileSync(join(dataDir, 'documents', row?.storageKey ?? ''));
      assert.equal(row?.sizeBytes, kept.length);
      assert.equal(row?.sha256, createHash('sha256').update(kept).digest('hex'));
      const metadata = await sharp(kept).metadata();
      assert.equal(metadata.exif, undefined, `${name}: no EXIF`);
      assert.equal(metadata.xmp, undefined, `${name}: no XMP`);
      assert.ok(!kept.includes(Buffer.from('Phone')) && !kept.includes(Buffer.from('GPS')), `${name}: nothing of the metadata`);
      // A JPEG's orientation 6 (turned a quarter): the pixels are turned upright instead. (PNG
      // readers ignore EXIF orientation, and so does the re-encoding.)
      if (type === 'image/jpeg') assert.deepEqual([metadata.width, metadata.height], [20, 40], name);
    }
  });

  test('a Word document (.docx) is taken as it is', async () => {
    const content = docx();
    const res = await person.client.upload(url, [file('cv.docx', content)]);
    assert.equal(res.statusCode, 200, res.body);
    const [row] = await t.database.db.select().from(documentVersions).where(eq(documentVersions.id, (res.json() as { versionId: string }).versionId));
    assert.equal(row?.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(row?.sizeBytes, content.length);
  });

  test('a file over the limit is refused with the limit, 413, and nothing is kept', async () => {
    const before = { stored: stored().length, rows: (await versionRows()).length };
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 1000, 0x20)]);
    await refusedWith(await person.client.upload(`${url}?max=${1024 * 1024}`, [file('big.pdf', big)]), 413, /larger than the 1 MB limit/);
    // The configured default (DOCUMENT_MAX_BYTES, 10 MiB) applies when the page sets none.
    await refusedWith(await person.client.upload(url, [file('huge.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]))]), 413, /larger than the 10 MB limit/);
    assert.equal(stored().length, before.stored);
    assert.equal((await versionRows()).length, before.rows);
    assert.deepEqual(temporary(), []);
    const [refusal] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'document_refused')).orderBy(auditEvents.id);
    assert.deepEqual(refusal?.details, { reason: 'too_large' });
  });

  test('an empty file, or none, is refused', async () => {
    await refusedWith(await person.client.upload(url, [file('empty.pdf', Buffer.alloc(0))]), 400, /Choose a file/);
    await refusedWith(await person.client.upload(url, [['typeCode', 'transcript']]), 400, /Choose a file/);
  });

  test('a type judged from the content: SVG, an executable named .pdf, text and a broken image are refused', async () => {
    const before = { stored: stored().length, rows: (await versionRows()).length };
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const elf = readFileSync('/bin/true');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
    exe.writeUInt32LE(64, 60);
    const brokenPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000IHDRnot really a png')]);
    for (const [name, content, type] of [
      ['drawing.svg', svg, 'image/svg+xml'],
      ['transcript.pdf', elf, 'application/pdf'],
      ['transcript.pdf', exe, 'application/pdf'],
      ['notes.pdf', Buffer.from('just some text, not a PDF'), 'application/pdf'],
      ['photo.png', brokenPng, 'image/png'],
    ] as const) {
      await refusedWith(await person.client.upload(url, [file(name, content, type)]), 415, /This type of file is not accepted/);
    }
    assert.equal(stored().length, before.stored);
    assert.equal((await versionRows()).length, before.rows);
    assert.deepEqual(temporary(), []);
  });

  test('an image of more than 40 megapixels is refused before it is decoded', async () => {
    const huge = await sharp({ create: { width: 8000, height: 5001, channels: 3, background: '#fff' } }).png({ compressionLevel: 1 }).toBuffer();
    await refusedWith(await person.client.upload(url, [file('scan.png', huge)]), 413, /more than 40 million pixels/);
  });

  test('hostile files: cut short, zip bombs, image bombs and polyglots are refused or defused, never a 5xx, nothing kept when refused', { timeout: 60_000 }, async () => {
    const before = { stored: stored().length, rows: (await versionRows()).length };
    const bomb = Buffer.alloc(256 * 1024 * 1024, 0x20);
    // A PNG that says it is 65,535 × 65,535 (4 gigapixels) in 100 bytes: refused from its header, never decoded.
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer();
    const pngBomb = Buffer.from(png);
    pngBomb.writeUInt32BE(65_535, 16);
    pngBomb.writeUInt32BE(65_535, 20);
    pngBomb.writeUInt32BE(crc32(pngBomb.subarray(12, 29)), 29);
    const jpeg = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).jpeg().toBuffer();
    const jpegBomb = Buffer.from(jpeg);
    const sof = jpegBomb.indexOf(Buffer.from([0xff, 0xc0]));
    jpegBomb.writeUInt16BE(65_500, sof + 5);
    jpegBomb.writeUInt16BE(65_500, sof + 7);
    const refused: [string, Buffer, number, RegExp][] = [
      ['cut.pdf', PDF.subarray(0, PDF.length - 20), 422, /incomplete or damaged/],
      ['cut.docx', docx().subarray(0, 300), 422, /incomplete or damaged/],
      ['bomb.docx', docx([WORD_PARTS[0]!, ['word/document.xml', bomb]], ['word/document.xml']), 422, /incomplete or damaged/],
      ['bomb.docx', docx([['[Content_Types].xml', bomb], WORD_PARTS[1]!], ['[Content_Types].xml']), 415, /not accepted/],
      ['pixels.png', pngBomb, 413, /more than 40 million pixels/],
      ['pixels.jpg', jpegBomb, 413, /more than 40 million pixels/],
      // A web page with a PDF inside is not a PDF: judged from its first bytes.
      ['page.pdf', Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), PDF]), 415, /not accepted/],
    ];
    for (const [name, content, status, message] of refused) {
      const started = Date.now();
      await refusedWith(await person.client.upload(url, [file(name, content)]), status, message);
      assert.ok(Date.now() - started < 20_000, `${name} answered in ${Date.now() - started} ms`);
    }
    assert.equal(stored().length, before.stored);
    assert.equal((await versionRows()).length, before.rows);
    assert.deepEqual(temporary(), []);
    // Polyglots that are what they start with: an image with a zip and a script after it is re-encoded
    // (what followed is gone); a PDF carrying HTML stays a PDF, downloaded as an attachment, never shown.
    const tail = Buffer.concat([docx(), Buffer.from('<script>alert(1)</script>')]);
    for (const [name, content, type] of [['photo.jpg', Buffer.concat([jpeg, tail]), 'image/jpeg'], ['photo.png', Buffer.concat([png, tail]), 'image/png']] as const) {
      const res = await person.client.upload(url, [file(name, content)]);
      assert.equal(res.statusCode, 200, res.body);
      const got = await person.client.get(`/en/documents/${(res.json() as { versionId: string }).versionId}`);
      assert.equal(got.headers['content-type'], type);
      assert.ok(!got.rawPayload.includes('<script>') && !got.rawPayload.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04])), `${name}: nothing after the image is kept`);
    }
    const htmlInPdf = Buffer.concat([Buffer.from('%PDF-1.4\n% <html><script>alert(1)</script></html>\n'), PDF.subarray(9)]);
    const res = await person.client.upload(url, [file('page.html', htmlInPdf, 'text/html')]);
    assert.equal(res.statusCode, 200, res.body);
    const got = await person.client.get(`/en/documents/${(res.json() as { versionId: string }).versionId}`);
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.match(String(got.headers['content-disposition']), /^attachment; /);
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
  });

  test('the form token must come before the file: missing, wrong or after it, refused before anything is kept', async () => {
    const before = { stored: stored().length, rows: (await versionRows()).length };
    assert.equal((await person.client.upload(url, [['_csrf', null], file('a.pdf', PDF)])).statusCode, 403);
    assert.equal((await person.client.upload(url, [['_csrf', 'forged'], file('a.pdf', PDF)])).statusCode, 403);
    assert.equal((await person.client.upload(url, [file('a.pdf', PDF), ['_csrf', person.client.csrf]])).statusCode, 403);
    assert.equal((await person.client.upload(url, [['_csrf', null]])).statusCode, 403);
    assert.equal(stored().length, before.stored);
    assert.equal((await versionRows()).length, before.rows);
    assert.deepEqual(temporary(), []);
  });

  test('a multipart post to a page that does not read one is refused as any other body type', async () => {
    const res = await person.client.upload('/en/account/name', [['givenName', 'Ada']]);
    assert.equal(res.statusCode, 415);
  });

  test('two files in one form are refused', async () => {
    const res = await person.client.upload(url, [file('a.pdf', PDF), file('b.pdf', PDF)]);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(temporary(), []);
  });

  test('when the caller’s transaction fails, the staged file is discarded with it', async () => {
    const before = { stored: stored().length, rows: (await versionRows()).length };
    const res = await person.client.upload(url, [['fail', 'yes'], file('a.pdf', PDF)]);
    assert.equal(res.statusCode, 500);
    assert.equal(stored().length, before.stored);
    assert.equal((await versionRows()).length, before.rows);
  });

  test('staff upload for the person with its source; replacing keeps every version downloadable; statuses', async () => {
    const transcriptSubject = randomUUID();
    owners.set(transcriptSubject, person.id);
    const res = await staff.client.upload(`/en/test/subjects/${transcriptSubject}/documents`, [['source', 'Université Laval (transcript sent by the school)'], file('releve-laval.pdf', PDF)]);
    assert.equal(res.statusCode, 200, res.body);
    const { documentId, versionId: first } = res.json() as { documentId: string; versionId: string };
    const [doc] = await t.app.services.documents.list(KIND, transcriptSubject);
    assert.equal(doc?.ownerAccountId, person.id);
    assert.equal(doc?.versions[0]?.uploadedBy, staff.id);
    assert.equal(doc?.versions[0]?.source, 'Université Laval (transcript sent by the school)');

    const db = t.database.db;
    const set = (status: 'accepted' | 'needs_replacing' | 'no_longer_needed', reason: string | null) =>
      db.transaction((tx) => t.app.services.documents.setStatus(tx, { documentId, status, reason, by: staff.id, origin: { ip: null, userAgent: null }, at: new Date() }));
    assert.equal(await set('needs_replacing', '  '), 'reason_required');
    assert.equal(await set('needs_replacing', 'The second page is missing.'), 'ok');
    assert.equal(await set('needs_replacing', 'Again'), 'not_allowed_from');
    let [marked] = await t.app.services.documents.list(KIND, transcriptSubject);
    assert.equal(marked?.status, 'needs_replacing');
    assert.equal(marked?.statusReason, 'The second page is missing.');
    assert.equal(marked?.statusBy, staff.id);
    const [changed] = await db.select().from(auditEvents).where(and(eq(auditEvents.event, 'document_status_changed'), eq(auditEvents.subjectId, documentId)));
    assert.deepEqual(changed?.details, { documentId, from: 'received', to: 'needs_replacing', reason: 'The second page is missing.' });

    const second = Buffer.concat([PDF, Buffer.from('% page 2\n')]);
    const replaced = await person.client.upload(`/en/test/documents/${documentId}/replace`, [file('releve-complet.pdf', second)]);
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal((replaced.json() as { number: number }).number, 2);
    [marked] = await t.app.services.documents.list(KIND, transcriptSubject);
    assert.equal(marked?.status, 'received');
    assert.equal(marked?.statusReason, null);
    assert.deepEqual(marked?.versions.map((v) => [v.number, v.fileName, v.uploadedBy]), [[2, 'releve-complet.pdf', person.id], [1, 'releve-laval.pdf', staff.id]]);
    assert.equal((await person.client.get(`/en/documents/${first}`)).rawPayload.toString(), PDF.toString());
    assert.equal((await person.client.get(`/fr/documents/${marked?.versions[0]?.id}`)).rawPayload.toString(), second.toString());
    assert.equal(await set('accepted', null), 'ok');
    assert.equal(await set('no_longer_needed', null), 'ok');
    assert.equal(await set('accepted', null), 'not_allowed_from');
    // Replace, never delete: the database refuses to change or remove a version.
    await assert.rejects(db.delete(documentVersions).where(eq(documentVersions.documentId, documentId)));
    await assert.rejects(db.update(documentVersions).set({ fileName: 'x.pdf' }).where(eq(documentVersions.documentId, documentId)));
    assert.equal(await db.transaction((tx) => t.app.services.documents.replace(tx, { documentId: randomUUID(), uploadedBy: person.id, origin: { ip: null, userAgent: null }, at: new Date() }, { storageKey: '00/00000000000000000000000000000000', fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 1, sha256: '0'.repeat(64), scan: 'not_scanned' })), null);
  });

  test('a download: the file as an attachment with its type, length and nosniff, and an audit row', async () => {
    const res = await person.client.upload(url, [file('Relevé « final ».pdf', PDF)]);
    const { documentId, versionId } = res.json() as { documentId: string; versionId: string };
    for (const c of [person.client, staff.client]) {
      const got = await c.get(`/en/documents/${versionId}`);
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'application/pdf');
      assert.equal(got.headers['content-length'], String(PDF.length));
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.equal(got.headers['content-disposition'], `attachment; filename="Releve _ final _.pdf"; filename*=UTF-8''Relev%C3%A9%20%C2%AB%20final%20%C2%BB.pdf`);
      assert.deepEqual(got.rawPayload, PDF);
    }
    // HEAD answers the same headers, without the file, and is no download.
    const head = await t.app.inject({ method: 'HEAD', url: `/en/documents/${versionId}`, headers: { cookie: [...person.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-disposition'], `attachment; filename="Releve _ final _.pdf"; filename*=UTF-8''Relev%C3%A9%20%C2%AB%20final%20%C2%BB.pdf`);
    assert.equal(head.rawPayload.length, 0);
    const downloads = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'document_downloaded'), eq(auditEvents.subjectId, documentId)));
    assert.deepEqual(downloads.map((d) => d.actorId).sort(), [person.id, staff.id].sort());
    assert.deepEqual(downloads[0]?.details, { documentId, versionId });
  });

  test('nobody else downloads it: another person and another authority’s staff find nothing, a visitor is asked to sign in', async () => {
    const res = await person.client.upload(url, [file('private.pdf', PDF)]);
    const { versionId } = res.json() as { versionId: string };
    for (const c of [other.client, otherStaff.client]) {
      const got = await c.get(`/en/documents/${versionId}`);
      assert.equal(got.statusCode, 404);
      assert.ok(!got.rawPayload.includes(PDF));
    }
    const visitor = await new Client(t.app).get(`/en/documents/${versionId}`);
    assert.equal(visitor.statusCode, 302);
    assert.equal(visitor.headers.location, '/en/sign-in');
    assert.equal((await person.client.get(`/en/documents/${randomUUID()}`)).statusCode, 404);
    assert.equal((await person.client.get('/en/documents/not-a-uuid')).statusCode, 404);
  });

  test('a subject kind no module reads is readable by nobody', async () => {
    const [row] = await t.database.db.select().from(documents).limit(1);
    assert.ok(row);
    const result = await t.database.db.transaction(async (tx) => {
      const staged = await t.app.services.documents.stage({ fileName: 'orphan.pdf', source: PDF, maxBytes: 1024 });
      assert.ok(staged.ok);
      return t.app.services.documents.attach(tx, { authorityId: t.authorityId, ownerAccountId: person.id, subjectKind: 'unknown_kind', subjectId: randomUUID(), typeCode: 'x', uploadedBy: person.id, origin: { ip: null, userAgent: null }, at: new Date() }, staged.file);
    });
    assert.equal((await person.client.get(`/en/documents/${result.versionId}`)).statusCode, 404);
    assert.throws(() => t.app.services.documents.registerReader(KIND, reader), /already registered/);
  });
});

describe('the malware check with a real clamd', { skip: existsSync(CLAMD) ? false : `${CLAMD} is not installed (CI installs clamav-daemon)` }, () => {
  let t: TestApp;
  let clamd: TestClamd;
  let dataDir: string;
  let person: { client: Client; id: string };
  const subject = randomUUID();
  const url = `/en/test/subjects/${subject}/documents`;

  before(async () => {
    clamd = await startClamd();
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-documents-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir, MALWARE_SCANNER: 'clamd', CLAMD_SOCKET: clamd.socket }, beforeReady: uploadRoutes });
    t.app.services.documents.registerReader(KIND, reader);
    person = await signedIn(t);
    owners.set(subject, person.id);
  });
  after(async () => {
    await t.close();
    await clamd.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a clean file is scanned and marked clean', async () => {
    const res = await person.client.upload(url, [file('clean.pdf', PDF)]);
    assert.equal(res.statusCode, 200, res.body);
    const [doc] = await t.app.services.documents.list(KIND, subject);
    assert.equal(doc?.versions[0]?.scan, 'clean');
  });

  test('the EICAR test file is refused: "a virus was found", the signature kept for the audit only', async () => {
    const rows = (await t.database.db.select().from(documentVersions)).length;
    const infected = Buffer.concat([PDF, Buffer.from(`${EICAR}\n`)]);
    const res = await person.client.upload(url, [file('infected.pdf', infected)]);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /A virus was found in this file/);
    assert.doesNotMatch(res.body, /Eicar/i);
    assert.equal((await t.database.db.select().from(documentVersions)).length, rows);
    assert.deepEqual(filesIn(join(dataDir, 'tmp')), []);
    const [refusal] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'document_refused')).orderBy(auditEvents.id);
    assert.equal(refusal?.actorId, person.id);
    assert.deepEqual(refusal?.details, { reason: 'malware', signature: 'Eicar-Test-Signature.UNOFFICIAL' });
  });

  test('clamd unreachable: the upload is refused (503, try again), never kept unscanned', async () => {
    await clamd.stop();
    const rows = (await t.database.db.select().from(documentVersions)).length;
    const res = await person.client.upload(url, [file('later.pdf', PDF)]);
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /The virus check is unavailable at the moment\. Try again in a few minutes\./);
    assert.equal((await t.database.db.select().from(documentVersions)).length, rows);
    assert.deepEqual(filesIn(join(dataDir, 'tmp')), []);
  });
});

describe('uploads into S3-compatible storage (s3rver)', () => {
  let t: TestApp;
  let server: S3rver;
  const directory = mkdtempSync(join(tmpdir(), 'guichet-s3rver-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-documents-'));
  let person: { client: Client; id: string };
  const subject = randomUUID();

  before(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
    const endpoint = `http://127.0.0.1:${(await server.run()).port}`;
    const admin = new S3Client({ endpoint, region: 'ca-central-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await admin.send(new CreateBucketCommand({ Bucket: 'documents' }));
    admin.destroy();
    t = await createTestApp({
      env: {
        DATA_DIR: dataDir,
        DOCUMENT_STORAGE: 's3',
        S3_ENDPOINT: endpoint,
        S3_REGION: 'ca-central-1',
        S3_BUCKET: 'documents',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      },
      beforeReady: uploadRoutes,
    });
    t.app.services.documents.registerReader(KIND, reader);
    person = await signedIn(t);
    owners.set(subject, person.id);
  });
  after(async () => {
    await t.close();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the file goes to the bucket, not DATA_DIR, and comes back through the download page', async () => {
    const content = Buffer.concat([PDF, randomBytes(300 * 1024), Buffer.from('\n%%EOF\n')]);
    const res = await person.client.upload(`/en/test/subjects/${subject}/documents`, [file('bulletin.pdf', content)]);
    assert.equal(res.statusCode, 200, res.body);
    const { versionId } = res.json() as { versionId: string };
    assert.deepEqual(filesIn(join(dataDir, 'documents')), []);
    assert.deepEqual(filesIn(join(dataDir, 'tmp')), []);
    const got = await person.client.get(`/en/documents/${versionId}`);
    assert.equal(got.statusCode, 200);
    assert.ok(got.rawPayload.equals(content));
  });
});
