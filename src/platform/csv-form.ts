import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { malformedMultipart, verifyCsrf } from './http.tsx';

/** What an import page's form sent: the button pressed (`check` or `import`), the file and its text. */
export interface CsvForm {
  action: string;
  fileName: string;
  csv: string | null;
  tooLarge: boolean;
}

/**
 * Reads a CSV import form (multipart, on a page declared `multipart: true`): its token first, then
 * the file, then the button pressed. A file over `maxBytes` is refused whole (`tooLarge`), never
 * read in part. The exam results and the arrival notices are imported through it.
 */
export async function readCsvForm(request: FastifyRequest, maxBytes: number): Promise<CsvForm> {
  if (!request.isMultipart()) throw new AppError('bad_request');
  let tokenChecked = false;
  let action = '';
  let fileName = '';
  let csv: string | null = null;
  let tooLarge = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') {
          if (!verifyCsrf(request, part.value)) throw new AppError('csrf');
          tokenChecked = true;
        } else if (part.fieldname === 'action' && typeof part.value === 'string') action = part.value;
        continue;
      }
      if (!tokenChecked) throw new AppError('csrf');
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      fileName = part.filename;
      if (part.file.truncated) tooLarge = true;
      else if (chunks.length > 0) csv = Buffer.concat(chunks).toString('utf8');
    }
  } catch (error) {
    throw malformedMultipart(error);
  }
  if (!tokenChecked) throw new AppError('csrf');
  return { action, fileName, csv, tooLarge };
}
