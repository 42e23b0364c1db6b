import type { FastifyInstance } from 'fastify';
import type { DashboardCard, JobDefinition, MailSpec, ModuleKit, StaffCard } from '../platform/module.ts';
import type { PageTable } from '../platform/paths.ts';
import type { AccessCore } from './core.ts';

/**
 * One part of access requests (the public service, the institution's workspace, records and
 * release, the office's statistics and support): its pages, strings, mail, jobs and cards, merged
 * by `index.ts` into the one module; `register` builds its service on the shared core and
 * registers its pages in the module's scope.
 */
export interface Part<S> {
  paths: PageTable;
  catalog: { fr: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
  mail?: Readonly<Record<string, MailSpec>>;
  jobs?: readonly JobDefinition[];
  staffCards?: readonly StaffCard[];
  dashboardCards?: readonly DashboardCard[];
  register(app: FastifyInstance, kit: ModuleKit, core: AccessCore): S;
}

export const definePart = <S>(part: Part<S>) => part;
