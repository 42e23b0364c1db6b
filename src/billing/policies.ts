import type { StaffActor } from '../platform/actors.ts';

/** Who is asking: a signed-in person with the roles they hold in the authority their session acts for. */
export type Actor = StaffActor;
export type InvoiceAction = 'view' | 'pay' | 'staff_view' | 'refund' | 'void';

/**
 * An invoice is its payer's and its authority's staff's, nobody else's. Only the payer pays. Staff
 * refund and void; when the authority declared its fees non-refundable, only an administrator refunds.
 */
export function can(actor: Actor, action: InvoiceAction, invoice: { accountId: string | null; authorityId: string }, settings: { nonRefundable: boolean } = { nonRefundable: false }): boolean {
  const isStaff = actor.staffAuthorityId === invoice.authorityId && actor.authorityRoles.length > 0;
  switch (action) {
    // A guest payer's invoice (no account) is paid through its subject module's page, never through billing's.
    case 'view':
      return (invoice.accountId !== null && actor.id === invoice.accountId) || isStaff;
    case 'pay':
      return invoice.accountId !== null && actor.id === invoice.accountId;
    case 'staff_view':
    case 'void':
      return isStaff;
    case 'refund':
      return isStaff && (!settings.nonRefundable || actor.authorityRoles.includes('administrator'));
  }
}
