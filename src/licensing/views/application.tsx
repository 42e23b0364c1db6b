import type { VNode } from 'preact';
import { type MedianDecisionTime, ReviewTimeline, type TimelineEntry, WaitSummary } from '../../casework/index.ts';
import { provinces } from '../../platform/canada.ts';
import { type Bilingual, formatDateTime, formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, TextField, useTyped } from '../../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../../platform/views/layout.tsx';
import { LinkLine } from '../../platform/views/link.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { ApplicationFile, DocumentSlot } from '../queries.ts';
import type { ApplicationStatus, RegistrationStatus, SectionCode, SectionProgress } from '../schema.ts';
import { EDITABLE } from '../states.ts';
import type { Condition } from '../files/files.ts';
import { DossierSummary, WaitingConditions } from './dossier.tsx';
import { Answers, at, type Ctx, DateInput, DocumentTag, progressLabels, sectionLabels, sectionPages, sizeOf, StatusTag, statusLabels, SummaryRow, TextArea, Versions } from './parts.tsx';

/** The outcomes licensing gives casework's decisions, as the timeline names them. */
export const outcomeLabels = { approved: statusLabels.approved, refused: statusLabels.refused } as const satisfies Record<string, MessageKey>;

const appHref = (ctx: PageContext, name: Parameters<typeof href>[0], applicationId: string, extra: Record<string, string> = {}) => href(name, ctx.locale, { applicationId, ...extra });

function Back({ ctx, file }: Ctx & { file: ApplicationFile }) {
  return (
    <a class="govuk-back-link" href={appHref(ctx, 'licensing.application', file.application.id)}>
      {ctx.t('licensing.backToApplication')}
    </a>
  );
}

function Caption({ ctx, file }: Ctx & { file: ApplicationFile }) {
  return (
    <span class="govuk-caption-l">
      {file.type.name[ctx.locale]} — {file.application.reference}
    </span>
  );
}

