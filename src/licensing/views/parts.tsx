import { type Document, type DocumentVersion, formatSize, scanLabels, statusLabels as documentStatusLabels } from '../../documents/index.ts';
import { formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { FieldError, useTyped } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { statusTag } from '../../platform/views/tag.tsx';
import type { ApplicationFile } from '../queries.ts';
import type { ApplicationStatus, SectionCode, SectionProgress } from '../schema.ts';
import { sectionLabels } from '../types/manifest.ts';

export type Ctx = { ctx: PageContext };

export const statusLabels = {
  draft: 'licensing.status.draft',
  submitted: 'licensing.status.submitted',
  returned: 'licensing.status.returned',
  approved: 'licensing.status.approved',
  refused: 'licensing.status.refused',
  withdrawn: 'licensing.status.withdrawn',
} as const satisfies Record<ApplicationStatus, MessageKey>;

export const StatusTag = statusTag(statusLabels, {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  approved: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
});

export { sectionLabels };

export const sectionPages = {
  personal: 'licensing.personal',
  education: 'licensing.education',
  declarations: 'licensing.declarations',
  documents: 'licensing.documents',
} as const satisfies Record<SectionCode, string>;

export const progressLabels = {
  not_started: 'licensing.progress.notStarted',
  in_progress: 'licensing.progress.inProgress',
  completed: 'licensing.progress.completed',
} as const satisfies Record<SectionProgress, MessageKey>;

export { documentStatusLabels };

/** A required document's tag: its status, or missing (none given) or awaited (from a source). */
export const DocumentTag = statusTag(
  { ...documentStatusLabels, missing: 'licensing.document.missing', awaited: 'licensing.document.awaited' },
  {
    received: 'govuk-tag--blue',
    accepted: 'govuk-tag--green',
    needs_replacing: 'govuk-tag--red',
    no_longer_needed: 'govuk-tag--grey',
    missing: 'govuk-tag--grey',
    awaited: 'govuk-tag--yellow',
  },
);

/** A file's size as people read it (the documents module's way). */
export const sizeOf = (ctx: PageContext, bytes: number) => formatSize(ctx.locale, bytes);

export const at = (ctx: PageContext, d: Date) => formatDateTime(ctx.locale, d);

export { SummaryRow };

/** Who reads a document's versions: its applicant, or the authority's staff. */
export type Reader = 'applicant' | 'staff';

/** Who gave a version: the source staff named (a school), the applicant ("you" to them), or the authority's staff. */
export function versionBy(ctx: PageContext, version: DocumentVersion, applicantId: string, reader: Reader): string {
  if (version.source) return ctx.t('licensing.version.source', { source: version.source });
  if (version.uploadedBy !== applicantId) return ctx.t('licensing.version.byStaff');
  return ctx.t(reader === 'applicant' ? 'licensing.version.byApplicant' : 'licensing.version.byTheApplicant');
}

/**
 * Every version of a document, newest first, each downloadable: nothing is ever deleted. Staff are
 * also told when no malware scanner checked it.
 */
export function Versions({ ctx, document, applicantId, reader }: Ctx & { document: Document; applicantId: string; reader: Reader }) {
  const { t } = ctx;
  return (
    <ul class="govuk-list">
      {document.versions.map((v, i) => (
        <li key={v.id}>
          <a class="govuk-link" href={href('documents.download', ctx.locale, { versionId: v.id })} download>
            {v.fileName}
          </a>{' '}
          {t(i === 0 ? 'licensing.version.current' : 'licensing.version.earlier', { number: v.number })} — {sizeOf(ctx, v.sizeBytes)}, {at(ctx, v.createdAt)}, {versionBy(ctx, v, applicantId, reader)}
          {reader === 'staff' && v.scan === 'not_scanned' && <> — {t(scanLabels.not_scanned)}</>}
          <br />
          <span class="govuk-body-s guichet-checksum">{t('licensing.version.checksum', { sha256: v.sha256 })}</span>
        </li>
      ))}
    </ul>
  );
}

/** A GOV.UK date input (day, month, year, or month and year), keeping what was typed. */
export function DateInput({ ctx, name, label, hint, errors, value, typed, withDay = true }: Ctx & {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  errors?: FieldErrors | undefined;
  value?: string | null | undefined;
  /** What was typed, shown again as it was when the form comes back with an error. */
  typed?: { day?: string | undefined; month?: string | undefined; year?: string | undefined } | undefined;
  withDay?: boolean;
}) {
  const { t } = ctx;
  const [y, m, d] = (value ?? '').split('-');
  const invalid = Boolean(errors?.[name]);
  const parts = [
    ...(withDay ? [{ part: 'day', label: 'licensing.date.day' as const, value: typed ? (typed.day ?? '') : d ? String(Number(d)) : '', width: 2 }] : []),
    { part: 'month', label: 'licensing.date.month' as const, value: typed ? (typed.month ?? '') : m ? String(Number(m)) : '', width: 2 },
    { part: 'year', label: 'licensing.date.year' as const, value: typed ? (typed.year ?? '') : (y ?? ''), width: 4 },
  ];
  return (
    <div class={`govuk-form-group${invalid ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" role="group" aria-describedby={[hint ? `${name}-hint` : '', invalid ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(label)}</legend>
        {hint && (
          <div class="govuk-hint" id={`${name}-hint`}>
            {t(hint)}
          </div>
        )}
        <FieldError t={t} name={name} error={errors?.[name]} />
        <div class="govuk-date-input" id={name}>
          {parts.map((p) => (
            <DatePart key={p.part} ctx={ctx} name={`${name}-${p.part}`} label={p.label} value={p.value} width={p.width} invalid={invalid} />
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function DatePart({ ctx, name, label, value, width, invalid }: Ctx & { name: string; label: MessageKey; value: string; width: number; invalid: boolean }) {
  const shown = useTyped(name, value);
  return (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={name}>
          {ctx.t(label)}
        </label>
        <input
          class={`govuk-input govuk-date-input__input govuk-input--width-${width}${invalid ? ' govuk-input--error' : ''}`}
          id={name}
          name={name}
          type="text"
          inputMode="numeric"
          value={shown ?? ''}
        />
      </div>
    </div>
  );
}

/** A textarea with its label, hint and error, keeping what was typed. */
export function TextArea({ ctx, name, label, hint, errors, value, rows = 5 }: Ctx & { name: string; label: string; hint?: string; errors?: FieldErrors | undefined; value?: string | null | undefined; rows?: number }) {
  const { t } = ctx;
  const invalid = Boolean(errors?.[name]);
  const shown = useTyped(name, value);
  return (
    <div class={`govuk-form-group${invalid ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label govuk-label--s" for={name}>
        {label}
      </label>
      {hint && (
        <div class="govuk-hint" id={`${name}-hint`}>
          {hint}
        </div>
      )}
      <FieldError t={t} name={name} error={errors?.[name]} />
      <textarea
        class={`govuk-textarea${invalid ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={rows}
        aria-describedby={[hint ? `${name}-hint` : '', invalid ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}
      >
        {shown ?? ''}
      </textarea>
    </div>
  );
}

/**
 * What the applicant answered, section by section: the check-your-answers page (with a "Change" link
 * per section) and the staff's review (without).
 */
export function Answers({ ctx, file, change }: Ctx & { file: ApplicationFile; change?: (section: SectionCode) => { href: string; label: string; hidden: string } }) {
  const { t } = ctx;
  const { application, type } = file;
  const p = application.personal;
  const first = (section: SectionCode, i: number) => (change && i === 0 ? { action: change(section) } : {});
  return (
    <>
      {type.sections.includes('personal') && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.section.personal')}</h2>
          <dl class="govuk-summary-list">
            <SummaryRow label={t('licensing.check.name')} {...first('personal', 0)}>
              {p.givenName} {p.familyName}
            </SummaryRow>
            <SummaryRow label={t('licensing.personal.dateOfBirth')}>{p.dateOfBirth ?? ''}</SummaryRow>
            <SummaryRow label={t('licensing.check.address')}>{[p.addressLine1, p.addressLine2, p.city, p.province, p.postalCode].filter(Boolean).join(', ')}</SummaryRow>
            {p.phone && <SummaryRow label={t('field.phone')}>{p.phone}</SummaryRow>}
          </dl>
        </>
      )}
      {type.sections.includes('education') && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.section.education')}</h2>
          <dl class="govuk-summary-list">
            {file.education.map((e, i) => (
              <SummaryRow key={e.id} label={e.program} {...first('education', i)}>
                {e.credential}, {e.institution} ({e.startedOn.slice(0, 7)} – {e.endedOn?.slice(0, 7) ?? '…'})
              </SummaryRow>
            ))}
          </dl>
        </>
      )}
      {type.sections.includes('declarations') && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.section.declarations')}</h2>
          <dl class="govuk-summary-list">
            {type.declarations.map((d, i) => {
              const answer = application.declarations[d.code];
              return (
                <SummaryRow key={d.code} label={d.question[ctx.locale]} {...first('declarations', i)}>
                  {answer ? t(answer.answer === 'yes' ? 'licensing.yes' : 'licensing.no') : ''}
                  {answer?.explanation && <p class="govuk-body guichet-preserve-lines">{answer.explanation}</p>}
                </SummaryRow>
              );
            })}
          </dl>
        </>
      )}
    </>
  );
}
