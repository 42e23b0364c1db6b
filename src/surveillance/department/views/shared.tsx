import { localDateAt } from '../../../platform/calendar.ts';
import type { Bilingual, MessageKey } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';

// The pieces the department's pages share (the words of a case's values are in ../../labels.ts).












export const assignmentLabels = {
  routed: 'surveillance.department.assignment.routed',
  routed_by_staff: 'surveillance.department.assignment.routed_by_staff',
  transferred: 'surveillance.department.assignment.transferred',
} as const satisfies Record<'routed' | 'routed_by_staff' | 'transferred', MessageKey>;


export const day = (d: Date) => localDateAt(d);
export const nameOf = (ctx: PageContext, name: Bilingual | null) => (name ? name[ctx.locale] : ctx.t('surveillance.department.noPtpha'));



/** A PTPHA as the filters and the transfer list it. */
export type Ptpha = { id: string; name: Bilingual; province: string };