export function Applications({ ctx, applications, notice }: Ctx & { applications: { id: string; reference: string; status: ApplicationStatus; typeName: Bilingual; createdAt: Date }[]; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('licensing.applications.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('licensing.applications.title')}</h1>
      {applications.length === 0 ? (
        <p class="govuk-body">{t('licensing.applications.none')}</p>
      ) : (
        <Table headers={[t('licensing.applications.reference'), t('licensing.applications.type'), t('licensing.applications.started'), t('licensing.applications.status')]}>
          {applications.map((a) => (
            <tr class="govuk-table__row" key={a.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={appHref(ctx, 'licensing.application', a.id)}>
                  {a.reference}
                </a>
              </td>
              <td class="govuk-table__cell">{a.typeName[ctx.locale]}</td>
              <td class="govuk-table__cell">{at(ctx, a.createdAt)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={a.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <a class="govuk-button" href={href('licensing.questionnaire', ctx.locale)}>
        {t('licensing.applications.start')}
      </a>
    </Layout>
  );
}

/** The task list's hint for a section: why it cannot start, or what it holds. */
function sectionHint(ctx: PageContext, file: ApplicationFile, section: SectionCode): string | null {
  if (section !== 'documents') return null;
  const awaited = file.slots.filter((s) => s.required.providedBy === 'school' && !s.document);
  return awaited.length > 0 ? ctx.t('licensing.task.awaitedHint', { documents: awaited.map((s) => s.required.name[ctx.locale]).join(', ') }) : null;
}

const progressTag: Record<SectionProgress, string | null> = { not_started: 'govuk-tag--blue', in_progress: 'govuk-tag--light-blue', completed: null };

function TaskList({ ctx, file }: Ctx & { file: ApplicationFile }) {
  const { t } = ctx;
  const ready = file.incomplete.length === 0;
  return (
    <ul class="govuk-task-list">
      {file.type.sections.map((section) => {
        const hint = sectionHint(ctx, file, section);
        const progress = file.progress[section];
        return (
          <li class="govuk-task-list__item govuk-task-list__item--with-link" key={section}>
            <div class="govuk-task-list__name-and-hint">
              <a class="govuk-link govuk-task-list__link" href={appHref(ctx, sectionPages[section], file.application.id)} aria-describedby={`${section}-status${hint ? ` ${section}-hint` : ''}`}>
                {t(sectionLabels[section])}
              </a>
              {hint && (
                <div class="govuk-task-list__hint" id={`${section}-hint`}>
                  {hint}
                </div>
              )}
            </div>
            <div class="govuk-task-list__status" id={`${section}-status`}>
              {progressTag[progress] ? <strong class={`govuk-tag ${progressTag[progress]}`}>{t(progressLabels[progress])}</strong> : t(progressLabels[progress])}
            </div>
          </li>
        );
      })}
      <li class={`govuk-task-list__item${ready ? ' govuk-task-list__item--with-link' : ''}`}>
        <div class="govuk-task-list__name-and-hint">
          {ready ? (
            <a class="govuk-link govuk-task-list__link" href={appHref(ctx, 'licensing.check', file.application.id)} aria-describedby="check-status">
              {t('licensing.task.check')}
            </a>
          ) : (
            <div>{t('licensing.task.check')}</div>
          )}
          {!ready && (
            <div class="govuk-task-list__hint" id="check-hint">
              {t('licensing.task.checkWhy', { sections: file.incomplete.map((s) => t(sectionLabels[s])).join(', ') })}
            </div>
          )}
        </div>
        <div class={`govuk-task-list__status${ready ? '' : ' govuk-task-list__status--cannot-start-yet'}`} id="check-status">
          {ready ? <strong class="govuk-tag govuk-tag--blue">{t('licensing.progress.notStarted')}</strong> : t('licensing.task.cannotStartYet')}
        </div>
      </li>
    </ul>
  );
}

/** Where the application stands, its wait, its decision, its documents and its history: the person's status page. */
export function ApplicationPage({ ctx, file, steps, position, median, registration, notice }: Ctx & {
  file: ApplicationFile;
  steps: TimelineEntry[];
  position: number | null;
  median: MedianDecisionTime | null;
  registration: Registration | null;
  notice?: MessageKey | undefined;
}) {
  const { t } = ctx;
  const { application } = file;
  const editable = EDITABLE.includes(application.status);
  const done = file.type.sections.filter((s) => file.progress[s] === 'completed').length;
  return (
    <Layout ctx={ctx} title={`${file.type.name[ctx.locale]} — ${application.reference}`}>
      <a class="govuk-back-link" href={href('licensing.applications', ctx.locale)}>
        {t('licensing.backToApplications')}
      </a>
      {notice && <Notice>{t(notice)}</Notice>}
      <span class="govuk-caption-l">{application.reference}</span>
      <h1 class="govuk-heading-l">{file.type.name[ctx.locale]}</h1>
      <p class="govuk-body">
        {t('licensing.application.statusIs')} <StatusTag ctx={ctx} status={application.status} />
      </p>
      {file.dossier && <DossierSummary ctx={ctx} dossier={file.dossier} audience="person" showNumber={application.status !== 'approved'} />}
      {application.status === 'returned' && (
        <div class="govuk-notification-banner" role="region" aria-labelledby="returned-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="returned-title">
              {t('licensing.application.returnedTitle')}
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-body guichet-preserve-lines">{application.decisionReason}</p>
            <p class="govuk-body">{t('licensing.application.returnedHow')}</p>
          </div>
        </div>
      )}
      {application.status === 'draft' && (
        <p class="govuk-body">{t('licensing.application.progress', { done, total: file.type.sections.length })}</p>
      )}
      {editable && <TaskList ctx={ctx} file={file} />}
      {application.status === 'submitted' && file.review && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.application.whereTitle')}</h2>
          <WaitSummary ctx={ctx} position={position} median={median} />
        </>
      )}
      {application.status === 'approved' && registration && (
        <div class="govuk-panel govuk-panel--confirmation">
          <h2 class="govuk-panel__title">{t('licensing.application.approvedTitle')}</h2>
          <div class="govuk-panel__body">
            {t('licensing.application.registrationNumber', { number: registration.number })}
            <br />
            {registration.category[ctx.locale]}
          </div>
        </div>
      )}
      {application.status === 'approved' && registration && <RegistrationState ctx={ctx} registration={registration} />}
      {application.status === 'refused' && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.application.refusedTitle')}</h2>
          <p class="govuk-body guichet-preserve-lines">{application.decisionReason}</p>
          <p class="govuk-body">{t('licensing.application.refusedNext')}</p>
        </>
      )}
      {file.type.sections.includes('documents') && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.application.documentsTitle')}</h2>
          <DocumentSummary ctx={ctx} file={file} />
        </>
      )}
      <h2 class="govuk-heading-m">{t('licensing.application.historyTitle')}</h2>
      {/* A type the portal decides itself has no review: its history is its submission and that decision. */}
      {!file.review && application.decidedAt ? (
        <p class="govuk-body">{t('licensing.application.decidedAutomatically', { date: formatDateTime(ctx.locale, application.decidedAt) })}</p>
      ) : (
        <ReviewTimeline ctx={ctx} steps={steps} outcomes={outcomeLabels} />
      )}
      {(editable || application.status === 'submitted') && <LinkLine href={appHref(ctx, 'licensing.withdraw', application.id)}>{t('licensing.withdraw.link')}</LinkLine>}
    </Layout>
  );
}

/** Each required document with its status, the staff's reason when it must be replaced, and its versions. */
function DocumentSummary({ ctx, file }: Ctx & { file: ApplicationFile }) {
  const { t } = ctx;
  return (
    <dl class="govuk-summary-list">
      {file.slots.map((slot) => (
        <SummaryRow key={slot.required.code} label={slot.required.name[ctx.locale]}>
          <SlotStatus ctx={ctx} slot={slot} />
          {slot.document?.status === 'needs_replacing' && slot.document.statusReason && <p class="govuk-body">{t('licensing.document.reason', { reason: slot.document.statusReason })}</p>}
          {slot.document && <Versions ctx={ctx} document={slot.document} applicantId={file.application.applicantId} reader="applicant" />}
        </SummaryRow>
      ))}
    </dl>
  );
}

function SlotStatus({ ctx, slot }: Ctx & { slot: DocumentSlot }) {
  if (slot.document) return <DocumentTag ctx={ctx} status={slot.document.status} />;
  return <DocumentTag ctx={ctx} status={slot.required.providedBy === 'school' ? 'awaited' : 'missing'} />;
}

export function PersonalPage({ ctx, file, errors, typedDate }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined; typedDate?: { day: string; month: string; year: string } }) {
  const { t } = ctx;
  const p = file.application.personal;
  const action = appHref(ctx, 'licensing.personal', file.application.id);
  return (
    <Layout ctx={ctx} title={t('licensing.section.personal')} {...(errors ? { errors } : {})}>
      <Back ctx={ctx} file={file} />
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.section.personal')}</h1>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="givenName" label="field.givenName" value={p.givenName ?? ''} errors={errors} autocomplete="given-name" />
        <TextField t={t} name="familyName" label="field.familyName" value={p.familyName ?? ''} errors={errors} autocomplete="family-name" />
        <DateInput ctx={ctx} name="dateOfBirth" label="licensing.personal.dateOfBirth" hint="licensing.personal.dateOfBirthHint" value={p.dateOfBirth} typed={typedDate} errors={errors} />
        <TextField t={t} name="phone" label="field.phone" value={p.phone ?? ''} errors={errors} autocomplete="tel" type="tel" />
        <TextField t={t} name="addressLine1" label="licensing.personal.address" value={p.addressLine1 ?? ''} errors={errors} autocomplete="address-line1" />
        <TextField t={t} name="addressLine2" label="field.addressLine2" value={p.addressLine2 ?? ''} errors={errors} autocomplete="address-line2" />
        <TextField t={t} name="city" label="field.city" value={p.city ?? ''} errors={errors} autocomplete="address-level2" width="20" />
        <Choice t={t} name="province" label="field.province" kind="select" value={p.province ?? ''} errors={errors} options={provinces.map((code) => ({ value: code, label: code }))} />
        <TextField t={t} name="postalCode" label="field.postalCode" value={p.postalCode ?? ''} errors={errors} autocomplete="postal-code" width="10" />
        <SaveButtons ctx={ctx} />
      </Form>
    </Layout>
  );
}

/** "Save and continue" (checks everything, completes the section) and "save and come back later". */
function SaveButtons({ ctx }: Ctx) {
  return (
    <div class="govuk-button-group">
      <button type="submit" class="govuk-button" name="intent" value="continue">
        {ctx.t('licensing.save.continue')}
      </button>
      <button type="submit" class="govuk-button govuk-button--secondary" name="intent" value="later">
        {ctx.t('licensing.save.later')}
      </button>
    </div>
  );
}

export function EducationPage({ ctx, file, errors }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const id = file.application.id;
  const done = file.progress.education === 'completed' ? 'yes' : file.progress.education === 'in_progress' ? 'no' : undefined;
  return (
    <Layout ctx={ctx} title={t('licensing.section.education')} {...(errors ? { errors } : {})}>
      <Back ctx={ctx} file={file} />
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.section.education')}</h1>
      <p class="govuk-body">{t('licensing.education.lead')}</p>
      {file.education.length === 0 ? (
        <p class="govuk-body">{t('licensing.education.none')}</p>
      ) : (
        file.education.map((e) => (
          <div class="govuk-summary-card" key={e.id}>
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">{e.program}</h2>
              <div class="govuk-summary-card__actions">
                <InlineForm action={appHref(ctx, 'licensing.educationRemove', id, { entryId: e.id })} csrfToken={ctx.csrfToken}>
                  <button type="submit" class="guichet-link-button govuk-link">
                    {t('licensing.education.remove')}
                    <span class="govuk-visually-hidden"> {e.program}</span>
                  </button>
                </InlineForm>
              </div>
            </div>
            <div class="govuk-summary-card__content">
              <dl class="govuk-summary-list">
                <SummaryRow label={t('licensing.education.institution')}>{e.institution}</SummaryRow>
                <SummaryRow label={t('licensing.education.credential')}>{e.credential}</SummaryRow>
                <SummaryRow label={t('licensing.education.dates')}>{e.endedOn ? t('licensing.education.fromTo', { from: e.startedOn.slice(0, 7), to: e.endedOn.slice(0, 7) }) : t('licensing.education.since', { from: e.startedOn.slice(0, 7) })}</SummaryRow>
              </dl>
            </div>
          </div>
        ))
      )}
      <a class="govuk-button govuk-button--secondary" href={appHref(ctx, 'licensing.educationEntry', id)}>
        {t(file.education.length === 0 ? 'licensing.education.add' : 'licensing.education.addAnother')}
      </a>
      <Form action={appHref(ctx, 'licensing.education', id)} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="done" label="licensing.education.done" kind="radios" value={done} errors={errors} options={[{ value: 'yes', label: t('licensing.education.doneYes') }, { value: 'no', label: t('licensing.education.doneNo') }]} />
        <Button>{t('licensing.save.continue')}</Button>
      </Form>
    </Layout>
  );
}

export function EducationEntryPage({ ctx, file, errors, values }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined }) {
  const { t } = ctx;
  const v = values ?? {};
  return (
    <Layout ctx={ctx} title={t('licensing.education.add')} {...(errors ? { errors } : {})}>
      <a class="govuk-back-link" href={appHref(ctx, 'licensing.education', file.application.id)}>
        {t('licensing.education.back')}
      </a>
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.education.add')}</h1>
      <Form action={appHref(ctx, 'licensing.educationEntry', file.application.id)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="program" label="licensing.education.program" hint="licensing.education.programHint" value={v.program ?? ''} errors={errors} />
        <TextField t={t} name="institution" label="licensing.education.institution" value={v.institution ?? ''} errors={errors} />
        <TextField t={t} name="credential" label="licensing.education.credential" hint="licensing.education.credentialHint" value={v.credential ?? ''} errors={errors} />
        <DateInput ctx={ctx} name="startedOn" label="licensing.education.startedOn" hint="licensing.education.monthHint" withDay={false} errors={errors} typed={values && { month: v['startedOn-month'], year: v['startedOn-year'] }} />
        <DateInput ctx={ctx} name="endedOn" label="licensing.education.endedOn" hint="licensing.education.endedOnHint" withDay={false} errors={errors} typed={values && { month: v['endedOn-month'], year: v['endedOn-year'] }} />
        <Button>{t('licensing.education.save')}</Button>
      </Form>
    </Layout>
  );
}

export function DeclarationsPage({ ctx, file, errors }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const answers = file.application.declarations;
  return (
    <Layout ctx={ctx} title={t('licensing.section.declarations')} {...(errors ? { errors } : {})}>
      <Back ctx={ctx} file={file} />
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.section.declarations')}</h1>
      <p class="govuk-body">{t('licensing.declarations.lead')}</p>
      <Form action={appHref(ctx, 'licensing.declarations', file.application.id)} csrfToken={ctx.csrfToken}>
        {file.type.declarations.map((d) => (
          <div key={d.code}>
            <DeclarationChoice ctx={ctx} name={`answer-${d.code}`} question={d.question[ctx.locale]} value={answers[d.code]?.answer} errors={errors} />
            <TextArea ctx={ctx} name={`explanation-${d.code}`} label={t('licensing.declarations.explanation')} hint={t('licensing.declarations.explanationHint')} value={answers[d.code]?.explanation ?? ''} errors={errors} rows={3} />
          </div>
        ))}
        <SaveButtons ctx={ctx} />
      </Form>
    </Layout>
  );
}

/** A yes/no question whose legend is the authority's own words (not a catalog key). */
function DeclarationChoice({ ctx, name, question, value, errors }: Ctx & { name: string; question: string; value: string | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const error = errors?.[name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{question}</legend>
        {error && (
          <p id={`${name}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
          </p>
        )}
        <Radios ctx={ctx} name={name} value={value} options={[{ value: 'yes', label: t('licensing.yes') }, { value: 'no', label: t('licensing.no') }]} />
      </fieldset>
    </div>
  );
}

function Radios({ name, value, options }: Ctx & { name: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <div class="govuk-radios govuk-radios--inline">
      {options.map((o, i) => (
        <div class="govuk-radios__item" key={o.value}>
          <TypedRadio name={name} id={i === 0 ? name : `${name}-${o.value}`} value={o.value} checked={o.value === value} />
          <label class="govuk-label govuk-radios__label" for={i === 0 ? name : `${name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </div>
  );
}

function TypedRadio({ name, id, value, checked }: { name: string; id: string; value: string; checked: boolean }) {
  const typed = useTyped(name, checked ? value : undefined);
  return <input class="govuk-radios__input" id={id} name={name} type="radio" value={value} checked={typed === value} />;
}

/** The documents section: each document with its status and versions, and the way to add or replace it (or why not). */
export function DocumentsPage({ ctx, file, problem, maxBytesDefault, notice }: Ctx & { file: ApplicationFile; problem?: { typeCode: string; message: string } | undefined; maxBytesDefault: number; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  const id = file.application.id;
  const errors: FieldErrors | undefined = problem ? { [`file-${problem.typeCode}`]: 'licensing.upload.problem' } : undefined;
  return (
    <Layout ctx={ctx} title={t('licensing.section.documents')} {...(errors ? { errors } : {})}>
      <Back ctx={ctx} file={file} />
      {notice && <Notice>{t(notice)}</Notice>}
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.section.documents')}</h1>
      <p class="govuk-body">{t('licensing.documents.lead')}</p>
      {file.slots.map((slot) => (
        <DocumentSlotCard key={slot.required.code} ctx={ctx} file={file} slot={slot} problem={problem?.typeCode === slot.required.code ? problem.message : undefined} maxBytes={slot.required.maxBytes ?? maxBytesDefault} />
      ))}
      <a class="govuk-button" href={appHref(ctx, 'licensing.application', id)}>
        {t('licensing.documents.done')}
      </a>
    </Layout>
  );
}

function DocumentSlotCard({ ctx, file, slot, problem, maxBytes }: Ctx & { file: ApplicationFile; slot: DocumentSlot; problem: string | undefined; maxBytes: number }) {
  const { t } = ctx;
  const code = slot.required.code;
  const name = `file-${code}`;
  const school = slot.required.providedBy === 'school';
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h2 class="govuk-summary-card__title">
          {slot.required.name[ctx.locale]}
          {slot.required.optional && <> {t('licensing.documents.optional')}</>}
        </h2>
        <SlotStatus ctx={ctx} slot={slot} />
      </div>
      <div class="govuk-summary-card__content">
        <p class="govuk-body">{slot.required.hint[ctx.locale]}</p>
        {slot.document?.status === 'needs_replacing' && slot.document.statusReason && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">{t('licensing.document.reason', { reason: slot.document.statusReason })}</strong>
          </div>
        )}
        {slot.document && <Versions ctx={ctx} document={slot.document} applicantId={file.application.applicantId} reader="applicant" />}
        {school ? (
          <div class="govuk-inset-text">{slot.document ? t('licensing.documents.schoolReceived') : t('licensing.documents.schoolWhy')}</div>
        ) : (
          <form method="post" action={appHref(ctx, 'licensing.upload', file.application.id, { typeCode: code })} encType="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <div class={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--s" for={name}>
                {t(slot.document ? 'licensing.upload.replaceLabel' : 'licensing.upload.label', { document: slot.required.name[ctx.locale] })}
              </label>
              <div class="govuk-hint" id={`${name}-hint`}>
                {t('licensing.upload.hint', { size: sizeOf(ctx, maxBytes) })}
              </div>
              {problem && (
                <p id={`${name}-error`} class="govuk-error-message">
                  <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {problem}
                </p>
              )}
              <input class={`govuk-file-upload${problem ? ' govuk-file-upload--error' : ''}`} id={name} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.docx" aria-describedby={`${name}-hint${problem ? ` ${name}-error` : ''}`} />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t(slot.document ? 'licensing.upload.replace' : 'licensing.upload.submit')}
            </button>
          </form>
        )}
        {!school && slot.required.optional && slot.document && slot.document.status !== 'no_longer_needed' && (
          <InlineForm action={appHref(ctx, 'licensing.noLongerNeeded', file.application.id, { typeCode: code })} csrfToken={ctx.csrfToken}>
            <button type="submit" class="guichet-link-button govuk-link">
              {t('licensing.documents.noLongerNeeded')}
            </button>
          </InlineForm>
        )}
      </div>
    </div>
  );
}

/** Check your answers, then submit (or resubmit, with an answer to staff's request). */
export function CheckPage({ ctx, file, errors, incomplete }: Ctx & { file: ApplicationFile; errors?: FieldErrors | undefined; incomplete?: SectionCode[] | undefined }) {
  const { t } = ctx;
  const { application, type } = file;
  const id = application.id;
  const change = (section: SectionCode) => ({ href: appHref(ctx, sectionPages[section], id), label: t('licensing.check.change'), hidden: t(sectionLabels[section]) });
  const missing = incomplete ?? file.incomplete;
  return (
    <Layout ctx={ctx} title={t('licensing.check.title')} {...(errors ? { errors } : {})}>
      <Back ctx={ctx} file={file} />
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.check.title')}</h1>
      <Answers ctx={ctx} file={file} change={change} />
      {type.sections.includes('documents') && (
        <>
          <h2 class="govuk-heading-m">{t('licensing.section.documents')}</h2>
          <DocumentSummary ctx={ctx} file={file} />
        </>
      )}
      {missing.length > 0 ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            {t('licensing.check.incomplete')}
            <ul class="govuk-list govuk-list--bullet">
              {missing.map((s) => (
                <li key={s}>
                  <a class="govuk-link" href={appHref(ctx, sectionPages[s], id)}>
                    {t(sectionLabels[s])}
                  </a>
                </li>
              ))}
            </ul>
          </strong>
        </div>
      ) : (
        <Form action={appHref(ctx, 'licensing.check', id)} csrfToken={ctx.csrfToken}>
          <h2 class="govuk-heading-m">{t('licensing.check.sendTitle')}</h2>
          {application.status === 'returned' && (
            <>
              <div class="govuk-inset-text guichet-preserve-lines">
                {t('licensing.check.request')} {application.decisionReason}
              </div>
              <TextArea ctx={ctx} name="answer" label={t('licensing.check.answer')} hint={t('licensing.check.answerHint')} errors={errors} />
            </>
          )}
          <p class="govuk-body">{t('licensing.check.declaration')}</p>
          <Button>{t(application.status === 'returned' ? 'licensing.check.resubmit' : 'licensing.check.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}

export function WithdrawPage({ ctx, file }: Ctx & { file: ApplicationFile }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('licensing.withdraw.title')}>
      <Back ctx={ctx} file={file} />
      <Caption ctx={ctx} file={file} />
      <h1 class="govuk-heading-l">{t('licensing.withdraw.title')}</h1>
      <p class="govuk-body">{t('licensing.withdraw.body')}</p>
      <Form action={appHref(ctx, 'licensing.withdraw', file.application.id)} csrfToken={ctx.csrfToken}>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            {t('licensing.withdraw.confirm')}
          </button>
          <a class="govuk-link" href={appHref(ctx, 'licensing.application', file.application.id)}>
            {t('licensing.withdraw.cancel')}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

interface Registration {
  id: string;
  number: string;
  status: RegistrationStatus;
  category: Bilingual;
  validFrom: string | null;
  validUntil: string | null;
  verificationCode: string | null;
  /** Past its last day on today's calendar (computed by the service, which has the clock). */
  expired: boolean;
  /** What a pending certificate still waits for. */
  waiting: Condition[];
}

/** What the registration an approval gave is now: waiting for its conditions, active with its certificate, expired or revoked. */
function RegistrationState({ ctx, registration }: Ctx & { registration: Registration }) {
  const { t, locale } = ctx;
  if (registration.status === 'pending') return <WaitingConditions ctx={ctx} waiting={registration.waiting} />;
  if (registration.status === 'revoked') return <p class="govuk-body">{t('licensing.application.revoked')}</p>;
  const { validFrom, validUntil, verificationCode } = registration;
  if (!validFrom || !validUntil || !verificationCode) return null;
  const until = formatLocalDate(locale, validUntil);
  if (registration.expired) return <p class="govuk-body">{t('licensing.application.expired', { until })}</p>;
  const verify = href('licensing.verify', locale);
  return (
    <>
      <p class="govuk-body">{t('licensing.application.validity', { from: formatLocalDate(locale, validFrom), until })}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={href('licensing.certificate', locale, { registrationId: registration.id })} download>
          {t('licensing.application.certificate')}
        </a>
      </p>
      <p class="govuk-body">{t('licensing.application.verificationCode', { code: verificationCode })}</p>
      <p class="govuk-body">{t('licensing.application.verificationHint', { address: verify })}</p>
    </>
  );
}
