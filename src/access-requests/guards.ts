import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type MemberActor, memberOfKindGuard, type OrganizationService } from '../organizations/index.ts';
import { type Guard, staffWhereOn } from '../platform/access.ts';
import type { SessionAccount, StaffActor } from '../platform/actors.ts';
import type { AccessCore, AccessRequest } from './core.ts';

export interface PractitionerActor extends MemberActor {
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
  return memberOfKindGuard(organizations, {
    scope: 'access-requests',
    isOfKind: (organizationId, authorityId) => core.isInstitution(organizationId, authorityId),
    record: { key: 'request', param: 'requestId', find: (authorityId, id) => core.requestOf(authorityId, id) },
  });
}

/** The ATIP office's staff: a role in an authority with access requests on (anyone else: not found). */
export function officeGuard(core: AccessCore): Guard<StaffActor & { account: SessionAccount }> {
  return staffWhereOn((authorityId) => core.isOn(authorityId));
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
