/**
 * An authority's file-number format: literal text with `{year}` (the year the file opens) and one
 * `{seq:N}` (its place in that year, zero-padded to N digits), e.g. `CAR{year}{seq:8}` for the
 * office (CAR202600000001) and `{year}-{seq:5}` by default (2026-00001).
 */
const PART = /\{(year|seq:(\d{1,2}))\}/g;

/** Whether a format can number files: exactly one sequence, at most 40 characters, nothing else in braces. */
export function validFileNumberFormat(format: string): boolean {
  if (format.length === 0 || format.length > 40) return false;
  const parts = [...format.matchAll(PART)];
  const sequences = parts.filter((p) => p[1]?.startsWith('seq'));
  if (sequences.length !== 1) return false;
  const width = Number(sequences[0]?.[2]);
  if (width < 1 || width > 12) return false;
  // Literal text is letters, digits and dashes: a number is read aloud, typed and put in addresses.
  return /^[A-Za-z0-9-]*$/.test(format.replace(PART, ''));
}

/** The number of the `sequence`-th file opened in `year`. */
export function formatFileNumber(format: string, year: number, sequence: number): string {
  return format.replace(PART, (_, part: string, width?: string) => (part === 'year' ? String(year) : String(sequence).padStart(Number(width), '0')));
}
