import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PortalService, StaffNavEntry } from '../../platform/module.ts';

/** The audit events of the definitions of types and questionnaire, and the type of their details. */
export interface TypeEvents {}

export const typeEvents = {} as const satisfies Record<keyof TypeEvents, MessageKey>;

export const typeStaffNav: StaffNavEntry[] = [];

export const typePortalServices: PortalService[] = [];

/** The questionnaire (a person finds their type) and the staff pages that define types and questions. */
export function registerTypeRoutes(_app: FastifyInstance, _deps: { db: Database; clock: Clock }): void {}
