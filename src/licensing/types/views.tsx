import type { ComponentChildren } from 'preact';
import type { Bilingual, MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, CheckboxItem, Choice, FieldError, Form, PortalField, TextArea, TextField, useTyped } from '../../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../../platform/views/layout.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { StaffNav } from '../../platform/views/staff-nav.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import { type ApplicationKind, type DecisionBy, type Eligibility, SECTION_CODES, type SectionCode } from '../schema.ts';
import { APPLICATION_KINDS, DECISIONS, ELIGIBILITIES, type FormValues, rowCount, sectionFields } from './schemas.ts';
import type { Question, RegistrationCategory, TypeWithCategory } from './queries.ts';
import type { Walk } from './service.ts';

type Ctx = { ctx: PageContext };

export const sectionLabels = {
  personal: 'licensing.section.personal',
  education: 'licensing.section.education',
  declarations: 'licensing.section.declarations',
  documents: 'licensing.section.documents',
} as const satisfies Record<SectionCode, MessageKey>;

export const kindLabels = {
  registration: 'licensing.kind.registration',
  category_transfer: 'licensing.kind.category_transfer',
} as const satisfies Record<ApplicationKind, MessageKey>;

export const decisionLabels = {
  staff: 'licensing.decision.staff',
  automatic: 'licensing.decision.automatic',
} as const satisfies Record<DecisionBy, MessageKey>;

export const eligibilityLabels = {
  anyone: 'licensing.eligibility.anyone',
  registered: 'licensing.eligibility.registered',
  formerly_registered: 'licensing.eligibility.formerly_registered',
} as const satisfies Record<Eligibility, MessageKey>;

function Checkbox({ name, label, checked, errors }: Ctx & { name: string; label: string; checked: boolean; errors?: FieldErrors | undefined }) {
  return <CheckboxItem name={name} label={label} checked={checked} invalid={Boolean(errors?.[name])} />;
}

