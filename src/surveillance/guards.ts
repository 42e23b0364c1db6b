import { type MemberActor, memberOfKindGuard, type OrganizationService } from '../organizations/index.ts';
import { type Guard, staffWhereOn } from '../platform/access.ts';
import type { SessionAccount, StaffActor } from '../platform/actors.ts';
import type { SurveillanceCase, SurveillanceCore } from './core.ts';

export type PtphaActor = MemberActor;

/**
 * A member of the PTPHA in the address (an approved organization of kind public health authority
 * of an authority with surveillance on); with a `:caseId`, only a case that PTPHA has now. Anyone
 * else, a member of another PTPHA among them, finds no such page. The session then acts for it.
 */
export function ptphaGuard(core: SurveillanceCore, organizations: OrganizationService): Guard<PtphaActor & { case: SurveillanceCase | null }> {
  return memberOfKindGuard(organizations, {
    scope: 'surveillance',
    isOfKind: (organizationId, authorityId) => core.isPtpha(organizationId, authorityId),
    record: { key: 'case', param: 'caseId', find: (authorityId, id) => core.caseOf(authorityId, id) },
  });
}

/** The department's surveillance staff: a role in an authority with surveillance on (anyone else: not found). */
export function departmentGuard(core: SurveillanceCore): Guard<StaffActor & { account: SessionAccount }> {
  return staffWhereOn((authorityId) => core.isOn(authorityId));
}
