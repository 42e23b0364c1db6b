-- The public register: names folded for search (lower case, accents removed). unaccent is only
-- STABLE (its dictionary could change), so this wrapper names the dictionary and is declared
-- IMMUTABLE, which lets the trigram indexes below be built on it.
create or replace function register_fold(value text) returns text
  language sql immutable strict parallel safe
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
-- Read-only search indexes on the tables the register reads (their owners never use them):
-- legal, previous (not withheld) and practice names by trigram; the postal areas and cities of
-- shown practice sites by equality; registration numbers upper-cased.
create index register_accounts_name on accounts using gin (register_fold(given_name || ' ' || family_name) gin_trgm_ops);
--> statement-breakpoint
create index register_previous_names_name on previous_names using gin (register_fold(given_name || ' ' || family_name) gin_trgm_ops) where not withheld;
--> statement-breakpoint
create index register_profiles_practice_name on registrant_profiles using gin (register_fold(practice_name) gin_trgm_ops);
--> statement-breakpoint
create index register_sites_postal_area on practice_sites (authority_id, upper(left(replace(postal_code, ' ', ''), 3))) where removed_at is null and withholding = 'none';
--> statement-breakpoint
create index register_sites_city on practice_sites (authority_id, register_fold(city)) where removed_at is null and withholding = 'none';
--> statement-breakpoint
create index register_registrations_number on registrations (authority_id, upper(number));
--> statement-breakpoint
create index register_registrations_account on registrations (account_id);
--> statement-breakpoint
-- Committee outcomes and terms and conditions, entered by staff: a bilingual summary of the decision, its date and how long
-- it stays published. A removed outcome is kept (removed_at), never deleted.
create table register_outcomes (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  kind text not null check (kind in ('committee_outcome', 'terms_and_conditions')),
  decided_on date not null,
  summary jsonb not null,
  removal_policy text not null check (removal_policy in ('permanent', 'until_date', 'on_request')),
  published_until date,
  removed_at timestamptz,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null default now(),
  check (removal_policy <> 'until_date' or published_until is not null)
);
--> statement-breakpoint
create index register_outcomes_account on register_outcomes (account_id);
--> statement-breakpoint
-- A registrant asks for an outcome to be removed, with the case they make; a registrar decides
-- (casework review). One open request per outcome.
create table register_removal_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  outcome_id uuid not null references register_outcomes(id),
  account_id uuid not null references accounts(id),
  reference text not null,
  statement text not null,
  status text not null check (status in ('submitted', 'approved', 'refused', 'withdrawn')),
  decision_reason text,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
--> statement-breakpoint
create unique index register_removal_requests_open on register_removal_requests (outcome_id) where status = 'submitted';
--> statement-breakpoint
-- Employers bulk-verify with a key staff issue: only its SHA-256 is kept, and its first characters to recognise it.
create table register_api_clients (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  employer text not null,
  key_prefix text not null,
  key_hash text not null unique,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
--> statement-breakpoint
-- The daily open-data files: what the register published that day, kept.
create table register_exports (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  generated_on date not null,
  entries integer not null,
  csv text not null,
  json text not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index register_exports_day on register_exports (authority_id, generated_on);
