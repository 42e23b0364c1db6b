import type { DocumentStatus } from './schema.ts';

/** The statuses a reviewer (or the person, for "no longer needed") sets; `received` comes with each new file. */
export type SettableStatus = Exclude<DocumentStatus, 'received'>;

/**
 * From which statuses each one may be set. Who may set it is the owner module's policy (licensing's
 * staff and applicant): documents knows no roles, only which moves make sense. A new version
 * (`replace`) always brings the document back to `received`, from any status.
 */
export const statusFrom: Readonly<Record<SettableStatus, readonly DocumentStatus[]>> = {
  accepted: ['received', 'needs_replacing'],
  needs_replacing: ['received', 'accepted'],
  no_longer_needed: ['received', 'accepted', 'needs_replacing'],
};

export const canSetStatus = (from: DocumentStatus, to: SettableStatus): boolean => statusFrom[to].includes(from);