function Fieldset({ legend, children, size = 'm' }: { legend: string; children: ComponentChildren; size?: 's' | 'm' }) {
  return (
    <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
      <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${size}`}>{legend}</legend>
      {children}
    </fieldset>
  );
}

/** "Add another …": posts the form as typed and shows it again with one more row; nothing is saved. */
function AddAnother({ list, label }: { list: 'documents' | 'declarations' | 'answers'; label: string }) {
  return (
    <button type="submit" name="more" value={list} formNoValidate class="govuk-button govuk-button--secondary">
      {label}
    </button>
  );
}

// Staff: types and categories ------------------------------------------------------------------------

export function StaffTypes({
  ctx,
  types,
  categories,
  values,
  errors,
  notice,
}: Ctx & { types: TypeWithCategory[]; categories: RegistrationCategory[]; values: FormValues; errors?: FieldErrors | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const field = (name: string, label: MessageKey, hint?: MessageKey) => <TextField t={t} name={name} label={label} value={values[name] ?? ''} errors={errors} {...(hint ? { hint } : {})} />;
  return (
    <StaffPage ctx={ctx} title={t('licensing.staffTypes.title')} current="licensing.staffTypes" notice={notice} errors={errors}>
      <p class="govuk-body">{t('licensing.staffTypes.lead')}</p>
      <p class="govuk-body">
        <a class="govuk-button" href={href('licensing.staffNewType', locale)}>
          {t('licensing.staffTypes.new')}
        </a>
      </p>
      {types.length === 0 ? (
        <p class="govuk-body">{t('licensing.staffTypes.none')}</p>
      ) : (
        <Table headers={[t('licensing.field.name'), t('licensing.field.category'), t('licensing.field.sections'), t('licensing.field.active')]}>
          {types.map((type) => (
            <tr class="govuk-table__row" key={type.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('licensing.staffType', locale, { typeId: type.id })}>
                  {type.name[locale]}
                </a>{' '}
                <span class="govuk-hint govuk-!-display-inline">({type.code})</span>
              </td>
              <td class="govuk-table__cell">{type.category.name[locale]}</td>
              <td class="govuk-table__cell">{type.sections.map((s) => t(sectionLabels[s])).join(', ')}</td>
              <td class="govuk-table__cell">
                {type.active ? <strong class="govuk-tag govuk-tag--green">{t('licensing.staffTypes.active')}</strong> : <strong class="govuk-tag govuk-tag--grey">{t('licensing.staffTypes.inactive')}</strong>}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('licensing.staffTypes.categories')}</h2>
      {categories.length === 0 ? (
        <p class="govuk-body">{t('licensing.staffTypes.noCategories')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {categories.map((c) => (
            <li key={c.id}>
              {c.name[locale]} <span class="govuk-hint govuk-!-display-inline">({c.code})</span> — {t('licensing.category.summary', { months: c.validityMonths })}
              {c.requiresExam && <> · {t('licensing.field.requiresExam')}</>}
              {c.requiresAgencyLink && <> · {t('licensing.field.requiresAgencyLink')}</>}
            </li>
          ))}
        </ul>
      )}
      <Form action={href('licensing.staffTypes', locale)} csrfToken={ctx.csrfToken}>
        <Fieldset legend={t('licensing.staffTypes.addCategory')}>
          {field('categoryKey', 'licensing.field.code', 'licensing.field.code.hint')}
          {field('categoryNameFr', 'licensing.field.nameFr')}
          {field('categoryNameEn', 'licensing.field.nameEn')}
          {field('categoryValidityMonths', 'licensing.field.validityMonths', 'licensing.field.validityMonths.hint')}
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <Checkbox ctx={ctx} name="categoryRequiresExam" label={t('licensing.field.requiresExam')} checked={values.categoryRequiresExam === 'yes'} />
              <Checkbox ctx={ctx} name="categoryRequiresAgencyLink" label={t('licensing.field.requiresAgencyLink')} checked={values.categoryRequiresAgencyLink === 'yes'} />
            </div>
          </div>
        </Fieldset>
        <Button secondary>{t('licensing.staffTypes.addCategory.submit')}</Button>
      </Form>
    </StaffPage>
  );
}

export function TypeForm({
  ctx,
  typeId,
  categories,
  values,
  errors,
  codeLocked,
}: Ctx & { typeId: string | null; categories: RegistrationCategory[]; values: FormValues; errors?: FieldErrors | undefined; codeLocked: boolean }) {
  const { t, locale } = ctx;
  const title = typeId ? t('licensing.staffType.title', { name: values.nameFr && values.nameEn ? (locale === 'fr' ? values.nameFr : values.nameEn) : (values.key ?? '') }) : t('licensing.staffNewType.title');
  const field = (name: string, label: MessageKey, more: { hint?: MessageKey; width?: string } = {}) => <TextField t={t} name={name} label={label} value={values[name] ?? ''} errors={errors} {...more} />;
  const documents = rowCount(values, 'documentRows', 1);
  const declarations = rowCount(values, 'declarationRows', 1);
  const action = typeId ? href('licensing.staffType', locale, { typeId }) : href('licensing.staffNewType', locale);
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} current="licensing.staffTypes" />
      <a class="govuk-back-link" href={href('licensing.staffTypes', locale)}>
        {t('licensing.staffTypes.title')}
      </a>
      <h1 class="govuk-heading-l">{title}</h1>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <input type="hidden" name="documentRows" value={String(documents)} />
        <input type="hidden" name="declarationRows" value={String(declarations)} />
        <Fieldset legend={t('licensing.staffType.identity')}>
          {codeLocked ? (
            <>
              <input type="hidden" name="key" value={values.key ?? ''} />
              <p class="govuk-body">
                {t('licensing.field.code')}
                {'\u00a0'}: <code>{values.key}</code>
              </p>
              <p class="govuk-hint">{t('licensing.staffType.codeLocked')}</p>
            </>
          ) : (
            field('key', 'licensing.field.code', { hint: 'licensing.field.code.hint', width: '20' })
          )}
          {field('nameFr', 'licensing.field.nameFr')}
          {field('nameEn', 'licensing.field.nameEn')}
          <TextArea t={t} name="descriptionFr" label="licensing.field.descriptionFr" value={values.descriptionFr} errors={errors} />
          <TextArea t={t} name="descriptionEn" label="licensing.field.descriptionEn" value={values.descriptionEn} errors={errors} />
          <Choice t={t} kind="select" name="categoryId" label="licensing.field.category" value={values.categoryId ?? ''} errors={errors} options={categories.map((c) => ({ value: c.id, label: c.name[locale] }))} />
          {categories.length === 0 && (
            <p class="govuk-body">
              <a class="govuk-link" href={href('licensing.staffTypes', locale)}>
                {t('licensing.staffType.addCategoryFirst')}
              </a>
            </p>
          )}
        </Fieldset>
        <div class={`govuk-form-group${errors?.[sectionFields.personal] ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby={errors?.[sectionFields.personal] ? `${sectionFields.personal}-error` : undefined}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t('licensing.field.sections')}</legend>
            <FieldError t={t} name={sectionFields.personal} error={errors?.[sectionFields.personal]} />
            <div class="govuk-checkboxes govuk-checkboxes--small">
              {SECTION_CODES.map((s) => (
                <Checkbox key={s} ctx={ctx} name={sectionFields[s]} label={t(sectionLabels[s])} checked={values[sectionFields[s]] === 'yes'} errors={errors} />
              ))}
            </div>
          </fieldset>
        </div>
        <Fieldset legend={t('licensing.staffType.documents')}>
          <p class="govuk-hint">{t('licensing.staffType.rowsHint')}</p>
          {Array.from({ length: documents }, (_, i) => (
            <Fieldset key={i} size="s" legend={t('licensing.staffType.document', { n: i + 1 })}>
              {field(`doc${i}Key`, 'licensing.field.code', { width: '20' })}
              {field(`doc${i}NameFr`, 'licensing.field.nameFr')}
              {field(`doc${i}NameEn`, 'licensing.field.nameEn')}
              {field(`doc${i}HintFr`, 'licensing.field.hintFr')}
              {field(`doc${i}HintEn`, 'licensing.field.hintEn')}
              <Choice
                t={t}
                kind="radios"
                name={`doc${i}ProvidedBy`}
                label="licensing.field.providedBy"
                value={values[`doc${i}ProvidedBy`] || 'applicant'}
                errors={errors}
                options={[
                  { value: 'applicant', label: t('licensing.providedBy.applicant') },
                  { value: 'school', label: t('licensing.providedBy.school') },
                ]}
              />
              <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                  <Checkbox ctx={ctx} name={`doc${i}Optional`} label={t('licensing.field.optional')} checked={values[`doc${i}Optional`] === 'yes'} />
                </div>
              </div>
              {field(`doc${i}MaxMib`, 'licensing.field.maxMib', { hint: 'licensing.field.maxMib.hint', width: '3' })}
            </Fieldset>
          ))}
          <AddAnother list="documents" label={t('licensing.staffType.addDocument')} />
        </Fieldset>
        <Fieldset legend={t('licensing.staffType.declarations')}>
          <p class="govuk-hint">{t('licensing.staffType.rowsHint')}</p>
          {Array.from({ length: declarations }, (_, i) => (
            <Fieldset key={i} size="s" legend={t('licensing.staffType.declaration', { n: i + 1 })}>
              {field(`decl${i}Key`, 'licensing.field.code', { width: '20' })}
              {field(`decl${i}QuestionFr`, 'licensing.field.questionFr')}
              {field(`decl${i}QuestionEn`, 'licensing.field.questionEn')}
            </Fieldset>
          ))}
          <AddAnother list="declarations" label={t('licensing.staffType.addDeclaration')} />
        </Fieldset>
        <Fieldset legend={t('licensing.staffType.rules')}>
          {field('fees', 'licensing.field.fees', { hint: 'licensing.field.fees.hint' })}
          <Choice t={t} kind="radios" name="eligibility" label="licensing.field.eligibility" value={values.eligibility ?? 'anyone'} errors={errors} options={ELIGIBILITIES.map((e) => ({ value: e, label: t(eligibilityLabels[e]) }))} />
          <Choice t={t} kind="radios" name="kind" label="licensing.field.kind" value={values.kind ?? 'registration'} errors={errors} options={APPLICATION_KINDS.map((k) => ({ value: k, label: t(kindLabels[k]) }))} />
          <Choice t={t} kind="radios" name="decision" label="licensing.field.decision" value={values.decision ?? 'staff'} errors={errors} options={DECISIONS.map((d) => ({ value: d, label: t(decisionLabels[d]) }))} />
          {field('position', 'licensing.field.position', { hint: 'licensing.field.position.hint', width: '3' })}
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
              <Checkbox ctx={ctx} name="active" label={t('licensing.field.activeHint')} checked={values.active === 'yes'} />
            </div>
          </div>
        </Fieldset>
        <Button>{t('licensing.staff.save')}</Button>
      </Form>
    </Layout>
  );
}

