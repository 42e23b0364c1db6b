import { parse } from 'csv-parse/sync';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { accounts } from '../identity/index.ts';
import { localDateAt, parseLocalDate } from '../platform/calendar.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { examResults, examSessions, type Outcome } from './schema.ts';

/** What can be wrong with one line of a results file; the page and the CLI say each in words. */
export type LineProblem =
  | 'no_person'
  | 'unknown_person'
  | 'unknown_session'
  | 'bad_date'
  | 'future_date'
  | 'date_not_session'
  | 'bad_outcome'
  | 'bad_score'
  | 'duplicate'
  | 'already_entered';
/** What can be wrong with the file itself: nothing in it is read. */
export type FileProblem = 'unreadable' | 'missing_columns' | 'empty';

export interface ImportReport {
  fileProblem: FileProblem | null;
  /** Every line read, by its line number in the file (the header is line 1), with its problems (none: it would be imported). */
  lines: { line: number; problems: LineProblem[] }[];
}

interface Row {
  line: number;
  accountId: string;
  sessionId: string | null;
  satOn: string;
  outcome: Outcome;
  score: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES: Record<string, Outcome> = { passed: 'passed', failed: 'failed' };

/**
 * The columns: the person by `email` or `account_id` (one of them), then `session` (optional),
 * `sat_on`, `outcome`, `score` (optional). Reads and checks every line against the database: each line's problems, and the rows the file
 * would write when none has any. Reads only. `today` is the day a future sitting is refused from.
 */
async function read(db: Executor, authorityId: string, csv: string, today: string): Promise<{ report: ImportReport; rows: Row[] }> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as never;
  } catch {
    return { report: { fileProblem: 'unreadable', lines: [] }, rows: [] };
  }
  const first = records[0]?.record;
  if (!first) return { report: { fileProblem: 'empty', lines: [] }, rows: [] };
  const columns = Object.keys(first);
  if (!(columns.includes('email') || columns.includes('account_id')) || !columns.includes('outcome') || !columns.includes('sat_on')) return { report: { fileProblem: 'missing_columns', lines: [] }, rows: [] };

  const emails = [...new Set(records.map((r) => r.record.email?.toLowerCase()).filter((e): e is string => Boolean(e)))];
  const ids = [...new Set(records.map((r) => r.record.account_id).filter((id): id is string => Boolean(id) && UUID.test(id!)))];
  const sessionIds = [...new Set(records.map((r) => r.record.session).filter((id): id is string => Boolean(id) && UUID.test(id!)))];
  const [byEmail, byId, sessions] = await Promise.all([
    emails.length ? db.select({ id: accounts.id, email: accounts.email }).from(accounts).where(inArray(accounts.email, emails)) : Promise.resolve([]),
    ids.length ? db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, ids)) : Promise.resolve([]),
    sessionIds.length ? db.select().from(examSessions).where(and(inArray(examSessions.id, sessionIds), eq(examSessions.authorityId, authorityId), isNull(examSessions.cancelledAt))) : Promise.resolve([]),
  ]);
  const emailToId = new Map(byEmail.map((a) => [a.email.toLowerCase(), a.id]));
  const known = new Set(byId.map((a) => a.id));
  const sessionDay = new Map(sessions.map((s) => [s.id, localDateAt(s.startsAt)]));

  const lines: ImportReport['lines'] = [];
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const problems: LineProblem[] = [];
    const email = record.email ?? '';
    const givenId = record.account_id ?? '';
    const accountId = email ? emailToId.get(email.toLowerCase()) : givenId && UUID.test(givenId) && known.has(givenId) ? givenId : undefined;
    if (!email && !givenId) problems.push('no_person');
    else if (!accountId) problems.push('unknown_person');
    const sessionId = record.session || null;
    const day = sessionId ? sessionDay.get(sessionId) : undefined;
    if (sessionId && !day) problems.push('unknown_session');
    const satOn = record.sat_on || day || '';
    if (!parseLocalDate(satOn)) problems.push('bad_date');
    else if (satOn > today) problems.push('future_date');
    else if (day && satOn !== day) problems.push('date_not_session');
    const outcome = OUTCOMES[(record.outcome ?? '').toLowerCase()];
    if (!outcome) problems.push('bad_outcome');
    const scoreText = record.score ?? '';
    const score = scoreText === '' ? null : /^\d{1,4}$/.test(scoreText) && Number(scoreText) <= 1000 ? Number(scoreText) : Number.NaN;
    if (Number.isNaN(score)) problems.push('bad_score');
    if (accountId) {
      // A person has one result per session, and, without a session, one per day.
      const key = `${accountId}:${sessionId ?? satOn}`;
      if (seen.has(key)) problems.push('duplicate');
      seen.add(key);
    }
    const line = info.lines;
    lines.push({ line, problems });
    if (problems.length === 0 && accountId && outcome) rows.push({ line, accountId, sessionId, satOn, outcome, score });
  }

  // Results already entered: for the session, or the same day without one.
  const people = [...new Set(rows.map((r) => r.accountId))];
  if (people.length) {
    const existing = await db
      .select({ accountId: examResults.accountId, sessionId: examResults.sessionId, satOn: examResults.satOn })
      .from(examResults)
      .where(and(eq(examResults.authorityId, authorityId), inArray(examResults.accountId, people)));
    const taken = new Set(existing.flatMap((e) => [`${e.accountId}:${e.sessionId ?? e.satOn}`]));
    for (const row of rows) {
      if (taken.has(`${row.accountId}:${row.sessionId ?? row.satOn}`)) lines.find((l) => l.line === row.line)!.problems.push('already_entered');
    }
  }
  const clean = new Set(lines.filter((l) => l.problems.length === 0).map((l) => l.line));
  return { report: { fileProblem: null, lines }, rows: rows.filter((r) => clean.has(r.line)) };
}

/** Whether a report lets the file be imported: readable, with lines, none with a problem. */
export const importable = (report: ImportReport) => report.fileProblem === null && report.lines.length > 0 && report.lines.every((l) => l.problems.length === 0);

/** The dry run: every line's problems, nothing written. */
export async function checkImport(db: Executor, authorityId: string, csv: string, at = new Date()): Promise<ImportReport> {
  return (await read(db, authorityId, csv, localDateAt(at))).report;
}

export type ImportOutcome = { kind: 'imported'; results: number } | { kind: 'problems'; report: ImportReport } | { kind: 'forbidden' };

/**
 * The import: the file checked again inside the transaction, then every result written (source
 * `import`) with one audit row for the file, or nothing at all when a line has a problem.
 * `progress` hears of each row written (the CLI's bar).
 */
export async function importResults(
  db: Database,
  input: { authorityId: string; csv: string; fileName: string; actorId: string | null; origin: Origin; at: Date; progress?: (done: number, total: number) => void },
): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const { report, rows } = await read(tx, input.authorityId, input.csv, localDateAt(input.at));
    if (!importable(report)) return { kind: 'problems', report };
    let done = 0;
    for (const row of rows) {
      await tx.insert(examResults).values({ authorityId: input.authorityId, accountId: row.accountId, sessionId: row.sessionId, satOn: row.satOn, outcome: row.outcome, score: row.score, enteredBy: input.actorId, source: 'import', createdAt: input.at });
      input.progress?.(++done, rows.length);
    }
    await recordEvent(tx, { authorityId: input.authorityId, event: 'exam_results_imported', actorId: input.actorId, subjectId: null, origin: input.origin, at: input.at, details: { results: rows.length, fileName: input.fileName } });
    return { kind: 'imported', results: rows.length };
  });
}
