import type { Bilingual, Locale } from './i18n/index.ts';

/**
 * Who is asking: the one set of actor types every module's guards, policies and services take.
 * Identity reads them from the session (identity.sessionAccount); platform only describes them.
 */

/** Roles in an authority: registrars are staff who may approve sensitive requests. */
export type AuthorityRole = 'staff' | 'registrar' | 'administrator';
export type OrganizationRole = 'manager' | 'member';
export type OrganizationStatus = 'requested' | 'approved' | 'refused' | 'suspended';
/** second_factor: password given, second factor awaited; enrol: must enrol before anything else. */
export type SessionStage = 'second_factor' | 'enrol' | 'complete';
export type SecondFactorMethod = 'authenticator_app' | 'security_key' | 'recovery_code';

export type ActingFor =
  | { kind: 'organization'; id: string; name: Bilingual; role: OrganizationRole; status: OrganizationStatus }
  | { kind: 'authority'; id: string; name: Bilingual };

/** A signed-in person, as their session says on this request. */
export interface SessionAccount {
  sessionId: string;
  id: string;
  authorityId: string;
  email: string;
  givenName: string;
  familyName: string;
  preferredLanguage: Locale;
  /** Holds a role in the authority the session acts for (the chosen one, else the home authority). */
  isStaff: boolean;
  /** That authority, and the roles held in it (none for people who are not staff). */
  staffAuthorityId: string;
  authorityRoles: AuthorityRole[];
  /** What the session acts for, shown on every page; null: the person themselves. */
  actingFor: ActingFor | null;
  stage: SessionStage;
  authenticatedAt: Date | null;
  secondFactorAt: Date | null;
  hasSecondFactor: boolean;
  /** The password was given by someone else: nothing else opens until it is replaced. */
  mustChangePassword: boolean;
}

/** Staff acting for an authority, with the roles they hold there. */
export interface StaffActor {
  id: string;
  staffAuthorityId: string;
  authorityRoles: AuthorityRole[];
}