// Staff: the questionnaire ---------------------------------------------------------------------------

/** Where an answer leads, in words: the next question, a type, or "not eligible". */
function OutcomeText({ ctx, answer, questions, types }: Ctx & { answer: Question['answers'][number]; questions: Question[]; types: TypeWithCategory[] }) {
  const { t, locale } = ctx;
  const o = answer.outcome;
  if (o.kind === 'question') return <>{t('licensing.outcome.toQuestion', { question: questions.find((q) => q.id === o.questionId)?.text[locale] ?? '' })}</>;
  if (o.kind === 'type') {
    const type = types.find((x) => x.id === o.typeId);
    return (
      <>
        {t('licensing.outcome.toType', { type: type?.name[locale] ?? '' })}
        {type && !type.active && <strong class="govuk-tag govuk-tag--grey govuk-!-margin-left-2">{t('licensing.staffTypes.inactive')}</strong>}
      </>
    );
  }
  return <>{t('licensing.outcome.notEligible')}</>;
}

export function StaffQuestionnaire({ ctx, questions, types, notice }: Ctx & { questions: Question[]; types: TypeWithCategory[]; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('licensing.staffQuestionnaire.title')} current="licensing.staffQuestionnaire" notice={notice}>
      <p class="govuk-body">{t('licensing.staffQuestionnaire.lead')}</p>
      <p class="govuk-body">
        <a class="govuk-button" href={href('licensing.staffNewQuestion', locale)}>
          {t('licensing.staffQuestionnaire.new')}
        </a>
      </p>
      {questions.length === 0 && <p class="govuk-body">{t('licensing.staffQuestionnaire.none')}</p>}
      {questions.map((q, i) => (
        <div key={q.id} class="govuk-summary-card">
          <div class="govuk-summary-card__title-wrapper">
            <h2 class="govuk-summary-card__title">
              {t('licensing.staffQuestionnaire.question', { n: i + 1 })} {q.text[locale]} <span class="govuk-hint govuk-!-display-inline">({q.code})</span>
            </h2>
            <ul class="govuk-summary-card__actions">
              <li class="govuk-summary-card__action">
                <a class="govuk-link" href={href('licensing.staffQuestion', locale, { questionId: q.id })}>
                  {t('licensing.staff.change')}
                  <span class="govuk-visually-hidden"> {q.text[locale]}</span>
                </a>
              </li>
            </ul>
          </div>
          <div class="govuk-summary-card__content">
            <dl class="govuk-summary-list">
              {q.answers.map((a) => (
                <SummaryRow key={a.id} label={a.label[locale]}>
                  <OutcomeText ctx={ctx} answer={a} questions={questions} types={types} />
                </SummaryRow>
              ))}
            </dl>
          </div>
        </div>
      ))}
    </StaffPage>
  );
}

