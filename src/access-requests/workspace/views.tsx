import type { Recipient } from '../../authorities/index.ts';
import { type Bilingual, formatDateTime, formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, TextArea, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { Pagination } from '../../platform/views/pagination.tsx';
import { PersonPage } from '../../platform/views/person-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { RequestClock } from '../clock.ts';
import type { AccessRequest } from '../core.ts';
import { actLabels, categoryLabels, channelLabels, ConsultationTag, consultationKindLabels, feeLabels, reasonLabels, StatusTag, statusLabels } from '../labels.ts';
import { acts, consultationKinds, extensionReasons, requesterCategories, requestStatuses, type ExtensionReason } from '../states.ts';
import { ClockLine, ClockPanel } from '../views.tsx';
import { type DashboardQuery, enteredChannels, feeChoices, type Queue, queues } from './schemas.ts';
import { type ExtensionRefusal, PER_PAGE, type WorkspaceService } from './service.ts';

const queueLabels = {
  overdue: 'access.workspace.queue.overdue',
  due_soon: 'access.workspace.queue.due_soon',
  awaiting_clarification: 'access.workspace.queue.awaiting_clarification',
  awaiting_fee: 'access.workspace.queue.awaiting_fee',
  unassigned: 'access.workspace.queue.unassigned',
  mine: 'access.workspace.queue.mine',
} as const satisfies Record<Queue, MessageKey>;

export const refusalLabels = {
  not_running: 'access.workspace.extension.refusal.not_running',
  past_original_limit: 'access.workspace.extension.refusal.past_original_limit',
  privacy_limit: 'access.workspace.extension.refusal.privacy_limit',
  wrong_reason: 'access.workspace.extension.refusal.wrong_reason',
} as const satisfies Record<ExtensionRefusal, MessageKey>;

const noticeKindLabels = {
  extension: 'access.workspace.history.noticeExtension',
  commissioner: 'access.workspace.history.noticeCommissioner',
  response: 'access.workspace.history.noticeResponse',
} as const satisfies Record<'extension' | 'commissioner' | 'response', MessageKey>;

const feeChoiceLabels = { paid: 'access.workspace.new.feePaid', waived: 'access.workspace.new.feeWaived', due: 'access.workspace.new.feeDue' } as const satisfies Record<(typeof feeChoices)[number], MessageKey>;
const localeLabels = { fr: 'access.workspace.new.localeFr', en: 'access.workspace.new.localeEn' } as const satisfies Record<'fr' | 'en', MessageKey>;

/** Why an action cannot be taken from a state: said next to it, never a button that does nothing. */
const whyLabels = {
  awaiting_fee: 'access.workspace.why.awaiting_fee',
  in_progress: 'access.workspace.why.in_progress',
  awaiting_clarification: 'access.workspace.why.awaiting_clarification',
  closed: 'access.workspace.why.closed',
} as const satisfies Record<AccessRequest['status'], MessageKey>;

const day = (ctx: PageContext, date: string | null | undefined) => (date ? formatLocalDate(ctx.locale, date) : '—');
const options = <V extends string>(ctx: PageContext, values: readonly V[], labels: Readonly<Record<V, MessageKey>>) => values.map((v) => ({ value: v, label: ctx.t(labels[v]) }));
const personName = (p: Pick<Recipient, 'givenName' | 'email'>) => `${p.givenName} (${p.email})`;

type Dashboard = Awaited<ReturnType<WorkspaceService['dashboard']>>;

function dashboardHref(ctx: PageContext, organizationId: string, q: Partial<DashboardQuery>) {
  const params = new URLSearchParams(
    Object.entries({ status: q.status, queue: q.queue, act: q.act, assignee: q.assignee, number: q.number, page: q.page && q.page > 1 ? String(q.page) : undefined }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const query = params.toString();
  return href('access.workspace.dashboard', ctx.locale, { organizationId }) + (query ? `?${query}` : '');
}

function QueueLink({ ctx, organizationId, q, query, n }: { ctx: PageContext; organizationId: string; q: Queue; query: DashboardQuery; n: number }) {
  return (
    <li>
      <a class="govuk-link" href={dashboardHref(ctx, organizationId, { queue: q })} aria-current={query.queue === q ? 'page' : undefined}>
        {ctx.t(queueLabels[q], { n })}
      </a>
    </li>
  );
}

/** The institution's requests: the counts by state, the queues (late apart from what is not counted as late), the filters in the address, one page sorted by due day. */
export function DashboardPage(props: { ctx: PageContext; organizationId: string; organization: Bilingual; query: DashboardQuery; data: Dashboard; notice?: MessageKey | undefined }) {
  const { ctx, organizationId, query, data } = props;
  const { t, locale } = ctx;
  const c = data.counts;
  const pages = Math.max(1, Math.ceil(data.total / PER_PAGE));
  const action = href('access.workspace.dashboard', locale, { organizationId });
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.dashboard.title')} notice={props.notice}>
      <p class="govuk-body">{props.organization[locale]}</p>
      <div class="govuk-button-group">
        <a class="govuk-button govuk-button--secondary" role="button" draggable={false} href={href('access.workspace.newRequest', locale, { organizationId })}>
          {t('access.workspace.new.title')}
        </a>
        <a class="govuk-link" href={href('access.workspace.consultations', locale, { organizationId })}>
          {t('access.workspace.consultations.title')}
        </a>
      </div>
      <h2 class="govuk-heading-m">{t('access.workspace.dashboard.byState')}</h2>
      <ul class="govuk-list">
        {requestStatuses.map((s) => (
          <li key={s}>
            <a class="govuk-link" href={dashboardHref(ctx, organizationId, { status: s })} aria-current={query.status === s && !query.queue ? 'page' : undefined}>
              {t('access.workspace.dashboard.stateCount', { state: t(statusLabels[s]), n: c[s] })}
            </a>
          </li>
        ))}
      </ul>
      <nav aria-label={t('access.workspace.dashboard.queues')}>
        <h2 class="govuk-heading-m">{t('access.workspace.dashboard.queues')}</h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={dashboardHref(ctx, organizationId, {})} aria-current={!query.queue && !query.status && !query.act && !query.assignee && !query.number ? 'page' : undefined}>
              {t('access.workspace.queue.all')}
            </a>
          </li>
          <QueueLink ctx={ctx} organizationId={organizationId} q="overdue" query={query} n={c.overdue} />
          <QueueLink ctx={ctx} organizationId={organizationId} q="due_soon" query={query} n={c.due_soon} />
          <QueueLink ctx={ctx} organizationId={organizationId} q="unassigned" query={query} n={c.unassigned} />
          <QueueLink ctx={ctx} organizationId={organizationId} q="mine" query={query} n={c.mine} />
        </ul>
        <h3 class="govuk-heading-s">{t('access.workspace.dashboard.notLate')}</h3>
        <p class="govuk-body">{t('access.workspace.dashboard.notLateLead')}</p>
        <ul class="govuk-list">
          <QueueLink ctx={ctx} organizationId={organizationId} q="awaiting_clarification" query={query} n={c.awaiting_clarification} />
          <QueueLink ctx={ctx} organizationId={organizationId} q="awaiting_fee" query={query} n={c.awaiting_fee} />
        </ul>
      </nav>

      <h2 class="govuk-heading-m">{t('access.workspace.filter.title')}</h2>
      <form method="get" action={action} novalidate>
        <TextField t={t} name="number" label="access.workspace.filter.number" hint="access.workspace.filter.numberHint" value={query.number ?? ''} width="20" autocomplete="off" />
        <Choice t={t} name="status" label="access.workspace.filter.status" kind="select" value={query.status ?? ''} options={options(ctx, requestStatuses, statusLabels)} />
        <Choice t={t} name="queue" label="access.workspace.filter.queue" kind="select" value={query.queue ?? ''} options={queues.map((q) => ({ value: q, label: t(queueLabels[q], { n: c[q] }) }))} />
        <Choice t={t} name="act" label="access.workspace.filter.act" kind="select" value={query.act ?? ''} options={options(ctx, acts, actLabels)} />
        <Choice
          t={t}
          name="assignee"
          label="access.workspace.filter.assignee"
          kind="select"
          value={query.assignee ?? ''}
          options={[{ value: 'me', label: t('access.workspace.filter.me') }, { value: 'none', label: t('access.workspace.filter.none') }, ...data.practitioners.map((p) => ({ value: p.id, label: personName(p) }))]}
        />
        <button type="submit" class="govuk-button govuk-button--secondary">
          {t('access.workspace.filter.submit')}
        </button>
      </form>

      {data.rows.length === 0 ? (
        <p class="govuk-body">{t('access.workspace.dashboard.none')}</p>
      ) : (
        <Table caption={t('access.workspace.dashboard.count', { n: data.total })} captionSize="s" headers={[t('access.workspace.field.number'), t('access.workspace.field.act'), t('access.workspace.field.status'), t('access.workspace.field.due'), t('access.workspace.field.clock'), t('access.workspace.field.assignee')]}>
          {data.rows.map(({ request: r, clock }) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('access.workspace.request', locale, { organizationId, requestId: r.id })}>
                  {r.number}
                </a>
              </td>
              <td class="govuk-table__cell">{t(actLabels[r.act])}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={r.status} />
              </td>
              <td class="govuk-table__cell">{day(ctx, r.dueOn)}</td>
              <td class="govuk-table__cell">
                <ClockLine ctx={ctx} clock={clock} closedOn={r.closedOn} />
              </td>
              <td class="govuk-table__cell">{r.assigneeId ? (data.practitioners.find((p) => p.id === r.assigneeId)?.givenName ?? '—') : t('access.workspace.filter.none')}</td>
            </tr>
          ))}
        </Table>
      )}
      {pages > 1 && (
        <Pagination
          label={t('access.workspace.dashboard.pages')}
          previous={query.page > 1 ? { href: dashboardHref(ctx, organizationId, { ...query, page: query.page - 1 }), label: t('access.workspace.dashboard.previous') } : undefined}
          next={query.page < pages ? { href: dashboardHref(ctx, organizationId, { ...query, page: query.page + 1 }), label: t('access.workspace.dashboard.next') } : undefined}
        >
          <p class="govuk-body">{t('access.workspace.dashboard.page', { page: query.page, pages })}</p>
        </Pagination>
      )}
    </PersonPage>
  );
}

