-- Files and their numbers (issue 15): the authority record of one person credential, numbered in
-- the authority own format, opened with the application that starts it; a new file after an
-- expired certificate, with the exam result carried over when the rule holds.
create table licensing_settings (
  authority_id uuid primary key references authorities (id),
  -- {year} and {seq:N} (the sequence, zero-padded to N digits): CAR{year}{seq:8} gives CAR202600000001.
  file_number_format text not null default '{year}-{seq:5}',
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
-- What an authority asks before a certificate of a category is issued, besides its fee.
alter table registration_categories add column requires_exam boolean not null default false;
--> statement-breakpoint
alter table registration_categories add column requires_agency_link boolean not null default false;
--> statement-breakpoint
-- A category transfer moves a registration to the type category instead of giving a new one.
alter table application_types add column kind text not null default 'registration' check (kind in ('registration', 'category_transfer'));
--> statement-breakpoint
-- automatic: the portal approves a complete submission itself, the certificate waiting only for its conditions.
alter table application_types add column decision text not null default 'staff' check (decision in ('staff', 'automatic'));
--> statement-breakpoint
create table files (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities (id),
  account_id uuid not null references accounts (id),
  category_id uuid not null references registration_categories (id),
  number text not null,
  application_id uuid unique references applications (id),
  previous_file_id uuid references files (id),
  -- The exam rule when the file follows an expired one: linked_at_expiry, recent_exam or not_met.
  exam_rule text check (exam_rule in ('linked_at_expiry', 'recent_exam', 'not_met')),
  exam_result_id uuid,
  exam_evidence jsonb,
  opened_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index files_number on files (authority_id, number);
--> statement-breakpoint
create index files_account on files (account_id, authority_id, opened_at);
--> statement-breakpoint
-- Files take over the registration numbers series, so that numbers already given are never given again.
update licensing_counters set series = 'file' where series = 'registration';
--> statement-breakpoint
alter table registrations add column file_id uuid references files (id);
--> statement-breakpoint
-- When its fee was paid (or found nothing due): the certificate may still wait for other conditions.
alter table registrations add column fee_paid_at timestamptz;
--> statement-breakpoint
update registrations set fee_paid_at = created_at where status <> 'pending_fee';
--> statement-breakpoint
-- Every registration already given had its file: one per registration, under its number.
insert into files (authority_id, account_id, category_id, number, application_id, opened_at)
  select authority_id, account_id, category_id, number, application_id, created_at from registrations;
--> statement-breakpoint
update registrations r set file_id = f.id from files f where f.application_id = r.application_id;
--> statement-breakpoint
alter table registrations drop constraint registrations_active_has_certificate;
--> statement-breakpoint
alter table registrations drop constraint registrations_status_check;
--> statement-breakpoint
-- pending: waiting for its conditions (the fee, and where the category asks an agency link and an exam).
update registrations set status = 'pending' where status = 'pending_fee';
--> statement-breakpoint
alter table registrations add constraint registrations_status_check check (status in ('pending', 'active', 'expired', 'revoked'));
--> statement-breakpoint
alter table registrations add constraint registrations_active_has_certificate
  check (status = 'pending' or (valid_from is not null and valid_until is not null and verification_code is not null));
--> statement-breakpoint
-- A category transfer keeps the registration and writes its history here.
create table registration_category_changes (
  id uuid primary key default gen_random_uuid(),
  registration_id uuid not null references registrations (id),
  from_category_id uuid not null references registration_categories (id),
  to_category_id uuid not null references registration_categories (id),
  application_id uuid not null unique references applications (id),
  changed_by uuid references accounts (id),
  changed_at timestamptz not null
);
--> statement-breakpoint
create index registration_category_changes_registration on registration_category_changes (registration_id, changed_at);
