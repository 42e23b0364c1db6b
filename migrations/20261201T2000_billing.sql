-- Billing: each authority's fee schedule and settings, invoices (numbered without gaps per
-- authority and year) with their lines and credit notes, hosted checkouts (one open per invoice),
-- payments (one per invoice, one per provider payment), refunds, and the provider events seen.
create table fees (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,62}$'),
  label jsonb not null,
  kind text not null check (kind in ('application', 'registration', 'exam', 'late', 'other')),
  amount_cents integer not null check (amount_cents >= 0),
  tax text not null check (tax in ('taxable', 'exempt')),
  gl_code text not null,
  valid_from date not null,
  created_by uuid references accounts(id),
  created_at timestamptz not null default now()
);
--> statement-breakpoint
create unique index fees_code_from on fees (authority_id, code, valid_from);
--> statement-breakpoint
create table billing_settings (
  authority_id uuid primary key references authorities(id),
  province text not null check (province in ('AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT')),
  non_refundable boolean not null default false,
  gst_number text,
  qst_number text,
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table billing_counters (
  authority_id uuid not null references authorities(id),
  series text not null,
  year integer not null,
  last integer not null default 0,
  primary key (authority_id, series, year)
);
--> statement-breakpoint
create table invoices (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  number text not null,
  subject_kind text not null,
  subject_id uuid not null,
  subject_reference text not null,
  locale text not null check (locale in ('fr', 'en')),
  province text not null,
  status text not null check (status in ('open', 'paid', 'void', 'refunded', 'partly_refunded')),
  subtotal_cents integer not null,
  tax_cents integer not null,
  total_cents integer not null check (total_cents > 0),
  taxes jsonb not null,
  refunded_cents integer not null default 0 check (refunded_cents >= 0 and refunded_cents <= total_cents),
  issued_on date not null,
  due_on date not null,
  issued_at timestamptz not null,
  paid_at timestamptz,
  receipt_number text,
  voided_at timestamptz
);
--> statement-breakpoint
create unique index invoices_number on invoices (authority_id, number);
--> statement-breakpoint
create unique index invoices_receipt_number on invoices (authority_id, receipt_number);
--> statement-breakpoint
create index invoices_account on invoices (account_id, issued_at);
--> statement-breakpoint
create index invoices_authority on invoices (authority_id, issued_at);
--> statement-breakpoint
create table invoice_lines (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices(id),
  position integer not null,
  fee_id uuid not null references fees(id),
  code text not null,
  label jsonb not null,
  kind text not null,
  gl_code text not null,
  amount_cents integer not null,
  tax text not null
);
--> statement-breakpoint
create unique index invoice_lines_position on invoice_lines (invoice_id, position);
--> statement-breakpoint
create table credit_notes (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices(id),
  authority_id uuid not null references authorities(id),
  number text not null,
  amount_cents integer not null,
  reason text not null,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null
);
--> statement-breakpoint
create unique index credit_notes_number on credit_notes (authority_id, number);
--> statement-breakpoint
create table checkouts (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices(id),
  provider text not null,
  provider_checkout_id text,
  url text,
  amount_cents integer not null,
  status text not null check (status in ('open', 'paid', 'failed', 'expired', 'cancelled')),
  failure_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
-- One open checkout per invoice: a second click, a second tab reuse it.
create unique index checkouts_one_open on checkouts (invoice_id) where status = 'open';
--> statement-breakpoint
create unique index checkouts_provider_id on checkouts (provider, provider_checkout_id);
--> statement-breakpoint
create index checkouts_open_since on checkouts (status, created_at);
--> statement-breakpoint
create table payments (
  id uuid primary key default gen_random_uuid(),
  invoice_id uuid not null references invoices(id),
  authority_id uuid not null references authorities(id),
  checkout_id uuid not null references checkouts(id),
  provider text not null,
  provider_payment_id text not null,
  amount_cents integer not null check (amount_cents > 0),
  method jsonb not null,
  paid_at timestamptz not null,
  recorded_at timestamptz not null
);
--> statement-breakpoint
create unique index payments_provider_id on payments (provider, provider_payment_id);
--> statement-breakpoint
create unique index payments_one_per_invoice on payments (invoice_id);
--> statement-breakpoint
create index payments_authority on payments (authority_id, paid_at);
--> statement-breakpoint
create table refunds (
  id uuid primary key,
  invoice_id uuid not null references invoices(id),
  payment_id uuid not null references payments(id),
  authority_id uuid not null references authorities(id),
  amount_cents integer not null check (amount_cents > 0),
  reason text not null,
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  provider_refund_id text,
  failure_reason text,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null,
  settled_at timestamptz
);
--> statement-breakpoint
create index refunds_invoice on refunds (invoice_id);
--> statement-breakpoint
create index refunds_authority on refunds (authority_id, created_at);
--> statement-breakpoint
create table payment_events (
  provider text not null,
  event_id text not null,
  type text not null,
  received_at timestamptz not null,
  primary key (provider, event_id)
);
