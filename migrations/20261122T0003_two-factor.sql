-- Two-factor sign-in: sessions go through stages, the authority says who must use a second factor.
alter table authorities add column two_factor_roles text[] not null default '{staff,organization_member}';
--> statement-breakpoint
-- Accounts created through an identity provider may have no password.
alter table accounts alter column password_hash drop not null;
--> statement-breakpoint
alter table accounts add column failed_second_factors integer not null default 0;
--> statement-breakpoint
alter table accounts add column second_factor_locked_at timestamptz;
--> statement-breakpoint
-- Set when staff remove every factor: the next sign-in goes through enrolment whatever the policy.
alter table accounts add column must_enrol_second_factor boolean not null default false;
--> statement-breakpoint
-- second_factor: password given, second factor awaited; enrol: must enrol before anything else.
alter table sessions add column stage text not null default 'complete' check (stage in ('second_factor', 'enrol', 'complete'));
--> statement-breakpoint
-- For step-up: when this session last proved its password (or provider) and its second factor.
alter table sessions add column authenticated_at timestamptz;
--> statement-breakpoint
alter table sessions add column second_factor_at timestamptz;
--> statement-breakpoint
-- One app per account. The active key is used once confirmed; a new key waits in pending_sealed_key
-- until a code from it is entered, so replacing an app never leaves the account without one.
create table authenticator_apps (
  account_id uuid primary key references accounts(id) on delete cascade,
  sealed_key text,
  confirmed_at timestamptz,
  -- The 30-second step of the last accepted code: a code is accepted once.
  last_used_step bigint,
  pending_sealed_key text,
  pending_since timestamptz
);
--> statement-breakpoint
create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null,
  used_at timestamptz
);
--> statement-breakpoint
create index recovery_codes_account on recovery_codes (account_id) where used_at is null;
--> statement-breakpoint
create table factor_recovery_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id) on delete cascade,
  requested_at timestamptz not null,
  message text,
  status text not null default 'pending' check (status in ('pending', 'completed', 'declined')),
  handled_by uuid references accounts(id),
  handled_at timestamptz,
  verification_method text,
  verification_note text
);
--> statement-breakpoint
create index factor_recovery_requests_pending on factor_recovery_requests (authority_id, requested_at) where status = 'pending';