export function QuestionForm({
  ctx,
  questionId,
  others,
  types,
  values,
  errors,
}: Ctx & { questionId: string | null; others: Question[]; types: TypeWithCategory[]; values: FormValues; errors?: FieldErrors | undefined }) {
  const { t, locale } = ctx;
  const title = questionId ? t('licensing.staffQuestion.title') : t('licensing.staffNewQuestion.title');
  const field = (name: string, label: MessageKey, more: { hint?: MessageKey; width?: string } = {}) => <TextField t={t} name={name} label={label} value={values[name] ?? ''} errors={errors} {...more} />;
  const answers = rowCount(values, 'answerRows', 2);
  const outcomes = [
    ...others.map((q) => ({ value: `question:${q.id}`, label: t('licensing.outcome.toQuestion', { question: q.text[locale] }) })),
    ...types.map((x) => ({ value: `type:${x.id}`, label: t('licensing.outcome.toType', { type: x.name[locale] }) })),
    { value: 'not_eligible', label: t('licensing.outcome.notEligible') },
  ];
  const action = questionId ? href('licensing.staffQuestion', locale, { questionId }) : href('licensing.staffNewQuestion', locale);
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} current="licensing.staffQuestionnaire" />
      <a class="govuk-back-link" href={href('licensing.staffQuestionnaire', locale)}>
        {t('licensing.staffQuestionnaire.title')}
      </a>
      <h1 class="govuk-heading-l">{title}</h1>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <input type="hidden" name="answerRows" value={String(answers)} />
        <Fieldset legend={t('licensing.staffQuestion.question')}>
          {field('key', 'licensing.field.code', { hint: 'licensing.field.code.hint', width: '20' })}
          {field('textFr', 'licensing.field.questionFr')}
          {field('textEn', 'licensing.field.questionEn')}
          {field('hintFr', 'licensing.field.hintFr')}
          {field('hintEn', 'licensing.field.hintEn')}
          {field('position', 'licensing.field.position', { hint: 'licensing.field.questionPosition.hint', width: '3' })}
        </Fieldset>
        <Fieldset legend={t('licensing.staffQuestion.answers')}>
          <p class="govuk-hint">{t('licensing.staffQuestion.answersHint')}</p>
          {Array.from({ length: answers }, (_, i) => (
            <Fieldset key={i} size="s" legend={t('licensing.staffQuestion.answer', { n: i + 1 })}>
              {field(`ans${i}Key`, 'licensing.field.code', { width: '20' })}
              {field(`ans${i}LabelFr`, 'licensing.field.labelFr')}
              {field(`ans${i}LabelEn`, 'licensing.field.labelEn')}
              <Choice t={t} kind="select" name={`ans${i}Outcome`} label="licensing.field.outcome" value={values[`ans${i}Outcome`] ?? ''} errors={errors} options={outcomes} />
              <p class="govuk-hint">{t('licensing.staffQuestion.notEligibleHint')}</p>
              <TextArea t={t} name={`ans${i}ReasonFr`} label="licensing.field.reasonFr" value={values[`ans${i}ReasonFr`]} errors={errors} rows={2} />
              <TextArea t={t} name={`ans${i}ReasonEn`} label="licensing.field.reasonEn" value={values[`ans${i}ReasonEn`]} errors={errors} rows={2} />
              <TextArea t={t} name={`ans${i}WhatFr`} label="licensing.field.whatToDoFr" value={values[`ans${i}WhatFr`]} errors={errors} rows={2} />
              <TextArea t={t} name={`ans${i}WhatEn`} label="licensing.field.whatToDoEn" value={values[`ans${i}WhatEn`]} errors={errors} rows={2} />
            </Fieldset>
          ))}
          <AddAnother list="answers" label={t('licensing.staffQuestion.addAnswer')} />
        </Fieldset>
        <Button>{t('licensing.staff.save')}</Button>
      </Form>
    </Layout>
  );
}

