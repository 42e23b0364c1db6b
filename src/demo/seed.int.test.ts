import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { REGISTER_DEMO_DOMAIN, seedDemoData } from './seed.ts';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { organizationMembers, organizations } from '../organizations/index.ts';
import { applicationTypes, eligibilityQuestions, registrations } from '../licensing/schema.ts';
import { createTypeService } from '../licensing/types/manifest.ts';
import { openTestDatabase, TestClock } from '../../test/support/app.ts';
import { identityProviders } from '../federation/schema.ts';
import { Secret } from '../platform/config.ts';
import { surveillanceCases } from '../surveillance/schema.ts';
import { createSealer } from '../platform/secrets.ts';

test('demo data: a college with its types and questionnaire, a department with two institutions that each have a manager and a member, and a social-work college; loaded once', async () => {
  const database = await openTestDatabase();
  try {
    const details = await seedDemoData(database.db, { sealer: createSealer({ sessionSecret: new Secret('test-secret-test-secret-test-secret-0123'), previousSessionSecret: null }, 'identity-provider') });
    assert.ok(details);
    assert.equal(new Set(details.map((d) => d.password)).size, details.length, 'a password each');
    const people = await database.db.select({ email: accounts.email, mustChangePassword: accounts.mustChangePassword }).from(accounts);
    // Everyone is printed but the register's demo registrants, who never sign in.
    const signingIn = people.filter((p) => !p.email.endsWith(`@${REGISTER_DEMO_DOMAIN}`));
    assert.deepEqual(signingIn.map((p) => p.email).sort(), details.map((d) => d.email).sort());
    assert.equal(people.length - signingIn.length, 6, 'six registrants for the register');
    assert.ok(people.every((p) => p.mustChangePassword), 'printed passwords are replaced at first sign-in');
    const [college, department] = await database.db.select().from(authorities).orderBy(authorities.createdAt);
    assert.equal(college?.slug, 'ordre-psychotherapeutes');
    assert.equal(department?.slug, 'ministere-federal');
    const institutions = await database.db.select().from(organizations).where(eq(organizations.authorityId, department?.id ?? ''));
    assert.equal(institutions.length, 2);
    for (const institution of institutions) {
      assert.equal(institution.status, 'approved');
      const roles = (await database.db.select().from(organizationMembers).where(eq(organizationMembers.organizationId, institution.id))).map((m) => m.role).sort();
      assert.deepEqual(roles, ['manager', 'member']);
    }
    // The college's demo registrant holds an active registration from the first start.
    const [amelie] = await database.db.select({ status: registrations.status, validUntil: registrations.validUntil }).from(registrations).innerJoin(accounts, eq(accounts.id, registrations.accountId)).where(eq(accounts.email, 'amelie.gagnon@demo.guichet.ca'));
    assert.equal(amelie?.status, 'active');
    assert.ok(amelie.validUntil && amelie.validUntil > new Date().toISOString().slice(0, 10), `still valid: ${amelie.validUntil}`);
    const socialWork = (await database.db.select().from(authorities).where(eq(authorities.slug, 'ordre-travailleurs-sociaux')))[0];
    assert.deepEqual(socialWork?.name, { fr: 'Ordre des travailleurs sociaux (démo)', en: 'College of Social Workers (demo)' });

    // Each college's questionnaire leads to its types, and to "not eligible".
    const types = createTypeService({ db: database.db, clock: new TestClock() });
    const codes = async (authorityId: string) => (await database.db.select().from(applicationTypes).where(eq(applicationTypes.authorityId, authorityId))).map((r) => r.code).sort();
    assert.deepEqual(await codes(college?.id ?? ''), ['category_transfer', 'new_applicant', 'reinstatement']);
    assert.deepEqual(await codes(socialWork?.id ?? ''), ['social_service_worker_certificate', 'social_worker_certificate']);
    const reached = async (authorityId: string, path: string) => {
      const walk = await types.walk(authorityId, path.split(',').map((s) => ({ question: s.split(':')[0] ?? '', answer: s.split(':')[1] ?? '' })));
      return walk.kind === 'type' ? walk.type.code : walk.kind;
    };
    assert.equal(await reached(college?.id ?? '', 'registration_status:never,masters:yes'), 'new_applicant');
    assert.equal(await reached(college?.id ?? '', 'registration_status:never,masters:no'), 'not_eligible');
    assert.equal(await reached(college?.id ?? '', 'registration_status:qualifying'), 'category_transfer');
    assert.equal(await reached(college?.id ?? '', 'registration_status:ended'), 'reinstatement');
    assert.equal(await reached(socialWork?.id ?? '', 'credential:degree'), 'social_worker_certificate');
    assert.equal(await reached(socialWork?.id ?? '', 'credential:diploma'), 'social_service_worker_certificate');
    assert.equal(await reached(socialWork?.id ?? '', 'credential:none'), 'not_eligible');
    const [newApplicant] = await database.db.select().from(applicationTypes).where(eq(applicationTypes.code, 'new_applicant'));
    assert.deepEqual(newApplicant?.requiredDocuments.map((d) => [d.code, d.providedBy, d.optional ?? false]), [
      ['government_id', 'applicant', false],
      ['official_transcript', 'school', false],
      ['resume', 'applicant', true],
      ['clinical_training', 'applicant', false],
    ]);
    assert.equal((await database.db.select().from(eligibilityQuestions)).length, 3);

    // The office (seed 002): its CAR numbering, Rémi's expired certificate, his exam, its identity provider.
    const [office] = await database.db.select().from(authorities).where(eq(authorities.slug, 'office-protection-consommateur'));
    assert.ok(office);
    const [remi] = await database.db.select({ status: registrations.status, number: registrations.number, validUntil: registrations.validUntil }).from(registrations).innerJoin(accounts, eq(accounts.id, registrations.accountId)).where(eq(accounts.email, 'remi.lefebvre@demo.guichet.ca'));
    assert.equal(remi?.status, 'expired');
    assert.match(remi?.number ?? '', /^CAR\d{4}\d{8}$/);
    assert.ok(remi.validUntil && remi.validUntil < new Date().toISOString().slice(0, 10), 'his certificate has ended');
    const [provider] = await database.db.select().from(identityProviders).where(eq(identityProviders.authorityId, office.id));
    assert.deepEqual(provider?.name, { fr: 'clicSÉQUR (démo)', en: 'clicSÉQUR (demo)' });
    const agencies = await database.db.select().from(organizations).where(eq(organizations.authorityId, office.id));
    assert.equal(agencies.length, 2, 'two collection agencies');
    assert.equal(await seedDemoData(database.db), null);

    // The department of seed 003: two PTPHAs by province, and cases in every state, one that cannot be routed.
    const [immigration] = await database.db.select().from(authorities).where(eq(authorities.slug, 'immigration-sante-publique'));
    assert.ok(immigration);
    const ptphas = await database.db.select({ id: organizations.id, province: organizations.province }).from(organizations).where(eq(organizations.authorityId, immigration.id));
    assert.deepEqual(ptphas.map((p) => p.province).sort(), ['ON', 'QC']);
    const cases = await database.db.select({ status: surveillanceCases.status, organizationId: surveillanceCases.organizationId, province: surveillanceCases.province }).from(surveillanceCases).where(eq(surveillanceCases.authorityId, immigration.id));
    assert.deepEqual([...new Set(cases.map((c) => c.status))].sort(), ['acknowledged', 'compliant', 'moved', 'notified', 'unable_to_locate', 'under_follow_up', 'unrouted']);
    const [gckey] = await database.db.select().from(identityProviders).where(eq(identityProviders.authorityId, immigration.id));
    assert.deepEqual(gckey?.name, { fr: 'CléGC (démo)', en: 'GCKey (demo)' }, 'the department signs in with government credentials');
    for (const c of cases) assert.equal(c.organizationId, ptphas.find((p) => p.province === c.province)?.id ?? null, 'routed by the province of residence');
  } finally {
    await database.close();
  }
});
