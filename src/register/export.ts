import type { Entry, Site } from './schemas.ts';

export const EXPORT_COLUMNS = [
  'number', 'given_name', 'family_name', 'practice_name', 'previous_names', 'category_fr', 'category_en', 'status', 'valid_from', 'valid_until',
  'independent_practice', 'business_address', 'sites', 'email', 'languages', 'other_registrations', 'outcomes',
] as const;

/** A CSV field: quoted when it holds a comma, a quote or a line break; a leading = + - @ is prefixed so a spreadsheet never runs it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const siteText = (s: Site) => (s.address ? `${s.name}, ${[s.address.line1, s.address.line2, s.address.city, s.address.province, s.address.postalCode].filter(Boolean).join(', ')}` : s.name);

/** The open-data CSV: one line per entry, lists joined with " | " (the JSON file keeps their structure). */
export function toCsv(entries: readonly Entry[]): string {
  const out: string[][] = [[...EXPORT_COLUMNS]];
  for (const e of entries) {
    out.push([
      e.number, e.givenName, e.familyName, e.practiceName ?? '',
      e.previousNames.map((n) => `${n.givenName} ${n.familyName}`).join(' | '),
      e.category.fr, e.category.en, e.status, e.validFrom ?? '', e.validUntil ?? '',
      e.independentPractice ? 'yes' : 'no',
      e.businessAddress ? siteText(e.businessAddress) : '',
      e.sites.map(siteText).join(' | '),
      e.email ?? '', e.languages.join(' '),
      e.otherRegistrations.map((o) => `${o.regulator} (${o.jurisdiction}) ${o.registrationNumber ?? ''} ${o.status}`.replace(/\s+/g, ' ').trim()).join(' | '),
      e.outcomes.map((o) => `${o.decidedOn}: ${o.summary.fr} / ${o.summary.en}`).join(' | '),
    ]);
  }
  return `${out.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
