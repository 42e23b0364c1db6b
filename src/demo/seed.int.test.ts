import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../../test/support/app.ts';
import { seedDemoData } from './seed.ts';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { organizationMembers, organizations } from '../organizations/index.ts';

test('demo data: a college, and a department with two institutions that each have a manager and a member; loaded once', async () => {
  const database = await openTestDatabase();
  try {
    const details = await seedDemoData(database.db);
    assert.ok(details);
    assert.equal(new Set(details.map((d) => d.password)).size, details.length, 'a password each');
    const people = await database.db.select({ email: accounts.email, mustChangePassword: accounts.mustChangePassword }).from(accounts);
    assert.equal(people.length, details.length);
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
    assert.equal(await seedDemoData(database.db), null);
  } finally {
    await database.close();
  }
});
