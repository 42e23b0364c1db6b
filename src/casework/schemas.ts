import { z } from 'zod';
import { openStatuses } from './states.ts';

/** The ages the queue's filter offers, in days: a select, so that no typed number can be wrong. */
export const queueAges = [3, 7, 14, 30, 60] as const;
export const QUEUE_PER_PAGE = 25;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
// A select left on its first option sends an empty value: the filter is simply not set.
const blank = (value: unknown) => (value === '' ? undefined : value);

/**
 * The queue page's query (`?type=&status=&assignee=&age=&page=`), as the filter form sends it. A
 * value the form cannot send (a made-up status, an age not offered) fails: the domain's route
 * answers its translated "invalid filter" rather than a queue that ignores what was asked.
 */
export const queueQuerySchema = z
  .object({
    type: z.preprocess(blank, z.string().trim().min(1).max(100).optional()),
    status: z.preprocess(blank, z.enum(openStatuses).optional()),
    assignee: z.preprocess(blank, z.union([z.enum(['me', 'none']), uuid]).optional()),
    age: z.preprocess(blank, z.coerce.number().int().refine((n) => (queueAges as readonly number[]).includes(n)).optional()),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
  })
  .transform((q) => ({ typeCode: q.type, status: q.status, assignee: q.assignee, olderThanDays: q.age, page: q.page, perPage: QUEUE_PER_PAGE }));

export type QueueQuery = z.output<typeof queueQuerySchema>;
