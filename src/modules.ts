import accessRequests from './access-requests/index.ts';
import agencies from './agencies/index.ts';
import audit from './audit/index.ts';
import billing from './billing/index.ts';
import casework from './casework/index.ts';
import dashboard from './dashboard/index.ts';
import documents from './documents/index.ts';
import exams from './exams/index.ts';
import authorities from './authorities/index.ts';
import federation from './federation/index.ts';
import identity from './identity/index.ts';
import licensing from './licensing/index.ts';
import mail from './mail/index.ts';
import mailingList from './mailing-list/index.ts';
import organizations from './organizations/index.ts';
import practice from './practice/index.ts';
import record from './record/index.ts';
import register from './register/index.ts';
import renewals from './renewals/index.ts';
import securityKeys from './security-keys/index.ts';
import staff from './staff/index.ts';
import surveillance from './surveillance/index.ts';
import twoFactor from './two-factor/index.ts';

/**
 * Every module, once, in layer order (docs/architecture.md): a module may use those listed before
 * it, never one after (that goes through a port). The composition root builds everything from
 * this list; a new module adds one line here.
 */
export const modules = [
  // Foundation
  audit,
  mail,
  documents,
  casework,
  // Core
  authorities,
  identity,
  organizations,
  // Identity features
  twoFactor,
  securityKeys,
  federation,
  // Domain
  billing,
  exams,
  agencies,
  licensing,
  renewals,
  practice,
  record,
  register,
  mailingList,
  surveillance,
  accessRequests,
  // Staff console
  staff,
  // The person's dashboard: every module's cards (docs/decisions/0006)
  dashboard,
] as const;
