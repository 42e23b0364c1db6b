import { basename } from 'node:path';

const MAX_NAME = 200;

/**
 * The file name a person's browser sent, as the portal shows and offers it again: composed (NFC),
 * without control or bidirectional-override characters, without any folder, at most 200 characters
 * (the extension kept). Never used as a path: files are stored under random keys.
 */
export function sanitizeFileName(raw: string, fallback = 'document'): string {
  const cleaned = basename(
    raw
      .normalize('NFC')
      // Control characters, and the invisible ones that reorder or hide text (RLO makes "gpj.exe" read "exe.jpg").
      .replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '')
      .replaceAll('\\', '/'),
  )
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned === '') return fallback;
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 10) return [...chars.slice(0, MAX_NAME - extension.length), ...extension].join('');
  return chars.slice(0, MAX_NAME).join('');
}

/**
 * `Content-Disposition: attachment` naming the file in UTF-8 (RFC 6266 / 5987), with an ASCII
 * fallback for the clients that read only `filename`.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
