import { type AssignableStaff, type QueueCounts, type QueueFilters, type QueueRow, ReviewQueue, ReviewTimeline, StaffAssignForm, type TimelineEntry } from '../../casework/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Bilingual, MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, Notice, TextField } from '../../platform/views/forms.tsx';
import { type FieldErrors, Layout } from '../../platform/views/layout.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { StaffNav } from '../../platform/views/staff-nav.tsx';
import type { ApplicationFile, DocumentSlot } from '../queries.ts';
import { outcomeLabels } from './application.tsx';
import { Answers, at, type Ctx, DocumentTag, documentStatusLabels, StatusTag, TextArea, Versions } from './parts.tsx';
import { DossierSummary } from './dossier.tsx';

export function QueuePageView({ ctx, rows, total, counts, types, filters, staff }: Ctx & { rows: QueueRow[]; total: number; counts: QueueCounts; types: { code: string; name: Bilingual }[]; filters: QueueFilters; staff: AssignableStaff[] }) {
  const { t } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('licensing.queue.title')} current="licensing.queue">
      <ReviewQueue
        ctx={ctx}
        action={href('licensing.queue', ctx.locale)}
        filters={filters}
        rows={rows}
        total={total}
        counts={counts}
        types={types}
        staff={staff}
        subjectHref={(row) => href('licensing.review', ctx.locale, { applicationId: row.subjectId })}
      />
    </StaffPage>
  );
}

/** Why a staff action is not offered now, said where the action would be. */
export type Blocker = 'not_picked_up' | 'someone_else' | 'not_submitted' | 'decided';

const blockerKeys = {
  not_picked_up: 'licensing.review.blocked.notPickedUp',
  someone_else: 'licensing.review.blocked.someoneElse',
  not_submitted: 'licensing.review.blocked.notSubmitted',
  decided: 'licensing.review.blocked.decided',
} as const satisfies Record<Blocker, MessageKey>;

export function ReviewPage({ ctx, file, steps, blocker, assigneeName, staff, staffMembers, errors, values, notice, problem }: Ctx & {
  file: ApplicationFile;
  steps: TimelineEntry[];
  blocker: Blocker | null;
  assigneeName: string | null;
  staff: StaffActor;
  staffMembers: AssignableStaff[];
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  notice?: MessageKey | undefined;
  problem?: string | undefined;
}) {
  const { t } = ctx;
  const { application, type } = file;
  const id = application.id;
  const p = application.personal;
  const v = values ?? {};
  const pending = file.slots.filter((s) => !s.required.optional && s.document?.status !== 'accepted');
  return (
    <Layout ctx={ctx} title={`${application.reference} — ${t('licensing.review.title')}`} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} current="licensing.queue" />
      <a class="govuk-back-link" href={href('licensing.queue', ctx.locale)}>
        {t('licensing.review.back')}
      </a>
      {notice && <Notice>{t(notice)}</Notice>}
      {problem && (
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">{t('error.summary')}</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{problem}</p>
            </div>
          </div>
        </div>
      )}
      <span class="govuk-caption-l">{type.name[ctx.locale]}</span>
      <h1 class="govuk-heading-l">
        {application.reference} — {p.givenName} {p.familyName}
      </h1>
      <p class="govuk-body">
        {t('licensing.application.statusIs')} <StatusTag ctx={ctx} status={application.status} />
        {application.submittedAt && <> {t('licensing.review.submittedAt', { date: at(ctx, application.submittedAt) })}</>}
      </p>
      {file.dossier && <DossierSummary ctx={ctx} dossier={file.dossier} audience="staff" />}
      {file.review && (
        <StaffAssignForm
          ctx={ctx}
          review={file.review}
          staff={staff}
          staffMembers={staffMembers}
          actions={{
            pickUp: `${href('licensing.reviewAssignment', ctx.locale, { applicationId: id })}?action=pick_up`,
            assign: `${href('licensing.reviewAssignment', ctx.locale, { applicationId: id })}?action=assign`,
            release: `${href('licensing.reviewAssignment', ctx.locale, { applicationId: id })}?action=release`,
          }}
        />
      )}
      {blocker && <div class="govuk-inset-text">{t(blockerKeys[blocker], { name: assigneeName ?? '' })}</div>}

      <Answers ctx={ctx} file={file} />

      <h2 class="govuk-heading-m">{t('licensing.section.documents')}</h2>
      {file.slots.map((slot) => (
        <StaffDocument key={slot.required.code} ctx={ctx} file={file} slot={slot} canMark={blocker === null} errors={errors} values={v} />
      ))}
      {application.status !== 'approved' && application.status !== 'refused' && application.status !== 'withdrawn' && (
        <StaffUpload ctx={ctx} file={file} errors={errors} values={v} />
      )}

      {blocker === null && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.review.returnTitle')}</h2>
          <Form action={href('licensing.reviewReturn', ctx.locale, { applicationId: id })} csrfToken={ctx.csrfToken}>
            <TextArea ctx={ctx} name="request" label={t('licensing.review.request')} hint={t('licensing.review.requestHint')} errors={errors} value={v.request} />
            <Button secondary>{t('licensing.review.return')}</Button>
          </Form>
          <h2 class="govuk-heading-m">{t('licensing.review.decisionTitle')}</h2>
          {pending.length > 0 && (
            <div class="govuk-inset-text">
              {t('licensing.review.approveWhy')}
              <ul class="govuk-list govuk-list--bullet">
                {pending.map((s) => (
                  <li key={s.required.code}>{s.required.name[ctx.locale]}</li>
                ))}
              </ul>
            </div>
          )}
          <Form action={href('licensing.reviewDecision', ctx.locale, { applicationId: id })} csrfToken={ctx.csrfToken}>
            <Choice
              t={t}
              name="outcome"
              label="licensing.review.outcome"
              kind="radios"
              value={v.outcome}
              errors={errors}
              options={[
                ...(pending.length === 0 ? [{ value: 'approve', label: t('licensing.review.approve', { category: type.category[ctx.locale] }) }] : []),
                { value: 'refuse', label: t('licensing.review.refuse') },
              ]}
            />
            <TextArea ctx={ctx} name="reasons" label={t('licensing.review.reasons')} hint={t('licensing.review.reasonsHint')} errors={errors} value={v.reasons} />
            <Button>{t('licensing.review.decide')}</Button>
          </Form>
        </>
      )}
      <h2 class="govuk-heading-m">{t('licensing.application.historyTitle')}</h2>
      <ReviewTimeline ctx={ctx} steps={steps} outcomes={outcomeLabels} />
    </Layout>
  );
}

