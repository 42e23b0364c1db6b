import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUEUE_PER_PAGE, queueQuerySchema } from './schemas.ts';

test('the queue’s query: what the filter form sends, blanks as “any”, page 1 by default', () => {
  assert.deepEqual(queueQuerySchema.parse({}), { typeCode: undefined, status: undefined, assignee: undefined, olderThanDays: undefined, page: 1, perPage: QUEUE_PER_PAGE });
  assert.deepEqual(queueQuerySchema.parse({ type: '', status: '', assignee: '', age: '', page: '' }).page, 1);
  assert.deepEqual(queueQuerySchema.parse({ type: 'transfer', status: 'waiting_for_applicant', assignee: 'me', age: '30', page: '4' }), {
    typeCode: 'transfer',
    status: 'waiting_for_applicant',
    assignee: 'me',
    olderThanDays: 30,
    page: 4,
    perPage: QUEUE_PER_PAGE,
  });
  assert.equal(queueQuerySchema.parse({ assignee: '0b7d2c9e-3f4a-4b5c-8d6e-7f8091a2b3c4' }).assignee, '0b7d2c9e-3f4a-4b5c-8d6e-7f8091a2b3c4');
});

test('a value the form cannot send is refused, not ignored', () => {
  for (const query of [{ status: 'decided' }, { status: 'nonsense' }, { assignee: 'someone' }, { age: '5' }, { age: 'old' }, { page: '0' }, { page: '-1' }, { type: 'x'.repeat(101) }, { status: ['queued', 'picked_up'] }]) {
    assert.equal(queueQuerySchema.safeParse(query).success, false, JSON.stringify(query));
  }
});