type View = Awaited<ReturnType<WorkspaceService['view']>>;

/** One action of the request page: a link when it can be taken, otherwise the reason it cannot. */
interface Action {
  label: MessageKey;
  href: string;
  why: MessageKey | null;
}

function actionsOf(ctx: PageContext, organizationId: string, r: AccessRequest, clock: RequestClock, today: string): Action[] {
  const at = (name: 'access.workspace.clarification' | 'access.workspace.extension' | 'access.workspace.transfer' | 'access.workspace.consult' | 'access.release.records' | 'access.release.package' | 'access.release.close' | 'access.release.fee') => href(name, ctx.locale, { organizationId, requestId: r.id });
  const why = whyLabels[r.status];
  const open = r.status !== 'closed';
  const extensionWhy: MessageKey | null =
    clock.state !== 'running' ? why : clock.original && clock.original.due < today ? refusalLabels.past_original_limit : r.act === 'privacy' && clock.extensionDays >= 30 ? refusalLabels.privacy_limit : null;
  return [
    { label: 'access.workspace.action.ask', href: at('access.workspace.clarification'), why: r.status === 'in_progress' ? null : why },
    { label: 'access.workspace.action.answer', href: at('access.workspace.clarification'), why: r.status === 'awaiting_clarification' ? null : 'access.workspace.why.noQuestion' },
    { label: 'access.workspace.action.extend', href: at('access.workspace.extension'), why: extensionWhy },
    { label: 'access.workspace.action.transfer', href: at('access.workspace.transfer'), why: r.status === 'in_progress' || r.status === 'awaiting_clarification' ? null : why },
    { label: 'access.workspace.action.consult', href: at('access.workspace.consult'), why: open ? null : why },
    { label: 'access.workspace.action.records', href: at('access.release.records'), why: null },
    { label: 'access.workspace.action.package', href: at('access.release.package'), why: r.status === 'in_progress' ? null : why },
    { label: 'access.workspace.action.close', href: at('access.release.close'), why: open ? null : why },
    { label: 'access.workspace.action.fee', href: at('access.release.fee'), why: null },
  ];
}

