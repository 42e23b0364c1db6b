import { eq } from 'drizzle-orm';
import { addCalendarDays, type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Database } from '../platform/db.ts';
import { createSurveillanceCore } from './core.ts';
import type { Notice } from './notice.ts';
import { caseContacts, caseFollowUps, complianceReports, surveillanceCases, surveillanceSettings } from './schema.ts';
import type { ReportStatus } from './states.ts';

type Demo = Omit<Notice, 'noticeNumber' | 'arrivalDate' | 'addressLine2' | 'phone' | 'email'> & {
  arrivedDaysAgo: number;
  /** What the PTPHA has done with it so far. */
  then?: { acknowledged?: true; contacts?: number; assessed?: true; report?: { status: ReportStatus; daysAfterArrival: number; movedTo?: string } };
};

const ottawa = { addressLine1: '', city: 'Ottawa', province: 'ON', postalCode: 'K1P 1J1' } as const;
const montreal = { addressLine1: '', city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' } as const;

/**
 * The department's demo cases, one or more in each state: new (routine and urgent), acknowledged
 * and being contacted, overdue, compliant with its assessment, moved to Québec awaiting the
 * department's transfer, unable to locate, and one without a Canadian address (cannot route), so
 * that every queue, the clock and the figures have something to show from the first start.
 */
const cases: Demo[] = [
  { familyName: 'Okafor', givenNames: 'Amara', dateOfBirth: '1991-04-21', clientId: 'UCI1100234', ...ottawa, addressLine1: '240 rue Sparks, app. 12', code: 'routine', arrivedDaysAgo: 3 },
  { familyName: 'Zhang', givenNames: 'Wei', dateOfBirth: '1978-09-02', clientId: 'UCI1100871', ...ottawa, addressLine1: '55 Metcalfe Street', code: 'urgent', arrivedDaysAgo: 2 },
  { familyName: 'Sharma', givenNames: 'Priya', dateOfBirth: '1996-01-15', clientId: 'UCI1101502', ...ottawa, addressLine1: '18 Bank Street', code: 'routine', arrivedDaysAgo: 24, then: { acknowledged: true, contacts: 1 } },
  { familyName: 'García', givenNames: 'Mateo', dateOfBirth: '1988-06-30', clientId: 'UCI1102219', ...ottawa, addressLine1: '310 Laurier Avenue West', code: 'routine', arrivedDaysAgo: 41, then: { acknowledged: true, contacts: 2, report: { status: 'under_follow_up', daysAfterArrival: 20 } } },
  { familyName: 'Haidari', givenNames: 'Fatima', dateOfBirth: '2001-11-08', clientId: 'UCI1102764', ...ottawa, addressLine1: '77 Elgin Street', code: 'routine', arrivedDaysAgo: 64, then: { acknowledged: true, contacts: 1, assessed: true, report: { status: 'compliant', daysAfterArrival: 26 } } },
  { familyName: 'Kovalenko', givenNames: 'Olena', dateOfBirth: '1984-03-12', clientId: 'UCI1103390', ...ottawa, addressLine1: '12 O’Connor Street', code: 'routine', arrivedDaysAgo: 15, then: { acknowledged: true, contacts: 1, report: { status: 'moved', daysAfterArrival: 12, movedTo: 'QC' } } },
  { familyName: 'Nguyễn', givenNames: 'Văn An', dateOfBirth: '1993-07-19', clientId: 'UCI1104018', ...montreal, addressLine1: '1200 rue Sainte-Catherine Est', code: 'routine', arrivedDaysAgo: 5 },
  { familyName: 'Maréchal', givenNames: 'Hélène', dateOfBirth: '1969-12-01', clientId: 'UCI1104552', ...montreal, addressLine1: '45 avenue du Mont-Royal Ouest', code: 'urgent', arrivedDaysAgo: 4, then: { acknowledged: true, contacts: 1 } },
  { familyName: 'Ramírez', givenNames: 'José', dateOfBirth: '1975-05-27', clientId: 'UCI1105126', ...montreal, addressLine1: '8 rue Saint-Paul', code: 'routine', arrivedDaysAgo: 38, then: { acknowledged: true, contacts: 3, report: { status: 'unable_to_locate', daysAfterArrival: 30 } } },
  { familyName: 'Diallo', givenNames: 'Aïssatou', dateOfBirth: '1999-02-14', clientId: 'UCI1105733', ...montreal, addressLine1: '300 boulevard René-Lévesque', code: 'routine', arrivedDaysAgo: 120, then: { acknowledged: true, contacts: 1, assessed: true, report: { status: 'compliant', daysAfterArrival: 21 } } },
  // No address in Canada yet: the department's cannot-route queue.
  { familyName: 'Silva', givenNames: 'Rafael', dateOfBirth: '1990-08-09', clientId: 'UCI1106204', addressLine1: null, city: null, province: null, postalCode: null, code: 'routine', arrivedDaysAgo: 4 },
];

/**
 * Seed 003's demo: surveillance on for the department, and its cases with the two PTPHAs
 * (Ontario, Québec). `members` are the PTPHA members recorded as having done the follow-up.
 */
export async function seedSurveillanceDemo(db: Database, authorityId: string, o: { officerId: string; members: Record<'ON' | 'QC', string>; now?: Date }) {
  const now = o.now ?? new Date();
  const today = localDateAt(now);
  const day = (offset: number): LocalDate => addCalendarDays(today, offset);
  const at = (d: LocalDate) => new Date(`${d}T15:00:00Z`);
  await db.insert(surveillanceSettings).values({ authorityId });
  // Receiving a notice mails no one (its channel does): the core's mailer is never called here.
  const core = createSurveillanceCore({ db, clock: { now: () => now }, mailer: { queue: () => Promise.reject(new Error('the demo data mails no one')) }, publicUrl: new URL('http://localhost') });
  const limits = { routineDays: 30, urgentDays: 7 };
  let n = 0;
  for (const c of cases) {
    n += 1;
    const arrival = day(-c.arrivedDaysAgo);
    const { arrivedDaysAgo: _, then, ...fields } = c;
    const notice: Notice = { ...fields, noticeNumber: `IMM-2026-${String(4100 + n).padStart(6, '0')}`, arrivalDate: arrival, addressLine2: null, phone: '613 555-01' + String(10 + n), email: null };
    await db.transaction(async (tx) => {
      const received = await core.receiveNotice(tx, authorityId, notice, { source: 'form', accountId: o.officerId, apiClientId: null, origin: { ip: null, userAgent: null }, at: at(addCalendarDays(arrival, 1)) }, limits);
      if (received.kind !== 'created' || !then) return;
      const caseId = received.caseId;
      const member = o.members[c.province as 'ON' | 'QC'];
      const organizationId = received.organizationId!;
      if (then.acknowledged) await tx.update(surveillanceCases).set({ status: 'acknowledged', acknowledgedAt: at(addCalendarDays(arrival, 2)), acknowledgedBy: member }).where(eq(surveillanceCases.id, caseId));
      for (let i = 0; i < (then.contacts ?? 0); i++) {
        const reached = i === (then.contacts ?? 0) - 1 && then.report?.status !== 'unable_to_locate';
        await tx.insert(caseContacts).values({
          caseId,
          organizationId,
          attemptedOn: addCalendarDays(arrival, 3 + i * 4),
          method: i === 0 ? 'phone' : 'letter',
          outcome: reached ? 'appointment_booked' : 'no_answer',
          note: null,
          recordedBy: member,
          recordedAt: at(addCalendarDays(arrival, 3 + i * 4)),
        });
      }
      if (then.assessed) {
        await tx.insert(caseFollowUps).values({
          caseId,
          firstAppointmentOn: addCalendarDays(arrival, 10),
          chestXrayOn: addCalendarDays(arrival, 10),
          chestXrayResult: 'normal',
          furtherTests: null,
          assessmentOn: addCalendarDays(arrival, 18),
          assessmentOutcome: 'no_further_action',
          updatedBy: member,
          updatedAt: at(addCalendarDays(arrival, 18)),
        });
      }
      if (then.report) {
        const sentOn = addCalendarDays(arrival, then.report.daysAfterArrival);
        await tx.insert(complianceReports).values({ caseId, organizationId, status: then.report.status, statusOn: sentOn, note: null, movedToProvince: then.report.movedTo ?? null, sentBy: member, sentAt: at(sentOn) });
        await tx.update(surveillanceCases).set({ status: then.report.status }).where(eq(surveillanceCases.id, caseId));
      }
    });
  }
}
