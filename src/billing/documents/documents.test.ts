import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectPdf, type PdfInspection } from '../../../test/support/pdf.ts';
import { createPdfRenderer } from '../../platform/pdf/index.ts';
import { renderCreditNote, renderReceipt, renderTaxReceipt, type CreditNoteData, type ReceiptData, type TaxReceiptData } from './index.ts';

const renderer = createPdfRenderer();
const HOSTILE = '#set page(fill: red) ] ) "';
const NAME = `Élodie Côté-Lévesque ${HOSTILE}`;

const authority = (locale: 'fr' | 'en') => ({
  name: locale === 'fr' ? 'Ordre des hygiénistes dentaires du Québec' : 'Quebec Order of Dental Hygienists',
  addressLines: ['1000, rue Sherbrooke Ouest, bureau 1200', 'Montréal (Québec)  H3A 3G4'],
  taxRegistrations: [
    { kind: 'gst' as const, number: '123456789 RT0001' },
    { kind: 'qst' as const, number: '1234567890 TQ0001' },
  ],
});

const receipt = (locale: 'fr' | 'en', overrides: Partial<ReceiptData> = {}): ReceiptData => ({
  locale,
  authority: authority(locale),
  payer: { name: NAME, email: 'elodie@example.ca' },
  receiptNumber: 'R-2026-000042',
  invoiceNumber: '2026-000123',
  issuedAt: new Date('2026-12-01T15:00:00Z'),
  lines: [{ label: locale === 'fr' ? 'Droits d’inscription annuels' : 'Annual registration fee', amountCents: 123456 }],
  taxes: [
    { label: locale === 'fr' ? 'TPS (5 %)' : 'GST (5%)', amountCents: 6173 },
    { label: locale === 'fr' ? 'TVQ (9,975 %)' : 'QST (9.975%)', amountCents: 12315 },
  ],
  totalCents: 141944,
  payment: { brand: 'Visa', last4: '4242', paidAt: new Date('2026-12-01T15:04:00Z') },
  ...overrides,
});

function assertAccessible(pdf: PdfInspection, lang: 'fr' | 'en', title: string) {
  assert.equal(pdf.tagged, true, 'tagged');
  assert.equal(pdf.lang, `${lang}-CA`);
  assert.equal(pdf.title, title);
  assert.equal(pdf.untaggedText, 0, 'no untagged text');
  assert.ok(pdf.headings.length >= 2, `headings: ${pdf.headings.join(' | ')}`);
  assert.ok(pdf.tableHeaderCells >= 2, `table header cells: ${pdf.tableHeaderCells}`);
  assert.deepEqual(pdf.fonts, ['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular']);
}

test('receipt in French: PDF/UA-1, the authority, its tax numbers, the payer, the lines, taxes, method, date and number', async () => {
  const pdf = await inspectPdf(renderReceipt(renderer, receipt('fr'), { standard: 'ua-1' }));
  assertAccessible(pdf, 'fr', 'Reçu R-2026-000042');
  assert.equal(pdf.pdfUaIdentifier, true);
  assert.deepEqual(pdf.headings, ['Reçu de paiement R-2026-000042', 'Payé par', 'Détail', 'Paiement']);
  for (const expected of [
    'Ordre des hygiénistes dentaires du Québec',
    'Numéro de TPS : 123456789 RT0001',
    'Numéro de TVQ : 1234567890 TQ0001',
    NAME,
    'elodie@example.ca',
    'Numéro de la facture 2026-000123',
    'Droits d’inscription annuels 1 234,56 $',
    'TPS (5 %) 61,73 $',
    'TVQ (9,975 %) 123,15 $',
    'Total payé 1 419,44 $',
    'Visa se terminant par 4242',
    'Payé le 1er décembre 2026, 10 h 04',
  ]) {
    assert.ok(pdf.text.includes(expected), `missing ${JSON.stringify(expected)} in ${pdf.text}`);
  }
  assert.doesNotMatch(pdf.text, /Remboursements/);
});

test('receipt in English, with a refund; the archive copy is PDF/A-2a', async () => {
  const data = receipt('en', { refunds: [{ at: new Date('2026-12-03T15:00:00Z'), amountCents: 20000, reason: `Duplicate exam fee — ${HOSTILE}` }] });
  const pdf = await inspectPdf(renderReceipt(renderer, data, { standard: 'ua-1' }));
  assertAccessible(pdf, 'en', 'Receipt R-2026-000042');
  assert.deepEqual(pdf.headings, ['Payment receipt R-2026-000042', 'Paid by', 'Details', 'Payment', 'Refunds']);
  for (const expected of ['GST number: 123456789 RT0001', 'Annual registration fee $1,234.56', 'Total paid $1,419.44', 'Visa ending in 4242', `Duplicate exam fee — ${HOSTILE} $200.00`, 'Net amount paid $1,219.44', 'December 3, 2026']) {
    assert.ok(pdf.text.includes(expected), `missing ${JSON.stringify(expected)} in ${pdf.text}`);
  }
  const archive = await inspectPdf(renderReceipt(renderer, data, { standard: 'a-2a' }));
  assertAccessible(archive, 'en', 'Receipt R-2026-000042');
  assert.equal(archive.pdfaPart, 2);
  assert.equal(archive.pdfaConformance, 'A');
});

