import { formatDateTime, formatLocalDate, formatMoney, type Bilingual, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, FieldError, Form, InlineForm, TextAreaValue, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { PersonPage } from '../../platform/views/person-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { AccessRequest } from '../core.ts';
import { actLabels, categoryLabels, decisionLabels, feeLabels, StatusTag } from '../labels.ts';
import { ClockLine, ClockPanel } from '../views.tsx';
import type { RequestClock } from '../clock.ts';
import { requesterCategories } from '../states.ts';
import { type Answers, formats, type Step } from './schemas.ts';
import type { TrackingView } from './service.ts';

type Ctx = { ctx: PageContext };

const formatLabels = { electronic: 'access.public.format.electronic', paper: 'access.public.format.paper' } as const satisfies Record<(typeof formats)[number], MessageKey>;
const noticeKindLabels = { extension: 'access.public.request.notice.extension', commissioner: 'access.public.request.notice.commissioner', response: 'access.public.request.notice.response' } as const satisfies Record<'extension' | 'commissioner' | 'response', MessageKey>;

const questionTitles = {
  act: 'access.public.question.act.title',
  institution: 'access.public.question.institution.title',
  records: 'access.public.question.records.title',
  format: 'access.public.question.format.title',
  requester: 'access.public.question.requester.title',
  identity: 'access.public.question.identity.title',
  check: 'access.public.check.title',
} as const satisfies Record<Step, MessageKey>;

const questionHelp = {
  act: 'access.public.question.act.help',
  institution: 'access.public.question.institution.help',
  records: 'access.public.question.records.help',
  format: 'access.public.question.format.help',
  requester: 'access.public.question.requester.help',
  identity: 'access.public.question.identity.help',
} as const satisfies Record<Exclude<Step, 'check'>, MessageKey>;

const day = (ctx: PageContext, date: string) => formatLocalDate(ctx.locale, date);

/** "Help with this question": a details element (works without script). */
function Help({ ctx, text }: Ctx & { text: MessageKey }) {
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{ctx.t('access.public.help')}</span>
      </summary>
      <div class="govuk-details__text">{ctx.t(text)}</div>
    </details>
  );
}

/** The public service's start page: what each act gives, the fee, what is needed, start or track. */
export function StartPage({ ctx, signedIn, resume }: Ctx & { signedIn: boolean; resume: boolean }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.public.start.title')}>
      <p class="govuk-body-l">{t('access.public.start.lead')}</p>
      <h2 class="govuk-heading-m">{t('access.act.access')}</h2>
      <p class="govuk-body">{t('access.public.start.access')}</p>
      <p class="govuk-body">
        <strong>{t('access.public.start.accessFee')}</strong>
      </p>
      <h2 class="govuk-heading-m">{t('access.act.privacy')}</h2>
      <p class="govuk-body">{t('access.public.start.privacy')}</p>
      <p class="govuk-body">
        <strong>{t('access.public.start.privacyFee')}</strong>
      </p>
      <h2 class="govuk-heading-m">{t('access.public.start.needTitle')}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t('access.public.start.need.what')}</li>
        <li>{t('access.public.start.need.email')}</li>
        <li>{t('access.public.start.need.card')}</li>
        <li>{t('access.public.start.need.identity')}</li>
      </ul>
      <p class="govuk-body">{t('access.public.start.time')}</p>
      <a href={href('access.public.question', locale, { step: resume ? 'check' : 'act' })} role="button" draggable={false} class="govuk-button govuk-button--start" data-module="govuk-button">
        {t(resume ? 'access.public.start.resume' : 'access.public.start.button')}
      </a>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={href('access.public.track', locale)}>
            {t('access.public.start.track')}
          </a>
        </li>
        {signedIn && (
          <li>
            <a class="govuk-link" href={href('access.public.mine', locale)}>
              {t('access.public.start.mine')}
            </a>
          </li>
        )}
      </ul>
    </PersonPage>
  );
}