/** The request: who asked what, the clock with how it was computed, the assignee, what can be done (or why not), and its history. */
export function RequestPage(props: { ctx: PageContext; organizationId: string; r: AccessRequest; view: View; notice?: MessageKey | undefined; problem?: string | undefined; errors?: FieldErrors | undefined }) {
  const { ctx, organizationId, r, view } = props;
  const { t, locale } = ctx;
  const back = href('access.workspace.dashboard', locale, { organizationId });
  const history: { at: Date; text: string; link?: string | undefined }[] = [
    { at: r.submittedAt, text: t('access.workspace.history.received', { channel: t(channelLabels[r.channel]) }) },
    ...view.stops.flatMap((s) => [
      { at: s.askedAt, text: t('access.workspace.history.asked', { question: s.question }) },
      ...(s.answeredAt ? [{ at: s.answeredAt, text: t('access.workspace.history.answered', { answer: s.answer ?? '' }) }] : []),
    ]),
    ...view.extensions.map((e) => ({ at: e.takenAt, text: t('access.workspace.history.extension', { days: e.days, reason: t(reasonLabels[e.reason]) }) })),
    ...view.notices.map((n) => ({ at: n.sentAt, text: t(noticeKindLabels[n.kind], { to: n.sentTo }), link: n.versionId ? href('documents.download', locale, { versionId: n.versionId }) : undefined })),
    ...view.transfers.map((x) => ({ at: x.transfer.transferredAt, text: t('access.workspace.history.transfer', { from: x.from[locale], to: x.to[locale], reason: x.transfer.reason }) })),
    ...view.consultations.map((c) => ({ at: c.createdAt, text: t('access.workspace.history.consultation', { party: c.partyName, date: day(ctx, c.dueOn) }) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const actions = actionsOf(ctx, organizationId, r, view.clock, view.today);
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.request.title', { number: r.number })} notice={props.notice} problem={props.problem} errors={props.errors} back={back}>
      <p class="govuk-body">
        <StatusTag ctx={ctx} status={r.status} /> {t(actLabels[r.act])}
      </p>
      <ClockPanel ctx={ctx} clock={view.clock} closedOn={r.closedOn} />

      <h2 class="govuk-heading-m">{t('access.workspace.request.actions')}</h2>
      <ul class="govuk-list">
        {actions.map((a) => (
          <li key={a.label}>
            {a.why ? (
              <>
                <span>{t(a.label)}</span> — <span class="govuk-hint">{t(a.why)}</span>
              </>
            ) : (
              <a class="govuk-link" href={a.href}>
                {t(a.label)}
              </a>
            )}
          </li>
        ))}
      </ul>

      <h2 class="govuk-heading-m">{t('access.workspace.request.requester')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.workspace.field.name')}>{r.requesterName}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.email')}>{r.requesterEmail ?? '—'}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.phone')}>{r.requesterPhone ?? '—'}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.address')}>{r.requesterAddress ?? '—'}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.category')}>{t(categoryLabels[r.requesterCategory])}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.locale')}>{t(localeLabels[r.requesterLocale])}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{t('access.workspace.request.asked')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.workspace.field.description')}>{r.description}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.period')}>{r.periodFrom || r.periodTo ? `${day(ctx, r.periodFrom)} – ${day(ctx, r.periodTo)}` : '—'}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.format')}>{t(r.format === 'paper' ? 'access.workspace.field.formatPaper' : 'access.workspace.field.formatElectronic')}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.channel')}>{t(channelLabels[r.channel])}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.submitted')}>{formatDateTime(locale, r.submittedAt)}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.fee')}>
          {t(feeLabels[r.feeStatus])}
          {r.feeNote && ` — ${r.feeNote}`}
        </SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{t('access.workspace.assign.title')}</h2>
      <p class="govuk-body">{view.assignee ? t('access.workspace.assign.current', { name: `${view.assignee.givenName} ${view.assignee.familyName}` }) : t('access.workspace.assign.nobody')}</p>
      {r.status === 'closed' ? (
        <p class="govuk-hint">{t('access.workspace.why.closed')}</p>
      ) : (
        <Form action={href('access.workspace.assign', locale, { organizationId, requestId: r.id })} csrfToken={ctx.csrfToken}>
          <Choice t={t} name="assigneeId" label="access.workspace.assign.label" kind="select" value={r.assigneeId ?? ''} options={view.practitioners.map((p) => ({ value: p.id, label: personName(p) }))} errors={props.errors} />
          <Button secondary>{t('access.workspace.assign.submit')}</Button>
        </Form>
      )}

      <h2 class="govuk-heading-m">{t('access.workspace.consult.listTitle')}</h2>
      <ConsultationTable ctx={ctx} rows={view.consultations} today={view.today} />

      <h2 class="govuk-heading-m">{t('access.workspace.history.title')}</h2>
      <ol class="govuk-list">
        {history.map((h, i) => (
          <li key={i}>
            <strong>{formatDateTime(locale, h.at)}</strong> — {h.text}
            {h.link && (
              <>
                {' '}
                <a class="govuk-link" href={h.link}>
                  {t('access.workspace.history.letter')}
                </a>
              </>
            )}
          </li>
        ))}
      </ol>
    </PersonPage>
  );
}

