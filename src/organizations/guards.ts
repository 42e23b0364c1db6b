import { z } from 'zod';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import type { Membership } from './policies.ts';
import type { OrganizationService } from './service.ts';

export interface MemberActor {
  account: SessionAccount;
  membership: Membership;
}

/**
 * An approved member of the organization in the address (`:organizationId`), when it is of the
 * kind a module serves (`isOfKind`: an institution, a PTPHA…); with the record's parameter in the
 * address, only a record that organization holds now, handed over under `record.key`. Anyone else,
 * a member of another organization of that kind among them, finds no such page. The session then
 * acts for the organization.
 */
export function memberOfKindGuard<K extends string, R extends { organizationId: string | null }>(
  organizations: OrganizationService,
  options: {
    scope: string;
    isOfKind(organizationId: string, authorityId: string): Promise<boolean>;
    record: { key: K; param: string; find(authorityId: string, id: string): Promise<R | null> };
  },
): Guard<MemberActor & { [P in K]: R | null }> {
  const params = z.object({ organizationId: z.uuid(), [options.record.param]: z.uuid().optional() });
  return {
    scope: options.scope,
    async resolve(request, account) {
      const parsed = params.safeParse(request.params);
      if (!parsed.success) return null;
      const membership = await organizations.membership(account.id, parsed.data.organizationId as string);
      if (!membership || membership.status !== 'approved') return null;
      if (!(await options.isOfKind(membership.organizationId, membership.authorityId))) return null;
      const recordId = parsed.data[options.record.param] as string | undefined;
      let found: R | null = null;
      if (recordId) {
        found = await options.record.find(membership.authorityId, recordId);
        if (!found || found.organizationId !== membership.organizationId) return null;
      }
      if (account.actingFor?.kind !== 'organization' || account.actingFor.id !== membership.organizationId) await organizations.enter(account, membership);
      return { account, membership, [options.record.key]: found } as MemberActor & { [P in K]: R | null };
    },
  };
}
