-- Issue 12, point 3. Supporting documents: one row per document (its status, the person it
-- belongs to, what it is attached to), one per file it ever had (replace, never delete).
create table documents (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  owner_account_id uuid not null references accounts(id),
  -- The owner module's row (an application, a case): its kind and id, checked by that module.
  subject_kind text not null,
  subject_id uuid not null,
  type_code text not null,
  status text not null default 'received' check (status in ('received', 'accepted', 'needs_replacing', 'no_longer_needed')),
  -- The reviewer's reason, required when a replacement is asked for.
  status_reason text,
  status_by uuid references accounts(id),
  status_at timestamptz not null,
  created_at timestamptz not null,
  constraint documents_reason_when_replacing check (status <> 'needs_replacing' or status_reason is not null)
);
--> statement-breakpoint
create index documents_subject on documents (subject_kind, subject_id, created_at);
--> statement-breakpoint
create index documents_owner on documents (owner_account_id);
--> statement-breakpoint
create table document_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents(id),
  number integer not null check (number >= 1),
  file_name text not null,
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null,
  scan text not null check (scan in ('clean', 'not_scanned')),
  uploaded_by uuid not null references accounts(id),
  source text,
  created_at timestamptz not null
);
--> statement-breakpoint
create unique index document_versions_number on document_versions (document_id, number);
--> statement-breakpoint
create unique index document_versions_storage_key on document_versions (storage_key);
--> statement-breakpoint
-- Replace, never delete: a version once written stays as it is.
create function document_versions_unchanged() returns trigger language plpgsql as $$
begin
  raise exception 'document versions are never changed or deleted';
end $$;
--> statement-breakpoint
create trigger document_versions_unchanged before update or delete on document_versions
  for each row execute function document_versions_unchanged();