type ConsultationRow = View['consultations'][number];

/** A consultation's tag: overdue when still unanswered past its due day. */
const consultationState = (c: Pick<ConsultationRow, 'status' | 'dueOn'>, today: string) => (c.status === 'sent' && c.dueOn < today ? 'overdue' : c.status);

function ConsultationTable({ ctx, rows, today, actions }: { ctx: PageContext; rows: readonly ConsultationRow[]; today: string; actions?: (c: ConsultationRow) => preact.ComponentChildren }) {
  const { t } = ctx;
  if (rows.length === 0) return <p class="govuk-body">{t('access.workspace.consult.none')}</p>;
  return (
    <Table headers={[t('access.workspace.field.party'), t('access.workspace.field.question'), t('access.workspace.field.sentOn'), t('access.workspace.field.due'), t('access.workspace.field.status'), t('access.workspace.field.answer'), ...(actions ? [{ hidden: t('access.workspace.field.actions') }] : [])]}>
      {rows.map((c) => (
        <tr class="govuk-table__row" key={c.id}>
          <td class="govuk-table__cell">
            {c.partyName} ({t(consultationKindLabels[c.kind])})
          </td>
          <td class="govuk-table__cell">{c.question}</td>
          <td class="govuk-table__cell">{day(ctx, c.sentOn)}</td>
          <td class="govuk-table__cell">{day(ctx, c.dueOn)}</td>
          <td class="govuk-table__cell">
            <ConsultationTag ctx={ctx} status={consultationState(c, today)} />
          </td>
          <td class="govuk-table__cell">{c.answer ?? '—'}</td>
          {actions && <td class="govuk-table__cell">{actions(c)}</td>}
        </tr>
      ))}
    </Table>
  );
}

