import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildAccount, buildAuthority, buildStaff } from '../../test/support/factories.ts';
import { auditEvents } from '../audit/index.ts';
import type { AuthorityRole, StaffActor } from '../platform/actors.ts';
import type { Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { type CaseworkService, MEDIAN_SAMPLE, reviews } from './index.ts';

let t: TestApp;
let casework: CaseworkService;
before(async () => {
  t = await createTestApp();
  casework = t.app.services.casework;
});
after(() => t.close());

const origin: Origin = { ip: '192.0.2.12', userAgent: 'casework test' };
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const typeName = { fr: 'Première inscription', en: 'First registration' };

const inTx = <T>(work: (tx: Executor) => Promise<T>) => t.database.db.transaction(work);

type Person = Awaited<ReturnType<typeof buildAccount>>;
const actor = (person: Person, authorityId: string, roles: AuthorityRole[]): StaffActor => ({ id: person.id, staffAuthorityId: authorityId, authorityRoles: roles });

/** An authority with an applicant, two plain staff members and a registrar. */
async function college() {
  const authority = await buildAuthority(t.database.db);
  const db = t.database.db;
  const [applicant, other, reviewer, colleague, registrar] = await Promise.all([
    buildAccount(db, authority.id, { givenName: 'Alice', familyName: 'Applicant' }),
    buildAccount(db, authority.id, { givenName: 'Oscar', familyName: 'Other' }),
    buildStaff(db, authority.id, { givenName: 'Rita', familyName: 'Reviewer' }),
    buildStaff(db, authority.id, { givenName: 'Colin', familyName: 'Colleague' }),
    buildStaff(db, authority.id, { givenName: 'Greta', familyName: 'Registrar', roles: ['registrar'] }),
  ]);
  return {
    authorityId: authority.id,
    applicant: applicant!,
    other: other!,
    reviewer: actor(reviewer!, authority.id, ['staff']),
    colleague: actor(colleague!, authority.id, ['staff']),
    registrar: actor(registrar!, authority.id, ['staff', 'registrar']),
    names: { reviewer: 'Rita Reviewer', colleague: 'Colin Colleague', registrar: 'Greta Registrar' },
  };
}
type College = Awaited<ReturnType<typeof college>>;

async function submit(c: College, at: Date, o: { typeCode?: string; applicant?: Person } = {}) {
  const applicant = o.applicant ?? c.applicant;
  const opened = await inTx((tx) =>
    casework.open(tx, {
      authorityId: c.authorityId,
      subjectKind: 'application',
      subjectId: randomUUID(),
      typeCode: o.typeCode ?? 'new_applicant',
      typeName,
      applicantId: applicant.id,
      applicantName: `${applicant.givenName} ${applicant.familyName}`,
      at,
    }),
  );
  assert.ok(typeof opened === 'object', 'opened');
  return opened.reviewId;
}

async function reviewOf(reviewId: string) {
  const [row] = await t.database.db.select().from(reviews).where(eq(reviews.id, reviewId));
  assert.ok(row);
  return row;
}

async function auditOf(reviewId: string) {
  const rows = await t.database.db.select().from(auditEvents).where(sql`${auditEvents.details} ->> 'reviewId' = ${reviewId}`).orderBy(auditEvents.id);
  return rows.map((r) => r.event);
}

const at = (offsetMs = 0) => new Date(t.clock.now().getTime() + offsetMs);

test('submitting opens a queued review with its first step; a subject has one review', async () => {
  const c = await college();
  const subjectId = randomUUID();
  const input = { authorityId: c.authorityId, subjectKind: 'application', subjectId, typeCode: 'new_applicant', typeName, applicantId: c.applicant.id, applicantName: 'Alice Applicant', at: at() };
  const opened = await inTx((tx) => casework.open(tx, input));
  assert.ok(typeof opened === 'object');
  assert.equal(await inTx((tx) => casework.open(tx, input)), 'not_allowed');
  const review = await casework.bySubject('application', subjectId);
  assert.equal(review?.id, opened.reviewId);
  assert.equal(review?.status, 'queued');
  assert.equal(review?.assigneeId, null);
  assert.deepEqual(review?.firstSubmittedAt, input.at);
  assert.deepEqual(review?.queuedAt, input.at);
  assert.equal(await casework.bySubject('application', randomUUID()), null);
  assert.equal(await casework.bySubject('application', 'not-a-uuid'), null);
  assert.deepEqual((await casework.timeline(opened.reviewId, { forApplicant: true })).map((s) => s.step), ['submitted']);
});

test('pick up: a staff member takes a queued review, with its audit row; out of order, another authority, the applicant and their own are refused', async () => {
  const c = await college();
  const stranger = await college();
  const reviewId = await submit(c, at());
  const pickUp = (staff: StaffActor) => inTx((tx) => casework.pickUp(tx, { reviewId, staff, at: at(HOUR), origin }));
  assert.equal(await pickUp(stranger.reviewer), 'not_found', 'another authority’s staff');
  assert.equal(await pickUp({ ...stranger.registrar, staffAuthorityId: c.authorityId, authorityRoles: [] }), 'forbidden', 'no role in the authority');
  assert.equal(await pickUp(actor(c.applicant, c.authorityId, ['staff'])), 'forbidden', 'nobody reviews their own');
  assert.equal(await inTx((tx) => casework.pickUp(tx, { reviewId: 'nope', staff: c.reviewer, at: at(), origin })), 'not_found');
  assert.equal(await pickUp(c.reviewer), 'ok');
  const review = await reviewOf(reviewId);
  assert.equal(review.status, 'picked_up');
  assert.equal(review.assigneeId, c.reviewer.id);
  assert.deepEqual(review.pickedUpAt, at(HOUR));
  assert.equal(await pickUp(c.colleague), 'not_allowed', 'already picked up');
  assert.deepEqual(await auditOf(reviewId), ['review_picked_up']);
});

test('two staff members picking up the same review at once: the row lock lets one have it', async () => {
  const c = await college();
  const reviewId = await submit(c, at());
  const results = await Promise.all([c.reviewer, c.colleague].map((staff) => inTx((tx) => casework.pickUp(tx, { reviewId, staff, at: at(), origin }))));
  assert.deepEqual([...results].sort(), ['not_allowed', 'ok']);
  assert.equal((await casework.timeline(reviewId, { forApplicant: false })).filter((s) => s.step === 'picked_up').length, 1);
});

test('assign: registrars and administrators give a review to a staff member of the authority; plain staff cannot', async () => {
  const c = await college();
  const stranger = await college();
  const reviewId = await submit(c, at());
  const assign = (staff: StaffActor, assigneeId: string) => inTx((tx) => casework.assign(tx, { reviewId, staff, assigneeId, at: at(HOUR), origin }));
  assert.equal(await assign(c.reviewer, c.colleague.id), 'forbidden');
  assert.equal(await assign(c.registrar, c.other.id), 'assignee_not_staff', 'someone with no role');
  assert.equal(await assign(c.registrar, stranger.reviewer.id), 'assignee_not_staff', 'staff of another authority');
  assert.equal(await assign(c.registrar, 'not-a-uuid'), 'assignee_not_staff');
  assert.equal(await assign(stranger.registrar, c.colleague.id), 'not_found');
  assert.equal(await assign(c.registrar, c.colleague.id), 'ok');
  assert.equal((await reviewOf(reviewId)).assigneeId, c.colleague.id);
  assert.equal(await assign(c.registrar, c.colleague.id), 'not_allowed', 'already theirs');
  assert.equal(await assign(c.registrar, c.reviewer.id), 'ok', 'reassigned while picked up');
  assert.equal((await reviewOf(reviewId)).assigneeId, c.reviewer.id);
  assert.deepEqual(await auditOf(reviewId), ['review_assigned', 'review_assigned']);
  const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'review_assigned'), sql`${auditEvents.details} ->> 'reviewId' = ${reviewId}`)).orderBy(sql`${auditEvents.id} desc`).limit(1);
  assert.deepEqual(event?.details, { reviewId, subjectKind: 'application', subjectId: (await reviewOf(reviewId)).subjectId, assigneeId: c.reviewer.id, previousAssigneeId: c.colleague.id });
  assert.equal(event?.authorityId, c.authorityId);
});

