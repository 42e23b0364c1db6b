import { z } from 'zod';
import { csrf, line, msg, ticked } from '../../platform/text.ts';
import { noticeSchema } from '../notice.ts';
import { examDocumentTypes } from '../labels.ts';
import { apiScopes } from './service.ts';

/** The notice form: the notice's fields, and the type of the exam document when one is attached. */
export const documentTypeField = z.object({ documentType: z.enum(examDocumentTypes, msg('invalid.surveillance.documentType')) });

export const caseParams = z.object({ caseId: z.uuid() });
export const clientParams = z.object({ clientId: z.uuid() });

export const routeForm = z.object({ ...csrf, organizationId: z.uuid(msg('invalid.surveillance.ptpha')) });

export const apiClientForm = z.object({
  ...csrf,
  name: line('invalid.surveillance.clientName').min(1, msg('invalid.surveillance.clientName')).max(100, msg('invalid.tooLong')),
  scopes: ticked(apiScopes).refine((v) => v.length > 0, msg('invalid.surveillance.scopes')),
});

/** A document sent with a notice through the API: its kind, its name and its bytes in base64. */
export const apiDocumentSchema = z.object({
  typeCode: z.enum(examDocumentTypes),
  fileName: z.string().min(1).max(200),
  contentBase64: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
});
/** At most 10 MB of documents with one notice (decoded), each checked as an upload is. */
export const MAX_API_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const apiDocumentsSchema = z.array(apiDocumentSchema).max(10).default([]);

/** The API's notice: the same schema as the form and the CSV line, and the documents. */
export const apiNoticeSchema = noticeSchema.extend({ documents: apiDocumentsSchema.optional() }).meta({ id: 'Notice', description: 'An arrival notice. Without a province the notice is received unrouted (the cannot-route queue).' });

export const noticeAnswerSchema = z
  .object({
    noticeNumber: z.string(),
    caseId: z.uuid(),
    routed: z.boolean().describe('Routed to the PTPHA of the province of residence when it was received'),
    dueOn: z.string().describe('The compliance report is due by this day (YYYY-MM-DD)'),
    receivedAt: z.string().describe('When the notice was first received (ISO 8601)'),
  })
  .meta({ id: 'NoticeAnswer' });

export const noticeStatusSchema = z
  .object({
    noticeNumber: z.string(),
    routed: z.boolean().describe('With a PTPHA now'),
    status: z.string().describe('unrouted, notified, acknowledged, compliant, under_follow_up, non_compliant, unable_to_locate or moved'),
    dueOn: z.string(),
  })
  .meta({ id: 'NoticeStatus' });

export const validationProblemSchema = z
  .object({ error: z.literal('invalid'), issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })) })
  .meta({ id: 'ValidationProblem' });

export const noticeNumberParams = z.object({ noticeNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
