import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { createPdfRenderer, formatDate, formatDateTime, PdfRenderError, type RenderRequest } from './index.ts';

const renderer = createPdfRenderer();
const HOSTILE = '#set page(fill: red) ] ) " #panic("boom") $x$ <label> @ref *bold* `raw`';
const SHIPPED_FONTS = ['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular'];

// A template as a module writes one: data only, every user value through sys.inputs.data.
const TEMPLATE = `
#import "/lib/document.typ": *
#let data = json(bytes(sys.inputs.data))
#show: setup
#heading(level: 1, data.title)
#data.name
#heading(level: 2, data.section)
#data-table(("Description", "Montant"), data.rows)
`;

const request = (overrides: Partial<RenderRequest> = {}, data: Record<string, unknown> = {}): RenderRequest => ({
  template: TEMPLATE,
  inputs: { data: JSON.stringify({ title: 'Reçu d’essai', name: 'Élodie Côté-Lévesque', section: 'Détail', rows: [['Droits', '100,00 $']], ...data }) },
  standard: 'ua-1',
  title: 'Reçu d’essai',
  lang: 'fr',
  ...overrides,
});

test('a PDF/UA-1 document: tagged, language, title, identifier, headings, table header cells, no untagged text, only the shipped font', async () => {
  const pdf = await inspectPdf(renderer.render(request()));
  assert.equal(pdf.tagged, true);
  assert.equal(pdf.lang, 'fr-CA');
  assert.equal(pdf.title, 'Reçu d’essai');
  assert.equal(pdf.pdfUaIdentifier, true);
  assert.equal(pdf.pdfaPart, null);
  assert.deepEqual(pdf.headings, ['Reçu d’essai', 'Détail']);
  assert.equal(pdf.tableHeaderCells, 2);
  assert.equal(pdf.untaggedText, 0);
  assert.deepEqual(pdf.fonts, SHIPPED_FONTS);
  assert.match(pdf.text, /Élodie Côté-Lévesque/);
});

test('the archive copy is PDF/A-2a (part 2, conformance A), tagged, in English when asked', async () => {
  const pdf = await inspectPdf(renderer.render(request({ standard: 'a-2a', lang: 'en', title: 'Test receipt' })));
  assert.equal(pdf.pdfaPart, 2);
  assert.equal(pdf.pdfaConformance, 'A');
  assert.equal(pdf.tagged, true);
  assert.equal(pdf.lang, 'en-CA');
  assert.equal(pdf.title, 'Test receipt');
  assert.equal(pdf.untaggedText, 0);
  assert.equal(pdf.tableHeaderCells, 2);
});

test('inputs are data, never markup: a hostile string is printed literally', async () => {
  const pdf = await inspectPdf(renderer.render(request({}, { name: HOSTILE, title: HOSTILE })));
  assert.ok(pdf.text.includes(HOSTILE), pdf.text);
  assert.equal(pdf.headings[0], HOSTILE);
  // A title full of markup is metadata, not source either.
  const titled = await inspectPdf(renderer.render(request({ title: HOSTILE })));
  assert.equal(titled.title, HOSTILE);
});

test('one renderer, many documents: nothing of one render leaks into the next', async () => {
  const first = await inspectPdf(renderer.render(request({}, { name: 'Première Personne' })));
  const second = await inspectPdf(renderer.render(request({ lang: 'en' }, { name: 'Second Person' })));
  assert.match(first.text, /Première Personne/);
  assert.doesNotMatch(second.text, /Première/);
  assert.equal(second.lang, 'en-CA');
});

test('Typst errors become a PdfRenderError naming the line of the template', () => {
  assert.throws(
    () => renderer.render(request({ template: '= Titre\n\n#let x = (\n' })),
    (error: unknown) => error instanceof PdfRenderError && /unclosed delimiter/.test(error.message) && error.diagnostics.some((d) => /^error at 3:10:/.test(d)),
  );
  assert.throws(() => renderer.render(request({ template: '#panic("no")' })), /panicked with: "no"/);
});

