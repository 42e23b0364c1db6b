import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Column kinds every module's tables use. */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
