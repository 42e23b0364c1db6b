-- Surveillance (seed 003): the department notices arrivals of people under medical surveillance,
-- the PTPHA of their province follows the case and reports on it, and both exchange documents.
-- The module is on for an authority that has a settings row.
create table surveillance_settings (
  authority_id uuid primary key references authorities(id),
  routine_days integer not null default 30 check (routine_days between 1 and 365),
  urgent_days integer not null default 7 check (urgent_days between 1 and 365),
  reminder_days integer[] not null default '{7,2}'::integer[],
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table surveillance_api_clients (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  name text not null,
  key_prefix text not null,
  key_hash text not null unique,
  scopes text[] not null check (scopes <@ array['notices:write', 'notices:read']::text[] and cardinality(scopes) > 0),
  created_by uuid not null references accounts(id),
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references accounts(id)
);
--> statement-breakpoint
create table surveillance_cases (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  notice_number text not null,
  organization_id uuid references organizations(id),
  status text not null check (status in ('unrouted', 'notified', 'acknowledged', 'compliant', 'under_follow_up', 'non_compliant', 'unable_to_locate', 'moved')),
  code text not null check (code in ('routine', 'urgent')),
  family_name text not null,
  given_names text not null,
  date_of_birth date not null,
  client_id text not null,
  address_line1 text,
  address_line2 text,
  city text,
  province text,
  postal_code text,
  phone text,
  email text,
  arrival_date date not null,
  due_on date not null,
  source text not null check (source in ('form', 'csv', 'api')),
  received_by uuid references accounts(id),
  api_client_id uuid references surveillance_api_clients(id),
  received_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by uuid references accounts(id),
  constraint surveillance_cases_routed check ((organization_id is null) = (status = 'unrouted'))
);
--> statement-breakpoint
create unique index surveillance_cases_notice on surveillance_cases (authority_id, notice_number);
--> statement-breakpoint
create index surveillance_cases_organization on surveillance_cases (organization_id, status, due_on);
--> statement-breakpoint
create index surveillance_cases_authority on surveillance_cases (authority_id, status);
--> statement-breakpoint
-- Names folded for the PTPHA search (lower case, accents removed), as the register folds its own:
-- unaccent is only STABLE, so this wrapper names its dictionary and is declared IMMUTABLE.
create or replace function surveillance_fold(value text) returns text
  language sql immutable strict parallel safe
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
create index surveillance_cases_name on surveillance_cases using gin (surveillance_fold(given_names || ' ' || family_name) gin_trgm_ops);
--> statement-breakpoint
create index surveillance_cases_client on surveillance_cases (organization_id, upper(client_id));
--> statement-breakpoint
create index surveillance_cases_birth on surveillance_cases (organization_id, date_of_birth);
--> statement-breakpoint
create table surveillance_case_assignments (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references surveillance_cases(id),
  organization_id uuid not null references organizations(id),
  reason text not null check (reason in ('routed', 'routed_by_staff', 'transferred')),
  assigned_by uuid references accounts(id),
  assigned_at timestamptz not null,
  ended_at timestamptz
);
--> statement-breakpoint
create index surveillance_case_assignments_case on surveillance_case_assignments (case_id, assigned_at);
--> statement-breakpoint
create unique index surveillance_case_assignments_current on surveillance_case_assignments (case_id) where ended_at is null;
--> statement-breakpoint
create table surveillance_case_contacts (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references surveillance_cases(id),
  organization_id uuid not null references organizations(id),
  attempted_on date not null,
  method text not null check (method in ('phone', 'email', 'letter', 'in_person', 'other')),
  outcome text not null check (outcome in ('reached', 'appointment_booked', 'no_answer', 'message_left', 'wrong_details', 'refused')),
  note text,
  recorded_by uuid not null references accounts(id),
  recorded_at timestamptz not null
);
--> statement-breakpoint
create index surveillance_case_contacts_case on surveillance_case_contacts (case_id, attempted_on);
--> statement-breakpoint
create table surveillance_case_follow_ups (
  case_id uuid primary key references surveillance_cases(id),
  first_appointment_on date,
  chest_xray_on date,
  chest_xray_result text check (chest_xray_result in ('normal', 'abnormal', 'pending')),
  further_tests text,
  assessment_on date,
  assessment_outcome text check (assessment_outcome in ('no_further_action', 'monitoring', 'treatment', 'referred')),
  updated_by uuid not null references accounts(id),
  updated_at timestamptz not null
);
--> statement-breakpoint
create table surveillance_compliance_reports (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references surveillance_cases(id),
  organization_id uuid not null references organizations(id),
  status text not null check (status in ('compliant', 'under_follow_up', 'non_compliant', 'unable_to_locate', 'moved')),
  status_on date not null,
  note text,
  moved_to_province text,
  sent_by uuid not null references accounts(id),
  sent_at timestamptz not null,
  constraint surveillance_compliance_reports_moved check ((status = 'moved') = (moved_to_province is not null))
);
--> statement-breakpoint
create index surveillance_compliance_reports_case on surveillance_compliance_reports (case_id, sent_at);
--> statement-breakpoint
-- A report once sent is never changed: a later report supersedes it.
create or replace function surveillance_reports_unchanged() returns trigger
  language plpgsql as $$ begin raise exception 'a compliance report is never changed: send a new one'; end $$;
--> statement-breakpoint
create trigger surveillance_reports_unchanged before update or delete on surveillance_compliance_reports
  for each row execute function surveillance_reports_unchanged();
--> statement-breakpoint
create table surveillance_document_requests (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references surveillance_cases(id),
  organization_id uuid not null references organizations(id),
  description text not null,
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'fulfilled', 'closed')),
  requested_by uuid not null references accounts(id),
  requested_at timestamptz not null,
  answered_by uuid references accounts(id),
  answered_at timestamptz,
  document_id uuid references documents(id),
  close_reason text
);
--> statement-breakpoint
create index surveillance_document_requests_open on surveillance_document_requests (case_id, status);
--> statement-breakpoint
create index surveillance_document_requests_queue on surveillance_document_requests (status, due_on);
--> statement-breakpoint
create table surveillance_case_documents (
  document_id uuid primary key references documents(id),
  case_id uuid not null references surveillance_cases(id),
  side text not null check (side in ('department', 'ptpha')),
  organization_id uuid references organizations(id),
  request_id uuid references surveillance_document_requests(id),
  created_at timestamptz not null
);
--> statement-breakpoint
create index surveillance_case_documents_case on surveillance_case_documents (case_id, created_at);
--> statement-breakpoint
create table surveillance_case_reminders (
  case_id uuid not null references surveillance_cases(id),
  due_on date not null,
  days_before integer not null,
  sent_at timestamptz not null,
  primary key (case_id, due_on, days_before)
);
