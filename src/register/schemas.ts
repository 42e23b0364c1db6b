import { z } from 'zod';
import { parseLocalDate } from '../platform/calendar.ts';
import { csrf, line, lines, msg } from '../platform/text.ts';
import { OUTCOME_KINDS, REMOVAL_POLICIES } from './schema.ts';

/**
 * The register's public shapes, once: the pages render them, the API answers them and the
 * OpenAPI document (openapi.ts) is generated from them, so the three cannot drift apart.
 */
/** The API's named shapes: the OpenAPI document's components. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const bilingual = z.object({ fr: z.string(), en: z.string() }).register(apiSchemas, { id: 'Bilingual' });
const day = z.string().meta({ format: 'date' });
export const publicStatus = z.enum(['active', 'expired', 'revoked']).register(apiSchemas, { id: 'Status', description: 'expired: past its end date; revoked: ended by the authority' });

export const searchRowSchema = z
  .object({ number: z.string(), givenName: z.string(), familyName: z.string(), category: bilingual, status: publicStatus, city: z.string().nullable() })
  .register(apiSchemas, { id: 'SearchResult' });

export const searchAnswerSchema = z.object({ results: z.array(searchRowSchema), page: z.int(), more: z.boolean().describe('another page follows') }).register(apiSchemas, { id: 'SearchAnswer' });

const siteSchema = z
  .object({
    name: z.string(),
    /** Null when the registrar approved withholding the address (the site itself stays listed). */
    address: z.object({ line1: z.string(), line2: z.string().nullable(), city: z.string(), province: z.string(), postalCode: z.string() }).nullable(),
    phone: z.string().nullable(),
    startedOn: day,
  })
  .register(apiSchemas, { id: 'PracticeSite' });

export const outcomeSchema = z
  .object({ kind: z.enum(OUTCOME_KINDS), decidedOn: day, summary: bilingual, removalPolicy: z.enum(REMOVAL_POLICIES), publishedUntil: day.nullable() })
  .register(apiSchemas, { id: 'Outcome' });

export const entrySchema = z
  .object({
    number: z.string(),
    status: publicStatus,
    category: bilingual,
    validFrom: day.nullable(),
    validUntil: day.nullable(),
    revokedOn: day.nullable(),
    givenName: z.string(),
    familyName: z.string(),
    practiceName: z.string().nullable().describe('the name commonly used in practice'),
    previousNames: z.array(z.object({ givenName: z.string(), familyName: z.string(), usedUntil: day.nullable() })),
    independentPractice: z.boolean(),
    independentSince: day.nullable(),
    businessAddress: siteSchema.nullable().describe('the primary current practice site'),
    sites: z.array(siteSchema).describe('current practice sites, minus withheld ones'),
    email: z.string().nullable().describe('only when the registrant chose to publish it'),
    languages: z.array(z.string()).describe('ISO 639-1 codes, only when the registrant chose to publish them'),
    otherRegistrations: z.array(
      z.object({ regulator: z.string(), jurisdiction: z.string(), registrationNumber: z.string().nullable(), status: z.string(), startedOn: day.nullable(), endedOn: day.nullable() }),
    ),
    outcomes: z.array(outcomeSchema),
  })
  .register(apiSchemas, { id: 'Entry' });

export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type Site = z.infer<typeof siteSchema>;

/**
 * A search as typed in the form or the API's query string; empty fields are absent. Control
 * characters are dropped rather than refused: they are invisible, match nothing, and PostgreSQL
 * refuses a NUL outright, so a search box gains nothing by turning them into an error.
 */
const optional = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => v?.replace(/\p{Cc}/gu, '').normalize('NFC').trim() || undefined);
export const searchQuerySchema = z.object({
  q: optional(100).describe('a name (legal, previous, used in practice) or a registration number'),
  place: optional(60).describe('a city, or the first three characters of a postal code'),
  language: z
    .string()
    .optional()
    .transform((v) => (v && /^[a-z]{2}$/.test(v) ? v : undefined))
    .describe('a language of care (ISO 639-1)'),
  category: optional(40).describe('a category code'),
  page: z.coerce.number().int().min(1).max(10).catch(1).default(1),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

// A number is letters, digits and dashes (files: CAR202600000001, 2026-00042): anything else finds nothing, and never reaches the database.
export const numberParams = z.object({ number: z.string().max(40).regex(/^[A-Za-z0-9-]+$/) });

/** Employers send up to 500 numbers at a time. */
export const MAX_VERIFICATIONS = 500;
export const verificationRequestSchema = z.object({ numbers: z.array(z.string().max(40)).min(1).max(MAX_VERIFICATIONS) }).register(apiSchemas, { id: 'VerificationRequest' });
export const verificationAnswerSchema = z
  .object({ results: z.array(z.object({ number: z.string(), found: z.boolean(), status: publicStatus.nullable(), validUntil: day.nullable(), category: bilingual.nullable() })) })
  .register(apiSchemas, { id: 'VerificationAnswer' });
export type VerificationAnswer = z.infer<typeof verificationAnswerSchema>;

const localDate = (key: Parameters<typeof msg>[0]) => z.string(msg(key)).trim().refine((v) => parseLocalDate(v) !== null, msg(key));

/** Staff enter an outcome on an entry. */
export const outcomeForm = z
  .object({
    ...csrf,
    kind: z.enum(OUTCOME_KINDS, msg('invalid.register.kind')),
    decidedOn: localDate('invalid.register.decidedOn'),
    summaryFr: lines('invalid.register.summary').min(1, msg('invalid.register.summary')).max(4000, msg('invalid.tooLong')),
    summaryEn: lines('invalid.register.summary').min(1, msg('invalid.register.summary')).max(4000, msg('invalid.tooLong')),
    removalPolicy: z.enum(REMOVAL_POLICIES, msg('invalid.register.removalPolicy')),
    publishedUntil: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.removalPolicy === 'until_date' && !parseLocalDate(v.publishedUntil ?? '')) ctx.addIssue({ code: 'custom', path: ['publishedUntil'], message: 'invalid.register.publishedUntil' });
  });

export const apiClientForm = z.object({ ...csrf, employer: line('invalid.register.employer').min(1, msg('invalid.register.employer')).max(200, msg('invalid.tooLong')) });

export const removalForm = z.object({ ...csrf, statement: lines('invalid.register.statement').min(1, msg('invalid.register.statement')).max(4000, msg('invalid.tooLong')) });
export const removalDecisionForm = z.object({
  ...csrf,
  outcome: z.enum(['approve', 'refuse'], msg('invalid.register.decision')),
  reason: lines().max(4000, msg('invalid.tooLong')).optional(),
});
export const idParams = z.object({ id: z.uuid() });