test('release: the review goes back in its place in the queue; only its reviewer or a registrar releases it', async () => {
  const c = await college();
  const submitted = at(-3 * DAY);
  const reviewId = await submit(c, submitted);
  const release = (staff: StaffActor) => inTx((tx) => casework.release(tx, { reviewId, staff, at: at(), origin }));
  assert.equal(await release(c.reviewer), 'not_allowed', 'nobody has it');
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: at(-DAY), origin }));
  assert.equal(await release(c.colleague), 'forbidden', 'a colleague’s review');
  assert.equal(await release(c.reviewer), 'ok');
  const review = await reviewOf(reviewId);
  assert.equal(review.status, 'queued');
  assert.equal(review.assigneeId, null);
  assert.deepEqual(review.queuedAt, submitted, 'keeps its place');
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.colleague, at: at(), origin }));
  assert.equal(await release(c.registrar), 'ok', 'a registrar releases anyone’s');
  assert.deepEqual(await auditOf(reviewId), ['review_picked_up', 'review_released', 'review_picked_up', 'review_released']);
});

test('return, resubmit, decide, withdraw: each from its own status, by its own person, with no audit row of casework’s own', async () => {
  const c = await college();
  const reviewId = await submit(c, at(-10 * DAY));
  const ret = (staff: StaffActor, message = 'Please add your transcript.') => inTx((tx) => casework.returnToApplicant(tx, { reviewId, staff, message, at: at(-8 * DAY) }));
  assert.equal(await ret(c.reviewer), 'not_allowed', 'not picked up');
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: at(-9 * DAY), origin }));
  assert.equal(await ret(c.reviewer, '   '), 'message_required');
  assert.equal(await ret(c.colleague), 'forbidden', 'someone else’s');
  assert.equal(await ret(c.reviewer), 'ok');
  let review = await reviewOf(reviewId);
  assert.equal(review.status, 'waiting_for_applicant');
  assert.equal(review.assigneeId, c.reviewer.id, 'who asked stays named while it waits');
  assert.equal(await casework.position(reviewId), null);

  const resubmit = (applicantId: string) => inTx((tx) => casework.resubmit(tx, { reviewId, applicantId, message: 'Transcript uploaded.', at: at(-5 * DAY) }));
  assert.equal(await resubmit(c.other.id), 'not_found', 'another person’s');
  assert.equal(await inTx((tx) => casework.decide(tx, { reviewId, staff: c.reviewer, outcome: 'approved', at: at() })), 'not_allowed', 'waiting for the applicant');
  assert.equal(await resubmit(c.applicant.id), 'ok');
  review = await reviewOf(reviewId);
  assert.equal(review.status, 'queued');
  assert.equal(review.assigneeId, null);
  assert.deepEqual(review.queuedAt, at(-5 * DAY), 'at the end of the queue');
  assert.deepEqual(review.firstSubmittedAt, at(-10 * DAY));
  assert.equal(await resubmit(c.applicant.id), 'not_allowed', 'already back in the queue');

  const decide = (staff: StaffActor) => inTx((tx) => casework.decide(tx, { reviewId, staff, outcome: 'refused', message: 'The program is not recognized.', at: at(-DAY) }));
  assert.equal(await decide(c.reviewer), 'not_allowed', 'queued, not picked up');
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.colleague, at: at(-4 * DAY), origin }));
  assert.equal(await decide(c.reviewer), 'forbidden', 'a colleague has it');
  assert.equal(await inTx((tx) => casework.decide(tx, { reviewId, staff: c.colleague, outcome: ' ', at: at() })), 'not_allowed', 'no outcome');
  assert.equal(await decide(c.colleague), 'ok');
  review = await reviewOf(reviewId);
  assert.equal(review.status, 'decided');
  assert.equal(review.outcome, 'refused');
  assert.deepEqual(review.decidedAt, at(-DAY));
  assert.equal(await decide(c.colleague), 'not_allowed', 'decided once');
  assert.equal(await inTx((tx) => casework.withdraw(tx, { reviewId, applicantId: c.applicant.id, at: at() })), 'not_allowed', 'decided is final');

  assert.deepEqual(await auditOf(reviewId), ['review_picked_up', 'review_picked_up'], 'the domain records return, resubmit and decide');
  assert.deepEqual(
    (await casework.timeline(reviewId, { forApplicant: false })).map((s) => [s.step, s.message, s.outcome]),
    [
      ['submitted', null, null],
      ['picked_up', null, null],
      ['returned', 'Please add your transcript.', null],
      ['resubmitted', 'Transcript uploaded.', null],
      ['picked_up', null, null],
      ['decided', 'The program is not recognized.', 'refused'],
    ],
  );
});