type PageProps = { ctx: PageContext; organizationId: string; r: AccessRequest; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; problem?: string | undefined };
const backTo = (ctx: PageContext, organizationId: string, r: AccessRequest) => href('access.workspace.request', ctx.locale, { organizationId, requestId: r.id });

/** Asking the requester to clarify (the clock stops), or recording the answer they gave by phone or mail (it runs again). */
export function ClarificationPage(props: PageProps & { question: string | null }) {
  const { ctx, organizationId, r, errors } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const action = href('access.workspace.clarification', locale, { organizationId, requestId: r.id });
  const asking = r.status === 'in_progress';
  return (
    <PersonPage ctx={ctx} title={t(asking ? 'access.workspace.clarification.askTitle' : 'access.workspace.clarification.answerTitle')} errors={errors} problem={props.problem} back={backTo(ctx, organizationId, r)}>
      <p class="govuk-body">{t('access.workspace.request.line', { number: r.number })}</p>
      {asking ? (
        <>
          <p class="govuk-body">{t('access.workspace.clarification.askLead')}</p>
          <Form action={action} csrfToken={ctx.csrfToken}>
            <TextArea t={t} name="question" label="access.workspace.field.question" value={values.question ?? ''} errors={errors} rows={5} />
            <Button>{t('access.workspace.clarification.askSubmit')}</Button>
          </Form>
        </>
      ) : r.status === 'awaiting_clarification' ? (
        <>
          <dl class="govuk-summary-list">
            <SummaryRow label={t('access.workspace.field.question')}>{props.question ?? '—'}</SummaryRow>
          </dl>
          <p class="govuk-body">{t('access.workspace.clarification.answerLead')}</p>
          <Form action={action} csrfToken={ctx.csrfToken}>
            <TextArea t={t} name="answer" label="access.workspace.field.answer" value={values.answer ?? ''} errors={errors} rows={5} />
            <Button>{t('access.workspace.clarification.answerSubmit')}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t(whyLabels[r.status])}</p>
      )}
    </PersonPage>
  );
}