export interface QuestionProps {
  step: Exclude<Step, 'check'>;
  answers: Answers;
  /** What the fields show: the answers kept, or what was just typed. */
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
  problem?: string | undefined;
  institutions: { id: string; name: Bilingual }[];
  back: string;
  fromCheck: boolean;
  signedIn: boolean;
  identityFile: string | null;
}

/** One question of the form, with its hint and help; the answers kept on the server between pages. */
export function QuestionPage({ ctx, step, answers, values, errors, problem, institutions, back, fromCheck, signedIn, identityFile }: Ctx & QuestionProps) {
  const { t, locale } = ctx;
  const action = href('access.public.question', locale, { step });
  const v = (name: string) => values[name] ?? '';
  const hidden = fromCheck ? <input type="hidden" name="from" value="check" /> : null;
  const title = t(questionTitles[step]);
  const caption = <span class="govuk-caption-l">{t(answers.act === 'privacy' ? 'access.public.caption.privacy' : 'access.public.caption.access')}</span>;
  const fields = (() => {
    switch (step) {
      case 'act':
        return (
          <>
            <Choice t={t} kind="radios" name="act" label="access.public.question.act.label" value={v('act')} errors={errors} options={[{ value: 'access', label: t('access.public.question.act.access') }, { value: 'privacy', label: t('access.public.question.act.privacy') }]} />
          </>
        );
      case 'institution':
        return <Choice t={t} kind="select" name="organizationId" label="access.public.question.institution.label" value={v('organizationId')} errors={errors} options={institutions.map((i) => ({ value: i.id, label: i.name[locale] }))} />;
      case 'records':
        return (
          <>
            <div class={`govuk-form-group${errors?.description ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--s" for="description">
                {t(answers.act === 'privacy' ? 'access.public.question.records.labelPrivacy' : 'access.public.question.records.label')}
              </label>
              <div id="description-hint" class="govuk-hint">
                {t('access.public.question.records.hint')}
              </div>
              <FieldError t={t} name="description" error={errors?.description} />
              <textarea class={`govuk-textarea${errors?.description ? ' govuk-textarea--error' : ''}`} id="description" name="description" rows={6} aria-describedby={`description-hint${errors?.description ? ' description-error' : ''}`}>
                <TextAreaValue name="description" value={v('description')} />
              </textarea>
            </div>
            <TextField t={t} name="periodFrom" label="access.public.question.records.from" hint="access.public.question.records.dayHint" value={v('periodFrom')} errors={errors} width="10" />
            <TextField t={t} name="periodTo" label="access.public.question.records.to" hint="access.public.question.records.dayHint" value={v('periodTo')} errors={errors} width="10" />
          </>
        );
      case 'format':
        return <Choice t={t} kind="radios" name="format" label="access.public.question.format.label" value={v('format')} errors={errors} options={formats.map((f) => ({ value: f, label: t(formatLabels[f]) }))} />;
      case 'requester':
        return (
          <>
            <TextField t={t} name="name" label="access.public.question.requester.name" value={v('name')} errors={errors} autocomplete="name" />
            <TextField t={t} name="email" label="field.email" hint="access.public.question.requester.emailHint" type="email" value={v('email')} errors={errors} autocomplete="email" />
            <TextField t={t} name="phone" label="field.phone" value={v('phone')} errors={errors} autocomplete="tel" width="20" />
            <Choice t={t} kind="radios" name="category" label="access.public.question.requester.category" value={v('category')} errors={errors} options={requesterCategories.map((c) => ({ value: c, label: t(categoryLabels[c]) }))} />
          </>
        );
      case 'identity':
        return null;
    }
  })();
  return (
    <PersonPage ctx={ctx} title={title} errors={errors} problem={problem} back={back}>
      {caption}
      <p class="govuk-body">{t(questionHelp[step])}</p>
      <Help ctx={ctx} text={questionHelpMore[step]} />
      {step === 'identity' ? (
        <IdentityStep ctx={ctx} action={action} signedIn={signedIn} identityFile={identityFile} errors={errors} fromCheck={fromCheck} />
      ) : (
        <Form action={action} csrfToken={ctx.csrfToken}>
          {hidden}
          {fields}
          <Button>{t(fromCheck ? 'access.public.saveAndCheck' : 'access.public.continue')}</Button>
        </Form>
      )}
    </PersonPage>
  );
}

const questionHelpMore = {
  act: 'access.public.question.act.more',
  institution: 'access.public.question.institution.more',
  records: 'access.public.question.records.more',
  format: 'access.public.question.format.more',
  requester: 'access.public.question.requester.more',
  identity: 'access.public.question.identity.more',
} as const satisfies Record<Exclude<Step, 'check'>, MessageKey>;

/** The identity proof: only a signed-in person uploads one (the file is theirs, and the request too). */
function IdentityStep({ ctx, action, signedIn, identityFile, errors, fromCheck }: Ctx & { action: string; signedIn: boolean; identityFile: string | null; errors?: FieldErrors | undefined; fromCheck: boolean }) {
  const { t, locale } = ctx;
  if (!signedIn) {
    return (
      <div class="govuk-inset-text" data-sign-in>
        <p class="govuk-body">{t('access.public.question.identity.signIn')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={href('signIn', locale)}>
            {t('access.public.question.identity.signInLink')}
          </a>{' '}
          {t('access.public.question.identity.or')}{' '}
          <a class="govuk-link" href={href('signUp', locale)}>
            {t('access.public.question.identity.signUpLink')}
          </a>
        </p>
        <p class="govuk-body">{t('access.public.question.identity.comeBack')}</p>
      </div>
    );
  }
  return (
    <>
      {identityFile && (
        <p class="govuk-body" data-identity-file>
          {t('access.public.question.identity.uploaded', { file: identityFile })}
        </p>
      )}
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {fromCheck && <input type="hidden" name="from" value="check" />}
        <div class={`govuk-form-group${errors?.file ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="file">
            {t(identityFile ? 'access.public.question.identity.replace' : 'access.public.question.identity.label')}
          </label>
          <div id="file-hint" class="govuk-hint">
            {t('access.public.question.identity.hint')}
          </div>
          <FieldError t={t} name="file" error={errors?.file} />
          <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-describedby="file-hint" />
        </div>
        <Button>{t('access.public.question.identity.upload')}</Button>
      </form>
      {identityFile && (
        <p class="govuk-body">
          <a class="govuk-link" href={href('access.public.question', locale, { step: 'check' })}>
            {t('access.public.continue')}
          </a>
        </p>
      )}
    </>
  );
}

/** Check your answers: each with its change link; the button sends the request. */
export function CheckPage({ ctx, answers, institution, identityFile, back, problem }: Ctx & { answers: Answers; institution: Bilingual | null; identityFile: string | null; back: string; problem?: string | undefined }) {
  const { t, locale } = ctx;
  const change = (step: Step, hidden: MessageKey) => ({ href: `${href('access.public.question', locale, { step })}?from=check`, label: t('access.public.check.change'), hidden: t(hidden) });
  const period = answers.periodFrom || answers.periodTo ? t('access.public.check.period', { from: answers.periodFrom ? day(ctx, answers.periodFrom) : '…', to: answers.periodTo ? day(ctx, answers.periodTo) : '…' }) : t('access.public.check.noPeriod');
  return (
    <PersonPage ctx={ctx} title={t('access.public.check.title')} back={back} problem={problem}>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.public.check.act')} action={change('act', 'access.public.check.act')}>
          {answers.act ? t(actLabels[answers.act]) : ''}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.institution')} action={change('institution', 'access.public.check.institution')}>
          {institution?.[locale] ?? ''}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.description')} action={change('records', 'access.public.check.description')}>
          <span class="guichet-preserve-lines">{answers.description ?? ''}</span>
        </SummaryRow>
        <SummaryRow label={t('access.public.check.periodLabel')} action={change('records', 'access.public.check.periodLabel')}>
          {period}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.format')} action={change('format', 'access.public.check.format')}>
          {answers.format ? t(formatLabels[answers.format]) : ''}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.name')} action={change('requester', 'access.public.check.name')}>
          {answers.name ?? ''}
        </SummaryRow>
        <SummaryRow label={t('field.email')} action={change('requester', 'field.email')}>
          {answers.email ?? ''}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.phone')} action={change('requester', 'access.public.check.phone')}>
          {answers.phone || t('access.public.check.none')}
        </SummaryRow>
        <SummaryRow label={t('access.public.check.category')} action={change('requester', 'access.public.check.category')}>
          {answers.category ? t(categoryLabels[answers.category]) : ''}
        </SummaryRow>
        {answers.act === 'privacy' && (
          <SummaryRow label={t('access.public.check.identity')} action={change('identity', 'access.public.check.identity')}>
            {identityFile ?? ''}
          </SummaryRow>
        )}
      </dl>
      <h2 class="govuk-heading-m">{t('access.public.check.sendTitle')}</h2>
      <p class="govuk-body">{t(answers.act === 'access' ? 'access.public.check.sendAccess' : 'access.public.check.sendPrivacy')}</p>
      <Form action={href('access.public.question', locale, { step: 'check' })} csrfToken={ctx.csrfToken}>
        <Button>{t('access.public.check.send')}</Button>
      </Form>
    </PersonPage>
  );
}

/** The tracking link's token as a hidden field (a guest's forms carry it; a signed-in requester needs none). */
const TokenField = ({ token }: { token: string | null }) => (token ? <input type="hidden" name="t" value={token} /> : null);
const withToken = (path: string, token: string | null) => (token ? `${path}?t=${encodeURIComponent(token)}` : path);

/** The fee line: to pay (the button), paid (receipt), or none. */
function Fee({ ctx, request, invoice, token }: Ctx & { request: AccessRequest; invoice: TrackingView['invoice']; token: string | null }) {
  const { t, locale } = ctx;
  if (request.feeStatus !== 'due' || !invoice || invoice.status !== 'open') {
    return (
      <p class="govuk-body" data-fee={request.feeStatus}>
        {t(feeLabels[request.feeStatus])}
        {invoice?.receiptNumber && request.feeStatus === 'paid' ? ` — ${t('access.public.fee.receipt', { number: invoice.receiptNumber })}` : ''}
      </p>
    );
  }
  // A signed-in requester's invoice is theirs: it is paid on billing's page; a guest's here, by the link.
  const action = invoice.accountId ? href('billing.pay', locale, { invoiceId: invoice.id }) : href('access.public.pay', locale, { requestId: request.id });
  return (
    <div data-fee="due">
      <p class="govuk-body">{t('access.public.fee.due', { amount: formatMoney(locale, invoice.totalCents) })}</p>
      <InlineForm action={action} csrfToken={ctx.csrfToken} {...(token && !invoice.accountId ? { fields: { t: token } } : {})}>
        <button type="submit" class="govuk-button">
          {t('access.public.fee.pay', { amount: formatMoney(locale, invoice.totalCents) })}
        </button>
      </InlineForm>
    </div>
  );
}

/** The confirmation: the number, the tracking link, and the fee to pay when due. */
export function SubmittedPage({ ctx, request, view, token, trackingUrl }: Ctx & { request: AccessRequest; view: TrackingView; token: string | null; trackingUrl: string }) {
  const { t } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.public.submitted.title')}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h2 class="govuk-panel__title govuk-!-font-size-27">{t('access.public.submitted.number')}</h2>
        <div class="govuk-panel__body" data-number>
          <strong>{request.number}</strong>
        </div>
      </div>
      <p class="govuk-body">{t('access.public.submitted.mailed', { email: request.requesterEmail ?? '' })}</p>
      <Fee ctx={ctx} request={request} invoice={view.invoice} token={token} />
      <h2 class="govuk-heading-m">{t('access.public.submitted.next')}</h2>
      <p class="govuk-body">{t(request.feeStatus === 'due' ? 'access.public.submitted.nextFee' : 'access.public.submitted.nextClock')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={trackingUrl} data-tracking-link>
          {t('access.public.submitted.track')}
        </a>
      </p>
      {token && <p class="govuk-body">{t('access.public.submitted.keepLink')}</p>}
    </PersonPage>
  );
}

/** The tracking page: status, clock, fee, the clarification asked, the notices and the release. */
export function TrackingPage({ ctx, request, view, token, errors, values, notice }: Ctx & { request: AccessRequest; view: TrackingView; token: string | null; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const file = (versionId: string) => withToken(href('access.public.file', locale, { requestId: request.id, versionId }), token);
  return (
    <PersonPage ctx={ctx} title={t('access.public.request.title', { number: request.number })} errors={errors} notice={notice}>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.public.check.act')}>{t(actLabels[request.act])}</SummaryRow>
        <SummaryRow label={t('access.public.check.institution')}>{view.institution[locale]}</SummaryRow>
        <SummaryRow label={t('access.public.request.status')}>
          <StatusTag ctx={ctx} status={request.status} />
        </SummaryRow>
        <SummaryRow label={t('access.public.request.submittedAt')}>{formatDateTime(locale, request.submittedAt)}</SummaryRow>
        <SummaryRow label={t('access.public.check.description')}>
          <span class="guichet-preserve-lines">{request.description}</span>
        </SummaryRow>
      </dl>
      <h2 class="govuk-heading-m">{t('access.public.request.fee')}</h2>
      <Fee ctx={ctx} request={request} invoice={view.invoice} token={token} />
      {view.stop && request.status === 'awaiting_clarification' && (
        <section aria-labelledby="clarification" data-clarification>
          <h2 class="govuk-heading-m" id="clarification">
            {t('access.public.request.clarificationTitle')}
          </h2>
          <p class="govuk-body">{t('access.public.request.clarificationAsked', { date: day(ctx, view.stop.startedOn) })}</p>
          <div class="govuk-inset-text guichet-preserve-lines">{view.stop.question}</div>
          <Form action={href('access.public.clarify', locale, { requestId: request.id })} csrfToken={ctx.csrfToken}>
            <TokenField token={token} />
            <div class={`govuk-form-group${errors?.answer ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label govuk-label--s" for="answer">
                {t('access.public.request.answer')}
              </label>
              <div id="answer-hint" class="govuk-hint">
                {t('access.public.request.answerHint')}
              </div>
              <FieldError t={t} name="answer" error={errors?.answer} />
              <textarea class={`govuk-textarea${errors?.answer ? ' govuk-textarea--error' : ''}`} id="answer" name="answer" rows={5} aria-describedby={`answer-hint${errors?.answer ? ' answer-error' : ''}`}>
                <TextAreaValue name="answer" value={values?.answer ?? ''} />
              </textarea>
            </div>
            <Button>{t('access.public.request.send')}</Button>
          </Form>
        </section>
      )}
      <ClockPanel ctx={ctx} clock={view.clock} closedOn={request.closedOn} />
      {view.notices.length > 0 && (
        <section aria-labelledby="notices">
          <h2 class="govuk-heading-m" id="notices">
            {t('access.public.request.notices')}
          </h2>
          <ul class="govuk-list" data-notices>
            {view.notices.map((n) => (
              <li key={n.id}>
                {t(noticeKindLabels[n.kind])} — {formatDateTime(locale, n.sentAt)}
                {n.versionId && (
                  <>
                    {' '}
                    <a class="govuk-link" href={file(n.versionId)}>
                      {t('access.public.request.letter')}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.release && (
        <section aria-labelledby="release" data-release>
          <h2 class="govuk-heading-m" id="release">
            {t('access.public.request.release')}
          </h2>
          <p class="govuk-body">{t('access.public.request.releaseLead', { date: formatDateTime(locale, view.release.deliveredAt), pages: view.release.pagesReleased })}</p>
          {view.release.letterVersionId && (
            <p class="govuk-body">
              <a class="govuk-link" href={file(view.release.letterVersionId)}>
                {t('access.public.request.responseLetter')}
              </a>
            </p>
          )}
          {view.release.files.length > 0 && (
            <>
              <Table headers={[t('access.public.request.fileTitle'), t('access.public.request.fileDecision'), t('access.public.request.filePages'), t('access.public.request.fileExemptions')]}>
                {view.release.files.map((f) => (
                  <tr class="govuk-table__row" key={f.versionId} data-file={f.versionId}>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={file(f.versionId)}>
                        {f.title}
                      </a>
                    </td>
                    <td class="govuk-table__cell">{t(decisionLabels[f.decision])}</td>
                    <td class="govuk-table__cell">{f.pages}</td>
                    <td class="govuk-table__cell">{f.exemptions.length > 0 ? f.exemptions.join(', ') : t('access.public.check.none')}</td>
                  </tr>
                ))}
              </Table>
            </>
          )}
        </section>
      )}
    </PersonPage>
  );
}

/** Back from the payment page: paid, being confirmed (the page refreshes itself), or not paid. */
export function PaymentReturnPage({ ctx, request, state, trackingUrl }: Ctx & { request: AccessRequest; state: 'paid' | 'pending' | 'failed'; trackingUrl: string }) {
  const { t } = ctx;
  const titles = { paid: 'access.public.payment.paid', pending: 'access.public.payment.pending', failed: 'access.public.payment.failed' } as const satisfies Record<typeof state, MessageKey>;
  return (
    <PersonPage ctx={ctx} title={t(titles[state], { number: request.number })}>
      <p class="govuk-body" data-state={state}>
        {t(state === 'paid' ? 'access.public.payment.paidLead' : state === 'pending' ? 'access.public.payment.pendingLead' : 'access.public.payment.failedLead')}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={trackingUrl}>
          {t('access.public.submitted.track')}
        </a>
      </p>
    </PersonPage>
  );
}

/** "Track a request": number and email; the same answer whether they match or not. */
export function TrackPage({ ctx, errors, values, sent, signedIn }: Ctx & { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; sent: boolean; signedIn: boolean }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.public.track.title')} errors={errors}>
      {sent && (
        <div class="govuk-inset-text" role="status" data-sent>
          {t('access.public.track.sent')}
        </div>
      )}
      <p class="govuk-body">{t('access.public.track.lead')}</p>
      {signedIn && (
        <p class="govuk-body">
          <a class="govuk-link" href={href('access.public.mine', locale)}>
            {t('access.public.start.mine')}
          </a>
        </p>
      )}
      <Form action={href('access.public.track', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="number" label="access.public.track.number" hint="access.public.track.numberHint" value={values?.number ?? ''} errors={errors} width="20" />
        <TextField t={t} name="email" label="field.email" type="email" value={values?.email ?? ''} errors={errors} autocomplete="email" />
        <Button>{t('access.public.track.send')}</Button>
      </Form>
    </PersonPage>
  );
}

/** A signed-in person's requests at the portal's authority. */
export function MinePage({ ctx, rows }: Ctx & { rows: { request: AccessRequest; institution: Bilingual; clock: RequestClock }[] }) {
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.public.mine.title')}>
      {rows.length === 0 ? (
        <p class="govuk-body" data-empty>
          {t('access.public.mine.none')}
        </p>
      ) : (
        <>
          <Table headers={[t('access.public.mine.number'), t('access.public.check.institution'), t('access.public.request.status'), t('access.clock.due')]}>
            {rows.map((r) => (
              <tr class="govuk-table__row" key={r.request.id} data-request={r.request.number}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('access.public.request', locale, { requestId: r.request.id })}>
                    {r.request.number}
                  </a>
                </td>
                <td class="govuk-table__cell">{r.institution[locale]}</td>
                <td class="govuk-table__cell">
                  <StatusTag ctx={ctx} status={r.request.status} />
                </td>
                <td class="govuk-table__cell">
                  {r.clock.due && r.clock.state !== 'stopped' && r.clock.state !== 'closed' ? `${day(ctx, r.clock.due.due)} — ` : ''}
                  <ClockLine ctx={ctx} clock={r.clock} closedOn={r.request.closedOn} />
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <a class="govuk-button" href={href('access.public.start', locale)}>
        {t('access.public.mine.new')}
      </a>
    </PersonPage>
  );
}

