create extension if not exists citext;
--> statement-breakpoint
create extension if not exists pg_trgm;
--> statement-breakpoint
create extension if not exists unaccent;
--> statement-breakpoint
create table authorities (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name jsonb not null,
  lockout_threshold integer not null default 5 check (lockout_threshold between 3 and 20),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create table accounts (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  email citext not null unique,
  given_name text not null,
  family_name text not null,
  preferred_language text not null check (preferred_language in ('fr', 'en')),
  password_hash text not null,
  email_verified_at timestamptz,
  failed_sign_ins integer not null default 0,
  locked_at timestamptz,
  phone text,
  address_line1 text,
  address_line2 text,
  city text,
  province text,
  postal_code text,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index accounts_names_trgm on accounts using gin ((given_name || ' ' || family_name) gin_trgm_ops);
--> statement-breakpoint
create table authority_roles (
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  role text not null check (role in ('staff')),
  created_at timestamptz not null default now(),
  primary key (authority_id, account_id, role)
);
--> statement-breakpoint
create table sessions (
  id text primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
--> statement-breakpoint
create index sessions_account on sessions (account_id);
--> statement-breakpoint
create table account_tokens (
  id text primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
--> statement-breakpoint
create index account_tokens_account on account_tokens (account_id, purpose);
--> statement-breakpoint
create table audit_events (
  id bigint generated always as identity primary key,
  authority_id uuid references authorities(id),
  occurred_at timestamptz not null,
  event text not null,
  actor_id uuid,
  subject_id uuid,
  ip text,
  user_agent text,
  details jsonb
);
--> statement-breakpoint
create index audit_events_subject on audit_events (subject_id, id desc);
--> statement-breakpoint
create index audit_events_authority on audit_events (authority_id, id desc);
--> statement-breakpoint
-- The audit trail is append-only: no update, no delete, whoever asks.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
--> statement-breakpoint
create trigger audit_events_no_change before update or delete on audit_events
  for each row execute function audit_events_append_only();
--> statement-breakpoint
create table mail_messages (
  id uuid primary key default gen_random_uuid(),
  account_id uuid,
  to_address text not null,
  language text not null check (language in ('fr', 'en')),
  template text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  status text not null check (status in ('held', 'queued', 'sent')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);
--> statement-breakpoint
create index mail_messages_created on mail_messages (created_at desc);
