import { and, desc, eq, isNull } from 'drizzle-orm';
import { type AnyPgColumn, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { StaffActor } from './actors.ts';
import type { Clock } from './clock.ts';
import { at } from './columns.ts';
import type { Origin } from './origin.ts';
import type { Database, Executor } from './db.ts';
import { apiKeyHash, newApiKey } from './secrets.ts';

/**
 * A module's table of client systems that call its JSON API (access requests', surveillance's):
 * each has a key of its own, of which only the hash is kept, and its scopes. The module owns its
 * table; the columns are the same for every module, so one service (`apiClientKeys`) serves them.
 * `references` names the authorities' and accounts' ids (platform imports no module).
 */
export function apiClientTable(name: string, references: { authorityId: () => AnyPgColumn; accountId: () => AnyPgColumn }) {
  return pgTable(name, {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(references.authorityId),
    name: text('name').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').notNull().references(references.accountId),
    createdAt: at('created_at').notNull(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by').references(references.accountId),
  });
}

export type ApiClientTable = ReturnType<typeof apiClientTable>;

/** The client system a Bearer key belongs to. */
export interface ApiClientOf<Scope extends string> {
  id: string;
  authorityId: string;
  scopes: Scope[];
  createdBy: string;
}

/**
 * Issuing, revoking, listing and authenticating a module's client systems' keys. `kind` starts
 * every key (`gar_…`, `gsv_…`); `moduleOn` is the module's settings table's authority column (a key
 * of an authority where the module is off authenticates nobody); `audit` writes the module's own
 * audit row in the same transaction.
 */
export function apiClientKeys<Scope extends string>(deps: {
  db: Database;
  clock: Clock;
  table: ApiClientTable;
  kind: string;
  moduleOn: AnyPgColumn;
  audit(tx: Executor, change: 'issued' | 'revoked', staff: StaffActor, at: Date, origin: Origin, details: { clientId: string; name: string; keyPrefix: string; scopes?: string[] }): Promise<unknown>;
}) {
  const { db, clock, table } = deps;
  return {
    /** Issues a client system's key: the key itself is returned once, only its hash is kept. */
    async issue(staff: StaffActor, name: string, scopes: readonly Scope[], origin: Origin): Promise<{ key: string }> {
      const { key, keyHash, keyPrefix } = newApiKey(deps.kind, 12);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [row] = await tx.insert(table).values({ authorityId: staff.staffAuthorityId, name, keyPrefix, keyHash, scopes: [...scopes], createdBy: staff.id, createdAt: now }).returning({ id: table.id });
        await deps.audit(tx, 'issued', staff, now, origin, { clientId: row!.id, name, keyPrefix, scopes: [...scopes] });
      });
      return { key };
    },

    async revoke(staff: StaffActor, clientId: string, origin: Origin): Promise<'revoked' | 'not_found'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(table)
          .set({ revokedAt: now, revokedBy: staff.id })
          .where(and(eq(table.id, clientId), eq(table.authorityId, staff.staffAuthorityId), isNull(table.revokedAt)))
          .returning();
        if (!row) return 'not_found';
        await deps.audit(tx, 'revoked', staff, now, origin, { clientId: row.id, name: row.name, keyPrefix: row.keyPrefix });
        return 'revoked';
      });
    },

    list(authorityId: string) {
      return db
        .select({ id: table.id, name: table.name, keyPrefix: table.keyPrefix, scopes: table.scopes, createdAt: table.createdAt, lastUsedAt: table.lastUsedAt, revokedAt: table.revokedAt })
        .from(table)
        .where(eq(table.authorityId, authorityId))
        .orderBy(desc(table.createdAt));
    },

    /**
     * The client a Bearer key belongs to (unknown, revoked, or its authority's module off: null).
     * `last_used_at` is written at most once a minute per key, so a client sending thousands of
     * requests does not rewrite its row for each.
     */
    async authenticate(key: string): Promise<ApiClientOf<Scope> | null> {
      const now = clock.now();
      const [row] = await db
        .select({ id: table.id, authorityId: table.authorityId, scopes: table.scopes, createdBy: table.createdBy, lastUsedAt: table.lastUsedAt })
        .from(table)
        .innerJoin(deps.moduleOn.table, eq(deps.moduleOn, table.authorityId))
        .where(and(eq(table.keyHash, apiKeyHash(key)), isNull(table.revokedAt)));
      if (!row) return null;
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000) await db.update(table).set({ lastUsedAt: now }).where(eq(table.id, row.id));
      return { id: row.id, authorityId: row.authorityId, scopes: row.scopes as Scope[], createdBy: row.createdBy };
    },
  };
}
