import { z } from 'zod';
import type { MessageKey } from '../platform/i18n/index.ts';
import { normalizePostalCode, provinces } from '../platform/canada.ts';
import { csrf, email, line, msg } from '../platform/text.ts';
import { passwordProblem } from './passwords.ts';

const text = (required: MessageKey, max = 100) => line(required).min(1, msg(required)).max(max, msg('invalid.tooLong'));
const optionalText = (max = 100) =>
  line('invalid.tooLong')
    .max(max, msg('invalid.tooLong'))
    .optional()
    .transform((v) => (v ? v : null));
const language = z.enum(['fr', 'en'], msg('invalid.language'));

const passwordField = z.string(msg('invalid.required.newPassword')).max(1024, msg('invalid.password.tooLong'));

export const signInSchema = z.object({ ...csrf, email, password: z.string(msg('invalid.required.password')).min(1, msg('invalid.required.password')).max(1024) });

export const signUpSchema = z
  .object({
    ...csrf,
    email,
    givenName: text('invalid.required.givenName'),
    familyName: text('invalid.required.familyName'),
    preferredLanguage: language,
    password: passwordField,
    passwordConfirm: z.string(msg('invalid.required.passwordConfirm')),
  });

export const emailSchema = z.object({ ...csrf, email });

export const resetSchema = z.object({
  ...csrf,
  token: z.string().min(1).max(100),
  password: passwordField,
  passwordConfirm: z.string(msg('invalid.required.passwordConfirm')),
});

export const changePasswordSchema = z.object({
  ...csrf,
  currentPassword: z.string(msg('invalid.required.currentPassword')).min(1, msg('invalid.required.currentPassword')).max(1024),
  password: passwordField,
  passwordConfirm: z.string(msg('invalid.required.passwordConfirm')),
});

export const detailsSchema = z
  .object({
    ...csrf,
    givenName: text('invalid.required.givenName'),
    familyName: text('invalid.required.familyName'),
    preferredLanguage: language,
    phone: optionalText(30).refine((v) => v === null || /^\+?1?[\s.-]?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(\s*(x|ext\.?)\s*\d{1,6})?$/i.test(v), msg('invalid.phone')),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    city: optionalText(100),
    province: z
      .union([z.enum(provinces), z.literal('')], msg('invalid.province'))
      .optional()
      .transform((v) => (v ? v : null)),
    postalCode: optionalText(10).transform((v, ctx) => {
      if (v === null) return null;
      const normalized = normalizePostalCode(v);
      if (!normalized) {
        ctx.addIssue({ code: 'custom', message: 'invalid.postalCode' });
        return z.NEVER;
      }
      return normalized;
    }),
  })
  .superRefine((v, ctx) => {
    const parts = [v.addressLine1, v.city, v.province, v.postalCode];
    if (parts.some((p) => p !== null) && parts.some((p) => p === null)) {
      const firstMissing = (['addressLine1', 'city', 'province', 'postalCode'] as const).find((k) => v[k] === null);
      ctx.addIssue({ code: 'custom', path: [firstMissing ?? 'addressLine1'], message: 'invalid.addressIncomplete' });
    }
  });

/**
 * The new-password rules, checked even when other fields fail so every problem shows at once.
 * Returns null when the password and its confirmation are acceptable.
 */
export function newPasswordErrors(body: unknown, email: string): Record<string, MessageKey> | null {
  const b = (body ?? {}) as Record<string, unknown>;
  const password = typeof b.password === 'string' ? b.password : '';
  if (password === '') return { password: 'invalid.required.newPassword' };
  const problem = passwordProblem(password, email);
  if (problem) return { password: problem };
  if (b.passwordConfirm === '' || b.passwordConfirm === undefined) return { passwordConfirm: 'invalid.required.passwordConfirm' };
  if (b.passwordConfirm !== password) return { passwordConfirm: 'invalid.password.mismatch' };
  return null;
}

/** The link just mailed, in the sealed cookie of the "check your email" page: from which form, to what address. */
export const sentLinkSchema = z.object({
  via: z.enum(['signUp', 'resend', 'forgot']),
  email: z.string().max(254),
  givenName: z.string().max(100).optional(),
  familyName: z.string().max(100).optional(),
  preferredLanguage: z.enum(['fr', 'en']).optional(),
});
export type SentLink = z.infer<typeof sentLinkSchema>;