test('withdraw: the applicant withdraws an open review from any open status; nobody else can', async () => {
  const c = await college();
  for (const status of ['queued', 'picked_up', 'waiting_for_applicant'] as const) {
    const reviewId = await submit(c, at());
    if (status !== 'queued') await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: at(), origin }));
    if (status === 'waiting_for_applicant') await inTx((tx) => casework.returnToApplicant(tx, { reviewId, staff: c.reviewer, message: 'More, please.', at: at() }));
    assert.equal((await reviewOf(reviewId)).status, status);
    assert.equal(await inTx((tx) => casework.withdraw(tx, { reviewId, applicantId: c.other.id, at: at() })), 'not_found');
    assert.equal(await inTx((tx) => casework.withdraw(tx, { reviewId, applicantId: c.reviewer.id, at: at() })), 'not_found', 'staff do not withdraw');
    assert.equal(await inTx((tx) => casework.withdraw(tx, { reviewId, applicantId: c.applicant.id, at: at() })), 'ok');
    assert.equal((await reviewOf(reviewId)).status, 'withdrawn');
    assert.equal(await inTx((tx) => casework.withdraw(tx, { reviewId, applicantId: c.applicant.id, at: at() })), 'not_allowed');
    assert.equal(await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.colleague, at: at(), origin })), 'not_allowed');
  }
});

