/**
 * What a test needs to know about a PDF's accessibility, read with pdfjs-dist (as a reader would):
 * tagged (MarkInfo /Marked), language and title, the PDF/UA and PDF/A identifiers of the XMP
 * metadata, the headings and table header cells of the structure tree, the fonts embedded, and
 * the text drawn outside any tag (neither in a structure element nor an artifact).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfInspection {
  tagged: boolean;
  lang: string | null;
  title: string | null;
  /** XMP `pdfuaid:part` = 1. */
  pdfUaIdentifier: boolean;
  /** XMP `pdfaid:part` and `pdfaid:conformance` (2 and 'A' for PDF/A-2a). */
  pdfaPart: number | null;
  pdfaConformance: string | null;
  pages: number;
  /** Text of each H, H1…H6 structure element, in order. */
  headings: string[];
  /** Structure elements by role, over all pages (`TH`, `TD`, `Figure`, `Table`…). */
  roles: Record<string, number>;
  tableHeaderCells: number;
  /** Languages of structure elements that declare their own (/Lang), besides the document's. */
  elementLanguages: string[];
  /** Alt text of the Figure elements. */
  figureAlts: string[];
  /** Text items drawn outside any marked content referenced by the structure tree, and not artifacts. */
  untaggedText: number;
  /** Font names embedded (subset prefix removed). */
  fonts: string[];
  /** All text of the document, items joined by spaces, whitespace collapsed. */
  text: string;
}

type StructNode = { role?: string; type?: string; id?: string; alt?: string; lang?: string; children?: StructNode[] };
type TextItem = { str: string; hasEOL?: boolean } | { type: string; id?: string | null; tag?: string };

export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const metadata = await doc.getMetadata();
    const info = metadata.info as Record<string, unknown>;
    const xmp = metadata.metadata?.getRaw() ?? '';
    const markInfo = await doc.getMarkInfo();
    const headings: string[] = [];
    const roles: Record<string, number> = {};
    const figureAlts: string[] = [];
    const elementLanguages = new Set<string>();
    const texts: string[] = [];
    let untaggedText = 0;

    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const textById = new Map<string, string>();
      const stack: { id: string | null; artifact: boolean }[] = [];
      const items = content.items as TextItem[];
      const tree = (await page.getStructTree()) as StructNode | null;
      const referenced = new Set<string>();
      collectIds(tree, referenced);

      for (const item of items) {
        if ('str' in item) {
          // A line break inside an element (a wrapped heading) is a space.
          const piece = item.hasEOL ? `${item.str} ` : item.str;
          for (const s of stack) if (s.id) textById.set(s.id, (textById.get(s.id) ?? '') + piece);
          if (item.str.trim() === '') continue;
          texts.push(item.str);
          const artifact = stack.some((s) => s.artifact);
          const tagged = stack.some((s) => s.id !== null && referenced.has(s.id));
          if (!artifact && !tagged) untaggedText += 1;
        } else if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          stack.push({ id: item.id ?? null, artifact: item.tag === 'Artifact' });
        } else if (item.type === 'endMarkedContent') {
          stack.pop();
        }
      }

      walk(tree, (node) => {
        if (!node.role) return;
        roles[node.role] = (roles[node.role] ?? 0) + 1;
        if (/^H[1-6]?$/.test(node.role)) headings.push(collapse(textOf(node, textById)));
        if (node.role === 'Figure') figureAlts.push(node.alt ?? '');
        if (node.lang) elementLanguages.add(node.lang);
      });
    }

    return {
      tagged: markInfo?.Marked === true,
      lang: typeof info.Language === 'string' ? info.Language : null,
      title: typeof info.Title === 'string' ? info.Title : null,
      pdfUaIdentifier: xmpValue(xmp, 'pdfuaid:part') === '1',
      pdfaPart: xmpValue(xmp, 'pdfaid:part') === null ? null : Number(xmpValue(xmp, 'pdfaid:part')),
      pdfaConformance: xmpValue(xmp, 'pdfaid:conformance'),
      pages: doc.numPages,
      headings,
      roles,
      tableHeaderCells: roles.TH ?? 0,
      figureAlts,
      elementLanguages: [...elementLanguages].sort(),
      untaggedText,
      fonts: embeddedFonts(bytes),
      text: collapse(texts.join(' ')),
    };
  } finally {
    await task.destroy();
  }
}

function walk(node: StructNode | null | undefined, visit: (node: StructNode) => void) {
  if (!node) return;
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function collectIds(node: StructNode | null | undefined, ids: Set<string>) {
  walk(node, (n) => {
    if (n.type === 'content' && n.id) ids.add(n.id);
  });
}

function textOf(node: StructNode, textById: Map<string, string>): string {
  if (node.type === 'content' && node.id) return textById.get(node.id) ?? '';
  return (node.children ?? []).map((child) => textOf(child, textById)).join('');
}

function collapse(text: string) {
  return text.replace(/\s+/g, ' ').trim();
}

/** `<ns:name>v</ns:name>` or `ns:name="v"` in the XMP packet. */
function xmpValue(xmp: string, name: string): string | null {
  const escaped = name.replace(':', '\\:');
  const element = new RegExp(`<${escaped}>([^<]*)</${escaped}>`).exec(xmp);
  if (element?.[1] !== undefined) return element[1].trim();
  const attribute = new RegExp(`${escaped}="([^"]*)"`).exec(xmp);
  return attribute?.[1] ?? null;
}

/** The /FontName entries of the font descriptors (uncompressed in Typst's output). */
function embeddedFonts(bytes: Uint8Array): string[] {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const names = [...latin1.matchAll(/\/FontName\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}
