import type { DocumentVersion } from '../../documents/index.ts';
import { formatDateTime, formatLocalDate, formatMoney, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, TextArea, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { PersonPage } from '../../platform/views/person-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import { statusTag } from '../../platform/views/tag.tsx';
import type { RequestClock } from '../clock.ts';
import type { AccessRequest } from '../core.ts';
import { decisionLabels, dispositionLabels, feeLabels, StatusTag } from '../labels.ts';
import type { Disposition } from '../states.ts';
import { ClockLine } from '../views.tsx';
import type { letterText } from './letter.ts';
import { type AnswerInput, closeDispositions, decisionChoices, packageDispositions } from './schemas.ts';
import type { AccessRecord, Blocker, ReleaseService } from './service.ts';

export const DecisionTag = statusTag(decisionLabels, {
  pending: 'govuk-tag--grey',
  released_in_full: 'govuk-tag--green',
  released_in_part: 'govuk-tag--yellow',
  withheld: 'govuk-tag--red',
});

const blockerLabels = {
  not_in_progress: 'access.release.blocker.not_in_progress',
  no_records: 'access.release.blocker.no_records',
  pending: 'access.release.blocker.pending',
} as const satisfies Record<Blocker, MessageKey>;

const decisionHints = {
  released_in_full: 'access.release.decisionHint.released_in_full',
  released_in_part: 'access.release.decisionHint.released_in_part',
  withheld: 'access.release.decisionHint.withheld',
} as const satisfies Record<(typeof decisionChoices)[number], MessageKey>;

type View = Awaited<ReturnType<ReleaseService['view']>>;
type RecordView = View['records'][number];
export type Letter = ReturnType<typeof letterText>;

/** The pages of this part, and the workspace's request page, for the sub-navigation. */
type Section = 'access.release.records' | 'access.release.package' | 'access.release.close' | 'access.release.fee';
const sections: { page: Section; label: MessageKey }[] = [
  { page: 'access.release.records', label: 'access.release.nav.records' },
  { page: 'access.release.package', label: 'access.release.nav.package' },
  { page: 'access.release.close', label: 'access.release.nav.close' },
  { page: 'access.release.fee', label: 'access.release.nav.fee' },
];

interface Common {
  ctx: PageContext;
  organizationId: string;
  request: AccessRequest;
  clock: RequestClock;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
  problem?: string | undefined;
  notice?: MessageKey | undefined;
}

const day = (ctx: PageContext, date: string | null | undefined) => (date ? formatLocalDate(ctx.locale, date) : '—');

/** The request in one line (number, status, clock) and the links between this part's pages. */
function RequestHeader({ ctx, organizationId, request, clock, current }: Common & { current: Section | null }) {
  const { t, locale } = ctx;
  const params = { organizationId, requestId: request.id };
  return (
    <>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.release.field.number')}>{request.number}</SummaryRow>
        <SummaryRow label={t('access.release.field.status')}>
          <StatusTag ctx={ctx} status={request.status} /> {request.disposition && t(dispositionLabels[request.disposition])}
        </SummaryRow>
        <SummaryRow label={t('access.release.field.clock')}>
          <ClockLine ctx={ctx} clock={clock} closedOn={request.closedOn} />
        </SummaryRow>
      </dl>
      <nav aria-label={t('access.release.nav.label')} class="govuk-!-margin-bottom-6">
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={href('access.workspace.request', locale, params)}>
              {t('access.release.nav.request', { number: request.number })}
            </a>
          </li>
          {sections.map((s) => (
            <li key={s.page}>
              <a class="govuk-link" href={href(s.page, locale, params)} aria-current={current === s.page ? 'page' : undefined}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function FileLink({ ctx, version }: { ctx: PageContext; version: DocumentVersion | null }) {
  if (!version) return <>—</>;
  return (
    <a class="govuk-link" href={href('documents.download', ctx.locale, { versionId: version.id })}>
      {version.fileName}
    </a>
  );
}

/** The response letter sent, for the practitioner to read as the requester will. */
function LetterLink({ ctx, version }: { ctx: PageContext; version: DocumentVersion | null }) {
  if (!version) return null;
  return (
    <p class="govuk-body">
      {ctx.t('access.release.letterLink')} <FileLink ctx={ctx} version={version} />
    </p>
  );
}

/** A file field of a multipart form, with its hint and error. */
function FileField({ ctx, name, label, hint, errors }: { ctx: PageContext; name: string; label: MessageKey; hint: MessageKey; errors: FieldErrors | undefined }) {
  const { t } = ctx;
  const error = errors?.[name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={name}>
        {t(label)}
      </label>
      <div id={`${name}-hint`} class="govuk-hint">
        {t(hint)}
      </div>
      {error && (
        <p id={`${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
        </p>
      )}
      <input class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`} id={name} name={name} type="file" accept=".pdf,application/pdf" aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`} />
    </div>
  );
}

const pagesText = (ctx: PageContext, r: Pick<AccessRecord, 'decision' | 'pages' | 'pagesReleased'>) =>
  r.decision === 'pending' ? '—' : ctx.t('access.release.pagesOf', { released: r.decision === 'released_in_full' ? r.pages : r.decision === 'withheld' ? 0 : (r.pagesReleased ?? 0), total: r.pages });

function RecordsTable({ ctx, organizationId, request, records }: { ctx: PageContext; organizationId: string; request: AccessRequest; records: readonly RecordView[] }) {
  const { t, locale } = ctx;
  return (
    <div class="guichet-table-scroll">
      <Table headers={[t('access.release.field.title'), t('access.release.field.pages'), t('access.release.field.decision'), t('access.release.field.pagesReleased'), t('access.release.field.sections'), t('access.release.field.file')]}>
        {records.map((r) => (
          <tr class="govuk-table__row" key={r.id}>
            <td class="govuk-table__cell">
              <a class="govuk-link" href={href('access.release.record', locale, { organizationId, requestId: request.id, recordId: r.id })}>
                {r.title}
              </a>
            </td>
            <td class="govuk-table__cell">{r.pages}</td>
            <td class="govuk-table__cell">
              <DecisionTag ctx={ctx} status={r.decision} />
            </td>
            <td class="govuk-table__cell">{pagesText(ctx, r)}</td>
            <td class="govuk-table__cell">{r.exemptions.join(', ') || '—'}</td>
            <td class="govuk-table__cell">
              <FileLink ctx={ctx} version={r.file} />
              {r.redacted && (
                <>
                  <br />
                  {t('access.release.redacted')} <FileLink ctx={ctx} version={r.redacted} />
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

/** The records gathered for a request: the list with decisions and totals, and the upload of another record (while the request is open). */
export function RecordsPage(props: Common & { view: View }) {
  const { ctx, organizationId, request, view, errors } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const open = request.status !== 'closed';
  return (
    <PersonPage ctx={ctx} title={t('access.release.records.title', { number: request.number })} errors={errors} notice={props.notice} problem={props.problem}>
      <RequestHeader {...props} current="access.release.records" />
      <h2 class="govuk-heading-m">{t('access.release.records.listTitle')}</h2>
      {view.records.length === 0 ? (
        <p class="govuk-body">{t('access.release.records.none')}</p>
      ) : (
        <>
          <RecordsTable ctx={ctx} organizationId={organizationId} request={request} records={view.records} />
          <p class="govuk-body">{t('access.release.records.totals', { records: view.totals.records, pages: view.totals.pages, released: view.totals.pagesReleased, pending: view.totals.pending })}</p>
        </>
      )}
      <h2 class="govuk-heading-m">{t('access.release.records.addTitle')}</h2>
      {open ? (
        <form method="post" action={href('access.release.records', locale, { organizationId, requestId: request.id })} encType="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <TextField t={t} name="title" label="access.release.field.title" hint="access.release.field.titleHint" value={values.title ?? ''} errors={errors} />
          <TextField t={t} name="pages" label="access.release.field.pages" value={values.pages ?? ''} errors={errors} width="5" inputMode="numeric" />
          <FileField ctx={ctx} name="file" label="access.release.field.recordFile" hint="access.release.field.fileHint" errors={errors} />
          <Button secondary>{t('access.release.records.add')}</Button>
        </form>
      ) : (
        <p class="govuk-body">{t('access.release.records.closed')}</p>
      )}
    </PersonPage>
  );
}

/** One record: its file, and the decision of what is released of it (while the request is open). */
export function RecordPage(props: Common & { record: RecordView }) {
  const { ctx, organizationId, request, record, errors } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const open = request.status !== 'closed';
  const back = href('access.release.records', locale, { organizationId, requestId: request.id });
  return (
    <PersonPage ctx={ctx} title={t('access.release.record.title', { title: record.title })} errors={errors} notice={props.notice} problem={props.problem} back={back}>
      <RequestHeader {...props} current={null} />
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.release.field.file')}>
          <FileLink ctx={ctx} version={record.file} />
        </SummaryRow>
        <SummaryRow label={t('access.release.field.pages')}>{record.pages}</SummaryRow>
        <SummaryRow label={t('access.release.field.decision')}>
          <DecisionTag ctx={ctx} status={record.decision} />
        </SummaryRow>
        <SummaryRow label={t('access.release.field.pagesReleased')}>{pagesText(ctx, record)}</SummaryRow>
        <SummaryRow label={t('access.release.field.sections')}>{record.exemptions.join(', ') || '—'}</SummaryRow>
        <SummaryRow label={t('access.release.field.redactedFile')}>
          <FileLink ctx={ctx} version={record.redacted} />
        </SummaryRow>
        <SummaryRow label={t('access.release.field.decidedAt')}>{record.decidedAt ? formatDateTime(locale, record.decidedAt) : '—'}</SummaryRow>
      </dl>
      <h2 class="govuk-heading-m">{t('access.release.record.decideTitle')}</h2>
      {open ? (
        <form method="post" action={href('access.release.record', locale, { organizationId, requestId: request.id, recordId: record.id })} encType="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <Choice
            t={t}
            name="decision"
            label="access.release.field.decision"
            kind="radios"
            value={values.decision ?? (record.decision === 'pending' ? '' : record.decision)}
            options={decisionChoices.map((d) => ({ value: d, label: `${t(decisionLabels[d])} — ${t(decisionHints[d])}` }))}
            errors={errors}
          />
          <TextField t={t} name="exemptions" label="access.release.field.sections" hint="access.release.field.sectionsHint" value={values.exemptions ?? record.exemptions.join(', ')} errors={errors} />
          <TextField t={t} name="pagesReleased" label="access.release.field.pagesReleasedPart" hint="access.release.field.pagesReleasedHint" value={values.pagesReleased ?? (record.decision === 'released_in_part' ? String(record.pagesReleased ?? '') : '')} errors={errors} width="5" inputMode="numeric" />
          <FileField ctx={ctx} name="file" label="access.release.field.redactedUpload" hint={record.redacted ? 'access.release.field.redactedHintKept' : 'access.release.field.redactedHint'} errors={errors} />
          <Button>{t('access.release.record.save')}</Button>
        </form>
      ) : (
        <p class="govuk-body">{t('access.release.record.closed')}</p>
      )}
    </PersonPage>
  );
}

/** The response letter's words, as the PDF will print them in the reader's language. */
function LetterPreview({ ctx, letter }: { ctx: PageContext; letter: Letter }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="letter-preview" class="govuk-inset-text">
      <h2 class="govuk-heading-m" id="letter-preview">
        {t('access.release.preview.title')}
      </h2>
      <p class="govuk-body">{t('access.release.preview.lead')}</p>
      <h3 class="govuk-heading-s">{letter.title}</h3>
      <dl class="govuk-summary-list govuk-summary-list--no-border">
        {letter.facts.map((f) => (
          <SummaryRow key={f.label} label={f.label}>
            {f.value}
          </SummaryRow>
        ))}
      </dl>
      {letter.paragraphs.map((p, i) => (
        <p class="govuk-body" key={i}>
          {p}
        </p>
      ))}
      {letter.records && (
        <div class="guichet-table-scroll">
          <Table caption={letter.records.heading} captionSize="s" headers={letter.records.header}>
            {letter.records.rows.map((row, i) => (
              <tr class="govuk-table__row" key={i}>
                {row.map((cell, j) => (
                  <td class="govuk-table__cell" key={j}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        </div>
      )}
      {letter.sections && (
        <>
          <h3 class="govuk-heading-s">{letter.sections.heading}</h3>
          <p class="govuk-body">{letter.sections.text}</p>
        </>
      )}
      <h3 class="govuk-heading-s">{letter.complaint.heading}</h3>
      <p class="govuk-body">{letter.complaint.text}</p>
    </section>
  );
}

/** The disposition and the two summaries: the form of the package and of closing. */
function AnswerFields({ ctx, dispositions, values, errors }: { ctx: PageContext; dispositions: readonly Disposition[]; values: Record<string, string>; errors: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <Choice t={t} name="disposition" label="access.release.field.disposition" kind="radios" value={values.disposition ?? ''} options={dispositions.map((d) => ({ value: d, label: t(dispositionLabels[d]) }))} errors={errors} />
      <p class="govuk-hint">{t('access.release.field.summaryHint')}</p>
      <TextArea t={t} name="summaryFr" label="access.release.field.summaryFr" value={values.summaryFr ?? ''} errors={errors} />
      <TextArea t={t} name="summaryEn" label="access.release.field.summaryEn" value={values.summaryEn ?? ''} errors={errors} />
    </>
  );
}

/** The confirmation of an answer: what will be sent, said to be final, the fields carried hidden, the button that sends. */
function ConfirmAnswer({ ctx, action, back, confirm, warning, send }: { ctx: PageContext; action: string; back: string; confirm: AnswerInput; warning: MessageKey; send: MessageKey }) {
  const { t } = ctx;
  return (
    <>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.release.field.disposition')}>{t(dispositionLabels[confirm.disposition])}</SummaryRow>
        <SummaryRow label={t('access.release.field.summaryFr')}>{confirm.summaryFr}</SummaryRow>
        <SummaryRow label={t('access.release.field.summaryEn')}>{confirm.summaryEn}</SummaryRow>
      </dl>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">{t('access.release.warning')}</span>
          {t(warning)}
        </strong>
      </div>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <input type="hidden" name="disposition" value={confirm.disposition} />
        <input type="hidden" name="summaryFr" value={confirm.summaryFr} />
        <input type="hidden" name="summaryEn" value={confirm.summaryEn} />
        <input type="hidden" name="confirmed" value="yes" />
        <div class="govuk-button-group">
          <Button>{t(send)}</Button>
          <a class="govuk-link" href={back}>
            {t('access.release.change')}
          </a>
        </div>
      </Form>
    </>
  );
}

/**
 * The release package: what the requester will receive (the files released, their pages and the
 * sections applied, the records withheld), the disposition the decisions call for, the summaries,
 * and the response letter's preview; then the confirmation that delivers it.
 */
export function PackagePage(props: Common & { view: View; letter: Letter | null; confirm?: AnswerInput | undefined }) {
  const { ctx, organizationId, request, view, errors, confirm } = props;
  const { t, locale } = ctx;
  const action = href('access.release.package', locale, { organizationId, requestId: request.id });
  const released = view.records.filter((r) => r.decision === 'released_in_full' || r.decision === 'released_in_part');
  const withheld = view.records.filter((r) => r.decision === 'withheld');
  if (confirm) {
    return (
      <PersonPage ctx={ctx} title={t('access.release.package.confirmTitle', { number: request.number })} back={action}>
        <p class="govuk-body">{t('access.release.package.confirmLead', { files: released.length, pages: view.totals.pagesReleased })}</p>
        <ConfirmAnswer ctx={ctx} action={action} back={action} confirm={confirm} warning="access.release.package.final" send="access.release.package.send" />
        {props.letter && <LetterPreview ctx={ctx} letter={props.letter} />}
      </PersonPage>
    );
  }
  const values = { disposition: view.suggested ?? '', ...props.values };
  return (
    <PersonPage ctx={ctx} title={t('access.release.package.title', { number: request.number })} errors={errors} notice={props.notice} problem={props.problem}>
      <RequestHeader {...props} current="access.release.package" />
      {view.release ? (
        <>
          <p class="govuk-body">{t('access.release.package.delivered', { at: formatDateTime(locale, view.release.deliveredAt), pages: view.release.pagesReleased })}</p>
          <p class="govuk-body">{view.release.firstDownloadedAt ? t('access.release.package.downloaded', { at: formatDateTime(locale, view.release.firstDownloadedAt) }) : t('access.release.package.notDownloaded')}</p>
          <LetterLink ctx={ctx} version={view.letterVersion} />
        </>
      ) : null}
      <h2 class="govuk-heading-m">{t('access.release.package.releasedTitle')}</h2>
      {released.length === 0 ? (
        <p class="govuk-body">{t('access.release.package.noneReleased')}</p>
      ) : (
        <div class="guichet-table-scroll">
          <Table headers={[t('access.release.field.title'), t('access.release.field.decision'), t('access.release.field.pagesReleased'), t('access.release.field.sections'), t('access.release.field.releasedFile')]}>
            {released.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">{r.title}</td>
                <td class="govuk-table__cell">
                  <DecisionTag ctx={ctx} status={r.decision} />
                </td>
                <td class="govuk-table__cell">{pagesText(ctx, r)}</td>
                <td class="govuk-table__cell">{r.exemptions.join(', ') || '—'}</td>
                <td class="govuk-table__cell">
                  <FileLink ctx={ctx} version={r.decision === 'released_in_part' ? r.redacted : r.file} />
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      <h2 class="govuk-heading-m">{t('access.release.package.withheldTitle')}</h2>
      {withheld.length === 0 ? (
        <p class="govuk-body">{t('access.release.package.noneWithheld')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {withheld.map((r) => (
            <li key={r.id}>{t('access.release.package.withheldLine', { title: r.title, pages: r.pages, sections: r.exemptions.join(', ') })}</li>
          ))}
        </ul>
      )}
      <p class="govuk-body">{t('access.release.package.sections', { sections: view.sections.join(', ') || '—' })}</p>
      <p class="govuk-body">{t('access.release.records.totals', { records: view.totals.records, pages: view.totals.pages, released: view.totals.pagesReleased, pending: view.totals.pending })}</p>

      {view.blockers.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">{t('access.release.package.cannotTitle')}</h2>
          <ul class="govuk-list govuk-list--bullet" data-blockers>
            {view.blockers.map((b) => (
              <li key={b}>{t(blockerLabels[b], { pending: view.totals.pending })}</li>
            ))}
          </ul>
          <button type="button" class="govuk-button" disabled aria-disabled="true">
            {t('access.release.package.continue')}
          </button>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">{t('access.release.package.answerTitle')}</h2>
          {view.suggested && <p class="govuk-body">{t('access.release.package.suggested', { disposition: t(dispositionLabels[view.suggested]) })}</p>}
          <Form action={action} csrfToken={ctx.csrfToken}>
            <AnswerFields ctx={ctx} dispositions={packageDispositions} values={values} errors={errors} />
            <Button>{t('access.release.package.continue')}</Button>
          </Form>
        </>
      )}
      {props.letter && <LetterPreview ctx={ctx} letter={props.letter} />}
    </PersonPage>
  );
}

/** Closing without a release: the dispositions this request's state allows (each other one says why not), the summaries, and the confirmation with the letter. */
export function ClosePage(props: Common & { allowed: readonly Disposition[]; letter: Letter | null; letterVersion: DocumentVersion | null; confirm?: AnswerInput | undefined }) {
  const { ctx, organizationId, request, errors, confirm, allowed } = props;
  const { t, locale } = ctx;
  const action = href('access.release.close', locale, { organizationId, requestId: request.id });
  if (confirm) {
    return (
      <PersonPage ctx={ctx} title={t('access.release.close.confirmTitle', { number: request.number })} back={action}>
        <ConfirmAnswer ctx={ctx} action={action} back={action} confirm={confirm} warning="access.release.close.final" send="access.release.close.send" />
        {props.letter && <LetterPreview ctx={ctx} letter={props.letter} />}
      </PersonPage>
    );
  }
  const refused = closeDispositions.filter((d) => !allowed.includes(d));
  return (
    <PersonPage ctx={ctx} title={t('access.release.close.title', { number: request.number })} errors={errors} notice={props.notice} problem={props.problem}>
      <RequestHeader {...props} current="access.release.close" />
      <p class="govuk-body">{t('access.release.close.lead')}</p>
      {allowed.length === 0 ? (
        <>
          <p class="govuk-body">{t(request.status === 'closed' ? 'access.release.close.alreadyClosed' : 'access.release.close.none')}</p>
          <LetterLink ctx={ctx} version={props.letterVersion} />
        </>
      ) : (
        <Form action={action} csrfToken={ctx.csrfToken}>
          <AnswerFields ctx={ctx} dispositions={allowed} values={props.values ?? {}} errors={errors} />
          <Button>{t('access.release.close.continue')}</Button>
        </Form>
      )}
      {request.status !== 'closed' && refused.length > 0 && (
        <>
          <h2 class="govuk-heading-s">{t('access.release.close.unavailableTitle')}</h2>
          <ul class="govuk-list govuk-list--bullet">
            {refused.map((d) => (
              <li key={d}>{t(d === 'abandoned' ? 'access.release.close.abandonOnly' : 'access.release.close.inProgressOnly', { disposition: t(dispositionLabels[d]) })}</li>
            ))}
          </ul>
        </>
      )}
    </PersonPage>
  );
}

/** The fee: its state; waive it or record a cheque while it is awaited; refund it once when it was paid online. */
export function FeePage(props: Common & { invoice: { number: string; totalCents: number; status: string } | null }) {
  const { ctx, organizationId, request, errors, invoice } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const action = href('access.release.fee', locale, { organizationId, requestId: request.id });
  const refundable = request.feeStatus === 'paid' && invoice !== null;
  return (
    <PersonPage ctx={ctx} title={t('access.release.fee.title', { number: request.number })} errors={errors} notice={props.notice} problem={props.problem}>
      <RequestHeader {...props} current="access.release.fee" />
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.release.fee.status')}>{t(feeLabels[request.feeStatus])}</SummaryRow>
        <SummaryRow label={t('access.release.fee.note')}>{request.feeNote ?? '—'}</SummaryRow>
        <SummaryRow label={t('access.release.fee.invoice')}>{invoice ? t('access.release.fee.invoiceLine', { number: invoice.number, amount: formatMoney(locale, invoice.totalCents) }) : '—'}</SummaryRow>
        <SummaryRow label={t('access.release.fee.received')}>{day(ctx, request.receivedOn)}</SummaryRow>
      </dl>
      {request.status === 'awaiting_fee' ? (
        <>
          <h2 class="govuk-heading-m">{t('access.release.fee.waiveTitle')}</h2>
          <p class="govuk-body">{t('access.release.fee.startsClock')}</p>
          <Form action={action} csrfToken={ctx.csrfToken}>
            <input type="hidden" name="action" value="waive" />
            <TextArea t={t} name="reason" label="access.release.fee.waiveReason" value={values.action === 'waive' ? values.reason : ''} errors={values.action === 'waive' ? errors : undefined} />
            <Button secondary>{t('access.release.fee.waive')}</Button>
          </Form>
          <h2 class="govuk-heading-m">{t('access.release.fee.recordTitle')}</h2>
          <Form action={action} csrfToken={ctx.csrfToken}>
            <input type="hidden" name="action" value="record" />
            <TextArea t={t} name="note" label="access.release.fee.recordNote" value={values.action === 'record' ? values.note : ''} errors={values.action === 'record' ? errors : undefined} />
            <Button secondary>{t('access.release.fee.record')}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t('access.release.fee.notAwaited')}</p>
      )}
      <h2 class="govuk-heading-m">{t('access.release.fee.refundTitle')}</h2>
      {refundable ? (
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="action" value="refund" />
          <TextArea t={t} name="reason" label="access.release.fee.refundReason" value={values.action === 'refund' ? values.reason : ''} errors={values.action === 'refund' ? errors : undefined} />
          <Button secondary>{t('access.release.fee.refund')}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t(request.feeStatus === 'refunded' ? 'access.release.fee.alreadyRefunded' : request.feeStatus === 'paid' ? 'access.release.fee.notOnline' : 'access.release.fee.nothingToRefund')}</p>
      )}
    </PersonPage>
  );
}