function StaffDocument({ ctx, file, slot, canMark, errors, values }: Ctx & { file: ApplicationFile; slot: DocumentSlot; canMark: boolean; errors?: FieldErrors | undefined; values: Record<string, string> }) {
  const { t } = ctx;
  const doc = slot.document;
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">
          {slot.required.name[ctx.locale]}
          {slot.required.optional && <> {t('licensing.documents.optional')}</>}
        </h3>
        {doc ? <DocumentTag ctx={ctx} status={doc.status} /> : <DocumentTag ctx={ctx} status={slot.required.providedBy === 'school' ? 'awaited' : 'missing'} />}
      </div>
      <div class="govuk-summary-card__content">
        {doc ? <Versions ctx={ctx} document={doc} applicantId={file.application.applicantId} reader="staff" /> : <p class="govuk-body">{t(slot.required.providedBy === 'school' ? 'licensing.review.schoolAwaited' : 'licensing.review.notUploaded')}</p>}
        {doc?.statusReason && <p class="govuk-body">{t('licensing.document.reason', { reason: doc.statusReason })}</p>}
        {doc && canMark && doc.status !== 'no_longer_needed' && (
          <Form action={href('licensing.reviewDocument', ctx.locale, { applicationId: file.application.id, documentId: doc.id })} csrfToken={ctx.csrfToken}>
            <Choice
              t={t}
              name="status"
              label="licensing.review.documentStatus"
              kind="radios"
              value={values.documentId === doc.id ? values.status : undefined}
              errors={values.documentId === doc.id ? errors : undefined}
              options={[
                { value: 'accepted', label: t(documentStatusLabels.accepted) },
                { value: 'needs_replacing', label: t(documentStatusLabels.needs_replacing) },
              ]}
            />
            <TextArea ctx={ctx} name="reason" label={t('licensing.review.replaceReason')} errors={values.documentId === doc.id ? errors : undefined} value={values.documentId === doc.id ? values.reason : ''} rows={2} />
            <input type="hidden" name="documentId" value={doc.id} />
            <Button secondary>{t('licensing.review.saveDocument')}</Button>
          </Form>
        )}
      </div>
    </div>
  );
}

/** Staff add a document someone else sent (a school's transcript), naming where it came from. */
function StaffUpload({ ctx, file, errors, values }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined; values: Record<string, string> }) {
  const { t } = ctx;
  const fileError = errors?.file;
  return (
    <form method="post" action={href('licensing.reviewUpload', ctx.locale, { applicationId: file.application.id })} encType="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <h3 class="govuk-heading-s">{t('licensing.review.uploadTitle')}</h3>
      <p class="govuk-body">{t('licensing.review.uploadLead')}</p>
      <Choice t={t} name="typeCode" label="licensing.review.uploadType" kind="select" value={values.typeCode} errors={errors} options={file.slots.map((s) => ({ value: s.required.code, label: s.required.name[ctx.locale] }))} />
      <TextField t={t} name="source" label="licensing.review.uploadSource" hint="licensing.review.uploadSourceHint" value={values.source ?? ''} errors={errors} />
      <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label" for="file">
          {t('licensing.review.uploadFile')}
        </label>
        {fileError && (
          <p id="file-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(fileError)}
          </p>
        )}
        <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.docx" aria-describedby={fileError ? 'file-error' : undefined} />
      </div>
      <Button secondary>{t('licensing.review.upload')}</Button>
    </form>
  );
}
