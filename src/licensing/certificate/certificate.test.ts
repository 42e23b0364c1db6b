import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encode } from 'uqr';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { createPdfRenderer } from '../../platform/pdf/index.ts';
import { qrRows, renderCertificate, type CertificateData } from './index.ts';

const renderer = createPdfRenderer();
const HOSTILE = '#set page(fill: red) ] ) "';

const certificate = (locale: 'fr' | 'en', overrides: Partial<CertificateData> = {}): CertificateData => ({
  locale,
  authority: { name: { fr: 'Ordre des hygiénistes dentaires du Québec', en: 'Quebec Order of Dental Hygienists' } },
  holderName: `Élodie Côté-Lévesque ${HOSTILE}`,
  category: { fr: 'Membre régulier', en: 'Regular member' },
  registrationNumber: 'H-2026-0042',
  validFrom: '2026-12-01',
  validTo: '2027-03-31',
  issuedAt: new Date('2026-12-01T15:00:00Z'),
  verification: { code: 'ABCD-EFGH', url: `https://guichet.example.ca/${locale === 'fr' ? 'fr/verifier' : 'en/verify'}/ABCD-EFGH` },
  ...overrides,
});

test('certificate in French first, English below: PDF/UA-1, tagged, headings, the QR code as a Figure with alt text, the short code', async () => {
  const pdf = await inspectPdf(renderCertificate(renderer, certificate('fr')));
  assert.equal(pdf.tagged, true);
  assert.equal(pdf.lang, 'fr-CA');
  assert.equal(pdf.title, 'Certificat d’inscription H-2026-0042');
  assert.equal(pdf.pdfUaIdentifier, true);
  assert.equal(pdf.untaggedText, 0);
  assert.equal(pdf.pages, 1);
  assert.deepEqual(pdf.headings, ['Certificat d’inscription', 'Vérification / Verification']);
  assert.deepEqual(pdf.figureAlts, ['Code QR de vérification ABCD-EFGH, menant à https://guichet.example.ca/fr/verifier/ABCD-EFGH']);
  assert.deepEqual(pdf.fonts, ['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular']);
  for (const expected of [
    'Ordre des hygiénistes dentaires du Québec Quebec Order of Dental Hygienists',
    'Certificat d’inscription Certificate of Registration',
    `Titulaire Holder Élodie Côté-Lévesque ${HOSTILE}`,
    'Membre régulier / Regular member',
    'Numéro d’inscription Registration number H-2026-0042',
    'Valide du Valid from 1er décembre 2026 / December 1, 2026',
    'Valide jusqu’au Valid until 31 mars 2027 / March 31, 2027',
    'ABCD-EFGH',
    'https://guichet.example.ca/fr/verifier/ABCD-EFGH',
  ]) {
    assert.ok(pdf.text.includes(expected), `missing ${JSON.stringify(expected)} in ${pdf.text}`);
  }
  // The English parts are tagged as English.
  assert.deepEqual(pdf.elementLanguages, ['en-CA']);
  // French before English.
  assert.ok(pdf.text.indexOf('Certificat d’inscription') < pdf.text.indexOf('Certificate of Registration'));
});

test('certificate in English first; without an end date; the archive copy is PDF/A-2a', async () => {
  const data = certificate('en', { validTo: null });
  const pdf = await inspectPdf(renderCertificate(renderer, data));
  assert.equal(pdf.lang, 'en-CA');
  assert.equal(pdf.title, 'Certificate of Registration H-2026-0042');
  assert.deepEqual(pdf.headings, ['Certificate of Registration', 'Verification / Vérification']);
  assert.deepEqual(pdf.figureAlts, ['Verification QR code ABCD-EFGH, leading to https://guichet.example.ca/en/verify/ABCD-EFGH']);
  assert.ok(pdf.text.includes('Valid until Valide jusqu’au No end date / Sans date de fin'), pdf.text);
  assert.ok(pdf.text.indexOf('Certificate of Registration') < pdf.text.indexOf('Certificat d’inscription'));
  assert.deepEqual(pdf.elementLanguages, ['fr-CA']);
  assert.equal(pdf.untaggedText, 0);
  const archive = await inspectPdf(renderCertificate(renderer, data, { standard: 'a-2a' }));
  assert.equal(archive.pdfaPart, 2);
  assert.equal(archive.pdfaConformance, 'A');
  assert.equal(archive.tagged, true);
  assert.equal(archive.untaggedText, 0);
});

test('the QR matrix is the verification address, as uqr encodes it', () => {
  const url = 'https://guichet.example.ca/fr/verifier/ABCD-EFGH';
  const rows = qrRows(url);
  const { data } = encode(url, { ecc: 'M', border: 0 });
  assert.equal(rows.length, data.length);
  assert.ok(rows.every((row) => /^[01]+$/.test(row) && row.length === rows.length));
  assert.deepEqual(rows[0]?.split('').map((c) => c === '1'), data[0]);
  // The finder pattern's top row: seven dark modules.
  assert.ok(rows[0]?.startsWith('1111111'));
});

test('a verification address that is not http(s) is refused', () => {
  assert.throws(() => renderCertificate(renderer, certificate('fr', { verification: { code: 'X', url: 'javascript:alert(1)' } })), /verification address/);
});