test('PDF/UA-1 refuses an image without alt text; with alt text it is a Figure', async () => {
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const files = { 'logo.svg': svg };
  assert.throws(() => renderer.render(request({ template: '= Titre\n#image("/files/logo.svg")', files })), (e: unknown) => e instanceof PdfRenderError && /alt text/.test(e.message));
  const pdf = await inspectPdf(renderer.render(request({ template: '= Titre\n#image("/files/logo.svg", alt: "Logo de l’autorité")', files })));
  assert.deepEqual(pdf.figureAlts, ['Logo de l’autorité']);
  // The files of a render are gone after it.
  assert.throws(() => renderer.render(request({ template: '= Titre\n#image("/files/logo.svg", alt: "x")' })), /file not found/);
});

test('templates read nothing from the disk but the mapped files', () => {
  assert.throws(() => renderer.render(request({ template: '#read("/etc/passwd")' })), /file not found/);
  assert.throws(() => renderer.render(request({ template: '#read("../../../../etc/passwd")' })), PdfRenderError);
});

test('refusals before compiling: reserved inputs, unknown standard or language, no title, bad file names', () => {
  assert.throws(() => renderer.render(request({ inputs: { 'guichet-title': 'x' } })), /Reserved input/);
  assert.throws(() => renderer.render(request({ standard: 'a-1b' as never })), /Unknown PDF standard/);
  assert.throws(() => renderer.render(request({ lang: 'de' as never })), /Unknown language/);
  assert.throws(() => renderer.render(request({ title: '  ' })), /needs a title/);
  assert.throws(() => renderer.render(request({ files: { '../x.svg': new Uint8Array() } })), /Invalid file name/);
});

test('a fonts folder without the shipped family is refused at the first render', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-fonts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(new URL('../../../node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf', import.meta.url), join(dir, 'Other.ttf'));
  assert.throws(() => createPdfRenderer({ fontsDir: dir }).render(request()), /font Atkinson Hyperlegible is missing/);
});

test('an empty fonts folder is refused', () => {
  assert.throws(() => createPdfRenderer({ fontsDir: new URL('.', import.meta.url).pathname + 'missing-fonts-dir-for-test' }), /ENOENT|No font/);
});

test('the checker fails an untagged PDF without a language, title or identifier', async () => {
  // Written with the compiler directly, tags off: what the renderer never produces.
  const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [readFileSync(new URL('./fonts/AtkinsonHyperlegible-Regular.ttf', import.meta.url))] }] });
  const bytes = compiler.pdf({ mainFileContent: '#set text(font: "Atkinson Hyperlegible")\n= Titre\nTexte' }, { pdfTags: false });
  const pdf = await inspectPdf(new Uint8Array(bytes));
  assert.equal(pdf.tagged, false);
  assert.equal(pdf.title, null);
  assert.equal(pdf.pdfUaIdentifier, false);
  assert.deepEqual(pdf.headings, []);
  assert.ok(pdf.untaggedText > 0);
});

test('dates as documents print them, French and English', () => {
  assert.equal(formatDate('2026-12-01', 'fr'), '1er\u00a0décembre 2026');
  assert.equal(formatDate('2026-12-15', 'en'), 'December 15, 2026');
  // An instant is dated in Toronto: 03:00 UTC on March 15 is still March 14 there.
  assert.equal(formatDate(new Date('2026-03-15T03:00:00Z'), 'fr'), '14\u00a0mars 2026');
  assert.equal(formatDateTime(new Date('2026-03-15T18:05:00Z'), 'fr'), '15\u00a0mars 2026, 14\u00a0h\u00a005');
  assert.equal(formatDateTime(new Date('2026-03-15T18:05:00Z'), 'en'), 'March 15, 2026, 2:05\u00a0p.m.');
});
