-- Practice: the sites where registrants practise (one current primary each, the register
-- business address), withholding requests, practice hours and the batches sent for review, and
-- each authority hour thresholds for independent practice.
create table practice_sites (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  name text not null check (length(name) between 1 and 200),
  address_line1 text not null,
  address_line2 text,
  city text not null,
  province text not null check (province in ('AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT')),
  postal_code text not null,
  phone text,
  started_on date not null,
  ended_on date check (ended_on is null or ended_on >= started_on),
  is_primary boolean not null default false,
  withholding text not null default 'none' check (withholding in ('none', 'site', 'address')),
  removed_at timestamptz,
  created_at timestamptz not null default now(),
  -- A removed site is never the primary one.
  check (not (is_primary and removed_at is not null))
);
--> statement-breakpoint
create index practice_sites_account on practice_sites (account_id, authority_id);
--> statement-breakpoint
-- Exactly one primary per registrant and authority: the service keeps it on a current site.
create unique index practice_sites_one_primary on practice_sites (account_id, authority_id) where is_primary;
--> statement-breakpoint
create table practice_profiles (
  account_id uuid not null references accounts(id),
  authority_id uuid not null references authorities(id),
  not_practising boolean not null default false,
  independent_practice boolean not null default false,
  independent_since date,
  updated_at timestamptz not null default now(),
  primary key (account_id, authority_id),
  check (independent_practice = (independent_since is not null))
);
--> statement-breakpoint
create table practice_withholding_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  site_id uuid not null references practice_sites(id),
  scope text not null check (scope in ('site', 'address')),
  reason text not null check (length(reason) between 1 and 2000),
  status text not null default 'pending' check (status in ('pending', 'approved', 'refused', 'withdrawn')),
  decision_reason text,
  created_at timestamptz not null,
  decided_at timestamptz
);
--> statement-breakpoint
create unique index practice_withholding_one_pending on practice_withholding_requests (site_id) where status = 'pending';
--> statement-breakpoint
create table practice_thresholds (
  authority_id uuid not null references authorities(id),
  kind text not null check (kind in ('direct_contact', 'supervision')),
  hundredths integer not null check (hundredths >= 0),
  updated_at timestamptz not null default now(),
  primary key (authority_id, kind)
);
--> statement-breakpoint
create table practice_hours_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  reference text not null,
  status text not null default 'sent' check (status in ('sent', 'withdrawn', 'decided')),
  created_at timestamptz not null,
  decided_at timestamptz
);
--> statement-breakpoint
create index practice_hours_requests_account on practice_hours_requests (account_id, authority_id);
--> statement-breakpoint
create table practice_hours (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  kind text not null check (kind in ('direct_contact', 'supervision')),
  started_on date not null,
  ended_on date not null check (ended_on >= started_on),
  site_id uuid references practice_sites(id),
  supervisor_name text,
  hundredths integer not null check (hundredths > 0 and hundredths <= 1000000),
  status text not null default 'draft' check (status in ('draft', 'sent', 'accepted', 'returned')),
  request_id uuid references practice_hours_requests(id),
  return_reason text,
  removed_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- An entry in a review is in its request.
  check (status = 'draft' or request_id is not null)
);
--> statement-breakpoint
create index practice_hours_account on practice_hours (account_id, authority_id);
--> statement-breakpoint
create table practice_hours_request_entries (
  request_id uuid not null references practice_hours_requests(id),
  entry_id uuid not null references practice_hours(id),
  kind text not null check (kind in ('direct_contact', 'supervision')),
  started_on date not null,
  ended_on date not null,
  site_name text,
  supervisor_name text,
  hundredths integer not null,
  decision text check (decision in ('accepted', 'returned')),
  reason text,
  primary key (request_id, entry_id),
  check (decision is distinct from 'returned' or reason is not null)
);
