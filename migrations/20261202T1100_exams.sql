-- Exams: each authority result validity, its exam sessions (in person with a place, or online),
-- the registrations of people to a session, and the results entered by staff or imported.
create table exam_settings (
  authority_id uuid primary key references authorities(id),
  result_validity_months integer not null default 24 check (result_validity_months > 0),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table exam_sessions (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  name jsonb not null,
  starts_at timestamptz not null,
  mode text not null check (mode in ('in_person', 'online')),
  place text,
  capacity integer not null,
  registration_deadline date not null,
  fee_code text,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  constraint exam_sessions_place check (mode = 'online' or place is not null),
  constraint exam_sessions_capacity check (capacity > 0)
);
--> statement-breakpoint
create index exam_sessions_authority on exam_sessions (authority_id, starts_at);
--> statement-breakpoint
create table exam_registrations (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  session_id uuid not null references exam_sessions(id),
  account_id uuid not null references accounts(id),
  status text not null check (status in ('registered', 'cancelled')),
  registered_at timestamptz not null,
  cancelled_at timestamptz,
  check ((status = 'cancelled') = (cancelled_at is not null))
);
--> statement-breakpoint
-- One seat per person and session: a cancelled registration frees it.
create unique index exam_registrations_one_seat on exam_registrations (session_id, account_id) where status = 'registered';
--> statement-breakpoint
create index exam_registrations_person on exam_registrations (account_id, authority_id);
--> statement-breakpoint
create table exam_results (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  session_id uuid references exam_sessions(id),
  sat_on date not null,
  outcome text not null check (outcome in ('passed', 'failed')),
  score integer check (score is null or score between 0 and 1000),
  entered_by uuid references accounts(id),
  source text not null check (source in ('staff', 'import')),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index exam_results_one_per_session on exam_results (session_id, account_id);
--> statement-breakpoint
create index exam_results_person on exam_results (account_id, authority_id, sat_on);
