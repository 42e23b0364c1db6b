// The ATIP office of seed 004 for the access-requests tests: the module on, the $5 fee, two
// institutions with a manager and a practitioner each (signed in with an authenticator app, as
// two-step verification is required), and an office staff member.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { INSTITUTION_KIND } from '../../src/access-requests/index.ts';
import type { NewRequest } from '../../src/access-requests/core.ts';
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
