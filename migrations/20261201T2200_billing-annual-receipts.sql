-- The annual tax receipt: one per person, authority and year, numbered once (the first download)
-- in its own gapless series, so every later copy carries the same number.
create table annual_receipts (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id),
  year integer not null,
  number text not null,
  issued_at timestamptz not null
);
--> statement-breakpoint
create unique index annual_receipts_person_year on annual_receipts (authority_id, account_id, year);
--> statement-breakpoint
create unique index annual_receipts_number on annual_receipts (authority_id, number);
