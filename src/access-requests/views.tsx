import type { Closure } from '../platform/calendar.ts';
import { formatLocalDate } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import type { RequestClock } from './clock.ts';
import { lawLabels, reasonLabels } from './labels.ts';

const day = (ctx: PageContext, date: string) => formatLocalDate(ctx.locale, date);

function closureText(ctx: PageContext, c: Closure) {
  const why = c.reason === 'holiday' ? c.holiday.name[ctx.locale] : ctx.t(c.reason === 'saturday' ? 'access.clock.saturday' : 'access.clock.sunday');
  return `${day(ctx, c.date)} (${why})`;
}

/** Days left, due today, late, on hold or not started: the one line every list and page shows. */
export function ClockLine({ ctx, clock, closedOn }: { ctx: PageContext; clock: RequestClock; closedOn?: string | null }) {
  const { t } = ctx;
  if (clock.state === 'not_started') return <>{t('access.clock.notStarted')}</>;
  if (clock.state === 'stopped') return <>{t('access.clock.stopped', { date: day(ctx, clock.stops.find((s) => s.endedOn === null)!.startedOn) })}</>;
  if (clock.state === 'closed') return <>{t(clock.late ? 'access.clock.closedLate' : 'access.clock.closed', { date: closedOn ? day(ctx, closedOn) : '' })}</>;
  const left = clock.daysLeft ?? 0;
  return left > 0 ? <>{t('access.clock.daysLeft', { days: left })}</> : left === 0 ? <>{t('access.clock.dueToday')}</> : <strong>{t('access.clock.late', { days: -left })}</strong>;
}

/**
 * The clock of a request and how its due date was computed, in words: the rule and its law, the
 * start, each stop and extension, the day the count reaches and any closed day that moved it.
 * The same on the practitioner's page and the requester's tracking page.
 */
export function ClockPanel({ ctx, clock, closedOn }: { ctx: PageContext; clock: RequestClock; closedOn?: string | null }) {
  const { t } = ctx;
  const due = clock.due;
  return (
    <section aria-labelledby="access-clock">
      <h2 class="govuk-heading-m" id="access-clock">
        {t('access.clock.title')}
      </h2>
      <dl class="govuk-summary-list">
        {clock.start && (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('access.clock.received')}</dt>
            <dd class="govuk-summary-list__value">{day(ctx, clock.start)}</dd>
          </div>
        )}
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('access.clock.due')}</dt>
          <dd class="govuk-summary-list__value">
            {due && clock.state !== 'stopped' && <strong>{day(ctx, due.due)} — </strong>}
            <ClockLine ctx={ctx} clock={clock} closedOn={closedOn ?? null} />
          </dd>
        </div>
      </dl>
      {due && (
        <details class="govuk-details" open>
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text">{t('access.clock.howTitle')}</span>
          </summary>
          <div class="govuk-details__text">
            <ol class="govuk-list govuk-list--number">
              <li>{t('access.clock.rule', { days: clock.limitDays, law: t(lawLabels[clock.act]) })}</li>
              <li>{t('access.clock.start', { date: day(ctx, due.start) })}</li>
              {clock.stops.map((s) => (
                <li key={s.startedOn}>{s.endedOn ? t('access.clock.stop', { from: day(ctx, s.startedOn), to: day(ctx, s.endedOn), days: s.days }) : t('access.clock.stopOpen', { from: day(ctx, s.startedOn), days: s.days })}</li>
              ))}
              {clock.extensions.length > 0 && clock.original && <li>{t('access.clock.original', { date: day(ctx, clock.original.due) })}</li>}
              {clock.extensions.map((e, i) => (
                <li key={i}>{t('access.clock.extension', { days: e.days, date: day(ctx, e.takenOn), reason: t(reasonLabels[e.reason]) })}</li>
              ))}
              <li>{t('access.clock.reached', { date: day(ctx, due.reached) })}</li>
              {due.moved.length > 0 && <li>{t('access.clock.moved', { closed: due.moved.map((m) => closureText(ctx, m)).join(', '), date: day(ctx, due.due) })}</li>}
              <li>
                <strong>{t('access.clock.final', { date: day(ctx, due.due) })}</strong>
              </li>
            </ol>
          </div>
        </details>
      )}
    </section>
  );
}
