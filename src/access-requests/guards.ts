import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Membership, OrganizationService } from '../organizations/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount, StaffActor } from '../platform/actors.ts';
import type { AccessCore, AccessRequest } from './core.ts';

const workspaceParams = z.object({ organizationId: z.uuid(), requestId: z.uuid().optional() });

export interface PractitionerActor {
  account: SessionAccount;
  membership: Membership;
  /** The request in the address (with `:requestId`), held by this institution now. */
  request: AccessRequest | null;
}

/**
 * A practitioner of the institution in the address (an approved organization of kind institution
 * of an authority with access requests on); with a `:requestId`, only a request that institution
 * holds now. Anyone else, a practitioner of another institution among them, finds no such page.
 * The session then acts for the institution.
 */
export function practitionerGuard(core: AccessCore, organizations: OrganizationService): Guard<PractitionerActor> {
  return {
    scope: 'access-requests',
    async resolve(request, account) {
      const params = workspaceParams.safeParse(request.params);
      if (!params.success) return null;
      const membership = await organizations.membership(account.id, params.data.organizationId);
      if (!membership || membership.status !== 'approved') return null;
      if (!(await core.isInstitution(membership.organizationId, membership.authorityId))) return null;
      let found: AccessRequest | null = null;
      if (params.data.requestId) {
        found = await core.requestOf(membership.authorityId, params.data.requestId);
        if (!found || found.organizationId !== membership.organizationId) return null;
      }
      if (account.actingFor?.kind !== 'organization' || account.actingFor.id !== membership.organizationId) await organizations.enter(account, membership);
      return { account, membership, request: found };
    },
  };
}

/** The ATIP office's staff: a role in an authority with access requests on (anyone else: not found). */
export function officeGuard(core: AccessCore): Guard<StaffActor & { account: SessionAccount }> {
  return {
    scope: 'staff',
    async resolve(_request, account) {
      if (!account.isStaff || account.authorityRoles.length === 0) return null;
      if (!(await core.isOn(account.staffAuthorityId))) return null;
      return { id: account.id, staffAuthorityId: account.staffAuthorityId, authorityRoles: account.authorityRoles, account };
    },
  };
}

const trackingParams = z.object({ requestId: z.uuid() });
const tokenField = z.object({ t: z.string().min(20).max(100) });

/**
 * The requester of the request in the address, on a public page: signed in as the account that
 * made it, or holding the tracking link's token (`t`, in the address of a GET, in the form of a
 * POST). Anyone else learns nothing, not even that the request exists (the page answers 404).
 */
export async function trackedRequest(core: AccessCore, request: FastifyRequest): Promise<{ request: AccessRequest; via: 'account' | 'link'; token: string | null } | null> {
  const params = trackingParams.safeParse(request.params);
  if (!params.success) return null;
  const given = tokenField.safeParse(request.method === 'GET' || request.method === 'HEAD' ? request.query : request.body);
  if (given.success) {
    const found = await core.requestByToken(params.data.requestId, given.data.t);
    if (found) return { request: found, via: 'link', token: given.data.t };
  }
  const account = request.account;
  if (!account) return null;
  const found = await core.requestOfRequester(params.data.requestId, account.id);
  return found ? { request: found, via: 'account', token: null } : null;
}
