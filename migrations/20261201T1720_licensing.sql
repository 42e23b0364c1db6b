-- Licensing: the registration categories and application types an authority defines, its
-- eligibility questionnaire, applications (sections saved as the person goes), and the
-- registrations approved applications give.
create table registration_categories (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  code text not null,
  name jsonb not null,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index registration_categories_code on registration_categories (authority_id, code);
--> statement-breakpoint
create table application_types (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
  name jsonb not null,
  description jsonb not null,
  category_id uuid not null references registration_categories(id),
  sections text[] not null check (sections <@ array['personal', 'education', 'declarations', 'documents']),
  required_documents jsonb not null default '[]',
  declarations jsonb not null default '[]',
  fee_codes text[] not null default '{}',
  eligibility text not null default 'anyone' check (eligibility in ('anyone', 'registered', 'formerly_registered')),
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index application_types_code on application_types (authority_id, code);
--> statement-breakpoint
create table eligibility_questions (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
  position integer not null,
  text jsonb not null,
  hint jsonb,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index eligibility_questions_code on eligibility_questions (authority_id, code);
--> statement-breakpoint
create table eligibility_answers (
  id uuid primary key default gen_random_uuid(),
  question_id uuid not null references eligibility_questions(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
  position integer not null,
  label jsonb not null,
  next_question_id uuid references eligibility_questions(id),
  type_id uuid references application_types(id),
  not_eligible_reason jsonb,
  what_to_do jsonb,
  -- Exactly one outcome: the next question, a type, or "not eligible" with its reason.
  constraint eligibility_answers_one_outcome check (
    num_nonnulls(next_question_id, type_id, not_eligible_reason) = 1
    and (not_eligible_reason is null) = (what_to_do is null))
);
--> statement-breakpoint
create unique index eligibility_answers_code on eligibility_answers (question_id, code);
--> statement-breakpoint
create table applications (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  applicant_id uuid not null references accounts(id),
  type_id uuid not null references application_types(id),
  reference text not null,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'approved', 'refused', 'withdrawn')),
  progress jsonb not null default '{}',
  personal jsonb not null default '{}',
  declarations jsonb not null default '{}',
  decision_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  decided_at timestamptz
);
--> statement-breakpoint
create unique index applications_reference on applications (authority_id, reference);
--> statement-breakpoint
create unique index applications_one_open on applications (applicant_id, type_id) where status in ('draft', 'submitted', 'returned');
--> statement-breakpoint
create index applications_applicant on applications (applicant_id, created_at);
--> statement-breakpoint
create table application_education (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications(id),
  program text not null,
  institution text not null,
  started_on date not null,
  ended_on date,
  credential text not null,
  created_at timestamptz not null default now(),
  removed_at timestamptz,
  constraint application_education_dates check (ended_on is null or ended_on >= started_on)
);
--> statement-breakpoint
create index application_education_application on application_education (application_id);
--> statement-breakpoint
create table registrations (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  category_id uuid not null references registration_categories(id),
  application_id uuid not null unique references applications(id),
  number text not null,
  status text not null check (status in ('pending_fee', 'active')),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index registrations_number on registrations (authority_id, number);
--> statement-breakpoint
create table licensing_counters (
  authority_id uuid not null references authorities(id),
  series text not null,
  year integer not null,
  last integer not null default 0
);
--> statement-breakpoint
create unique index licensing_counters_key on licensing_counters (authority_id, series, year);
