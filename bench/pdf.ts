/**
 * Part of npm run bench: accessible PDFs rendered by Typst (src/platform/pdf), sequentially, on
 * one core (rendering is synchronous).
 * - cold: a fresh process (its own child): import, createPdfRenderer (reads the fonts, starts the
 *   compiler), then the first receipt;
 * - warm: one renderer reused for BENCH_PDF_SECONDS (5) per document: receipts (PDF/UA-1 and
 *   PDF/A-2a), a tax receipt of 12 payments, certificates (with their QR code);
 * - a new renderer for every receipt, to show what reusing one saves;
 * - memory: the resident set before and after the warm runs.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderReceipt, renderTaxReceipt, type ReceiptData, type TaxReceiptData } from '../src/billing/documents/index.ts';
import { renderCertificate, type CertificateData } from '../src/licensing/certificate/index.ts';
import { createPdfRenderer, type PdfRenderer } from '../src/platform/pdf/index.ts';

const SECONDS = Number(process.env.BENCH_PDF_SECONDS ?? 5);
const MiB = 1024 * 1024;

let sequence = 0;
const receipt = (): ReceiptData => {
  sequence += 1;
  const n = String(sequence).padStart(6, '0');
  return {
    locale: sequence % 2 ? 'fr' : 'en',
    authority: {
      name: 'Ordre des hygiénistes dentaires du Québec',
      addressLines: ['1000, rue Sherbrooke Ouest, bureau 1200', 'Montréal (Québec)  H3A 3G4'],
      taxRegistrations: [
        { kind: 'gst', number: '123456789 RT0001' },
        { kind: 'qst', number: '1234567890 TQ0001' },
      ],
    },
    payer: { name: `Élodie Côté-Lévesque ${n}`, email: `elodie${n}@example.ca` },
    receiptNumber: `R-2026-${n}`,
    invoiceNumber: `2026-${n}`,
    issuedAt: new Date('2026-12-01T15:00:00Z'),
    lines: [
      { label: 'Droits d’inscription annuels', amountCents: 100000 + sequence },
      { label: 'Frais d’examen', amountCents: 25000 },
    ],
    taxes: [
      { label: 'TPS (5 %)', amountCents: 6250 },
      { label: 'TVQ (9,975 %)', amountCents: 12469 },
    ],
    totalCents: 100000 + sequence + 25000 + 6250 + 12469,
    payment: { brand: 'Visa', last4: '4242', paidAt: new Date('2026-12-01T15:04:00Z') },
  };
};

const taxReceipt = (): TaxReceiptData => ({
  locale: 'fr',
  authority: { name: 'Ordre des hygiénistes dentaires du Québec', addressLines: ['1000, rue Sherbrooke Ouest', 'Montréal (Québec)  H3A 3G4'] },
  payer: { name: 'Élodie Côté-Lévesque', email: 'elodie@example.ca' },
  receiptNumber: `A-2026-${++sequence}`,
  year: 2026,
  issuedAt: new Date('2027-01-15T15:00:00Z'),
  payments: Array.from({ length: 12 }, (_, month) => ({
    paidAt: new Date(Date.UTC(2026, month, 10, 15)),
    receiptNumber: `R-2026-${String(month + 1).padStart(6, '0')}`,
    description: 'Cotisation mensuelle',
    amountCents: 5000 + month,
  })),
});

const certificate = (): CertificateData => ({
  locale: 'fr',
  authority: { name: { fr: 'Ordre des hygiénistes dentaires du Québec', en: 'Quebec Order of Dental Hygienists' } },
  holderName: `Élodie Côté-Lévesque ${++sequence}`,
  category: { fr: 'Membre régulier', en: 'Regular member' },
  registrationNumber: `H-2026-${sequence}`,
  validFrom: '2026-12-01',
  validTo: '2027-03-31',
  issuedAt: new Date('2026-12-01T15:00:00Z'),
  verification: { code: 'ABCD-EFGH', url: `https://guichet.example.ca/fr/verifier/ABCD-${String(sequence).padStart(4, '0')}` },
});

if (process.argv[2] === 'cold') await cold();
else await drive();

async function cold() {
  const started = performance.now();
  const renderer = createPdfRenderer();
  const created = performance.now();
  renderReceipt(renderer, receipt(), { standard: 'ua-1' });
  const first = performance.now();
  renderReceipt(renderer, receipt(), { standard: 'ua-1' });
  const second = performance.now();
  process.send?.({ create: created - started, first: first - created, second: second - first, uptime: process.uptime() * 1000 });
}

/** Renders one after the other, the event loop turning between them as it does between requests. */
async function timed(render: () => Uint8Array) {
  let done = 0;
  let bytes = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    bytes += render().byteLength;
    done += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsed = (performance.now() - start) / 1000;
  return { done, perSecond: done / elapsed, msEach: (elapsed * 1000) / done, kib: bytes / done / 1024 };
}

async function drive() {
  const progress = (message: string) => process.stderr.write(`[bench pdf ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  progress('cold start in a child process');
  const coldRun = await new Promise<{ create: number; first: number; second: number; uptime: number }>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['cold'], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m) => resolve(m as never));
    child.once('error', reject);
  });

  const renderer: PdfRenderer = createPdfRenderer();
  // Warm up: fonts parsed, template and library compiled once.
  for (let i = 0; i < 5; i++) renderReceipt(renderer, receipt(), { standard: 'ua-1' });
  const rssBefore = process.memoryUsage().rss;
  const rows: [string, Awaited<ReturnType<typeof timed>>][] = [];
  progress('receipts, PDF/UA-1');
  rows.push(['Receipt, PDF/UA-1 (warm)', await timed(() => renderReceipt(renderer, receipt(), { standard: 'ua-1' }))]);
  progress('receipts, PDF/A-2a');
  rows.push(['Receipt, PDF/A-2a (warm)', await timed(() => renderReceipt(renderer, receipt(), { standard: 'a-2a' }))]);
  progress('tax receipts');
  rows.push(['Tax receipt, 12 payments (warm)', await timed(() => renderTaxReceipt(renderer, taxReceipt()))]);
  progress('certificates');
  rows.push(['Certificate with QR (warm)', await timed(() => renderCertificate(renderer, certificate()))]);
  const rssAfter = process.memoryUsage().rss;
  progress('a new renderer for every receipt');
  rows.push(['Receipt, new renderer each time', await timed(() => renderReceipt(createPdfRenderer(), receipt(), { standard: 'ua-1' }))]);

  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    [
      `PDF documents (Typst 0.14 through typst-ts-node-compiler, one core, sequential, ${SECONDS} s each):`,
      `  ${'document'.padEnd(width)}  ${'PDFs/s'.padStart(7)}  ${'ms/PDF'.padStart(7)}  ${'KiB'.padStart(6)}`,
      ...rows.map(([name, r]) => `  ${name.padEnd(width)}  ${fmt(r.perSecond).padStart(7)}  ${fmt(r.msEach, 2).padStart(7)}  ${fmt(r.kib).padStart(6)}`),
      `  Cold, in a fresh process: createPdfRenderer ${fmt(coldRun.create)} ms, first receipt ${fmt(coldRun.first)} ms, second ${fmt(coldRun.second)} ms (process up ${fmt(coldRun.uptime, 0)} ms)`,
      `  Resident memory: ${fmt(rssBefore / MiB, 0)} MiB before the warm runs, ${fmt(rssAfter / MiB, 0)} MiB after ${rows.slice(0, 4).reduce((s, [, r]) => s + r.done, 0)} renders`,
    ].join('\n'),
  );
}
