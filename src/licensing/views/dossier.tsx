import { formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import type { PageName } from '../../platform/paths.ts';
import { href } from '../../platform/paths.ts';
import type { Condition } from '../files/files.ts';
import type { Dossier } from '../queries.ts';
import type { Ctx } from './parts.tsx';

/**
 * The file an application opened: its number, and after an expired certificate what became of the
 * exam result (carried over, with the old file's number and the ground, or not, with each reason
 * and what to do). Staff read the person's own words, under a heading that says so.
 */
/** `showNumber`: false where the page already shows it (an approved application's panel: its registration bears its file's number). */
export function DossierSummary({ ctx, dossier, audience, showNumber = true }: Ctx & { dossier: Dossier; audience: 'person' | 'staff'; showNumber?: boolean }) {
  const { t, locale } = ctx;
  const e = dossier.evidence;
  const day = (d: string | null | undefined) => (d ? formatLocalDate(locale, d) : '');
  return (
    <>
      {showNumber && (
        <p class="govuk-body" data-file-number={dossier.number}>
          {t('licensing.dossier.number', { number: dossier.number })}
        </p>
      )}
      {dossier.examRule && e && (
        <section aria-labelledby="exam-transfer">
          <h2 class="govuk-heading-m" id="exam-transfer">
            {t(audience === 'person' ? 'licensing.dossier.examTitle' : 'licensing.dossier.examTitleStaff')}
          </h2>
          {dossier.examRule === 'linked_at_expiry' && (
            <p class="govuk-body">{t('licensing.dossier.linkedAtExpiry', { previous: e.previousNumber, agency: e.agency?.[locale] ?? '', expired: day(e.expiredOn) })}</p>
          )}
          {dossier.examRule === 'recent_exam' && <p class="govuk-body">{t('licensing.dossier.recentExam', { previous: e.previousNumber, sat: day(e.examSatOn), until: day(e.examValidUntil) })}</p>}
          {dossier.examRule === 'not_met' && (
            <>
              <p class="govuk-body">{t('licensing.dossier.notMet', { previous: e.previousNumber })}</p>
              <ul class="govuk-list govuk-list--bullet">
                <li>{t('licensing.dossier.notLinked', { expired: day(e.expiredOn) })}</li>
                <li>{e.examSatOn ? t('licensing.dossier.examTooOld', { sat: day(e.examSatOn), until: day(e.examValidUntil) }) : t('licensing.dossier.noExam')}</li>
              </ul>
              <p class="govuk-body">{t(audience === 'person' ? 'licensing.dossier.whatToDo' : 'licensing.dossier.staffWhatToDo')}</p>
            </>
          )}
        </section>
      )}
    </>
  );
}

/** Each condition of a waiting certificate in words (the renewals module shows them too). */
export const conditionWords = {
  fee: 'licensing.condition.fee',
  agency_link: 'licensing.condition.agencyLink',
  exam: 'licensing.condition.exam',
} as const satisfies Record<Condition, MessageKey>;

/** What each condition of a waiting certificate asks of the person, and where they meet it. */
export const conditionSteps = {
  fee: { page: 'billing.invoices', link: 'licensing.condition.feeLink' },
  agency_link: { page: 'agencies.link', link: 'licensing.condition.agencyLinkLink' },
  exam: { page: 'exams.sessions', link: 'licensing.condition.examLink' },
} as const satisfies Record<Condition, { page: PageName; link: MessageKey }>;

/** A certificate waiting for its conditions: each one still missing, with the page that meets it. */
export function WaitingConditions({ ctx, waiting }: Ctx & { waiting: readonly Condition[] }) {
  const { t, locale } = ctx;
  return (
    <>
      <p class="govuk-body">{t('licensing.condition.lead')}</p>
      <ul class="govuk-list govuk-list--bullet" data-waiting={waiting.join(' ')}>
        {waiting.map((c) => (
          <li key={c}>
            {t(conditionWords[c])}{' '}
            <a class="govuk-link" href={href(conditionSteps[c].page, locale)}>
              {t(conditionSteps[c].link)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

