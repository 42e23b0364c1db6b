// The ATIP office of seed 004 for the access-requests tests: the module on, the $5 fee, two
// institutions with a manager and a practitioner each (signed in with an authenticator app, as
// two-step verification is required), and an office staff member.
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { INSTITUTION_KIND } from '../../src/access-requests/index.ts';
import { type NewRequest, REQUEST_INVOICE } from '../../src/access-requests/core.ts';
import { accessRequests } from '../../src/access-requests/schema.ts';
import type { TestApp } from './app.ts';
import { Client } from './client.ts';
import { addAuthenticatorApp, signInWithApp } from './factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from './factories.ts';

export interface Institution {
  id: string;
  /** The manager, signed in. */
  manager: Client;
  managerId: string;
  managerEmail: string;
  /** A practitioner (member), signed in. */
  practitioner: Client;
  practitionerId: string;
}

export interface AccessOffice {
  kindId: string;
  staffId: string;
  first: Institution;
  second: Institution;
}

async function signedIn(t: TestApp, givenName: string) {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName, familyName: 'Aiprp' });
  const key = await addAuthenticatorApp(t, account.id);
  const client = new Client(t.app);
  assert.equal((await signInWithApp(client, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { account, client };
}

async function institution(t: TestApp, kindId: string, name: { fr: string; en: string }): Promise<Institution> {
  const manager = await signedIn(t, 'Maxime');
  const practitioner = await signedIn(t, 'Pat');
  const organization = await buildOrganization(t.database.db, t.authorityId, {
    kindId,
    name,
    people: [
      { accountId: manager.account.id, role: 'manager' },
      { accountId: practitioner.account.id, role: 'member' },
    ],
  });
  return { id: organization.id, manager: manager.client, managerId: manager.account.id, managerEmail: manager.account.email, practitioner: practitioner.client, practitionerId: practitioner.account.id };
}

/** Turns access requests on for the test app's authority and builds its two institutions. */
export async function setUpAccessOffice(t: TestApp): Promise<AccessOffice> {
  await t.database.db.execute(sql`insert into access_settings (authority_id) values (${t.authorityId})`);
  await seedFeeSchedule(t.database.db, t.authorityId, 'access_to_information');
  const staffId = (await buildStaff(t.database.db, t.authorityId, { givenName: 'Alex', familyName: 'Bureau' })).id;
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: INSTITUTION_KIND, name: { fr: 'Institution fédérale', en: 'Federal institution' } });
  const first = await institution(t, kind.id, { fr: 'Immigration, Réfugiés et Citoyenneté Canada', en: 'Immigration, Refugees and Citizenship Canada' });
  const second = await institution(t, kind.id, { fr: 'Agence du revenu du Canada', en: 'Canada Revenue Agency' });
  return { kindId: kind.id, staffId, first, second };
}

/**
 * A request received straight through the core (no page), in the institution given: an access
 * request whose fee is recorded as paid, by default, so that its clock runs from today.
 */
export async function receiveRequest(t: TestApp, organizationId: string, overrides: Partial<NewRequest> = {}) {
  return t.database.db.transaction((tx) =>
    t.app.services.accessRequests.core.receive(tx, {
      authorityId: t.authorityId,
      organizationId,
      act: 'access',
      channel: 'paper',
      requesterAccountId: null,
      requesterName: 'Camille Demandeur',
      requesterEmail: 'camille@example.ca',
      requesterLocale: 'fr',
      requesterCategory: 'media',
      description: 'Les notes d’information préparées pour la ministre en 2025.',
      fee: 'paid',
      origin: { ip: null, userAgent: null },
      at: t.clock.now(),
      ...overrides,
    }),
  );
}

/** A requester signed in, an online access request whose $5 they paid on the test gateway (the clock started by billing's paid handler). */
export async function paidOnline(t: TestApp, organizationId: string) {
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: 'en' });
  const requester = new Client(t.app);
  await requester.get('/en/sign-in');
  assert.equal((await requester.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  const { request } = await receiveRequest(t, organizationId, { fee: 'due', channel: 'online', requesterAccountId: account.id, requesterEmail: account.email, requesterLocale: 'en' });
  const issued = await t.database.db.transaction((tx) =>
    t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, feeCodes: ['request_fee'], subject: { kind: REQUEST_INVOICE, id: request.id, reference: request.number }, locale: 'en', at: t.clock.now() }),
  );
  assert.equal(issued.kind, 'issued');
  const invoice = (issued as Extract<typeof issued, { kind: 'issued' }>).invoice;
  // As the public service does when it issues the invoice with the request.
  await t.database.db.update(accessRequests).set({ invoiceId: invoice.id }).where(eq(accessRequests.id, request.id));
  const pay = async () => {
    await requester.get(`/en/fees-and-receipts/${invoice.id}`);
    return requester.post(`/en/fees-and-receipts/${invoice.id}/pay`, {});
  };
  const started = await pay();
  assert.equal(started.statusCode, 303);
  const gateway = String(started.headers.location).replace(t.config.publicUrl.origin, '');
  await requester.get(gateway);
  await requester.post(gateway, { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' });
  const feeOf = async () => (await t.database.db.select({ fee: accessRequests.feeStatus }).from(accessRequests).where(eq(accessRequests.id, request.id)))[0]?.fee;
  for (let i = 0; i < 250 && (await feeOf()) !== 'paid'; i++) await new Promise((r) => setTimeout(r, 20));
  return { account, requester, request, invoice, pay };
}
