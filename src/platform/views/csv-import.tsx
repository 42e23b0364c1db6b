import type { MessageKey } from '../i18n/index.ts';
import type { PageContext } from './layout.tsx';

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
