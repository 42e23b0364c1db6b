-- Agencies: a representative link to a collection agency (an organization of the authority whose
-- kind is collection_agency), requested and confirmed by its manager or made with its security
-- code; rows are kept when a link ends or is refused, as the history the exam rule reads.
create table agency_links (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  organization_id uuid not null references organizations(id),
  status text not null check (status in ('requested', 'active', 'refused', 'withdrawn', 'ended')),
  via text not null check (via in ('manager', 'security_code')),
  requested_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid references accounts(id),
  started_on date,
  ended_on date,
  ended_by uuid references accounts(id),
  end_reason text,
  created_at timestamptz not null default now(),
  -- An active or ended link has started; only an ended one has an end day, not before its start.
  check ((status in ('active', 'ended')) = (started_on is not null)),
  check ((status = 'ended') = (ended_on is not null)),
  check (ended_on is null or ended_on >= started_on)
);
--> statement-breakpoint
-- One request or link at a time per person and authority.
create unique index agency_links_one_open on agency_links (account_id, authority_id) where status in ('requested', 'active');
--> statement-breakpoint
create index agency_links_organization on agency_links (organization_id, status);
