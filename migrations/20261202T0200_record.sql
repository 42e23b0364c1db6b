-- The registrant record: profile fields the register shows at once, previous legal names, other
-- regulators, each authority settings for how changes apply, the dated change requests of the
-- 30-day duty with the proofs of a self-service email change and the reminders already sent.
create table registrant_profiles (
  account_id uuid not null references accounts(id),
  authority_id uuid not null references authorities(id),
  practice_name text,
  public_email text,
  public_email_shown boolean not null default false,
  languages text[] not null default '{}',
  languages_shown boolean not null default false,
  english_proficiency text check (english_proficiency in ('basic', 'intermediate', 'advanced', 'native')),
  french_proficiency text check (french_proficiency in ('basic', 'intermediate', 'advanced', 'native')),
  updated_at timestamptz not null default now(),
  primary key (account_id, authority_id)
);
--> statement-breakpoint
create table previous_names (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  given_name text not null,
  family_name text not null,
  used_until date,
  withheld boolean not null default false,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index previous_names_person on previous_names (account_id, authority_id);
--> statement-breakpoint
create table other_registrations (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  regulator text not null,
  jurisdiction text not null,
  registration_number text,
  status text not null,
  started_on date,
  ended_on date,
  removed_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index other_registrations_person on other_registrations (account_id, authority_id);
--> statement-breakpoint
create table record_settings (
  authority_id uuid primary key references authorities(id),
  other_registrations text not null default 'immediate' check (other_registrations in ('immediate', 'staff')),
  sign_in_email text not null default 'staff' check (sign_in_email in ('self_service', 'staff')),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table change_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  reference text not null,
  kind text not null check (kind in ('legal_name', 'name_withholding', 'sign_in_email', 'other_registration')),
  status text not null check (status in ('draft', 'confirming', 'submitted', 'returned', 'applied', 'refused', 'withdrawn')),
  details jsonb not null,
  happened_on date not null,
  reported_on date,
  decision_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  decided_at timestamptz,
  constraint change_requests_reported_after check (reported_on is null or reported_on >= happened_on)
);
--> statement-breakpoint
create unique index change_requests_reference on change_requests (authority_id, reference);
--> statement-breakpoint
create index change_requests_person on change_requests (account_id, authority_id, created_at);
--> statement-breakpoint
create index change_requests_dates on change_requests (authority_id, happened_on);
--> statement-breakpoint
create table email_proofs (
  change_request_id uuid not null references change_requests(id),
  side text not null check (side in ('old', 'new')),
  token_digest text not null,
  expires_at timestamptz not null,
  confirmed_at timestamptz,
  primary key (change_request_id, side)
);
--> statement-breakpoint
create unique index email_proofs_token on email_proofs (token_digest);
--> statement-breakpoint
create table record_reminders (
  change_request_id uuid not null references change_requests(id),
  milestone integer not null,
  sent_at timestamptz not null,
  primary key (change_request_id, milestone)
);
