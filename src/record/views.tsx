import type { ComponentChildren } from 'preact';
import { type AssignableStaff, type MedianDecisionTime, type QueueCounts, type QueueFilters, type QueueRow, ReviewQueue, type Review, ReviewStatusTag, ReviewTimeline, StaffAssignForm, type TimelineEntry, WaitSummary } from '../casework/index.ts';
import type { Document } from '../documents/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import type { LocalDate } from '../platform/calendar.ts';
import { formatDateTime, formatLocalDate, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, CheckboxItem, Choice, FilterSelect, Form, InlineForm, Notice, TextArea, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import { KIND_NAMES, REPORT_WITHIN_DAYS } from './kinds.ts';
import type { ChangeRequest, ToDo } from './queries.ts';
import { LANGUAGES, PROFICIENCIES } from './schemas.ts';
import type { ChangeKind, ChangeStatus, otherRegistrations, previousNames, Proficiency, registrantProfiles } from './schema.ts';
import { describe, type Recipient } from './service.ts';

type Ctx = { ctx: PageContext };
type Values = Record<string, string> | undefined;

export const statusLabels = {
  draft: 'record.status.draft',
  confirming: 'record.status.confirming',
  submitted: 'record.status.submitted',
  returned: 'record.status.returned',
  applied: 'record.status.applied',
  refused: 'record.status.refused',
  withdrawn: 'record.status.withdrawn',
} as const satisfies Record<ChangeStatus, MessageKey>;

const StatusTag = statusTag(statusLabels, {
  draft: 'govuk-tag--grey',
  confirming: 'govuk-tag--yellow',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  applied: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
});

export const proficiencyLabels = {
  basic: 'record.proficiency.basic',
  intermediate: 'record.proficiency.intermediate',
  advanced: 'record.proficiency.advanced',
  native: 'record.proficiency.native',
} as const satisfies Record<Proficiency, MessageKey>;

export const languageLabels = {
  fr: 'record.language.fr',
  en: 'record.language.en',
  es: 'record.language.es',
  ar: 'record.language.ar',
  zh: 'record.language.zh',
  pa: 'record.language.pa',
  tl: 'record.language.tl',
  it: 'record.language.it',
  de: 'record.language.de',
  pt: 'record.language.pt',
  fa: 'record.language.fa',
  ur: 'record.language.ur',
  vi: 'record.language.vi',
  ru: 'record.language.ru',
  ht: 'record.language.ht',
  iu: 'record.language.iu',
  cr: 'record.language.cr',
} as const satisfies Record<(typeof LANGUAGES)[number], MessageKey>;

const isLanguage = (code: string): code is keyof typeof languageLabels => Object.hasOwn(languageLabels, code);
const day = (ctx: PageContext, date: string | null) => (date ? formatLocalDate(ctx.locale, date) : '—');

function Page({ ctx, title, errors, notice, children }: Ctx & { title: string; errors?: FieldErrors | undefined; notice?: MessageKey | undefined; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <a class="govuk-back-link" href={href('record.summary', ctx.locale)}>
        {ctx.t('record.back')}
      </a>
      {notice && <Notice>{ctx.t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{title}</h1>
      {children}
    </Layout>
  );
}

/** The days left to report, or how late: what the record page and the reminder say alike. */
function DaysLeft({ ctx, item }: Ctx & { item: ToDo }) {
  const { t } = ctx;
  if (item.daysLeft < 0) return <strong class="govuk-tag govuk-tag--red">{t('record.todo.overdue', { days: -item.daysLeft })}</strong>;
  return <span>{t('record.todo.daysLeft', { days: item.daysLeft, date: day(ctx, item.dueOn) })}</span>;
}

function ToDoList({ ctx, todo }: Ctx & { todo: readonly ToDo[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="todo" data-todo>
      <h2 class="govuk-heading-m" id="todo">
        {t('record.todo.title')}
      </h2>
      <p class="govuk-body">{t('record.todo.duty', { days: REPORT_WITHIN_DAYS })}</p>
      {todo.length === 0 ? (
        <p class="govuk-body">{t('record.todo.none')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {todo.map((item) => (
            <li key={item.request.id} data-todo-item={item.request.reference}>
              <a class="govuk-link" href={href('record.request', ctx.locale, { requestId: item.request.id })}>
                {describe(t, item.request)}
              </a>{' '}
              — {t(statusLabels[item.request.status])}. <DaysLeft ctx={ctx} item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Profile = typeof registrantProfiles.$inferSelect;
type PreviousName = typeof previousNames.$inferSelect;
type Other = typeof otherRegistrations.$inferSelect;

export function SummaryPage({
  ctx,
  person,
  profile,
  names,
  others,
  requests,
  todo,
  settings,
  transfers,
  pendingWithholding,
  notice,
}: Ctx & {
  person: Recipient;
  profile: Profile | null;
  names: PreviousName[];
  others: Other[];
  requests: ChangeRequest[];
  todo: ToDo[];
  settings: { otherRegistrations: 'immediate' | 'staff'; signInEmail: 'self_service' | 'staff' };
  transfers: { id: string; name: { fr: string; en: string } }[];
  pendingWithholding: Set<string>;
  notice?: MessageKey | undefined;
}) {
  const { t, locale } = ctx;
  const languages = (profile?.languages ?? []).map((c) => (isLanguage(c) ? t(languageLabels[c]) : c)).join(', ');
  return (
    <Layout ctx={ctx} title={t('record.summary.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('record.summary.title')}</h1>
      <p class="govuk-body-l">{t('record.summary.lead')}</p>
      <ToDoList ctx={ctx} todo={todo} />

      <h2 class="govuk-heading-m">{t('record.names.title')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('record.names.legal')} action={{ href: href('record.legalName', locale), label: t('record.names.change'), hidden: t('record.names.legal') }}>
          {person.givenName} {person.familyName}
        </SummaryRow>
      </dl>
      {names.length > 0 && (
        <Table caption={t('record.names.previous')} captionSize="s" headers={[t('record.names.name'), t('record.names.usedUntil'), t('record.names.register'), { hidden: t('record.names.actions') }]}>
          {names.map((n) => (
            <tr class="govuk-table__row" key={n.id}>
              <td class="govuk-table__cell">
                {n.givenName} {n.familyName}
              </td>
              <td class="govuk-table__cell">{day(ctx, n.usedUntil)}</td>
              <td class="govuk-table__cell">{t(n.withheld ? 'record.names.withheld' : pendingWithholding.has(n.id) ? 'record.names.withholdingAsked' : 'record.names.published')}</td>
              <td class="govuk-table__cell">
                {!n.withheld && !pendingWithholding.has(n.id) && (
                  <a class="govuk-link" href={href('record.withholding', locale, { nameId: n.id })}>
                    {t('record.names.askWithholding')}
                    <span class="govuk-visually-hidden"> {`${n.givenName} ${n.familyName}`}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2 class="govuk-heading-m">{t('record.email.title')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('record.email.current')} action={{ href: href('record.email', locale), label: t('record.names.change'), hidden: t('record.email.current') }}>
          {person.email}
        </SummaryRow>
      </dl>
      <p class="govuk-body">{t(settings.signInEmail === 'self_service' ? 'record.email.selfService' : 'record.email.staff')}</p>

      <h2 class="govuk-heading-m">{t('record.profile.title')}</h2>
      <dl class="govuk-summary-list" data-profile>
        <SummaryRow label={t('record.field.practiceName')} action={{ href: href('record.profile', locale), label: t('record.names.change'), hidden: t('record.profile.title') }}>
          {profile?.practiceName ?? t('record.profile.none')}
        </SummaryRow>
        <SummaryRow label={t('record.field.publicEmail')}>{profile?.publicEmail ? `${profile.publicEmail} — ${t(profile.publicEmailShown ? 'record.profile.shown' : 'record.profile.notShown')}` : t('record.profile.none')}</SummaryRow>
        <SummaryRow label={t('record.field.languages')}>{languages ? `${languages} — ${t(profile?.languagesShown ? 'record.profile.shown' : 'record.profile.notShown')}` : t('record.profile.none')}</SummaryRow>
        <SummaryRow label={t('record.field.englishProficiency')}>{profile?.englishProficiency ? t(proficiencyLabels[profile.englishProficiency]) : t('record.profile.none')}</SummaryRow>
        <SummaryRow label={t('record.field.frenchProficiency')}>{profile?.frenchProficiency ? t(proficiencyLabels[profile.frenchProficiency]) : t('record.profile.none')}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{t('record.other.title')}</h2>
      <p class="govuk-body">{t(settings.otherRegistrations === 'immediate' ? 'record.other.immediate' : 'record.other.staff')}</p>
      {others.length > 0 && (
        <Table headers={[t('record.field.regulator'), t('record.field.jurisdiction'), t('record.field.registrationNumber'), t('record.field.status'), t('record.field.startedOn'), t('record.field.endedOn'), { hidden: t('record.names.actions') }]}>
          {others.map((o) => (
            <tr class="govuk-table__row" key={o.id}>
              <td class="govuk-table__cell">{o.regulator}</td>
              <td class="govuk-table__cell">{o.jurisdiction}</td>
              <td class="govuk-table__cell">{o.registrationNumber ?? '—'}</td>
              <td class="govuk-table__cell">{o.status}</td>
              <td class="govuk-table__cell">{day(ctx, o.startedOn)}</td>
              <td class="govuk-table__cell">{day(ctx, o.endedOn)}</td>
              <td class="govuk-table__cell">
                {!o.endedOn && (
                  <a class="govuk-link" href={href('record.otherEnd', locale, { otherId: o.id })}>
                    {t('record.other.end')}
                    <span class="govuk-visually-hidden"> {o.regulator}</span>
                  </a>
                )}
                <InlineForm action={href('record.otherRemove', locale, { otherId: o.id })} csrfToken={ctx.csrfToken}>
                  <button type="submit" class="guichet-link-button govuk-link">
                    {t('record.other.remove')}
                    <span class="govuk-visually-hidden"> {o.regulator}</span>
                  </button>
                </InlineForm>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={href('record.other', locale)}>
          {t('record.other.add')}
        </a>
      </p>

      {transfers.length > 0 && (
        <section aria-labelledby="transfer">
          <h2 class="govuk-heading-m" id="transfer">
            {t('record.transfer.title')}
          </h2>
          <p class="govuk-body">{t('record.transfer.lead')}</p>
          {transfers.map((type) => (
            <InlineForm key={type.id} action={href('licensing.start', locale)} csrfToken={ctx.csrfToken} fields={{ typeId: type.id }}>
              <button type="submit" class="govuk-button govuk-button--secondary">
                {t('record.transfer.start', { type: type.name[locale] })}
              </button>
            </InlineForm>
          ))}
        </section>
      )}

      <h2 class="govuk-heading-m">{t('record.requests.title')}</h2>
      {requests.length === 0 ? (
        <p class="govuk-body">{t('record.requests.none')}</p>
      ) : (
        <Table headers={[t('record.field.reference'), t('record.field.change'), t('record.field.happenedOn'), t('record.field.reportedOn'), t('record.field.status')]}>
          {requests.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('record.request', locale, { requestId: r.id })}>
                  {r.reference}
                </a>
              </td>
              <td class="govuk-table__cell">{KIND_NAMES[r.kind][locale]}</td>
              <td class="govuk-table__cell">{day(ctx, r.happenedOn)}</td>
              <td class="govuk-table__cell">{day(ctx, r.reportedOn)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={r.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

function DateField({ ctx, name, label, value, errors, hint }: Ctx & { name: string; label: MessageKey; value: string | undefined; errors: FieldErrors | undefined; hint?: MessageKey }) {
  return <TextField t={ctx.t} name={name} label={label} value={value ?? ''} type="date" errors={errors} hint={hint ?? 'record.field.dateHint'} width="10" />;
}

export function ProfilePage({ ctx, profile, values, errors }: Ctx & { profile: Profile | null; values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  const chosen = new Set(values ? Object.entries(values).filter(([k]) => k === 'languages' || k.startsWith('languages.')).map(([, v]) => v) : (profile?.languages ?? []));
  const v = (name: string, fallback: string | null | undefined) => values?.[name] ?? fallback ?? '';
  const ticked = (name: 'publicEmailShown' | 'languagesShown') => (values ? values[name] === 'yes' : Boolean(profile?.[name]));
  const proficiencies = [{ value: '', label: t('record.proficiency.none') }, ...PROFICIENCIES.map((p) => ({ value: p, label: t(proficiencyLabels[p]) }))];
  return (
    <Page ctx={ctx} title={t('record.profile.title')} errors={errors}>
      <p class="govuk-body">{t('record.profile.lead')}</p>
      <Form action={href('record.profile', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="practiceName" label="record.field.practiceName" hint="record.field.practiceNameHint" value={v('practiceName', profile?.practiceName)} errors={errors} />
        <TextField t={t} name="publicEmail" label="record.field.publicEmail" type="email" value={v('publicEmail', profile?.publicEmail)} errors={errors} autocomplete="email" />
        <Check name="publicEmailShown" label={t('record.field.publicEmailShown')} checked={ticked('publicEmailShown')} />
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('record.field.languages')}</legend>
            <div class="govuk-checkboxes govuk-checkboxes--small">
              {LANGUAGES.map((code) => (
                <div class="govuk-checkboxes__item" key={code}>
                  <input class="govuk-checkboxes__input" id={`languages-${code}`} name="languages" type="checkbox" value={code} checked={chosen.has(code)} />
                  <label class="govuk-label govuk-checkboxes__label" for={`languages-${code}`}>
                    {t(languageLabels[code])}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Check name="languagesShown" label={t('record.field.languagesShown')} checked={ticked('languagesShown')} />
        <Choice t={t} kind="select" name="englishProficiency" label="record.field.englishProficiency" value={v('englishProficiency', profile?.englishProficiency)} options={proficiencies} errors={errors} />
        <Choice t={t} kind="select" name="frenchProficiency" label="record.field.frenchProficiency" value={v('frenchProficiency', profile?.frenchProficiency)} options={proficiencies} errors={errors} />
        <Button>{t('record.save')}</Button>
      </Form>
    </Page>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="govuk-form-group">
      <div class="govuk-checkboxes govuk-checkboxes--small">
        <CheckboxItem name={name} label={label} checked={checked} />
      </div>
    </div>
  );
}

export function LegalNamePage({ ctx, person, values, errors }: Ctx & { person: Recipient; values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.legalName.title')} errors={errors}>
      <p class="govuk-body">{t('record.legalName.lead', { name: `${person.givenName} ${person.familyName}` })}</p>
      <Form action={href('record.legalName', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="givenName" label="field.givenName" value={values?.givenName ?? ''} errors={errors} autocomplete="given-name" />
        <TextField t={t} name="familyName" label="field.familyName" value={values?.familyName ?? ''} errors={errors} autocomplete="family-name" />
        <DateField ctx={ctx} name="happenedOn" label="record.field.nameChangedOn" value={values?.happenedOn} errors={errors} />
        <Button>{t('record.continue')}</Button>
      </Form>
    </Page>
  );
}

export function WithholdingPage({ ctx, name, values, errors }: Ctx & { name: PreviousName; values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.withholding.title')} errors={errors}>
      <p class="govuk-body">{t('record.withholding.lead', { name: `${name.givenName} ${name.familyName}` })}</p>
      <Form action={href('record.withholding', ctx.locale, { nameId: name.id })} csrfToken={ctx.csrfToken}>
        <TextArea t={t} name="reason" label="record.field.reason" value={values?.reason} errors={errors} rows={5} />
        <Button>{t('record.continue')}</Button>
      </Form>
    </Page>
  );
}

export function EmailPage({ ctx, person, mode, values, errors }: Ctx & { person: Recipient; mode: 'self_service' | 'staff'; values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.email.change')} errors={errors}>
      <p class="govuk-body">{t('record.email.currentIs', { email: person.email })}</p>
      <p class="govuk-body">{t(mode === 'self_service' ? 'record.email.selfServiceHow' : 'record.email.staffHow')}</p>
      <Form action={href('record.email', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="email" label="record.field.newEmail" type="email" value={values?.email ?? ''} errors={errors} autocomplete="email" />
        <DateField ctx={ctx} name="happenedOn" label="record.field.emailChangedOn" value={values?.happenedOn} errors={errors} />
        <Button>{t('record.continue')}</Button>
      </Form>
    </Page>
  );
}

export function EmailProofPage({ ctx, token, problem }: Ctx & { token: string; problem?: MessageKey | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.proof.title')}>
      {problem ? (
        <div class="govuk-error-summary" role="alert" tabIndex={-1}>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{t(problem)}</p>
          </div>
        </div>
      ) : (
        <>
          <p class="govuk-body">{t('record.proof.lead')}</p>
          <Form action={href('record.emailProof', ctx.locale)} csrfToken={ctx.csrfToken}>
            <input type="hidden" name="token" value={token} />
            <Button>{t('record.proof.confirm')}</Button>
          </Form>
        </>
      )}
    </Page>
  );
}

export function OtherPage({ ctx, values, errors }: Ctx & { values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.other.add')} errors={errors}>
      <Form action={href('record.other', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="regulator" label="record.field.regulator" value={values?.regulator ?? ''} errors={errors} />
        <TextField t={t} name="jurisdiction" label="record.field.jurisdiction" hint="record.field.jurisdictionHint" value={values?.jurisdiction ?? ''} errors={errors} />
        <TextField t={t} name="registrationNumber" label="record.field.registrationNumberOptional" value={values?.registrationNumber ?? ''} errors={errors} />
        <TextField t={t} name="status" label="record.field.status" hint="record.field.statusHint" value={values?.status ?? ''} errors={errors} />
        <DateField ctx={ctx} name="startedOn" label="record.field.startedOn" value={values?.startedOn} errors={errors} />
        <Button>{t('record.continue')}</Button>
      </Form>
    </Page>
  );
}

export function OtherEndPage({ ctx, other, values, errors }: Ctx & { other: Other; values: Values; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t('record.other.endTitle', { regulator: other.regulator })} errors={errors}>
      <Form action={href('record.otherEnd', ctx.locale, { otherId: other.id })} csrfToken={ctx.csrfToken}>
        <DateField ctx={ctx} name="endedOn" label="record.field.endedOn" value={values?.endedOn} errors={errors} />
        <Button>{t('record.continue')}</Button>
      </Form>
    </Page>
  );
}

/** What the change says, row by row: the same on the registrant's page and the staff's. */
function Details({ ctx, request }: Ctx & { request: ChangeRequest }) {
  const { t } = ctx;
  const d = request.details;
  const late = request.reportedOn !== null && Date.parse(request.reportedOn) - Date.parse(request.happenedOn) > REPORT_WITHIN_DAYS * 86_400_000;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('record.field.reference')}>{request.reference}</SummaryRow>
      <SummaryRow label={t('record.field.change')}>{KIND_NAMES[request.kind][ctx.locale]}</SummaryRow>
      {d.kind === 'legal_name' && <SummaryRow label={t('record.field.newName')}>{`${d.givenName} ${d.familyName}`}</SummaryRow>}
      {d.kind === 'name_withholding' && (
        <>
          <SummaryRow label={t('record.names.name')}>{d.name}</SummaryRow>
          <SummaryRow label={t('record.field.reason')}>{d.reason}</SummaryRow>
        </>
      )}
      {d.kind === 'sign_in_email' && <SummaryRow label={t('record.field.newEmail')}>{d.newEmail}</SummaryRow>}
      {d.kind === 'other_registration' && <SummaryRow label={t('record.field.regulator')}>{d.action === 'add' ? `${d.regulator} (${d.jurisdiction}) — ${d.status}` : t('record.other.ended', { regulator: d.regulator, date: day(ctx, d.endedOn) })}</SummaryRow>}
      <SummaryRow label={t('record.field.happenedOn')}>{day(ctx, request.happenedOn)}</SummaryRow>
      <SummaryRow label={t('record.field.reportedOn')}>
        {day(ctx, request.reportedOn)}
        {late && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-2">{t('record.late.tag')}</strong>}
      </SummaryRow>
      <SummaryRow label={t('record.field.status')}>
        <StatusTag ctx={ctx} status={request.status} />
      </SummaryRow>
      {request.decisionReason && <SummaryRow label={t('record.field.staffMessage')}>{request.decisionReason}</SummaryRow>}
    </dl>
  );
}

function DocumentList({ ctx, documents }: Ctx & { documents: readonly Document[] }) {
  const { t } = ctx;
  if (documents.length === 0) return <p class="govuk-body">{t('record.document.none')}</p>;
  return (
    <ul class="govuk-list">
      {documents.flatMap((doc) =>
        doc.versions.slice(0, 1).map((v) => (
          <li key={v.id}>
            <a class="govuk-link" href={href('documents.download', ctx.locale, { versionId: v.id })}>
              {v.fileName}
            </a>{' '}
            ({formatDateTime(ctx.locale, v.createdAt)})
          </li>
        )),
      )}
    </ul>
  );
}

export function RequestPage({
  ctx,
  request,
  review,
  steps,
  position,
  median,
  documents,
  notice,
  errors,
  problem,
}: Ctx & {
  request: ChangeRequest;
  review: Review | null;
  steps: TimelineEntry[];
  position: number | null;
  median: MedianDecisionTime | null;
  documents: Document[];
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
  problem?: string | undefined;
}) {
  const { t, locale } = ctx;
  const params = { requestId: request.id };
  const editable = request.status === 'draft' || request.status === 'returned';
  const withdrawable = ['draft', 'confirming', 'submitted', 'returned'].includes(request.status);
  return (
    <Page ctx={ctx} title={t('record.request.title', { reference: request.reference })} errors={errors} notice={notice}>
      {problem && (
        <div class="govuk-error-summary" role="alert" tabIndex={-1}>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{problem}</p>
          </div>
        </div>
      )}
      <Details ctx={ctx} request={request} />
      {request.status === 'confirming' && <p class="govuk-body">{t('record.request.confirming')}</p>}
      {request.kind === 'legal_name' && (
        <section aria-labelledby="id-document">
          <h2 class="govuk-heading-m" id="id-document">
            {t('record.document.title')}
          </h2>
          <p class="govuk-body">{t('record.document.lead')}</p>
          <DocumentList ctx={ctx} documents={documents} />
          {editable && (
            <form method="post" action={href('record.requestDocument', locale, params)} encType="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class={`govuk-form-group${errors?.file ? ' govuk-form-group--error' : ''}`}>
                <label class="govuk-label" for="file">
                  {t(documents.length > 0 ? 'record.document.replace' : 'record.document.label')}
                </label>
                <div class="govuk-hint" id="file-hint">
                  {t('record.document.hint')}
                </div>
                {errors?.file && (
                  <p id="file-error" class="govuk-error-message">
                    <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(errors.file)}
                  </p>
                )}
                <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg" aria-describedby={`file-hint${errors?.file ? ' file-error' : ''}`} />
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary">
                {t('record.document.upload')}
              </button>
            </form>
          )}
        </section>
      )}
      {editable && (
        <section aria-labelledby="send">
          <h2 class="govuk-heading-m" id="send">
            {t('record.request.sendTitle')}
          </h2>
          <p class="govuk-body">{t('record.request.sendLead')}</p>
          <Form action={href('record.requestSubmit', locale, params)} csrfToken={ctx.csrfToken}>
            {request.status === 'returned' && <TextArea t={t} name="message" label="record.field.answer" value={undefined} errors={errors} />}
            <Button>{t(request.status === 'returned' ? 'record.request.resend' : 'record.request.send')}</Button>
          </Form>
        </section>
      )}
      {review && (
        <section aria-labelledby="follow">
          <h2 class="govuk-heading-m" id="follow">
            {t('record.request.follow')}
          </h2>
          <p class="govuk-body">
            <ReviewStatusTag ctx={ctx} status={review.status} />
          </p>
          {(review.status === 'queued' || review.status === 'picked_up') && <WaitSummary ctx={ctx} position={position} median={median} />}
          <ReviewTimeline ctx={ctx} steps={steps} />
        </section>
      )}
      {withdrawable && (
        <InlineForm action={href('record.requestWithdraw', locale, params)} csrfToken={ctx.csrfToken}>
          <button type="submit" class="govuk-button govuk-button--warning">
            {t('record.request.withdraw')}
          </button>
        </InlineForm>
      )}
    </Page>
  );
}

export function QueuePage({ ctx, rows, total, counts, filters, staff }: Ctx & { rows: QueueRow[]; total: number; counts: QueueCounts; filters: QueueFilters; staff: AssignableStaff[] }) {
  const types = (Object.keys(KIND_NAMES) as ChangeKind[]).map((code) => ({ code, name: KIND_NAMES[code] }));
  return (
    <StaffPage ctx={ctx} title={ctx.t('record.queue.title')} current="record.queue">
      <p class="govuk-body">
        <a class="govuk-link" href={href('record.late', ctx.locale)}>
          {ctx.t('record.late.title')}
        </a>
      </p>
      <ReviewQueue ctx={ctx} action={href('record.queue', ctx.locale)} filters={filters} rows={rows} total={total} counts={counts} types={types} staff={staff} subjectHref={(row) => href('record.review', ctx.locale, { requestId: row.subjectId })} />
    </StaffPage>
  );
}

export function ReviewPage({
  ctx,
  staff,
  file,
  staffMembers,
  notice,
  errors,
  values,
  problem,
}: Ctx & {
  staff: StaffActor;
  file: { request: ChangeRequest; review: Review | null; steps: TimelineEntry[]; documents: Document[]; person: Recipient | null };
  staffMembers: AssignableStaff[];
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
  values?: Values;
  problem?: string | undefined;
}) {
  const { t, locale } = ctx;
  const { request, review } = file;
  const params = { requestId: request.id };
  const mine = review?.status === 'picked_up' && review.assigneeId === staff.id;
  return (
    <StaffPage ctx={ctx} title={t('record.review.title', { reference: request.reference })} current="record.queue" notice={notice} errors={errors}>
      {problem && (
        <div class="govuk-error-summary" role="alert" tabIndex={-1}>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{problem}</p>
          </div>
        </div>
      )}
      {file.person && (
        <p class="govuk-body">
          {t('record.review.person', { name: `${file.person.givenName} ${file.person.familyName}`, email: file.person.email })}
        </p>
      )}
      <Details ctx={ctx} request={request} />
      {request.kind === 'legal_name' && (
        <>
          <h2 class="govuk-heading-m">{t('record.document.title')}</h2>
          <DocumentList ctx={ctx} documents={file.documents} />
        </>
      )}
      {review && (
        <StaffAssignForm
          ctx={ctx}
          review={review}
          staff={staff}
          staffMembers={staffMembers}
          actions={{
            pickUp: `${href('record.reviewAssignment', locale, params)}?action=pick_up`,
            assign: `${href('record.reviewAssignment', locale, params)}?action=assign`,
            release: `${href('record.reviewAssignment', locale, params)}?action=release`,
          }}
        />
      )}
      {mine ? (
        <>
          <h2 class="govuk-heading-m">{t('record.review.decide')}</h2>
          {request.kind === 'name_withholding' && <p class="govuk-body">{t('record.review.registrarOnly')}</p>}
          <Form action={href('record.reviewDecision', locale, params)} csrfToken={ctx.csrfToken}>
            <Choice
              t={t}
              kind="radios"
              name="outcome"
              label="record.field.outcome"
              value={values?.outcome}
              options={[
                { value: 'approve', label: t('record.review.approve') },
                { value: 'refuse', label: t('record.review.refuse') },
              ]}
              errors={errors}
            />
            <TextArea t={t} name="reasons" label="record.field.reasons" value={values?.reasons} errors={errors} />
            <Button>{t('record.review.record')}</Button>
          </Form>
          <h2 class="govuk-heading-m">{t('record.review.askMore')}</h2>
          <Form action={href('record.reviewReturn', locale, params)} csrfToken={ctx.csrfToken}>
            <TextArea t={t} name="request" label="record.field.request" value={values?.request} errors={errors} />
            <Button secondary>{t('record.review.return')}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t(review ? 'record.review.pickUpFirst' : 'record.review.notSent')}</p>
      )}
      <h2 class="govuk-heading-m">{t('casework.timeline.title')}</h2>
      <ReviewTimeline ctx={ctx} steps={file.steps} />
    </StaffPage>
  );
}

export function LatePage({ ctx, rows, filters, today }: Ctx & { rows: { request: ChangeRequest; givenName: string; familyName: string }[]; filters: { state?: string | undefined; kind?: string | undefined }; today: LocalDate }) {
  const { t, locale } = ctx;
  const kinds = (Object.keys(KIND_NAMES) as ChangeKind[]).map((k) => ({ value: k, label: KIND_NAMES[k][locale] }));
  const overdueBy = (r: ChangeRequest) => Math.round((Date.parse(r.reportedOn ?? today) - Date.parse(r.happenedOn)) / 86_400_000) - REPORT_WITHIN_DAYS;
  return (
    <StaffPage ctx={ctx} title={t('record.late.title')} current="record.late">
      <p class="govuk-body">{t('record.late.lead', { days: REPORT_WITHIN_DAYS })}</p>
      <form method="get" action={href('record.late', locale)} class="govuk-!-margin-bottom-6">
        <FilterSelect name="state" label={t('record.late.state')} value={filters.state} options={[{ value: '', label: t('record.late.any') }, { value: 'late', label: t('record.late.reportedLate') }, { value: 'open', label: t('record.late.stillOpen') }]} />
        <FilterSelect name="kind" label={t('record.field.change')} value={filters.kind} options={[{ value: '', label: t('record.late.any') }, ...kinds]} />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('record.late.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('record.late.none')}</p>
      ) : (
        <Table headers={[t('record.field.reference'), t('record.late.person'), t('record.field.change'), t('record.field.happenedOn'), t('record.field.reportedOn'), t('record.late.daysLate'), t('record.field.status')]}>
          {rows.map(({ request: r, givenName, familyName }) => (
            <tr class="govuk-table__row" key={r.id} data-late={r.reference}>
              <td class="govuk-table__cell">{r.status === 'draft' || r.status === 'confirming' ? r.reference : <a class="govuk-link" href={href('record.review', locale, { requestId: r.id })}>{r.reference}</a>}</td>
              <td class="govuk-table__cell">{`${givenName} ${familyName}`}</td>
              <td class="govuk-table__cell">{KIND_NAMES[r.kind][locale]}</td>
              <td class="govuk-table__cell">{day(ctx, r.happenedOn)}</td>
              <td class="govuk-table__cell">{r.reportedOn ? day(ctx, r.reportedOn) : t('record.late.notReported')}</td>
              <td class="govuk-table__cell">{overdueBy(r)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={r.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function SettingsPage({ ctx, settings, notice, errors }: Ctx & { settings: { otherRegistrations: string; signInEmail: string }; notice?: MessageKey | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('record.settings.title')} current="record.settings" notice={notice} errors={errors}>
      <p class="govuk-body">{t('record.settings.lead')}</p>
      <Form action={href('record.settings', ctx.locale)} csrfToken={ctx.csrfToken}>
        <Choice
          t={t}
          kind="radios"
          name="otherRegistrations"
          label="record.settings.otherRegistrations"
          value={settings.otherRegistrations}
          options={[
            { value: 'immediate', label: t('record.settings.immediate') },
            { value: 'staff', label: t('record.settings.staff') },
          ]}
          errors={errors}
        />
        <Choice
          t={t}
          kind="radios"
          name="signInEmail"
          label="record.settings.signInEmail"
          value={settings.signInEmail}
          options={[
            { value: 'self_service', label: t('record.settings.selfService') },
            { value: 'staff', label: t('record.settings.staff') },
          ]}
          errors={errors}
        />
        <p class="govuk-body">{t('record.settings.legalName')}</p>
        <Button>{t('record.save')}</Button>
      </Form>
    </StaffPage>
  );
}
