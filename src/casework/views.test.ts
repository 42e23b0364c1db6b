// The views the domain modules reuse, rendered in both languages: the content each must show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { assembledModules } from '../app.ts';
import type { StaffActor } from '../platform/actors.ts';
import { formatDateTime, type Locale, locales, translator } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import type { QueueFilters, QueueRow, TimelineEntry } from './service.ts';
import { ReviewQueue, ReviewTimeline, StaffAssignForm, WaitSummary } from './views.tsx';

assembledModules();
const ctxOf = (locale: Locale): PageContext => ({ locale, t: translator(locale), twinHref: '/', csrfToken: 'csrf-token-1', account: null, portal: null });
const DAY = 24 * 60 * 60 * 1000;
const typeName = { fr: 'Première inscription', en: 'First registration' };
const queuedAt = new Date('2026-11-02T15:00:00Z');

const row = (i: number, o: Partial<QueueRow> = {}): QueueRow => ({
  reviewId: `00000000-0000-4000-8000-00000000000${i}`,
  subjectKind: 'application',
  subjectId: `10000000-0000-4000-8000-00000000000${i}`,
  typeCode: 'new_applicant',
  typeName,
  applicantName: `Person ${i}`,
  subjectReference: `DEM-2026-00000${i}`,
  status: 'queued',
  assigneeId: null,
  assigneeName: null,
  queuedAt,
  ageMs: 12 * DAY,
  ...o,
});
const filters = (o: Partial<QueueFilters> = {}): QueueFilters => ({ page: 1, perPage: 2, ...o });
const counts = { queued: 12, pickedUpByMe: 3, waitingForApplicant: 1 };

function queue(locale: Locale, o: { rows?: QueueRow[]; total?: number; filters?: QueueFilters } = {}) {
  return render(
    h(ReviewQueue, {
      ctx: ctxOf(locale),
      action: '/en/review-queue',
      filters: o.filters ?? filters(),
      rows: o.rows ?? [row(1), row(2, { status: 'picked_up', assigneeId: 'a', assigneeName: 'Rita Reviewer', ageMs: DAY })],
      total: o.total ?? 5,
      counts,
      types: [{ code: 'new_applicant', name: typeName }, { code: 'transfer', name: { fr: 'Changement de catégorie', en: 'Category transfer' } }],
      subjectHref: (r: QueueRow) => `/applications/${r.subjectId}`,
    }),
  );
}

test('the queue: counts, a GET filter form, one row per review linking to its subject, pagination that keeps the filters', () => {
  const expected = {
    fr: { counts: ['Dans la file\u00a0: 12', 'Pris en charge par vous\u00a0: 3', 'En attente des personnes\u00a0: 1'], status: ['Dans la file', 'Pris en charge'], age: ['12\u00a0jours', '1\u00a0jour'], page: 'Page 1 sur 3', caption: 'Dossiers\u00a0: 5', next: 'Page suivante' },
    en: { counts: ['In the queue: 12', 'Picked up by you: 3', 'Waiting for applicants: 1'], status: ['In the queue', 'Picked up'], age: ['12 days', '1 day'], page: 'Page 1 of 3', caption: 'Reviews: 5', next: 'Next page' },
  } as const;
  for (const locale of locales) {
    const html = queue(locale, { filters: filters({ typeCode: 'new_applicant' }) });
    const e = expected[locale];
    for (const text of [...e.counts, ...e.status, ...e.age, e.page, e.caption, e.next, typeName[locale], 'Person 1', 'Rita Reviewer']) assert.ok(html.includes(text), `${locale}: ${text}`);
    assert.match(html, /<form method="get" action="\/en\/review-queue"/);
    for (const name of ['type', 'status', 'assignee', 'age']) assert.ok(html.includes(`name="${name}"`), `${locale}: the ${name} filter`);
    assert.match(html, /<option value="new_applicant" selected/);
    assert.ok(html.includes('href="/applications/10000000-0000-4000-8000-000000000001"'));
    assert.ok(html.includes('href="/en/review-queue?type=new_applicant&amp;page=2"'), 'the next page keeps the filter');
    assert.ok(html.includes(formatDateTime(locale, queuedAt)));
  }
  const last = queue('en', { filters: filters({ page: 3 }) });
  assert.ok(last.includes('href="/en/review-queue?page=2"') && !last.includes('Next page'));
  assert.ok(!queue('en', { total: 2 }).includes('govuk-pagination'), 'one page: no pagination');
});

test('an empty queue says there is nothing to review, or that nothing matches the filters', () => {
  assert.ok(queue('en', { rows: [], total: 0 }).includes('There is nothing to review at the moment.'));
  assert.ok(queue('fr', { rows: [], total: 0 }).includes('Il n’y a rien à examiner pour le moment.'));
  const filtered = queue('en', { rows: [], total: 0, filters: filters({ status: 'waiting_for_applicant' }) });
  assert.ok(filtered.includes('No review matches these filters.') && filtered.includes('Clear filters'));
  assert.ok(!filtered.includes('<table'));
});

const steps: TimelineEntry[] = [
  { at: new Date('2026-11-02T15:00:00Z'), step: 'submitted', actor: 'applicant', actorName: null, assigneeName: null, message: null, outcome: null },
  { at: new Date('2026-11-03T15:00:00Z'), step: 'assigned', actor: 'staff', actorName: null, assigneeName: null, message: null, outcome: null },
  { at: new Date('2026-11-04T15:00:00Z'), step: 'returned', actor: 'staff', actorName: null, assigneeName: null, message: 'Please add your transcript.', outcome: null },
  { at: new Date('2026-11-06T15:00:00Z'), step: 'decided', actor: 'staff', actorName: null, assigneeName: null, message: 'All in order.', outcome: 'approved' },
];

