import { z } from 'zod';
import { csrf, email, line, lines, msg } from '../platform/text.ts';
import type { ListLanguage } from './states.ts';

/** French, English or both: the radios' values and the languages they stand for. */
export const languageChoices = { fr: ['fr'], en: ['en'], both: ['fr', 'en'] } as const satisfies Record<string, readonly ListLanguage[]>;
export type LanguageChoice = keyof typeof languageChoices;
const choice = z.enum(['fr', 'en', 'both'], msg('invalid.mailingList.languages'));
export const choiceOf = (languages: readonly ListLanguage[]): LanguageChoice => (languages.length > 1 ? 'both' : languages[0] === 'en' ? 'en' : 'fr');

export const signUpSchema = z.object({ ...csrf, email, languages: choice });
export const languagesSchema = z.object({ ...csrf, languages: choice });

/** The link's token, from the address (`?token=`: the logs redact it). */
export const tokenQuery = z.object({ token: z.string().min(10).max(200) });
/** The same token, posted by the confirmation page's button. */
export const confirmSchema = z.object({ ...csrf, token: z.string().min(10).max(200) });

/** A message to the list: a subject and a text per language, at least one language written, each whole. */
export const sendSchema = z
  .object({
    ...csrf,
    subjectFr: line().max(200, msg('invalid.mailingList.subject')),
    bodyFr: lines().max(20_000, msg('invalid.mailingList.body')),
    subjectEn: line().max(200, msg('invalid.mailingList.subject')),
    bodyEn: lines().max(20_000, msg('invalid.mailingList.body')),
  })
  .superRefine((v, context) => {
    if (!v.subjectFr && !v.bodyFr && !v.subjectEn && !v.bodyEn) context.addIssue({ code: 'custom', path: ['subjectFr'], message: 'invalid.mailingList.empty' });
    for (const [subject, body] of [['subjectFr', 'bodyFr'], ['subjectEn', 'bodyEn']] as const) {
      if (v[subject] && !v[body]) context.addIssue({ code: 'custom', path: [body], message: 'invalid.mailingList.body' });
      if (!v[subject] && v[body]) context.addIssue({ code: 'custom', path: [subject], message: 'invalid.mailingList.subject' });
    }
  });
