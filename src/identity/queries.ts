import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db.ts';
import type { Locale } from '../platform/i18n/index.ts';

/** What a person keeps up to date about themselves (the account page shows it, the details form edits it). */
export interface AccountDetails {
  givenName: string;
  familyName: string;
  email: string;
  preferredLanguage: Locale;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  province: string | null;
  postalCode: string | null;
}

export interface AccountPage {
  details: AccountDetails;
  sessions: { id: string; createdAt: Date; lastSeenAt: Date; userAgent: string | null; ip: string | null }[];
  events: { id: number; occurredAt: Date; event: string; ip: string | null }[];
}

interface Row {
  details: AccountPage['details'];
  sessions: { id: string; createdAt: string; lastSeenAt: string; userAgent: string | null; ip: string | null }[] | null;
  events: { id: number; occurredAt: string; event: string; ip: string | null }[] | null;
}

/**
 * What the account page shows, in one statement selecting only what it displays: the details, the
 * sessions still open and the newest 20 audit events about the person (audit's table, read-only).
 * Before, three queries read whole rows, password hash and audit hash chain included. Prepared once
 * (a named statement on each PostgreSQL connection, PGlite's prepared path): neither drizzle nor the
 * server builds or plans it again on every visit.
 */
export function accountPageReader(db: Database): (accountId: string, now: Date, idleSince: Date) => Promise<AccountPage | null> {
  const statement = db
    .select({
      details: sql<Row['details']>`json_build_object(
               'givenName', a.given_name, 'familyName', a.family_name, 'email', a.email::text,
               'preferredLanguage', a.preferred_language, 'phone', a.phone, 'addressLine1', a.address_line1,
               'addressLine2', a.address_line2, 'city', a.city, 'province', a.province, 'postalCode', a.postal_code)`,
      sessions: sql<Row['sessions']>`(select json_agg(json_build_object('id', s.id, 'createdAt', s.created_at, 'lastSeenAt', s.last_seen_at,
                                                  'userAgent', s.user_agent, 'ip', s.ip) order by s.last_seen_at desc)
                  from sessions s
                 where s.account_id = a.id and s.expires_at > ${sql.placeholder('now')}::timestamptz
                   and s.last_seen_at > ${sql.placeholder('idleSince')}::timestamptz)`,
      events: sql<Row['events']>`(select json_agg(json_build_object('id', e.id, 'occurredAt', e.occurred_at, 'event', e.event, 'ip', e.ip) order by e.id desc)
                  from (select id, occurred_at, event, ip from audit_events where subject_id = a.id order by id desc limit 20) e)`,
    })
    .from(sql`accounts a`)
    .where(sql`a.id = ${sql.placeholder('accountId')}`)
    .prepare('account_page');
  return async (accountId, now, idleSince) => {
    const [row] = await statement.execute({ accountId, now: now.toISOString(), idleSince: idleSince.toISOString() });
    if (!row) return null;
    return {
      details: row.details,
      sessions: (row.sessions ?? []).map((s) => ({ ...s, createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.lastSeenAt) })),
      events: (row.events ?? []).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
    };
  };
}
