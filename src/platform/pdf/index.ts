export { createPdfRenderer, PdfRenderError, PDF_FONT_FAMILY } from './renderer.ts';
export type { PdfLanguage, PdfRenderer, PdfStandard, RenderRequest } from './renderer.ts';
export { formatDate, formatDateTime } from './format.ts';
