import type { Database } from '../platform/db.ts';
import { practiceHours, practiceSites } from './schema.ts';
import { writeThresholds } from './service.ts';

/**
 * The psychotherapy college's thresholds for independent practice (1,000 direct client contact
 * hours, 150 supervision hours), and the demo registrant's two sites (the first primary) and a
 * few hours not yet sent for review.
 */
export async function seedPracticeDemo(db: Database, authorityId: string, accountId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await writeThresholds(tx, authorityId, { direct_contact: 100_000, supervision: 15_000 }, now);
    const [clinic] = await tx
      .insert(practiceSites)
      .values([
        { authorityId, accountId, name: 'Clinique Saint-Denis', addressLine1: '4200, rue Saint-Denis', addressLine2: 'Bureau 310', city: 'Montréal', province: 'QC', postalCode: 'H2J 2K8', phone: '514 555-0134', startedOn: '2023-09-01', isPrimary: true, createdAt: now },
        { authorityId, accountId, name: 'Centre communautaire du Plateau', addressLine1: '1500, avenue du Mont-Royal Est', city: 'Montréal', province: 'QC', postalCode: 'H2J 1Z2', startedOn: '2024-01-15', createdAt: now },
      ])
      .returning({ id: practiceSites.id });
    await tx.insert(practiceHours).values([
      { authorityId, accountId, kind: 'direct_contact', startedOn: '2024-01-01', endedOn: '2024-06-30', siteId: clinic?.id ?? null, hundredths: 42_050, createdAt: now, updatedAt: now },
      { authorityId, accountId, kind: 'direct_contact', startedOn: '2024-07-01', endedOn: '2024-12-31', siteId: clinic?.id ?? null, hundredths: 39_000, createdAt: now, updatedAt: now },
      { authorityId, accountId, kind: 'supervision', startedOn: '2024-01-01', endedOn: '2024-12-31', siteId: clinic?.id ?? null, supervisorName: 'Dre Hélène Roy', hundredths: 8_025, createdAt: now, updatedAt: now },
    ]);
  });
}

/** One current primary site, for the demo's other registrants (what the public register shows of them). */
export async function seedDemoSite(db: Database, site: typeof practiceSites.$inferInsert): Promise<void> {
  await db.insert(practiceSites).values({ ...site, isPrimary: true });
}