test('a step rolls back with the domain’s change: status, step and audit row go together', async () => {
  const c = await college();
  const reviewId = await submit(c, at());
  await assert.rejects(
    inTx(async (tx) => {
      assert.equal(await casework.pickUp(tx, { reviewId, staff: c.reviewer, at: at(), origin }), 'ok');
      throw new Error('the domain’s change failed');
    }),
  );
  assert.equal((await reviewOf(reviewId)).status, 'queued');
  assert.deepEqual((await casework.timeline(reviewId, { forApplicant: false })).map((s) => s.step), ['submitted']);
  assert.deepEqual(await auditOf(reviewId), []);
});

test('the queue: open reviews of the authority only, oldest in the queue first, in pages, with its filters and counts', async () => {
  const c = await college();
  const stranger = await college();
  await submit(stranger, at(-100 * DAY));
  // Seven reviews, a day apart, the oldest 20 days ago; two types.
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) ids.push(await submit(c, at(-(20 - i) * DAY), { typeCode: i % 2 === 0 ? 'new_applicant' : 'transfer' }));
  const [a, b, c2, d, e, f, g] = ids as [string, string, string, string, string, string, string];
  await inTx((tx) => casework.pickUp(tx, { reviewId: b, staff: c.reviewer, at: at(), origin }));
  await inTx((tx) => casework.pickUp(tx, { reviewId: d, staff: c.colleague, at: at(), origin }));
  await inTx((tx) => casework.pickUp(tx, { reviewId: e, staff: c.reviewer, at: at(), origin }));
  await inTx((tx) => casework.returnToApplicant(tx, { reviewId: e, staff: c.reviewer, message: 'More.', at: at() }));
  await inTx((tx) => casework.pickUp(tx, { reviewId: f, staff: c.reviewer, at: at(), origin }));
  await inTx((tx) => casework.decide(tx, { reviewId: f, staff: c.reviewer, outcome: 'approved', at: at() }));
  await inTx((tx) => casework.withdraw(tx, { reviewId: g, applicantId: c.applicant.id, at: at() }));

  const page = (filters: Partial<Parameters<CaseworkService['queue']>[1]> = {}, staff = c.reviewer) =>
    casework.queue(c.authorityId, { page: 1, perPage: 25, ...filters }, staff.id);
  const idsOf = async (filters: Partial<Parameters<CaseworkService['queue']>[1]> = {}, staff = c.reviewer) => (await page(filters, staff)).rows.map((r) => r.reviewId);

  const all = await page();
  assert.equal(all.total, 5, 'decided and withdrawn are not in the queue; another authority’s neither');
  assert.deepEqual(all.counts, { queued: 2, pickedUpByMe: 1, waitingForApplicant: 1 }, 'the page’s counts, for the staff member asking');
  assert.deepEqual((await page({ status: 'queued' }, c.registrar)).counts, { queued: 2, pickedUpByMe: 0, waitingForApplicant: 1 }, 'counts ignore the filters');
  assert.deepEqual(all.rows.map((r) => r.reviewId), [a, b, c2, d, e]);
  const first = all.rows[0]!;
  assert.equal(first.applicantName, 'Alice Applicant');
  assert.deepEqual(first.typeName, typeName);
  assert.equal(first.subjectKind, 'application');
  assert.equal(first.ageMs, 20 * DAY);
  assert.equal(all.rows[1]?.assigneeName, c.names.reviewer);
  assert.equal(all.rows[0]?.assigneeName, null);

  const second = await page({ perPage: 2, page: 2 });
  assert.deepEqual(second.rows.map((r) => r.reviewId), [c2, d]);
  assert.equal(second.total, 5);
  assert.deepEqual(await idsOf({ perPage: 2, page: 3 }), [e]);
  assert.deepEqual(await idsOf({ perPage: 2, page: 4 }), []);

  assert.deepEqual(await idsOf({ typeCode: 'transfer' }), [b, d]);
  assert.deepEqual(await idsOf({ status: 'queued' }), [a, c2]);
  assert.deepEqual(await idsOf({ status: 'waiting_for_applicant' }), [e]);
  assert.deepEqual(await idsOf({ assignee: 'me' }), [b, e], 'picked up by me, and the one I asked more for');
  assert.deepEqual(await idsOf({ assignee: 'me' }, c.colleague), [d]);
  assert.deepEqual(await idsOf({ assignee: 'none' }), [a, c2]);
  assert.deepEqual(await idsOf({ assignee: c.colleague.id }), [d]);
  assert.deepEqual(await idsOf({ assignee: 'not-a-uuid' }), []);
  assert.deepEqual(await idsOf({ olderThanDays: 18 }), [a, b, c2]);
  assert.deepEqual(await idsOf({ olderThanDays: 18, typeCode: 'new_applicant', status: 'queued' }), [a, c2]);

  assert.deepEqual(await casework.counts(c.authorityId, c.reviewer.id), { queued: 2, pickedUpByMe: 1, waitingForApplicant: 1 });
  assert.deepEqual(await casework.counts(c.authorityId, c.colleague.id), { queued: 2, pickedUpByMe: 1, waitingForApplicant: 1 });
  assert.deepEqual(await casework.counts(c.authorityId, c.registrar.id), { queued: 2, pickedUpByMe: 0, waitingForApplicant: 1 });

  const staffNames = (await casework.assignable(c.authorityId)).map((s) => s.name);
  assert.deepEqual(staffNames, [c.names.colleague, c.names.registrar, c.names.reviewer]);
});

