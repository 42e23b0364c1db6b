// assemble(): what two modules both declare stops the start, naming the thing and both modules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { assemble, DuplicateDeclaration, type ModuleDefinition } from './module.ts';
import { event } from './events.ts';

const platform = { catalog: { fr: { 'platform.ok': 'D’accord' }, en: { 'platform.ok': 'OK' } }, errors: {} };
// Any real key: assemble() does not read the label, only who declares the event.
const label = event<null>('error.titlePrefix');
const noop = async () => {};

const first: ModuleDefinition = {
  name: 'first',
  staffCards: [{ name: 'reviews', render: async () => null }],
  pages: { firstPage: { fr: '/fr/premier', en: '/en/first' } },
  catalog: { fr: { 'first.title': 'Premier' }, en: { 'first.title': 'First' } },
  events: { first_happened: label },
  jobs: [{ queue: 'first-queue', handle: noop }],
  tables: { things: pgTable('things', { id: text('id') }) },
};

function rejects(second: ModuleDefinition, message: string) {
  assert.throws(() => assemble([first, second], platform), (error: unknown) => {
    assert.ok(error instanceof DuplicateDeclaration);
    assert.equal(error.message, message);
    return true;
  });
}

test('two distinct modules assemble, in list order', () => {
  const assembled = assemble([first, { name: 'second', pages: { secondPage: { fr: '/fr/second', en: '/en/second' } } }], platform);
  assert.deepEqual(Object.keys(assembled.pages), ['firstPage', 'secondPage']);
  assert.equal(assembled.catalogs.en['first.title'], 'First');
  assert.equal(assembled.tableOwners.things, 'first');
});

test('a page, an address, a string key, an event, a queue, a table or a module declared twice is named', () => {
  rejects({ name: 'second', pages: { firstPage: { fr: '/fr/autre', en: '/en/other' } } }, 'page "firstPage" is declared by both first and second');
  rejects({ name: 'second', pages: { other: { fr: '/fr/premier', en: '/en/other' } } }, 'address "/fr/premier" is declared by both first and second');
  rejects({ name: 'second', catalog: { fr: { 'first.title': 'Encore' }, en: { 'first.title': 'Again' } } }, 'string "first.title" is declared by both first and second');
  rejects({ name: 'second', catalog: { fr: { 'platform.ok': 'Encore' }, en: { 'platform.ok': 'Again' } } }, 'string "platform.ok" is declared by both platform and second');
  rejects({ name: 'second', events: { first_happened: label } }, 'audit event "first_happened" is declared by both first and second');
  rejects({ name: 'second', jobs: [{ queue: 'first-queue', handle: noop }] }, 'queue "first-queue" is declared by both first and second');
  rejects({ name: 'second', tables: { again: pgTable('things', { id: text('id') }) } }, 'table "things" is declared by both first and second');
  rejects({ name: 'first' }, 'module "first" is declared by both first and first');
});

test('staff cards assemble in list order, and one declared twice is named', () => {
  const card = (name: string) => ({ name, render: async () => null });
  const assembled = assemble([first, { name: 'second', staffCards: [card('codes')] }], platform);
  assert.deepEqual(assembled.staffCards.map((c) => c.name), ['reviews', 'codes']);
  rejects({ name: 'second', staffCards: [card('reviews')] }, 'staff card "reviews" is declared by both first and second');
});
