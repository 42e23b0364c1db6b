/** Canada's provinces and territories, by their postal abbreviation. */
export const provinces = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export type Province = (typeof provinces)[number];

/** Canadian postal code: letters D, F, I, O, Q, U never appear; W and Z never first. */
const POSTAL_CODE = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/i;

/** `h2x1y4` → `H2X 1Y4`; null when it is not a Canadian postal code. */
export function normalizePostalCode(value: string): string | null {
  const m = POSTAL_CODE.exec(value);
  return m ? `${m[1]} ${m[2]}`.toUpperCase() : null;
}
