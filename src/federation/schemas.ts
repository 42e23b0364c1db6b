import { z } from 'zod';
import { email, line, msg, csrf } from '../platform/text.ts';

const text = (max = 100) => line().min(1, msg('invalid.required')).max(max, msg('invalid.tooLong'));

/** A new account with the email the provider vouched for: only the names are asked. */
export const createSchema = z.object({ ...csrf, givenName: text(), familyName: text() });

/** A provider without email: the person gives one, to be proved by a mailed link. */
export const emailSchema = z.object({ ...csrf, email, givenName: text(), familyName: text() });

/** Linking to an existing account starts with its password. */
export const linkSchema = z.object({
  ...csrf,
  accountEmail: email,
  password: z.string(msg('invalid.required')).min(1, msg('invalid.required')).max(1024),
});

export const slugSchema = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) });
export const identityIdSchema = z.object({ id: z.uuid() });
