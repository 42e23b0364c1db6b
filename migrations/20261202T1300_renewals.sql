-- Issue 15, point 1. Renewals: each authority settings (window, deadline, late fee, reminder
-- offsets, declarations, attestations), one renewal per registration and end date it renews (the
-- unique index makes the daily job open it once), and the reminders sent (the primary key makes
-- each one sent once, even when two processes run the job).
create table renewal_settings (
  authority_id uuid primary key references authorities(id),
  opens_days_before integer not null default 90 check (opens_days_before > 0),
  deadline_days_before integer not null default 30 check (deadline_days_before >= 0),
  late_fee_code text,
  fee_codes text[] not null default '{registration_fee}'::text[],
  reminder_offsets integer[] not null default '{60,30,7,-1}'::int[],
  declarations jsonb not null default '[]'::jsonb,
  required_documents jsonb not null default '[]'::jsonb,
  updated_at timestamptz not null default now(),
  check (deadline_days_before < opens_days_before)
);
--> statement-breakpoint
create table renewals (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  registration_id uuid not null references registrations(id),
  account_id uuid not null references accounts(id),
  number text not null,
  expires_on date not null,
  opens_on date not null,
  deadline date not null,
  validity_months integer not null,
  status text not null default 'open' check (status in ('open', 'submitted', 'renewed', 'lapsed')),
  answers jsonb not null default '{}'::jsonb,
  changes text not null default '',
  attestations jsonb not null default '{}'::jsonb,
  invoice_id uuid references invoices(id),
  late_fee_invoice_id uuid references invoices(id),
  late_fee_at timestamptz,
  new_valid_until date,
  opened_at timestamptz not null,
  submitted_at timestamptz,
  renewed_at timestamptz,
  lapsed_at timestamptz
);
--> statement-breakpoint
create unique index renewals_period on renewals (registration_id, expires_on);
--> statement-breakpoint
create index renewals_authority_status on renewals (authority_id, status, deadline);
--> statement-breakpoint
create index renewals_account on renewals (account_id);
--> statement-breakpoint
create table renewal_reminders (
  renewal_id uuid not null references renewals(id),
  offset_days integer not null,
  sent_at timestamptz not null,
  primary key (renewal_id, offset_days)
);
--> statement-breakpoint
-- Licensing now writes expired on a registration the renewals job found unrenewed past its end
-- (src/licensing/use-cases/validity.ts). The waiting status is listed under both its names, since
-- migration 20261202T1400 then renames pending_fee to pending and keeps expired.
alter table registrations drop constraint registrations_status_check;
--> statement-breakpoint
alter table registrations add constraint registrations_status_check check (status in ('pending_fee', 'pending', 'active', 'expired', 'revoked'));