/** An extension: the statutory reason and the days; then the new due day shown before it is taken; or why none can be taken. */
export function ExtensionPage(props: PageProps & { clock: RequestClock; confirm?: { reason: ExtensionReason; days: number; after: RequestClock } | undefined }) {
  const { ctx, organizationId, r, errors, clock, confirm } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const action = href('access.workspace.extension', locale, { organizationId, requestId: r.id });
  const back = backTo(ctx, organizationId, r);
  if (confirm) {
    return (
      <PersonPage ctx={ctx} title={t('access.workspace.extension.confirmTitle')} back={back}>
        <p class="govuk-body">{t('access.workspace.request.line', { number: r.number })}</p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t('access.workspace.field.reason')}>{t(reasonLabels[confirm.reason])}</SummaryRow>
          <SummaryRow label={t('access.workspace.field.days')}>{t('access.workspace.extension.daysValue', { days: confirm.days })}</SummaryRow>
          <SummaryRow label={t('access.workspace.extension.currentDue')}>{day(ctx, clock.due?.due)}</SummaryRow>
          <SummaryRow label={t('access.workspace.extension.newDue')}>
            <strong>{day(ctx, confirm.after.due?.due)}</strong>
          </SummaryRow>
        </dl>
        <p class="govuk-body">{t('access.workspace.extension.letterLead')}</p>
        {confirm.after.commissionerNotice && !clock.commissionerNotice && (
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t('access.workspace.warning')}</span>
              {t('access.workspace.extension.commissionerWarning', { days: confirm.after.extensionDays })}
            </strong>
          </div>
        )}
        <ClockPanel ctx={ctx} clock={confirm.after} />
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="reason" value={confirm.reason} />
          <input type="hidden" name="days" value={String(confirm.days)} />
          <input type="hidden" name="confirmed" value="yes" />
          <div class="govuk-button-group">
            <Button>{t('access.workspace.extension.take')}</Button>
            <a class="govuk-link" href={action}>
              {t('access.workspace.extension.change')}
            </a>
          </div>
        </Form>
      </PersonPage>
    );
  }
  const reasons = extensionReasons[r.act] as readonly ExtensionReason[];
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.extension.title')} errors={errors} problem={props.problem} back={back}>
      <p class="govuk-body">{t('access.workspace.request.line', { number: r.number })}</p>
      <p class="govuk-body">{t(r.act === 'access' ? 'access.workspace.extension.leadAccess' : 'access.workspace.extension.leadPrivacy', { date: day(ctx, clock.original?.due) })}</p>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="reason" label="access.workspace.field.reason" kind="radios" value={values.reason ?? ''} options={options(ctx, reasons, reasonLabels)} errors={errors} />
        <TextField t={t} name="days" label="access.workspace.field.days" hint="access.workspace.extension.daysHint" value={values.days ?? ''} errors={errors} width="3" inputMode="numeric" />
        <Button>{t('access.workspace.extension.continue')}</Button>
      </Form>
    </PersonPage>
  );
}

/** A transfer to another institution of the office (the clock kept), with the reason. */
export function TransferPage(props: PageProps & { institutions: { id: string; name: Bilingual }[] }) {
  const { ctx, organizationId, r, errors } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const allowed = r.status === 'in_progress' || r.status === 'awaiting_clarification';
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.transfer.title')} errors={errors} problem={props.problem} back={backTo(ctx, organizationId, r)}>
      <p class="govuk-body">{t('access.workspace.request.line', { number: r.number })}</p>
      {!allowed ? (
        <p class="govuk-body">{t(whyLabels[r.status])}</p>
      ) : props.institutions.length === 0 ? (
        <p class="govuk-body">{t('access.workspace.transfer.noInstitution')}</p>
      ) : (
        <>
          <p class="govuk-body">{t('access.workspace.transfer.lead')}</p>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">{t('access.workspace.warning')}</span>
              {t('access.workspace.transfer.warning')}
            </strong>
          </div>
          <Form action={href('access.workspace.transfer', locale, { organizationId, requestId: r.id })} csrfToken={ctx.csrfToken}>
            <Choice t={t} name="toOrganizationId" label="access.workspace.field.institution" kind="select" value={values.toOrganizationId ?? ''} options={props.institutions.map((i) => ({ value: i.id, label: i.name[locale] }))} errors={errors} />
            <TextArea t={t} name="reason" label="access.workspace.field.transferReason" value={values.reason ?? ''} errors={errors} />
            <Button>{t('access.workspace.transfer.submit')}</Button>
          </Form>
        </>
      )}
    </PersonPage>
  );
}

