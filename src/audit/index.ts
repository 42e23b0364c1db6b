import { defineModule } from '../platform/module.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { installEventLabels } from './labels.ts';
import { events } from './own-events.ts';
import * as schema from './schema.ts';

/**
 * The audit trail every module writes in its own transactions (`recordEvent`), a hash chain per
 * authority. Each module declares its events (with their details' type) in its own `events.ts`.
 */
export default defineModule({
  name: 'audit',
  catalog: { fr, en },
  events,
  tables: schema,
  register(_app, kit) {
    installEventLabels(kit.assembled.events);
  },
});

export type { AuditEvent, AuditEvents } from './events.ts';
export { eventLabel, eventNames, eventText } from './labels.ts';
export { auditEvents } from './schema.ts';
export { type ChainBreak, recordEvent, recordEventFrom, verifyAuditChain } from './service.ts';
