import type { MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, PortalField, TextArea, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { MessagePage } from '../platform/views/message.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import type { LanguageChoice } from './schemas.ts';

type Ctx = { ctx: PageContext };

const choiceLabels = { fr: 'mailingList.language.fr', en: 'mailingList.language.en', both: 'mailingList.language.both' } as const satisfies Record<LanguageChoice, MessageKey>;
const languageOptions = (ctx: PageContext) => (Object.keys(choiceLabels) as LanguageChoice[]).map((value) => ({ value, label: ctx.t(choiceLabels[value]) }));

export function SignUpPage({ ctx, errors, values }: Ctx & { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('mailingList.signUp.title')} errors={errors}>
      <h1 class="govuk-heading-l">{t('mailingList.signUp.title')}</h1>
      <p class="govuk-body">{t('mailingList.signUp.lead')}</p>
      <Form action={href('mailingList.signUp', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        <TextField t={t} name="email" label="mailingList.field.email" type="email" autocomplete="email" value={values?.email} errors={errors} />
        <Choice t={t} name="languages" label="mailingList.field.languages" kind="radios" options={languageOptions(ctx)} value={values?.languages ?? (locale === 'fr' ? 'fr' : 'en')} errors={errors} />
        <p class="govuk-body">{t('mailingList.signUp.confirmNote')}</p>
        <Button>{t('mailingList.signUp.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function SentPage({ ctx }: Ctx) {
  const { t } = ctx;
  return <MessagePage ctx={ctx} title={t('mailingList.sent.title')} paragraphs={[t('mailingList.sent.body'), t('mailingList.sent.notYet')]} />;
}

const confirmProblems = { expired: 'mailingList.confirm.expired', unknown: 'mailingList.confirm.unknown', already: 'mailingList.confirm.already' } as const satisfies Record<string, MessageKey>;

/** A confirmation link's page: its button while it works (a mail scanner's GET confirms nothing), else why not. */
export function ConfirmPage({ ctx, token, state }: Ctx & { token: string; state: 'valid' | keyof typeof confirmProblems }) {
  const { t, locale } = ctx;
  if (state !== 'valid') {
    return (
      <MessagePage
        ctx={ctx}
        title={t('mailingList.confirm.title')}
        paragraphs={[t(confirmProblems[state])]}
        {...(state === 'already' ? {} : { button: { href: href('mailingList.signUp', locale), label: t('mailingList.confirm.again') } })}
      />
    );
  }
  return (
    <Layout ctx={ctx} title={t('mailingList.confirm.title')}>
      <h1 class="govuk-heading-l">{t('mailingList.confirm.title')}</h1>
      <p class="govuk-body">{t('mailingList.confirm.body')}</p>
      <Form action={href('mailingList.confirm', locale)} csrfToken={ctx.csrfToken}>
        <input type="hidden" name="token" value={token} />
        <Button>{t('mailingList.confirm.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function ConfirmedPage({ ctx }: Ctx) {
  const { t } = ctx;
  return <MessagePage ctx={ctx} title={t('mailingList.confirmed.title')} paragraphs={[t('mailingList.confirmed.body')]} />;
}

export function UnknownLinkPage({ ctx }: Ctx) {
  const { t, locale } = ctx;
  return <MessagePage ctx={ctx} title={t('mailingList.link.unknown.title')} paragraphs={[t('mailingList.link.unknown.body')]} button={{ href: href('mailingList.signUp', locale), label: t('mailingList.confirm.again') }} />;
}

const withToken = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

export function ManagePage({ ctx, token, choice, errors, saved }: Ctx & { token: string; choice: LanguageChoice; errors?: FieldErrors | undefined; saved: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('mailingList.manage.title')} errors={errors}>
      {saved && <Notice>{t('mailingList.manage.saved')}</Notice>}
      <h1 class="govuk-heading-l">{t('mailingList.manage.title')}</h1>
      <Form action={withToken(href('mailingList.manage', locale), token)} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="languages" label="mailingList.field.languages" kind="radios" options={languageOptions(ctx)} value={choice} errors={errors} />
        <Button>{t('mailingList.manage.submit')}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={withToken(href('mailingList.unsubscribe', locale), token)}>
          {t('mailingList.manage.unsubscribe')}
        </a>
      </p>
    </Layout>
  );
}

/** The unsubscribe link opened in a browser: one button, which posts to the same address as a mail client's one click. */
export function UnsubscribePage({ ctx, token }: Ctx & { token: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('mailingList.unsubscribe.title')}>
      <h1 class="govuk-heading-l">{t('mailingList.unsubscribe.title')}</h1>
      <p class="govuk-body">{t('mailingList.unsubscribe.body')}</p>
      <Form action={withToken(href('mailingList.unsubscribe', locale), token)} csrfToken={ctx.csrfToken}>
        <Button>{t('mailingList.unsubscribe.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function UnsubscribedPage({ ctx }: Ctx) {
  const { t } = ctx;
  return <MessagePage ctx={ctx} title={t('mailingList.unsubscribed.title')} paragraphs={[t('mailingList.unsubscribed.body')]} />;
}

export function StaffListPage({ ctx, counts, errors, values, notice }: Ctx & { counts: { confirmed: number; pending: number; fr: number; en: number }; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('mailingList.staff.title')} current="mailingList.staff" notice={notice} errors={errors}>
      <h2 class="govuk-heading-m">{t('mailingList.staff.counts')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('mailingList.staff.confirmed')}>{String(counts.confirmed)}</SummaryRow>
        <SummaryRow label={t('mailingList.staff.fr')}>{String(counts.fr)}</SummaryRow>
        <SummaryRow label={t('mailingList.staff.en')}>{String(counts.en)}</SummaryRow>
        <SummaryRow label={t('mailingList.staff.pending')}>{String(counts.pending)}</SummaryRow>
      </dl>
      <InlineForm action={href('mailingList.staffExport', locale)} csrfToken={ctx.csrfToken}>
        <Button secondary>{t('mailingList.staff.export')}</Button>
      </InlineForm>
      <h2 class="govuk-heading-m">{t('mailingList.staff.send')}</h2>
      <p class="govuk-hint">{t('mailingList.staff.sendHint')}</p>
      <Form action={href('mailingList.staffSend', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="subjectFr" label="mailingList.staff.subjectFr" value={values?.subjectFr} errors={errors} />
        <TextArea t={t} name="bodyFr" label="mailingList.staff.bodyFr" value={values?.bodyFr} errors={errors} rows={6} />
        <TextField t={t} name="subjectEn" label="mailingList.staff.subjectEn" value={values?.subjectEn} errors={errors} />
        <TextArea t={t} name="bodyEn" label="mailingList.staff.bodyEn" value={values?.bodyEn} errors={errors} rows={6} />
        <Button>{t('mailingList.staff.sendSubmit')}</Button>
      </Form>
    </StaffPage>
  );
}