// The person's questionnaire -------------------------------------------------------------------------

function StartAgain({ ctx }: Ctx) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={href('licensing.questionnaire', ctx.locale)}>
        {ctx.t('licensing.questionnaire.startAgain')}
      </a>
    </p>
  );
}

/** How a type can be started: the button when signed in (POST to the application's start), else the way to an account. */
function StartType({ ctx, type, signedIn }: Ctx & { type: TypeWithCategory; signedIn: boolean }) {
  const { t, locale } = ctx;
  if (!type.active) return <div class="govuk-inset-text">{t('licensing.questionnaire.notOffered')}</div>;
  if (!signedIn) {
    return (
      <div class="govuk-inset-text">
        <p class="govuk-body">{t('licensing.questionnaire.needAccount')}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={href('signIn', locale)}>
            {t('licensing.questionnaire.signIn')}
          </a>{' '}
          ·{' '}
          <a class="govuk-link" href={href('signUp', locale)}>
            {t('licensing.questionnaire.signUp')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <Form action={href('licensing.start', locale)} csrfToken={ctx.csrfToken}>
      <input type="hidden" name="typeId" value={type.id} />
      <PortalField portal={ctx.portal} />
      <Button>{t('licensing.questionnaire.start', { type: type.name[locale] })}</Button>
    </Form>
  );
}

function TypeSummary({ ctx, type }: Ctx & { type: TypeWithCategory }) {
  const { t, locale } = ctx;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('licensing.field.category')}>{type.category.name[locale]}</SummaryRow>
      {type.eligibility !== 'anyone' && <SummaryRow label={t('licensing.field.eligibility')}>{t(eligibilityLabels[type.eligibility])}</SummaryRow>}
      {type.kind !== 'registration' && <SummaryRow label={t('licensing.field.kind')}>{t(kindLabels[type.kind])}</SummaryRow>}
      {type.decision !== 'staff' && <SummaryRow label={t('licensing.field.decision')}>{t(decisionLabels[type.decision])}</SummaryRow>}
      <SummaryRow label={t('licensing.questionnaire.sections')}>{type.sections.map((s) => t(sectionLabels[s])).join(', ')}</SummaryRow>
    </dl>
  );
}

const paragraphs = (text: Bilingual, locale: 'fr' | 'en') =>
  text[locale].split(/\n\s*\n/).map((p, i) => (
    <p key={i} class="govuk-body">
      {p}
    </p>
  ));

