import { z } from 'zod';
import { AppError } from './errors.ts';
import { isMessageKey, type MessageKey } from './i18n/index.ts';

/** A zod message that is a catalog key, turned into the field's translated error by `fieldErrors`. */
export const msg = (key: MessageKey) => ({ message: key });

/**
 * C0 and C1 control characters and DEL. PostgreSQL text refuses NUL outright, and the others are
 * invisible on pages, in mail and in exports, so a name could hide what it says.
 */
const CONTROL = /\p{Cc}/u;
/** The same, less tab, line feed and carriage return, which a textarea legitimately sends. */
const CONTROL_BUT_LINES = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;

export const hasControlCharacters = (value: string) => CONTROL.test(value);

/**
 * Free text typed into one line: refused with `invalid.controlCharacters` when it holds a control
 * character, then NFC (an accent typed two ways compares and searches the same) and trimmed.
 * `key` is the message when the value is not a string at all. Chain `.min()` and `.max()` on it.
 */
export const line = (key: MessageKey = 'invalid.required') =>
  z.string(msg(key)).refine((v) => !CONTROL.test(v), msg('invalid.controlCharacters')).normalize('NFC').trim();

/** Free text from a textarea: as `line`, but keeps its tabs and line breaks. */
export const lines = (key: MessageKey = 'invalid.required') =>
  z.string(msg(key)).refine((v) => !CONTROL_BUT_LINES.test(v), msg('invalid.controlCharacters')).normalize('NFC').trim();

/** An email address; a control character makes it simply invalid, before any database sees it. */
export const email = z
  .string(msg('invalid.required.email'))
  .refine((v) => !CONTROL.test(v), msg('invalid.email'))
  .trim()
  .min(1, msg('invalid.required.email'))
  .max(254, msg('invalid.email'))
  .pipe(z.email(msg('invalid.email')));

/** Every form carries the CSRF token, checked by platform before any handler: schemas let it through. */
export const csrf = { _csrf: z.string().optional() };

/** What was typed in a form's field, to show it again: its text, or '' (absent, or not text). */
export const typedText = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

/** A group of checkboxes: absent (none ticked), one value or several, each one of `values`; each kept once. */
export const ticked = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : ([] as V[number][]).concat(v))]);

/** A form body through its schema; a body that is not a form at all is a bad request. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ReturnType<S['safeParse']> {
  if (body === null || typeof body !== 'object') throw new AppError('bad_request');
  return schema.safeParse(body) as ReturnType<S['safeParse']>;
}

/** Zod issues as field → catalog key, first issue per field. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const key = issue.message.startsWith('invalid.') && isMessageKey(issue.message) ? issue.message : 'invalid.required';
    out[field] ??= key;
  }
  return out;
}