test('a receipt whose total is not its lines plus taxes is refused', () => {
  assert.throws(() => renderReceipt(renderer, receipt('fr', { totalCents: 1 }), { standard: 'ua-1' }), /total/);
  assert.throws(() => renderReceipt(renderer, receipt('fr', { lines: [{ label: 'x', amountCents: 10.5 }] }), { standard: 'ua-1' }), /integer/);
});

const taxReceipt = (locale: 'fr' | 'en'): TaxReceiptData => ({
  locale,
  authority: authority(locale),
  payer: { name: NAME, email: 'elodie@example.ca' },
  receiptNumber: 'A-2026-000007',
  year: 2026,
  issuedAt: new Date('2027-01-15T15:00:00Z'),
  payments: [
    { paidAt: new Date('2026-09-10T15:00:00Z'), receiptNumber: 'R-2026-000031', description: locale === 'fr' ? 'Frais d’examen' : 'Exam fee', amountCents: 25000 },
    { paidAt: new Date('2026-03-02T15:00:00Z'), receiptNumber: 'R-2026-000010', description: locale === 'fr' ? 'Droits d’inscription' : 'Registration fee', amountCents: 141944 },
  ],
  refunds: [{ at: new Date('2026-10-01T15:00:00Z'), receiptNumber: 'R-2026-000031', reason: locale === 'fr' ? 'Examen annulé' : 'Exam cancelled', amountCents: 5000 }],
  taxes: [{ label: locale === 'fr' ? 'TPS' : 'GST', amountCents: 6173 }],
});

test('annual tax receipt, French and English: one row per payment in date order, refunds subtracted, the year’s total and a statement', async () => {
  const fr = await inspectPdf(renderTaxReceipt(renderer, taxReceipt('fr')));
  assertAccessible(fr, 'fr', 'Reçu aux fins de l’impôt 2026 (A-2026-000007)');
  assert.equal(fr.pdfUaIdentifier, true);
  assert.deepEqual(fr.headings, ['Reçu aux fins de l’impôt 2026', 'Payé par', 'Paiements de 2026', 'Remboursements', 'Sommaire']);
  assert.ok(fr.tableHeaderCells >= 4 + 4 + 2);
  const march = fr.text.indexOf('2 mars 2026');
  const september = fr.text.indexOf('10 septembre 2026');
  assert.ok(march > 0 && september > march, 'payments in date order');
  for (const expected of ['Total des paiements 1 669,44 $', 'Moins les remboursements -50,00 $', 'Dont TPS 61,73 $', 'Total payé en 2026 1 619,44 $', NAME]) {
    assert.ok(fr.text.includes(expected), `missing ${JSON.stringify(expected)} in ${fr.text}`);
  }
  assert.match(fr.text, /a payé 1 619,44 \$ à Ordre des hygiénistes dentaires du Québec au cours de l’année 2026/);

  const en = await inspectPdf(renderTaxReceipt(renderer, taxReceipt('en'), { standard: 'a-2a' }));
  assertAccessible(en, 'en', 'Tax receipt 2026 (A-2026-000007)');
  assert.equal(en.pdfaPart, 2);
  assert.ok(en.text.includes('Total paid in 2026 $1,619.44'), en.text);
});

const creditNote = (locale: 'fr' | 'en'): CreditNoteData => ({
  locale,
  authority: authority(locale),
  payer: { name: NAME, email: 'elodie@example.ca' },
  creditNoteNumber: 'NC-2026-000003',
  invoiceNumber: '2026-000123',
  kind: 'void',
  issuedAt: new Date('2026-12-05T15:00:00Z'),
  reason: HOSTILE,
  lines: [{ label: locale === 'fr' ? 'Frais de retard' : 'Late fee', amountCents: 5000 }],
  taxes: [],
  totalCents: 5000,
});

test('credit note, French and English', async () => {
  const fr = await inspectPdf(renderCreditNote(renderer, creditNote('fr')));
  assertAccessible(fr, 'fr', 'Note de crédit NC-2026-000003');
  assert.ok(fr.text.includes('Annulation de la facture'), fr.text);
  assert.ok(fr.text.includes(`Motif ${HOSTILE}`), fr.text);
  assert.ok(fr.text.includes('Total crédité -50,00 $'), fr.text);
  const en = await inspectPdf(renderCreditNote(renderer, creditNote('en')));
  assertAccessible(en, 'en', 'Credit note NC-2026-000003');
  assert.ok(en.text.includes('Total credited -$50.00'), en.text);
});