test('the applicant’s timeline: each step with its date in the page’s language, staff unnamed, the request and the reasons', () => {
  const expected = {
    fr: ['Soumis', 'Par\u00a0: vous', 'Confié à un membre du personnel', 'Par\u00a0: un membre du personnel', 'Ce qui est demandé', 'Motifs', 'Décision\u00a0: Approuvée'],
    en: ['Submitted', 'By: you', 'Assigned to a staff member', 'By: a staff member', 'What is asked for', 'Reasons', 'Decision: Approved'],
  };
  for (const locale of locales) {
    // Any catalog key serves as the domain's label for its outcome: here, organizations' "approved".
    const html = render(h(ReviewTimeline, { ctx: ctxOf(locale), steps, outcomes: { approved: 'organization.status.approved' } }));
    for (const text of [...expected[locale], 'Please add your transcript.', 'All in order.', ...steps.map((s) => formatDateTime(locale, s.at))]) assert.ok(html.includes(text), `${locale}: ${text}`);
  }
  const staffView = render(h(ReviewTimeline, { ctx: ctxOf('en'), steps: steps.map((s) => (s.step === 'assigned' ? { ...s, actorName: 'Greta Registrar', assigneeName: 'Colin Colleague' } : s)) }));
  assert.ok(staffView.includes('Assigned to Colin Colleague') && staffView.includes('By: Greta Registrar'));
  assert.ok(staffView.includes('Decision: approved'), 'an outcome without a label shows the domain’s word');
  assert.ok(render(h(ReviewTimeline, { ctx: ctxOf('fr'), steps: [] })).includes('Rien ne s’est encore passé.'));
});

test('the wait: place in the queue and the median of recent decisions, or that there are not enough yet; never a blank', () => {
  const wait = (locale: Locale, position: number | null, median: { medianMs: number; medianWorkingDays: number; sample: number } | null) =>
    render(h(WaitSummary, { ctx: ctxOf(locale), position, median }));
  const median = { medianMs: 8 * DAY, medianWorkingDays: 6, sample: 20 };
  assert.ok(wait('en', 3, median).includes('You are number 3 in the queue.'));
  assert.ok(wait('en', 3, median).includes('Over the last 20 decisions for this type, staff took a median of 6 working days.'));
  assert.ok(wait('fr', 3, median).includes('Votre dossier est le numéro 3 dans la file.'));
  assert.ok(wait('fr', 3, median).includes('Pour les 20\u00a0dernières décisions de ce type, le personnel a mis en médiane 6\u00a0jours ouvrables.'));
  assert.ok(wait('en', 1, median).includes('You are next in the queue.'));
  assert.ok(!wait('en', null, median).includes('queue'), 'not queued: no place');
  assert.ok(wait('en', null, { medianMs: DAY, medianWorkingDays: 1, sample: 1 }).includes('For the only decision so far for this type, staff took 1 working day.'));
  assert.ok(wait('en', 2, { medianMs: 3600_000, medianWorkingDays: 0, sample: 4 }).includes('a median of less than a working day'));
  assert.ok(wait('en', 2, null).includes('There are not enough decisions yet to estimate how long it takes.'));
  assert.ok(wait('fr', 2, null).includes('Il n’y a pas encore assez de décisions pour estimer le délai.'));
});

test('the assignment form: the buttons this staff member may press, as POST forms with the CSRF field', () => {
  const staff: StaffActor = { id: 's1', staffAuthorityId: 'a', authorityRoles: ['staff'] };
  const registrar: StaffActor = { id: 'r1', staffAuthorityId: 'a', authorityRoles: ['staff', 'registrar'] };
  const staffMembers = [{ id: 's1', name: 'Rita Reviewer' }, { id: 's2', name: 'Colin Colleague' }, { id: 'r1', name: 'Greta Registrar' }];
  const actions = { pickUp: '/x/pick-up', assign: '/x/assign', release: '/x/release' };
  const form = (locale: Locale, who: StaffActor, review: { status: 'queued' | 'picked_up' | 'decided'; assigneeId: string | null }) =>
    render(h(StaffAssignForm, { ctx: ctxOf(locale), staff: who, staffMembers, actions, review: { ...review, applicantAccountId: 'p1' } }));

  const queued = form('en', staff, { status: 'queued', assigneeId: null });
  assert.ok(queued.includes('Nobody has picked this up yet.') && queued.includes('action="/x/pick-up"') && queued.includes('Pick up'));
  assert.ok(queued.includes('name="_csrf" value="csrf-token-1"'));
  assert.ok(!queued.includes('/x/assign') && !queued.includes('/x/release'), 'plain staff do not assign');
  const mine = form('fr', staff, { status: 'picked_up', assigneeId: 's1' });
  assert.ok(mine.includes('Vous avez pris ce dossier en charge.') && mine.includes('Remettre dans la file') && !mine.includes('/x/pick-up'));
  const colleagues = form('en', staff, { status: 'picked_up', assigneeId: 's2' });
  assert.ok(colleagues.includes('Picked up by Colin Colleague.') && !colleagues.includes('<form'), 'a colleague’s review: nothing to press');
  const lead = form('en', registrar, { status: 'picked_up', assigneeId: 's2' });
  assert.ok(lead.includes('action="/x/assign"') && lead.includes('action="/x/release"') && lead.includes('Assign to'));
  assert.ok(lead.includes('<option value="s1"') && !lead.includes('<option value="s2"'), 'the current assignee is not offered');
  assert.ok(form('fr', registrar, { status: 'queued', assigneeId: null }).includes('Confier à'));
  assert.ok(!form('en', registrar, { status: 'decided', assigneeId: 's2' }).includes('<form'), 'decided: nothing to press');
});