/** One answer of the question page; the one chosen before a language switch stays chosen. */
function AnswerRadio({ id, code, label }: { id: string; code: string; label: string }) {
  const chosen = useTyped('answer', undefined);
  return (
    <div class="govuk-radios__item">
      <input class="govuk-radios__input" id={id} name="answer" type="radio" value={code} checked={chosen === code} />
      <label class="govuk-label govuk-radios__label" for={id}>
        {label}
      </label>
    </div>
  );
}

export function Questionnaire({
  ctx,
  walk,
  back,
  signedIn,
  error,
  notice,
}: Ctx & { walk: Exclude<Walk, { kind: 'invalid' }>; back: string | null; signedIn: boolean; error?: MessageKey | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const backLink = back && (
    <a class="govuk-back-link" href={back}>
      {t('licensing.questionnaire.back')}
    </a>
  );
  const restarted = notice && (
    <div class="govuk-notification-banner" role="region" aria-labelledby="questionnaire-notice">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="questionnaire-notice">
          {t('licensing.questionnaire.noticeTitle')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{t(notice)}</p>
      </div>
    </div>
  );

  if (walk.kind === 'question') {
    const q = walk.question;
    const errors = error ? { answer: error } : undefined;
    const describedBy = [q.hint ? 'answer-hint' : '', error ? 'answer-error' : ''].filter(Boolean).join(' ') || undefined;
    return (
      <Layout ctx={ctx} title={q.text[locale]} {...(errors ? { errors } : {})}>
        {backLink}
        {restarted}
        <Form action={href('licensing.questionnaire', locale)} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="answers" value={walk.path.map((s) => `${s.question}:${s.answer}`).join(',')} />
          <PortalField portal={ctx.portal} />
          <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <fieldset class="govuk-fieldset" aria-describedby={describedBy}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
                <span class="govuk-caption-l">{t('licensing.questionnaire.title')}</span>
                <h1 class="govuk-fieldset__heading">{q.text[locale]}</h1>
              </legend>
              {q.hint && (
                <div id="answer-hint" class="govuk-hint">
                  {q.hint[locale]}
                </div>
              )}
              <FieldError t={t} name="answer" error={error} />
              <div class="govuk-radios" data-module="govuk-radios">
                {q.answers.map((a, i) => (
                  <AnswerRadio key={a.code} id={i === 0 ? 'answer' : `answer-${a.code}`} code={a.code} label={a.label[locale]} />
                ))}
              </div>
            </fieldset>
          </div>
          <Button>{t('licensing.questionnaire.continue')}</Button>
        </Form>
        {walk.path.length > 0 && <StartAgain ctx={ctx} />}
      </Layout>
    );
  }

  if (walk.kind === 'type') {
    const type = walk.type;
    return (
      <Layout ctx={ctx} title={t('licensing.questionnaire.result', { type: type.name[locale] })}>
        {backLink}
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">{t('licensing.questionnaire.result', { type: type.name[locale] })}</h1>
        </div>
        {paragraphs(type.description, locale)}
        <TypeSummary ctx={ctx} type={type} />
        <StartType ctx={ctx} type={type} signedIn={signedIn} />
        <StartAgain ctx={ctx} />
      </Layout>
    );
  }

  if (walk.kind === 'not_eligible') {
    return (
      <Layout ctx={ctx} title={t('licensing.questionnaire.notEligible')}>
        {backLink}
        <h1 class="govuk-heading-l">{t('licensing.questionnaire.notEligible')}</h1>
        <h2 class="govuk-heading-m">{t('licensing.questionnaire.why')}</h2>
        {paragraphs(walk.reason, locale)}
        <h2 class="govuk-heading-m">{t('licensing.questionnaire.whatToDo')}</h2>
        {paragraphs(walk.whatToDo, locale)}
        <StartAgain ctx={ctx} />
      </Layout>
    );
  }

  return (
    <Layout ctx={ctx} title={t('licensing.questionnaire.chooseType')}>
      {restarted}
      <h1 class="govuk-heading-l">{t('licensing.questionnaire.chooseType')}</h1>
      <p class="govuk-body">{t(walk.types.length ? 'licensing.questionnaire.noQuestionnaire' : 'licensing.questionnaire.noTypes')}</p>
      {walk.types.map((type) => (
        <section key={type.id} class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-m">{type.name[locale]}</h2>
          {paragraphs(type.description, locale)}
          <TypeSummary ctx={ctx} type={type} />
          <StartType ctx={ctx} type={type} signedIn={signedIn} />
        </section>
      ))}
    </Layout>
  );
}
