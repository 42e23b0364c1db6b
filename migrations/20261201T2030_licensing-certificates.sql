-- Certificates of registration: how long a registration in a category lasts, and what a registration
-- carries once active (its validity and the short code anyone can verify), or once revoked.
alter table registration_categories add column validity_months integer not null default 12 check (validity_months between 1 and 120);
--> statement-breakpoint

alter table registrations add column valid_from date;
--> statement-breakpoint
alter table registrations add column valid_until date;
--> statement-breakpoint
alter table registrations add column verification_code text;
--> statement-breakpoint
alter table registrations add column revoked_at timestamptz;
--> statement-breakpoint
alter table registrations add column revocation_reason text;
--> statement-breakpoint
create unique index registrations_verification_code on registrations (verification_code);
--> statement-breakpoint
-- An active registration always has its validity and its code; a pending one has neither yet.
alter table registrations add constraint registrations_active_has_certificate
  check (status = 'pending_fee' or (valid_from is not null and valid_until is not null and verification_code is not null));

--> statement-breakpoint
alter table registrations drop constraint registrations_status_check;
--> statement-breakpoint
alter table registrations add constraint registrations_status_check check (status in ('pending_fee', 'active', 'revoked'));
