-- Organizations that belong to an authority, the people in them, and the one-time security codes
-- that let someone join. Authority roles gain registrar and administrator.
alter table authority_roles drop constraint authority_roles_role_check;
--> statement-breakpoint
alter table authority_roles add constraint authority_roles_role_check check (role in ('staff', 'registrar', 'administrator'));
--> statement-breakpoint
create index authority_roles_account on authority_roles (account_id);
--> statement-breakpoint
-- The kinds of member organization an authority defines (institution, public health authority, …).
create table organization_kinds (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  slug text not null,
  name jsonb not null,
  created_at timestamptz not null default now(),
  constraint organization_kinds_slug_unique unique (authority_id, slug)
);
--> statement-breakpoint
create table organizations (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  kind_id uuid not null references organization_kinds(id),
  name jsonb not null,
  address_line1 text not null,
  address_line2 text,
  city text not null,
  province text not null,
  postal_code text not null,
  status text not null default 'requested' check (status in ('requested', 'approved', 'refused', 'suspended')),
  -- What staff told the organization when refusing or suspending it.
  status_reason text,
  requested_by uuid references accounts(id),
  decided_by uuid references accounts(id),
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create index organizations_authority on organizations (authority_id, status);
--> statement-breakpoint
create index organizations_names_trgm on organizations using gin (((name ->> 'fr') || ' ' || (name ->> 'en')) gin_trgm_ops);
--> statement-breakpoint
create table organization_members (
  organization_id uuid not null references organizations(id),
  account_id uuid not null references accounts(id),
  role text not null check (role in ('manager', 'member')),
  created_at timestamptz not null default now(),
  primary key (organization_id, account_id)
);
--> statement-breakpoint
create index organization_members_account on organization_members (account_id);
--> statement-breakpoint
create table security_codes (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations(id),
  role text not null check (role in ('manager', 'member')),
  -- SHA-256 of the code: 100 random bits need no slow hash, and a lookup by hash stays one index probe.
  code_hash text not null,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid references accounts(id),
  used_at timestamptz,
  used_by uuid references accounts(id),
  constraint security_codes_hash_unique unique (code_hash)
);
--> statement-breakpoint
create index security_codes_organization on security_codes (organization_id, created_at);
--> statement-breakpoint
-- Failed redemptions, counted per account and per IP to throttle guessing.
create table security_code_failures (
  id bigint generated always as identity primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  ip text,
  failed_at timestamptz not null
);
--> statement-breakpoint
create index security_code_failures_account on security_code_failures (account_id, failed_at);
--> statement-breakpoint
create index security_code_failures_ip on security_code_failures (ip, failed_at);
--> statement-breakpoint
-- What a session acts for: one of the person's organizations or an authority they hold a role in.
alter table sessions
  add column current_organization_id uuid references organizations(id) on delete set null,
  add column current_authority_id uuid references authorities(id) on delete set null;
