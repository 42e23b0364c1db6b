import { z } from 'zod';
import type { Bilingual } from '../platform/i18n/index.ts';
import { csrf, email, line, lines, msg } from '../platform/text.ts';
import type { PortalSettings } from './portals.ts';

const optional = (max: number, multiline = false) =>
  (multiline ? lines('invalid.tooLong') : line('invalid.tooLong'))
    .max(max, msg('invalid.tooLong'))
    .optional()
    .transform((v) => (v ? v : null));

const url = optional(500).refine((v) => v === null || (URL.canParse(v) && new URL(v).protocol === 'https:' && !/\s/.test(v)), msg('invalid.url'));

const pairs = {
  welcome: ['welcomeFr', 'welcomeEn'],
  contactHours: ['hoursFr', 'hoursEn'],
  privacyUrl: ['privacyFr', 'privacyEn'],
  accessibilityUrl: ['accessibilityFr', 'accessibilityEn'],
  termsUrl: ['termsFr', 'termsEn'],
} as const;

/** The form's field names for each setting (the page fills them, the schema reads them). */
export const portalFields = ['nameFr', 'nameEn', 'welcomeFr', 'welcomeEn', 'contactEmail', 'contactPhone', 'hoursFr', 'hoursEn', 'privacyFr', 'privacyEn', 'accessibilityFr', 'accessibilityEn', 'termsFr', 'termsEn'] as const;
export type PortalField = (typeof portalFields)[number];

/**
 * The staff portal form: both names; a bilingual text or address is given in both languages or
 * in neither (then the default shows); addresses are https; the phone as account details take it.
 */
export const portalSettingsSchema = z
  .object({
    ...csrf,
    nameFr: line().min(1, msg('invalid.required')).max(200, msg('invalid.tooLong')),
    nameEn: line().min(1, msg('invalid.required')).max(200, msg('invalid.tooLong')),
    welcomeFr: optional(1000, true),
    welcomeEn: optional(1000, true),
    contactEmail: z
      .union([z.literal(''), email])
      .optional()
      .transform((v) => (v ? v : null)),
    contactPhone: optional(30).refine((v) => v === null || /^\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(\s*(x|ext\.?|poste)\s*\d{1,6})?$/i.test(v), msg('invalid.phone')),
    hoursFr: optional(200),
    hoursEn: optional(200),
    privacyFr: url,
    privacyEn: url,
    accessibilityFr: url,
    accessibilityEn: url,
    termsFr: url,
    termsEn: url,
  })
  .superRefine((v, ctx) => {
    for (const [fr, en] of Object.values(pairs)) {
      if (v[fr] === null && v[en] !== null) ctx.addIssue({ code: 'custom', path: [fr], message: 'invalid.required' });
      if (v[en] === null && v[fr] !== null) ctx.addIssue({ code: 'custom', path: [en], message: 'invalid.required' });
    }
  })
  .transform((v): PortalSettings => {
    const pair = ([fr, en]: readonly [PortalField, PortalField]): Bilingual | null => {
      const f = v[fr];
      const e = v[en];
      return f && e ? { fr: f, en: e } : null;
    };
    return {
      name: { fr: v.nameFr, en: v.nameEn },
      welcome: pair(pairs.welcome),
      contactEmail: v.contactEmail,
      contactPhone: v.contactPhone,
      contactHours: pair(pairs.contactHours),
      privacyUrl: pair(pairs.privacyUrl),
      accessibilityUrl: pair(pairs.accessibilityUrl),
      termsUrl: pair(pairs.termsUrl),
    };
  });

/** The form's values from saved settings (what the page shows before any change). */
export function portalFormValues(s: PortalSettings): Record<PortalField, string> {
  return {
    nameFr: s.name.fr,
    nameEn: s.name.en,
    welcomeFr: s.welcome?.fr ?? '',
    welcomeEn: s.welcome?.en ?? '',
    contactEmail: s.contactEmail ?? '',
    contactPhone: s.contactPhone ?? '',
    hoursFr: s.contactHours?.fr ?? '',
    hoursEn: s.contactHours?.en ?? '',
    privacyFr: s.privacyUrl?.fr ?? '',
    privacyEn: s.privacyUrl?.en ?? '',
    accessibilityFr: s.accessibilityUrl?.fr ?? '',
    accessibilityEn: s.accessibilityUrl?.en ?? '',
    termsFr: s.termsUrl?.fr ?? '',
    termsEn: s.termsUrl?.en ?? '',
  };
}
