import { randomBytes } from 'node:crypto';
import { createAuthority, grantRoles } from '../authorities/index.ts';
import { createVerifiedAccount } from '../identity/index.ts';
import { createApplicationType, createEligibilityQuestion, createRegistrationCategory, replaceAnswers } from '../licensing/types/manifest.ts';
import { createApprovedOrganization, createOrganizationKind, type OrganizationAddress } from '../organizations/index.ts';
import type { AuthorityRole, OrganizationRole } from '../platform/actors.ts';
import type { Database } from '../platform/db.ts';
import type { Bilingual, Locale } from '../platform/i18n/index.ts';

/**
 * The people, staff, authorities and organizations the demo data and every test are made of,
 * each with sensible defaults and the overrides a case needs. Tests reach them through
 * test/support/factories.ts.
 */

let made = 0;
/** A name no other call returns, in this process (tests share one database per file). */
export const unique = (prefix: string) => `${prefix}-${++made}-${randomBytes(2).toString('hex')}`;

/** The password the factories give when none is asked for (12+ characters, not a common one). */
export const FACTORY_PASSWORD = 'lune verte sur le fleuve 42';

export interface AccountOverrides {
  email?: string;
  givenName?: string;
  familyName?: string;
  preferredLanguage?: Locale;
  password?: string;
  /** Roles in the account's authority. */
  roles?: readonly AuthorityRole[];
  mustChangePassword?: boolean;
}

/** A verified account of the authority, able to sign in with its password. */
export async function buildAccount(db: Database, authorityId: string, o: AccountOverrides = {}) {
  const email = o.email ?? `${unique('person')}@example.ca`;
  const password = o.password ?? FACTORY_PASSWORD;
  const account = await createVerifiedAccount(db, {
    authorityId,
    email,
    givenName: o.givenName ?? 'Pat',
    familyName: o.familyName ?? 'Tremblay',
    preferredLanguage: o.preferredLanguage ?? 'en',
    password,
    mustChangePassword: o.mustChangePassword ?? false,
  });
  if (o.roles?.length) await grantRoles(db, authorityId, account.id, o.roles);
  return { ...account, email, password };
}

/** A staff member of the authority (role `staff`, plus any other asked for). */
export function buildStaff(db: Database, authorityId: string, o: AccountOverrides = {}) {
  return buildAccount(db, authorityId, { ...o, roles: ['staff', ...(o.roles ?? []).filter((r) => r !== 'staff')] });
}

/** An authority and its portal (a slug, names; contact details only when asked for). */
export async function buildAuthority(
  db: Database,
  o: { slug?: string; name?: Bilingual; lockoutThreshold?: number; welcome?: Bilingual; contactEmail?: string; contactPhone?: string; contactHours?: Bilingual } = {},
) {
  const { slug = unique('authority'), name, lockoutThreshold, ...portal } = o;
  return createAuthority(db, { slug, name: name ?? { fr: `Ordre ${slug}`, en: `College ${slug}` }, ...(lockoutThreshold ? { lockoutThreshold } : {}), ...portal });
}

export function buildOrganizationKind(db: Database, authorityId: string, o: { slug?: string; name?: Bilingual } = {}) {
  return createOrganizationKind(db, { authorityId, slug: o.slug ?? unique('kind'), name: o.name ?? { fr: 'Institution', en: 'Institution' } });
}

/** An approved organization of the authority, with its people; a kind is made when none is given. */
export async function buildOrganization(
  db: Database,
  authorityId: string,
  o: { kindId?: string; name?: Bilingual; people?: { accountId: string; role: OrganizationRole }[]; address?: OrganizationAddress } = {},
) {
  const kindId = o.kindId ?? (await buildOrganizationKind(db, authorityId)).id;
  const label = unique('Institution');
  return createApprovedOrganization(db, { authorityId, kindId, name: o.name ?? { fr: `${label} (fr)`, en: label }, people: o.people ?? [], ...(o.address ? { address: o.address } : {}) });
}

/** A registration category of the authority (what a registration lets a person do). */
export function buildRegistrationCategory(db: Database, authorityId: string, o: { code?: string; name?: Bilingual; validityMonths?: number; requiresExam?: boolean; requiresAgencyLink?: boolean } = {}) {
  const code = o.code ?? unique('category').replaceAll('-', '_');
  return createRegistrationCategory(db, authorityId, { ...o, code, name: o.name ?? { fr: `Catégorie ${code}`, en: `Category ${code}` } });
}

type TypeOverrides = Partial<Parameters<typeof createApplicationType>[2]>;

/** An active application type of the authority, every section, nothing required; a category is made when none is given. */
export async function buildApplicationType(db: Database, authorityId: string, o: TypeOverrides = {}) {
  const code = o.code ?? unique('type').replaceAll('-', '_');
  const categoryId = o.categoryId ?? (await buildRegistrationCategory(db, authorityId)).id;
  return createApplicationType(db, authorityId, {
    code,
    name: { fr: `Demande ${code}`, en: `Application ${code}` },
    description: { fr: 'Une demande d’essai.', en: 'A test application.' },
    sections: ['personal', 'education', 'declarations', 'documents'],
    requiredDocuments: [],
    declarations: [],
    feeCodes: [],
    eligibility: 'anyone',
    position: 0,
    active: true,
    ...o,
    categoryId,
  });
}

type Answer = Parameters<typeof replaceAnswers>[2][number];

/**
 * A question of the authority's questionnaire with its answers (each leading to a question, a
 * type or "not eligible"); `answers` can lead to questions made later, through `answerQuestion`.
 */
export async function buildQuestion(db: Database, authorityId: string, o: { code?: string; text?: Bilingual; hint?: Bilingual | null; position?: number; answers?: Answer[] } = {}) {
  const code = o.code ?? unique('question').replaceAll('-', '_');
  const question = await createEligibilityQuestion(db, authorityId, { code, text: o.text ?? { fr: `Question ${code}\u00a0?`, en: `Question ${code}?` }, hint: o.hint ?? null, position: o.position ?? 0 });
  if (o.answers) await replaceAnswers(db, question.id, o.answers);
  return { id: question.id, code };
}

/** Gives a question its answers (after the questions they lead to exist). */
export function answerQuestion(db: Database, questionId: string, answers: Answer[]) {
  return replaceAnswers(db, questionId, answers);
}
