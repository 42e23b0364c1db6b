/**
 * Accessible PDF documents, compiled by Typst (0.14, through @myriaddreamin/typst-ts-node-compiler).
 *
 * - A template is Typst source loaded from a `.typ` file next to its renderer: data, never built
 *   from user values. User data reaches it only through `sys.inputs` (strings); structured data
 *   goes in as ONE JSON string, read in Typst with `json(bytes(sys.inputs.data))`, so no user text
 *   ever becomes markup.
 * - Templates may `#import "/lib/document.typ": *` (this folder's document.typ: page, headings,
 *   tables, label/value pairs), and read `files` at `/files/<name>`.
 * - The renderer prepends a fixed preamble (no user value in it either) that sets the document's
 *   title and language from reserved inputs, and the shipped font with `fallback: false`.
 * - Fonts: Atkinson Hyperlegible (regular and bold, SIL OFL 1.1, fonts/OFL.txt), given to the
 *   compiler as memory fonts. The compiler always adds its embedded fonts and the machine's fonts
 *   (this version of the binding cannot switch either off); `fallback: false` keeps them out of
 *   the document, and the tests check that only the shipped font is embedded.
 * - `standard`: 'ua-1' (PDF/UA-1, what the person downloads) or 'a-2a' (PDF/A-2a, the archive
 *   copy). Typst refuses to export a document that breaks the standard (no title, an image without
 *   alt text…): that becomes a PdfRenderError.
 * - One compiler for the process, reused: measured (bench/pdf.ts) twice as fast as a compiler per
 *   document, and safe: nothing of one render reaches the next (inputs and files are per render;
 *   pdf.test.ts checks it). Compiling is synchronous: it blocks the event loop for the 10–25 ms a
 *   receipt takes. Typst's memo caches are evicted after every render (entries unused for
 *   EVICT_AGE renders): without it the process grows by about 0.5 MiB per render; with it, it
 *   stays flat. The compiler's native objects are freed by finalizers that Node runs when the
 *   event loop turns: a batch that renders thousands of PDFs should `await` between renders (a
 *   server does between requests), or memory grows until it does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

export type PdfStandard = 'ua-1' | 'a-2a';
export type PdfLanguage = 'fr' | 'en';

export interface RenderRequest {
  /** Typst source, read from a `.typ` file: never built from user values. */
  template: string;
  /** User data, visible to the template as `sys.inputs`; keys starting with `guichet-` are reserved. */
  inputs: Record<string, string>;
  /** Extra files the template may read (images), by a relative name such as `logo.png`: available at `/files/<name>`. */
  files?: Record<string, Uint8Array>;
  standard: PdfStandard;
  /** The document's title (PDF metadata, shown by readers in place of the file name). */
  title: string;
  lang: PdfLanguage;
  /** The document's creation date in its metadata; now when absent. */
  createdAt?: Date;
}

export interface PdfRenderer {
  render(request: RenderRequest): Uint8Array;
}

export class PdfRenderError extends Error {
  override readonly name = 'PdfRenderError';
  constructor(
    message: string,
    readonly diagnostics: string[],
  ) {
    super([message, ...diagnostics.map((d) => `  ${d}`)].join('\n'));
  }
}

/** The family name of the shipped font; templates need not name it. */
export const PDF_FONT_FAMILY = 'Atkinson Hyperlegible';

const DEFAULT_FONTS_DIR = fileURLToPath(new URL('./fonts/', import.meta.url));
/** Shared layout helpers, importable by every template as `/lib/document.typ`. */
const DOCUMENT_LIBRARY = fileURLToPath(new URL('./document.typ', import.meta.url));
/** A virtual root: the compiler reads nothing from the disk but the shadow files mapped under it. */
const WORKSPACE = '/guichet-pdf';
const MAIN = `${WORKSPACE}/main.typ`;
/** Typst's memoized results not used in the last EVICT_AGE renders are dropped after each render. */
const EVICT_AGE = 5;

// Fixed source, no user value: the title and the language come from reserved inputs.
const PREAMBLE = [
  '#set document(title: sys.inputs.at("guichet-title"), date: auto)',
  `#set text(lang: sys.inputs.at("guichet-lang"), region: "ca", font: "${PDF_FONT_FAMILY}", fallback: false)`,
  '',
].join('\n');
const PREAMBLE_LINES = PREAMBLE.split('\n').length - 1;

