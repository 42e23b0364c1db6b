import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authoritiesOf } from './places.ts';

test('the dashboard shows the account’s authority first, then the others it deals with, then those of its organizations, each once', () => {
  assert.deepEqual(authoritiesOf({ authorityId: 'a' }, [], []), ['a']);
  assert.deepEqual(authoritiesOf({ authorityId: 'a' }, [], [{ authorityId: 'a' }, { authorityId: 'b' }, { authorityId: 'b' }, { authorityId: 'c' }]), ['a', 'b', 'c']);
  assert.deepEqual(authoritiesOf({ authorityId: 'a' }, [{ id: 'a' }, { id: 'd' }], [{ authorityId: 'c' }, { authorityId: 'd' }]), ['a', 'd', 'c']);
});
