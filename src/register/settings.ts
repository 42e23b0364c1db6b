import { z } from 'zod';
import type { ModuleSettings } from '../platform/config.ts';

/**
 * How many register pages and API calls one address may make per minute: enough for a person
 * looking people up, too few to harvest the register (200,000 entries would take weeks).
 */
export const registerSettings = z.object({
  REGISTER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(60),
});

export const registerConfig = { schema: registerSettings } as const satisfies ModuleSettings;
