import type { StaffActor } from '../../platform/actors.ts';

/** Seeing and changing the definitions go together: the pages that show them are the forms that change them. */
export type DefinitionAction = 'define';

/**
 * An authority's application types, categories and questionnaire: its administrators define them;
 * nobody else, and nobody for another authority.
 */
export function can(actor: StaffActor, action: DefinitionAction, resource: { authorityId: string }): boolean {
  return action === 'define' && resource.authorityId === actor.staffAuthorityId && actor.authorityRoles.includes('administrator');
}
