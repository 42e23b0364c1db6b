import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { z } from 'zod';
import { type Notice, noticeSchema } from '../notice.ts';

/** The file's columns, in this order in the template (the order in a file does not matter). */
export const noticeColumns = ['notice_number', 'family_name', 'given_names', 'date_of_birth', 'client_id', 'address_line1', 'address_line2', 'city', 'province', 'postal_code', 'phone', 'email', 'arrival_date', 'code'] as const;
const required = ['notice_number', 'family_name', 'given_names', 'date_of_birth', 'client_id', 'arrival_date', 'code'] as const;

/** The largest file read (about 20,000 notices). */
export const MAX_CSV_BYTES = 8 * 1024 * 1024;
export const MAX_LINES = 20_000;

/** What can be wrong with the file itself: nothing in it is read. */
export type FileProblem = 'unreadable' | 'missing_columns' | 'empty' | 'too_many_lines';

/** One field's problem: the field (notice's name) and the catalog key saying what is wrong with it. */
export interface LineProblem {
  field: string;
  key: MessageKey;
}

export interface ReportLine {
  /** The line number in the file (the header is line 1). */
  line: number;
  noticeNumber: string;
  problems: LineProblem[];
  /** The notice read from it, when it has no problem of its own. */
  notice: Notice | null;
  /** The same notice was received before (same number, same content): skipped on import. */
  alreadyReceived: boolean;
}

export interface ImportReport {
  fileProblem: FileProblem | null;
  lines: ReportLine[];
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The first issue of each field. Every message of the notice schema is a catalog key (given with
 * `msg`); read here without the installed catalogs (platform's `fieldErrors` asks them), so the
 * check stays pure.
 */
const isFieldKey = (message: string): message is MessageKey => message.startsWith('invalid.');

function problemsOf(error: z.ZodError): LineProblem[] {
  const seen = new Set<string>();
  const out: LineProblem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, key: isFieldKey(issue.message) ? issue.message : 'invalid.required' });
  }
  return out;
}

/**
 * Reads a notices file and checks every line with the one notice schema (the form's and the
 * API's rules, the same catalog keys), and that no notice number comes twice. Pure: the notices
 * already received are the service's to compare (`alreadyReceived`, or a problem when they differ).
 */
export function checkNotices(text: string): ImportReport {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as never;
  } catch {
    return { fileProblem: 'unreadable', lines: [] };
  }
  const first = records[0]?.record;
  if (!first) return { fileProblem: 'empty', lines: [] };
  if (!required.every((c) => c in first)) return { fileProblem: 'missing_columns', lines: [] };
  if (records.length > MAX_LINES) return { fileProblem: 'too_many_lines', lines: [] };
  const seen = new Set<string>();
  const lines = records.map(({ record, info }): ReportLine => {
    const fields = Object.fromEntries(noticeColumns.filter((c) => record[c] !== undefined).map((c) => [camel(c), record[c]]));
    const parsed = noticeSchema.safeParse(fields);
    const problems: LineProblem[] = parsed.success ? [] : problemsOf(parsed.error);
    const noticeNumber = record.notice_number ?? '';
    if (noticeNumber && seen.has(noticeNumber)) problems.push({ field: 'noticeNumber', key: 'surveillance.intake.import.problem.duplicate' });
    seen.add(noticeNumber);
    return { line: info.lines, noticeNumber, problems, notice: parsed.success && problems.length === 0 ? parsed.data : null, alreadyReceived: false };
  });
  return { fileProblem: null, lines };
}

/** Whether a file may be imported: readable, with lines, none with a problem. */
export const importable = (report: ImportReport) => report.fileProblem === null && report.lines.length > 0 && report.lines.every((l) => l.problems.length === 0);
