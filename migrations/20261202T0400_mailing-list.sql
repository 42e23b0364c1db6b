-- Issue 14, point 6: each authority mailing list, with double opt-in. An address is kept while it
-- is wanted: pending until confirmed, deleted on unsubscribe. Only the hash of the confirmation
-- token is stored, with its expiry.
create table mailing_list_subscribers (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  email citext not null,
  languages text[] not null check (cardinality(languages) between 1 and 2 and languages <@ array['fr', 'en']),
  status text not null check (status in ('pending', 'confirmed')),
  locale text not null check (locale in ('fr', 'en')),
  confirm_token_id text,
  confirm_expires_at timestamptz,
  link_nonce text not null,
  confirmed_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'confirmed') = (confirmed_at is not null))
);
--> statement-breakpoint
create unique index mailing_list_subscribers_email on mailing_list_subscribers (authority_id, email);
--> statement-breakpoint
create unique index mailing_list_subscribers_confirm_token on mailing_list_subscribers (confirm_token_id) where confirm_token_id is not null;
--> statement-breakpoint
create index mailing_list_subscribers_status on mailing_list_subscribers (authority_id, status);
--> statement-breakpoint
create table mailing_list_sends (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  subject_fr text,
  body_fr text,
  subject_en text,
  body_en text,
  sent_by uuid not null references accounts(id),
  recipients integer not null,
  created_at timestamptz not null,
  check ((subject_fr is null) = (body_fr is null) and (subject_en is null) = (body_en is null) and (subject_fr is not null or subject_en is not null))
);
--> statement-breakpoint
create table mailing_list_deliveries (
  send_id uuid not null references mailing_list_sends(id),
  subscriber_id uuid not null references mailing_list_subscribers(id) on delete cascade,
  language text not null check (language in ('fr', 'en')),
  queued_at timestamptz not null,
  primary key (send_id, subscriber_id, language)
);