test('position: 1-based among the authority’s queued reviews by when they entered the queue; null unless queued', async () => {
  const c = await college();
  const stranger = await college();
  await submit(stranger, at(-50 * DAY));
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push(await submit(c, at(-(10 - i) * DAY)));
  const [a, b, c2, d] = ids as [string, string, string, string];
  assert.deepEqual(await Promise.all(ids.map((id) => casework.position(id))), [1, 2, 3, 4]);
  await inTx((tx) => casework.pickUp(tx, { reviewId: a, staff: c.reviewer, at: at(), origin }));
  assert.deepEqual(await Promise.all(ids.map((id) => casework.position(id))), [null, 1, 2, 3]);
  // Sent back and answered: it goes to the end of the queue.
  await inTx((tx) => casework.pickUp(tx, { reviewId: b, staff: c.reviewer, at: at(), origin }));
  await inTx((tx) => casework.returnToApplicant(tx, { reviewId: b, staff: c.reviewer, message: 'More.', at: at() }));
  assert.equal(await casework.position(b), null);
  await inTx((tx) => casework.resubmit(tx, { reviewId: b, applicantId: c.applicant.id, at: at() }));
  assert.deepEqual(await Promise.all([b, c2, d].map((id) => casework.position(id))), [3, 1, 2]);
  assert.equal(await casework.position(randomUUID()), null);
  assert.equal(await casework.position('nope'), null);
});

