import { z } from 'zod';
import { line, msg, csrf } from '../platform/text.ts';
import { KEY_NAME_MAX } from './service.ts';


/** A name shown in lists and mail: one line, no control characters. */
const keyName = line('invalid.keyName').max(KEY_NAME_MAX, msg('invalid.keyName'));

/**
 * The browser's answer, JSON in a form field; the body limit (16 KiB) bounds it first. Checked
 * by the service, never trusted as posted.
 */
const credential = z.string(msg('invalid.required')).min(1, msg('invalid.required')).max(12 * 1024, msg('invalid.tooLong'));

/** A blank name gets a numbered default. */
export const addKeySchema = z.object({ ...csrf, name: keyName.optional().default(''), credential });

export const renameKeySchema = z.object({ ...csrf, name: keyName.min(1, msg('invalid.keyName')) });

export const assertionSchema = z.object({ ...csrf, credential });

export const keyIdSchema = z.object({ id: z.uuid() });