/** The request's consultations (with their tags and, for a third party, the answer to record or the withdrawal), and a new one. */
export function ConsultPage(props: PageProps & { consultations: readonly ConsultationRow[]; today: string; institutions: { id: string; name: Bilingual }[]; defaultDays: number }) {
  const { ctx, organizationId, r, errors } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const action = href('access.workspace.consult', locale, { organizationId, requestId: r.id });
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.consult.title')} errors={errors} problem={props.problem} back={backTo(ctx, organizationId, r)}>
      <p class="govuk-body">{t('access.workspace.request.line', { number: r.number })}</p>
      <h2 class="govuk-heading-m">{t('access.workspace.consult.listTitle')}</h2>
      <ConsultationTable
        ctx={ctx}
        rows={props.consultations}
        today={props.today}
        actions={(c) =>
          c.status !== 'sent' ? (
            '—'
          ) : (
            <>
              {c.consultedOrganizationId === null && (
                <Form action={action} csrfToken={ctx.csrfToken}>
                  <input type="hidden" name="consultationId" value={c.id} />
                  <input type="hidden" name="do" value="answer" />
                  <div class="govuk-form-group">
                    <label class="govuk-label" for={`answer-${c.id}`}>
                      {t('access.workspace.consult.thirdPartyAnswer')}
                    </label>
                    <textarea class="govuk-textarea" id={`answer-${c.id}`} name="answer" rows={3} />
                  </div>
                  <Button secondary>{t('access.workspace.consult.record')}</Button>
                </Form>
              )}
              <InlineForm action={action} csrfToken={ctx.csrfToken} fields={{ consultationId: c.id, do: 'withdraw' }}>
                <button type="submit" class="govuk-button govuk-button--warning">
                  {t('access.workspace.consult.withdraw')}
                </button>
              </InlineForm>
            </>
          )
        }
      />
      <h2 class="govuk-heading-m">{t('access.workspace.consult.newTitle')}</h2>
      {r.status === 'closed' ? (
        <p class="govuk-body">{t('access.workspace.why.closed')}</p>
      ) : (
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="do" value="send" />
          <Choice t={t} name="kind" label="access.workspace.field.consultKind" kind="radios" value={values.kind ?? 'institution'} options={options(ctx, consultationKinds, consultationKindLabels)} errors={errors} />
          <Choice t={t} name="consultedOrganizationId" label="access.workspace.field.consultedInstitution" kind="select" value={values.consultedOrganizationId ?? ''} options={props.institutions.map((i) => ({ value: i.id, label: i.name[locale] }))} errors={errors} />
          <TextField t={t} name="partyName" label="access.workspace.field.partyName" hint="access.workspace.consult.thirdPartyHint" value={values.partyName ?? ''} errors={errors} />
          <TextField t={t} name="partyEmail" label="access.workspace.field.partyEmail" hint="access.workspace.consult.thirdPartyHint" type="email" value={values.partyEmail ?? ''} errors={errors} />
          <TextArea t={t} name="question" label="access.workspace.field.question" value={values.question ?? ''} errors={errors} rows={4} />
          <TextField t={t} name="dueDays" label="access.workspace.field.dueDays" value={values.dueDays ?? String(props.defaultDays)} errors={errors} width="3" inputMode="numeric" />
          <Button>{t('access.workspace.consult.submit')}</Button>
        </Form>
      )}
    </PersonPage>
  );
}

type Asked = Awaited<ReturnType<WorkspaceService['consultationsAsked']>>;

