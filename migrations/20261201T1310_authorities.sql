-- Issue 11, point 1. Each authority's portal: a welcome, contact details and the addresses of its
-- privacy notice, accessibility statement and terms (null: Guichet's bilingual defaults), edited
-- by its administrators. Bilingual values are {"fr": …, "en": …}.
alter table authorities
  add column welcome jsonb,
  add column contact_email text,
  add column contact_phone text,
  add column contact_hours jsonb,
  add column privacy_url jsonb,
  add column accessibility_url jsonb,
  add column terms_url jsonb;
--> statement-breakpoint
-- The authorities a person deals with: recorded when they sign up in its portal or first act there
-- (sign in, ask for help). One account serves several authorities; `accounts.authority_id` stays
-- the one it signed up with.
create table authority_people (
  authority_id uuid not null references authorities(id),
  account_id uuid not null references accounts(id) on delete cascade,
  since timestamptz not null,
  first_act text not null,
  primary key (authority_id, account_id)
);
--> statement-breakpoint
create index authority_people_account on authority_people (account_id);
--> statement-breakpoint
insert into authority_people (authority_id, account_id, since, first_act)
  select authority_id, id, created_at, 'sign_up' from accounts;
--> statement-breakpoint
insert into authority_people (authority_id, account_id, since, first_act)
  select o.authority_id, m.account_id, min(m.created_at), 'member'
    from organization_members m join organizations o on o.id = m.organization_id
   group by o.authority_id, m.account_id
  on conflict do nothing;
--> statement-breakpoint
insert into authority_people (authority_id, account_id, since, first_act)
  select authority_id, account_id, min(created_at), 'staff' from authority_roles group by authority_id, account_id
  on conflict do nothing;
