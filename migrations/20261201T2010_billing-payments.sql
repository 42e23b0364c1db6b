-- Issue 13, point 3. The built-in test gateway's own records (development and tests only): the
-- checkouts its hosted page takes payment for, and the refunds of their payments. They stand for a
-- real gateway's database, so they survive a restart and every process of the portal agrees. The
-- card number and its security code are never stored: only the brand and the last four digits.
create table payment_test_checkouts (
  id text primary key,
  idempotency_key text not null unique,
  amount_cents integer not null check (amount_cents > 0),
  currency text not null check (currency = 'CAD'),
  description text not null,
  reference text not null,
  locale text not null check (locale in ('fr', 'en')),
  success_url text not null,
  cancel_url text not null,
  email text,
  status text not null default 'open' check (status in ('open', 'challenge', 'paid', 'failed')),
  failure_reason text,
  payment_id text unique,
  card_brand text,
  card_last4 text,
  paid_at timestamptz,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  constraint payment_test_checkouts_paid check (status <> 'paid' or (payment_id is not null and card_brand is not null and card_last4 is not null and paid_at is not null))
);
--> statement-breakpoint
create table payment_test_refunds (
  id text primary key,
  idempotency_key text not null unique,
  checkout_id text not null references payment_test_checkouts(id),
  payment_id text not null,
  amount_cents integer not null check (amount_cents > 0),
  reason text not null,
  status text not null check (status in ('succeeded', 'failed')),
  failure_reason text,
  created_at timestamptz not null
);
--> statement-breakpoint
create index payment_test_refunds_checkout on payment_test_refunds (checkout_id);
