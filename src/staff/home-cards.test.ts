// The staff console's home (its first page) shows what every module's staff cards say, and nothing of a card that answers null.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { assembledModules } from '../app.ts';
import type { StaffActor } from '../platform/actors.ts';
import { translator } from '../platform/i18n/index.ts';
import type { StaffCard } from '../platform/module.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { shownStaffCards } from '../platform/views/staff-cards.tsx';
import { PeoplePage } from './views.tsx';

assembledModules();

test('a declared staff card renders on the console’s home, for the staff member and authority it is asked about', async () => {
  const ctx: PageContext = { locale: 'en', t: translator('en'), twinHref: '/fr/personnel/comptes', csrfToken: 'token', account: null, portal: null };
  const staff: StaffActor = { id: 'staff-1', staffAuthorityId: 'authority-1', authorityRoles: ['staff'] };
  const cards: StaffCard[] = [
    {
      name: 'applicationsToReview',
      render: async (_request, asked) => h('div', null, h('h3', null, 'Applications to review'), h('a', { href: '/en/review-queue' }, `12 queued, 3 yours (${asked.staffAuthorityId}, ${asked.id})`)),
    },
    { name: 'silent', render: async () => null },
  ];
  const shown = await shownStaffCards(cards, {} as FastifyRequest, staff, ctx);
  assert.deepEqual(shown.map((c) => c.name), ['applicationsToReview']);
  const html = render(h(PeoplePage, { ctx, cards: shown, values: {}, errors: {}, searched: false, people: [], roles: new Map() }));
  assert.ok(html.includes('What waits for staff'));
  assert.ok(html.includes('data-staff-card="applicationsToReview"') && html.includes('12 queued, 3 yours (authority-1, staff-1)') && html.includes('href="/en/review-queue"'));
  assert.ok(!html.includes('data-staff-card="silent"'));
  assert.ok(!render(h(PeoplePage, { ctx, values: {}, errors: {}, searched: false, people: [], roles: new Map() })).includes('What waits for staff'), 'no card, no section');
});
