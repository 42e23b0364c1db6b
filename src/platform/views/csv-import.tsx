import type { VNode } from 'preact';
import type { MessageKey } from '../i18n/index.ts';
import type { PageContext } from './layout.tsx';
import { Table } from './table.tsx';

/** An import page's form: the CSV file, "Check" (a dry run that writes nothing) and "Import". `readCsvForm` reads it. */
export function CsvImportForm({ ctx, action, labels }: { ctx: PageContext; action: string; labels: { file: MessageKey; check: MessageKey; import: MessageKey } }) {
  const { t } = ctx;
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <div class="govuk-form-group">
        <label class="govuk-label" for="file">
          {t(labels.file)}
        </label>
        <input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv" />
      </div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button govuk-button--secondary" name="action" value="check">
          {t(labels.check)}
        </button>
        <button type="submit" class="govuk-button" name="action" value="import">
          {t(labels.import)}
        </button>
      </div>
    </form>
  );
}

/**
 * What a check or an import of a CSV file found: the file's own problem, or that every line is
 * good, or the bad lines in a table (the module's columns and rows, `row` giving each `<tr>`).
 */
export function CsvReport<L extends { line: number; problems: readonly unknown[] }>(props: {
  heading: string;
  fileProblem: string | null | undefined;
  /** The file's problem in words (when it has one). */
  fileProblemText: string;
  lines: readonly L[];
  clean: string;
  bad: (bad: number, count: number) => string;
  headers: string[];
  row: (line: L) => VNode;
}) {
  const bad = props.lines.filter((l) => l.problems.length > 0);
  return (
    <div data-report>
      <h2 class="govuk-heading-m">{props.heading}</h2>
      {props.fileProblem ? (
        <p class="govuk-body" data-file-problem={props.fileProblem}>
          {props.fileProblemText}
        </p>
      ) : bad.length === 0 ? (
        <p class="govuk-body" data-clean>
          {props.clean}
        </p>
      ) : (
        <>
          <p class="govuk-body">{props.bad(bad.length, props.lines.length)}</p>
          <Table headers={props.headers}>{bad.map((l) => props.row(l))}</Table>
        </>
      )}
    </div>
  );
}
