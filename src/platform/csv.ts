/**
 * Writing CSV files (RFC 4180): fields quoted when they hold a comma, a quote, a line break or a
 * leading or trailing space, quotes doubled, lines ended by CRLF. A field starting with = + - @
 * (a formula to a spreadsheet) is prefixed with an apostrophe, unless it is a negative number.
 * `bom`: a UTF-8 byte order mark first, so a spreadsheet reads the accents right.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map((v) => csvField(v === null ? '' : String(v))).join(',')).join('\r\n');
  return `${options.bom ? '\ufeff' : ''}${body}\r\n`;
}
