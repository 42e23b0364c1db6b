-- The public request service: the answers of a request being written, one question a page,
-- kept between pages without script under a random key held in a cookie (only its hash here),
-- with the identity proof uploaded for a personal information request (a staged file, attached
-- to the request when it is sent). A draft is deleted when its request is sent.
create table access_drafts (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  token_hash text not null unique,
  answers jsonb not null default '{}'::jsonb,
  identity_file jsonb,
  identity_account_id uuid references accounts(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index access_drafts_updated on access_drafts (updated_at);
