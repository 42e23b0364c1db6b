import type { StaffActor } from '../platform/actors.ts';

export type ListAction = 'view' | 'export' | 'send';

/** A list is its authority's staff's: any of them sees its counts, exports it and writes to it; nobody else. */
export function can(actor: StaffActor, _action: ListAction, list: { authorityId: string }): boolean {
  return actor.staffAuthorityId === list.authorityId && actor.authorityRoles.length > 0;
}
