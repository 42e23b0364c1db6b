-- Two-step verification for registrants (docs/decisions/0001-two-step-verification-for-registrants.md).
-- When the person last answered "Not now" to the reminder to set it up: it stays away for a while.
create table second_factor_reminders (
  account_id uuid primary key references accounts (id) on delete cascade,
  dismissed_at timestamptz not null
);
--> statement-breakpoint
-- Staff always use a second factor: an authority whose list had dropped them gets them back before
-- the rule below holds it there.
update authorities set two_factor_roles = array_append(two_factor_roles, 'staff') where not ('staff' = any (two_factor_roles));
--> statement-breakpoint
alter table authorities add constraint authorities_two_factor_roles_check
  check ('staff' = any (two_factor_roles) and two_factor_roles <@ array['staff', 'organization_member', 'registrant']::text[]);
