import { z } from 'zod';
import type { Membership, OrganizationService } from '../organizations/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount, StaffActor } from '../platform/actors.ts';
import type { SurveillanceCase, SurveillanceCore } from './core.ts';

const ptphaParams = z.object({ organizationId: z.uuid(), caseId: z.uuid().optional() });

export interface PtphaActor {
  account: SessionAccount;
  membership: Membership;
}

/**
 * A member of the PTPHA in the address (an approved organization of kind public health authority
 * of an authority with surveillance on); with a `:caseId`, only a case that PTPHA has now. Anyone
 * else, a member of another PTPHA among them, finds no such page. The session then acts for it.
 */
export function ptphaGuard(core: SurveillanceCore, organizations: OrganizationService): Guard<PtphaActor & { case: SurveillanceCase | null }> {
  return {
    scope: 'surveillance',
    async resolve(request, account) {
      const params = ptphaParams.safeParse(request.params);
      if (!params.success) return null;
      const membership = await organizations.membership(account.id, params.data.organizationId);
      if (!membership || membership.status !== 'approved') return null;
      if (!(await core.isPtpha(membership.organizationId, membership.authorityId))) return null;
      let found: SurveillanceCase | null = null;
      if (params.data.caseId) {
        found = await core.caseOf(membership.authorityId, params.data.caseId);
        if (!found || found.organizationId !== membership.organizationId) return null;
      }
      if (account.actingFor?.kind !== 'organization' || account.actingFor.id !== membership.organizationId) await organizations.enter(account, membership);
      return { account, membership, case: found };
    },
  };
}

/** The department's surveillance staff: a role in an authority with surveillance on (anyone else: not found). */
export function departmentGuard(core: SurveillanceCore): Guard<StaffActor & { account: SessionAccount }> {
  return {
    scope: 'staff',
    async resolve(_request, account) {
      if (!account.isStaff || account.authorityRoles.length === 0) return null;
      if (!(await core.isOn(account.staffAuthorityId))) return null;
      return { id: account.id, staffAuthorityId: account.staffAuthorityId, authorityRoles: account.authorityRoles, account };
    },
  };
}