/** The consultations other institutions asked of this one (overdue first); each opens its answer page. */
export function ConsultationsPage(props: { ctx: PageContext; organizationId: string; data: Asked; notice?: MessageKey | undefined }) {
  const { ctx, organizationId, data } = props;
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.consultations.title')} notice={props.notice} back={href('access.workspace.dashboard', locale, { organizationId })}>
      <p class="govuk-body">{t('access.workspace.consultations.lead')}</p>
      {data.rows.length === 0 ? (
        <p class="govuk-body">{t('access.workspace.consult.none')}</p>
      ) : (
        <Table headers={[t('access.workspace.field.number'), t('access.workspace.field.from'), t('access.workspace.field.sentOn'), t('access.workspace.field.due'), t('access.workspace.field.status')]}>
          {data.rows.map(({ consultation: c, number, from }) => (
            <tr class="govuk-table__row" key={c.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('access.workspace.consultation', locale, { organizationId, consultationId: c.id })}>
                  {number}
                </a>
              </td>
              <td class="govuk-table__cell">{from[locale]}</td>
              <td class="govuk-table__cell">{day(ctx, c.sentOn)}</td>
              <td class="govuk-table__cell">{day(ctx, c.dueOn)}</td>
              <td class="govuk-table__cell">
                <ConsultationTag ctx={ctx} status={consultationState(c, data.today)} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </PersonPage>
  );
}

/** A consultation asked of this institution: the question and the answer form (the request itself stays the other institution's). */
export function ConsultationPage(props: { ctx: PageContext; organizationId: string; data: NonNullable<Awaited<ReturnType<WorkspaceService['consultationFor']>>>; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; problem?: string | undefined }) {
  const { ctx, organizationId, data, errors } = props;
  const { t, locale } = ctx;
  const c = data.consultation;
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.consultation.title', { number: data.number })} errors={errors} problem={props.problem} back={href('access.workspace.consultations', locale, { organizationId })}>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('access.workspace.field.from')}>{data.from[locale]}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.question')}>{c.question}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.sentOn')}>{day(ctx, c.sentOn)}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.due')}>{day(ctx, c.dueOn)}</SummaryRow>
        <SummaryRow label={t('access.workspace.field.status')}>
          <ConsultationTag ctx={ctx} status={consultationState(c, data.today)} />
        </SummaryRow>
        {c.answer && <SummaryRow label={t('access.workspace.field.answer')}>{c.answer}</SummaryRow>}
      </dl>
      {c.status === 'sent' ? (
        <Form action={href('access.workspace.consultation', locale, { organizationId, consultationId: c.id })} csrfToken={ctx.csrfToken}>
          <TextArea t={t} name="answer" label="access.workspace.field.answer" value={props.values?.answer ?? ''} errors={errors} rows={6} />
          <Button>{t('access.workspace.consultation.submit')}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t('access.workspace.consultation.closed')}</p>
      )}
    </PersonPage>
  );
}

/** A request received on paper, by mail or by email, entered by a practitioner. */
export function NewRequestPage(props: { ctx: PageContext; organizationId: string; values: Record<string, string>; errors?: FieldErrors | undefined }) {
  const { ctx, organizationId, values, errors } = props;
  const { t, locale } = ctx;
  return (
    <PersonPage ctx={ctx} title={t('access.workspace.new.title')} errors={errors} back={href('access.workspace.dashboard', locale, { organizationId })}>
      <p class="govuk-body">{t('access.workspace.new.lead')}</p>
      <Form action={href('access.workspace.newRequest', locale, { organizationId })} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="channel" label="access.workspace.field.channel" kind="radios" value={values.channel ?? ''} options={options(ctx, enteredChannels, channelLabels)} errors={errors} />
        <TextField t={t} name="receivedOn" label="access.workspace.field.receivedOn" hint="access.workspace.field.dayHint" value={values.receivedOn ?? ''} errors={errors} width="10" />
        <Choice t={t} name="act" label="access.workspace.field.act" kind="radios" value={values.act ?? ''} options={options(ctx, acts, actLabels)} errors={errors} />
        <TextField t={t} name="requesterName" label="access.workspace.field.name" value={values.requesterName ?? ''} errors={errors} autocomplete="off" />
        <TextField t={t} name="requesterEmail" label="access.workspace.field.emailOptional" hint="access.workspace.new.contactHint" type="email" value={values.requesterEmail ?? ''} errors={errors} autocomplete="off" />
        <TextArea t={t} name="requesterAddress" label="access.workspace.field.addressOptional" value={values.requesterAddress ?? ''} errors={errors} />
        <TextField t={t} name="requesterPhone" label="access.workspace.field.phoneOptional" value={values.requesterPhone ?? ''} errors={errors} autocomplete="off" width="20" />
        <Choice t={t} name="requesterLocale" label="access.workspace.field.locale" kind="radios" value={values.requesterLocale ?? ''} options={options(ctx, ['fr', 'en'] as const, localeLabels)} errors={errors} />
        <Choice t={t} name="requesterCategory" label="access.workspace.field.category" kind="select" value={values.requesterCategory ?? ''} options={options(ctx, requesterCategories, categoryLabels)} errors={errors} />
        <TextArea t={t} name="description" label="access.workspace.field.description" value={values.description ?? ''} errors={errors} rows={6} />
        <Choice t={t} name="fee" label="access.workspace.field.fee" kind="radios" value={values.fee ?? ''} options={options(ctx, feeChoices, feeChoiceLabels)} errors={errors} />
        <TextField t={t} name="feeNote" label="access.workspace.field.feeNote" hint="access.workspace.new.feeNoteHint" value={values.feeNote ?? ''} errors={errors} />
        <Button>{t('access.workspace.new.submit')}</Button>
      </Form>
    </PersonPage>
  );
}
