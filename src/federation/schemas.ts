import { z } from 'zod';
import type { MessageKey } from '../platform/i18n/index.ts';
import { email, line, msg, csrf } from '../platform/text.ts';

const text = (required: MessageKey, max = 100) => line(required).min(1, msg(required)).max(max, msg('invalid.tooLong'));

/** A new account with the email the provider vouched for: only the names are asked. */
export const createSchema = z.object({ ...csrf, givenName: text('invalid.required.givenName'), familyName: text('invalid.required.familyName') });

/** A provider without email: the person gives one, to be proved by a mailed link. */
export const emailSchema = z.object({ ...csrf, email, givenName: text('invalid.required.givenName'), familyName: text('invalid.required.familyName') });

/** Linking to an existing account starts with its password. */
export const linkSchema = z.object({
  ...csrf,
  accountEmail: email,
  password: z.string(msg('invalid.required.password')).min(1, msg('invalid.required.password')).max(1024),
});

export const slugSchema = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) });
export const identityIdSchema = z.object({ id: z.uuid() });