export function createPdfRenderer(options: { fontsDir?: string } = {}): PdfRenderer {
  const fontsDir = options.fontsDir ?? DEFAULT_FONTS_DIR;
  const fontBlobs = readdirSync(fontsDir)
    .filter((name) => /\.(ttf|otf)$/i.test(name))
    .sort()
    .map((name) => readFileSync(join(fontsDir, name)));
  if (fontBlobs.length === 0) throw new Error(`No font (.ttf, .otf) in ${fontsDir}`);
  const compiler = NodeCompiler.create({ workspace: WORKSPACE, fontArgs: [{ fontBlobs }] });
  compiler.mapShadow(`${WORKSPACE}/lib/document.typ`, readFileSync(DOCUMENT_LIBRARY));

  return {
    render(request) {
      if (request.lang !== 'fr' && request.lang !== 'en') throw new PdfRenderError(`Unknown language: ${String(request.lang)}`, []);
      if (request.standard !== 'ua-1' && request.standard !== 'a-2a') throw new PdfRenderError(`Unknown PDF standard: ${String(request.standard)}`, []);
      if (!request.title.trim()) throw new PdfRenderError('A PDF document needs a title', []);
      for (const key of Object.keys(request.inputs)) {
        if (key.startsWith('guichet-')) throw new PdfRenderError(`Reserved input name: ${key}`, []);
      }
      const files = Object.entries(request.files ?? {});
      for (const [name, bytes] of files) {
        if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..')) throw new PdfRenderError(`Invalid file name: ${name}`, []);
        compiler.mapShadow(`${WORKSPACE}/files/${name}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }
      try {
        const inputs = { ...request.inputs, 'guichet-title': request.title, 'guichet-lang': request.lang };
        // A mapped file rather than `mainFileContent`: only then do diagnostics carry their line.
        compiler.mapShadow(MAIN, Buffer.from(PREAMBLE + request.template));
        const result = compiler.compile({ mainFilePath: MAIN, inputs });
        const document = result.result;
        if (result.hasError() || !document) {
          const error = result.takeError() ?? result.takeDiagnostics();
          throw new PdfRenderError(`Typst could not compile the document "${request.title}"`, describe(compiler, error));
        }
        // A missing font would print blank boxes, fallback being off: an error, not a warning.
        const missingFont = describe(compiler, result.takeWarnings()).filter((d) => /unknown font family/.test(d));
        if (missingFont.length > 0) throw new PdfRenderError(`The font ${PDF_FONT_FAMILY} is missing`, missingFont);
        const createdAt = request.createdAt ?? new Date();
        let pdf: Buffer;
        try {
          pdf = compiler.pdf(document, { pdfStandard: request.standard, creationTimestamp: Math.floor(createdAt.getTime() / 1000) });
        } catch (error) {
          throw new PdfRenderError(`Typst could not export the document "${request.title}" as ${request.standard}`, [errorText(error)]);
        }
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        for (const [name] of files) compiler.unmapShadow(`${WORKSPACE}/files/${name}`);
        compiler.evictCache(EVICT_AGE);
      }
    },
  };
}

type Diagnostic = {
  severity?: number | string;
  message?: string;
  path?: string;
  range?: { start: { line: number; character: number } } | null;
  hints?: string[];
};

function describe(compiler: NodeCompiler, error: unknown): string[] {
  if (error === null || error === undefined) return [];
  if (typeof error !== 'object' || !('shortDiagnostics' in error)) return [errorText(error)];
  let diagnostics: Diagnostic[];
  try {
    diagnostics = compiler.fetchDiagnostics(error as never) as Diagnostic[];
  } catch {
    diagnostics = (error as { shortDiagnostics: Diagnostic[] }).shortDiagnostics;
  }
  return diagnostics.map((d) => {
    const severity = d.severity === 1 || d.severity === undefined ? 'error' : d.severity === 2 ? 'warning' : String(d.severity);
    const hints = d.hints?.length ? ` (hint: ${d.hints.join('; ')})` : '';
    return `${severity}${where(d)}: ${d.message ?? JSON.stringify(d)}${hints}`;
  });
}

/** ` at 3:10` (line and column of the template, from 1), or ` in /lib/document.typ at 12:4`. */
function where(d: Diagnostic): string {
  if (!d.range) return '';
  const inMain = !d.path || d.path === MAIN;
  const line = d.range.start.line + 1 - (inMain ? PREAMBLE_LINES : 0);
  const file = inMain ? '' : ` in ${d.path?.replace(WORKSPACE, '')}`;
  return `${file} at ${line}:${d.range.start.character + 1}`;
}

/** An export error arrives as the Debug text of Typst's diagnostics: keep their messages and hints. */
function errorText(error: unknown) {
  const text = error instanceof Error ? error.message : String(error);
  const messages = [...text.matchAll(/message: "((?:[^"\\]|\\.)*)"(?:, trace: \[[^\]]*\], hints: \[((?:"(?:[^"\\]|\\.)*",? ?)*)\])?/g)];
  if (messages.length === 0) return text;
  return messages.map((m) => `${m[1]}${m[2] ? ` (hint: ${m[2].replace(/"/g, '')})` : ''}`).join('; ');
}
