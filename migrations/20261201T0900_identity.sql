-- Issue 9. Wrong passwords for emails that have no account are counted too, so that after the
-- lockout threshold an unknown email answers "locked" exactly like a known one. Only a keyed digest
-- of the email is kept (HMAC under a key derived from SESSION_SECRET), never the email itself.
create table unknown_sign_in_failures (
  email_digest text primary key,
  failures integer not null,
  last_failed_at timestamptz not null
);
--> statement-breakpoint
-- A password someone else chose (the demo data, `create-staff`) must be replaced at first sign-in.
alter table accounts add column must_change_password boolean not null default false;
