import { defineTransitions } from '../platform/states.ts';
import type { AgencyEvents } from './events.ts';
import type { LinkStatus } from './schema.ts';

/** The representative the link is for, or a manager of the agency it is with. */
export type LinkRole = 'representative' | 'manager';
export type LinkAction = 'confirm' | 'refuse' | 'withdraw' | 'end';

/**
 * A link's life. A request (`requested`) is confirmed or refused by the agency's manager, or
 * withdrawn by the person; a link made with the agency's security code starts `active`. Either
 * side ends an active link; nothing leaves `refused`, `withdrawn` or `ended` (a new link is a new row).
 */
export const linkTransitions = defineTransitions<LinkStatus, LinkAction, keyof AgencyEvents, LinkRole>({
  confirm: { from: ['requested'], to: 'active', event: 'agency_link_started', who: ['manager'] },
  refuse: { from: ['requested'], to: 'refused', event: 'agency_link_refused', who: ['manager'] },
  withdraw: { from: ['requested'], to: 'withdrawn', event: 'agency_link_withdrawn', who: ['representative'] },
  end: { from: ['active'], to: 'ended', event: 'agency_link_ended', who: ['representative', 'manager'] },
});

/** The statuses that hold the one place a person has per authority: a request or a link (the partial unique index's). */
export const OPEN_STATUSES = ['requested', 'active'] as const satisfies readonly LinkStatus[];