test(`the median decision time is over the last ${MEDIAN_SAMPLE} decisions of the type, from first submission to decision`, async () => {
  const c = await college();
  assert.equal(await casework.medianDecisionTime(c.authorityId, 'reinstatement'), null, 'no decision yet');
  const base = at(-200 * DAY).getTime();
  // 25 decisions two days apart; the first five took far longer and were decided late, among the others.
  const inputs = Array.from({ length: 25 }, (_, i) => {
    const submitted = base + i * 2 * DAY;
    const duration = i < 5 ? (200 + 7 * i) * HOUR : (((i * 7) % 20) + 1) * HOUR;
    return { submitted, decided: submitted + duration, duration };
  });
  for (const input of inputs) {
    const reviewId = await submit(c, new Date(input.submitted), { typeCode: 'reinstatement' });
    await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: new Date(input.submitted + 1000), origin }));
    await inTx((tx) => casework.decide(tx, { reviewId, staff: c.reviewer, outcome: 'approved', at: new Date(input.decided) }));
  }
  // Another type's decisions and a withdrawal do not count.
  const other = await submit(c, new Date(base), { typeCode: 'transfer' });
  await inTx((tx) => casework.pickUp(tx, { reviewId: other, staff: c.reviewer, at: new Date(base + 1000), origin }));
  await inTx((tx) => casework.decide(tx, { reviewId: other, staff: c.reviewer, outcome: 'approved', at: new Date(base + 90 * DAY) }));

  const medianOf = (values: number[]) => {
    const s = [...values].sort((x, y) => x - y);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const last = [...inputs].sort((x, y) => y.decided - x.decided).slice(0, MEDIAN_SAMPLE);
  const expected = medianOf(last.map((r) => r.duration));
  assert.notEqual(expected, medianOf(inputs.map((r) => r.duration)), 'the window matters');
  const found = await casework.medianDecisionTime(c.authorityId, 'reinstatement');
  assert.equal(found?.sample, MEDIAN_SAMPLE);
  assert.equal(found?.medianMs, expected);
  assert.equal((await casework.medianDecisionTime(c.authorityId, 'transfer'))?.medianMs, 90 * DAY - 0);
  assert.equal(await casework.medianDecisionTime(c.authorityId, 'nothing'), null);
});

test('the median in working days counts business days on the calendar', async () => {
  const c = await college();
  // Submitted Monday 2 November 2026, 10:00 in Toronto; decided the next Monday: five working days.
  const reviewId = await submit(c, new Date('2026-11-02T15:00:00Z'), { typeCode: 'weekly' });
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: new Date('2026-11-03T15:00:00Z'), origin }));
  await inTx((tx) => casework.decide(tx, { reviewId, staff: c.reviewer, outcome: 'approved', at: new Date('2026-11-09T15:00:00Z') }));
  const found = await casework.medianDecisionTime(c.authorityId, 'weekly');
  assert.deepEqual(found, { medianMs: 7 * DAY, medianWorkingDays: 5, sample: 1 });
});

test('the timeline: staff see who did what; the applicant sees that staff did it, never their names', async () => {
  const c = await college();
  const reviewId = await submit(c, at(-5 * DAY));
  await inTx((tx) => casework.assign(tx, { reviewId, staff: c.registrar, assigneeId: c.colleague.id, at: at(-4 * DAY), origin }));
  await inTx((tx) => casework.release(tx, { reviewId, staff: c.colleague, at: at(-3 * DAY), origin }));
  await inTx((tx) => casework.pickUp(tx, { reviewId, staff: c.reviewer, at: at(-2 * DAY), origin }));
  await inTx((tx) => casework.decide(tx, { reviewId, staff: c.reviewer, outcome: 'approved', message: 'All in order.', at: at(-DAY) }));

  const forStaff = await casework.timeline(reviewId, { forApplicant: false });
  assert.deepEqual(
    forStaff.map((s) => [s.step, s.actor, s.actorName, s.assigneeName]),
    [
      ['submitted', 'applicant', 'Alice Applicant', null],
      ['assigned', 'staff', c.names.registrar, c.names.colleague],
      ['released', 'staff', c.names.colleague, c.names.colleague],
      ['picked_up', 'staff', c.names.reviewer, c.names.reviewer],
      ['decided', 'staff', c.names.reviewer, null],
    ],
  );
  assert.deepEqual(forStaff.map((s) => s.at), [at(-5 * DAY), at(-4 * DAY), at(-3 * DAY), at(-2 * DAY), at(-DAY)]);

  const forApplicant = await casework.timeline(reviewId, { forApplicant: true });
  assert.deepEqual(
    forApplicant.map((s) => [s.step, s.actor, s.actorName, s.assigneeName]),
    [
      ['submitted', 'applicant', null, null],
      ['assigned', 'staff', null, null],
      ['released', 'staff', null, null],
      ['picked_up', 'staff', null, null],
      ['decided', 'staff', null, null],
    ],
  );
  const text = JSON.stringify(forApplicant);
  for (const name of ['Rita', 'Reviewer', 'Colin', 'Greta', 'Registrar']) assert.ok(!text.includes(name), `${name} is not shown to the applicant`);
  assert.equal(forApplicant.at(-1)?.message, 'All in order.', 'the reasons are the applicant’s to read');
  assert.deepEqual(await casework.timeline('nope', { forApplicant: true }), []);
});
