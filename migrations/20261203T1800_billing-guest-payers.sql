-- Guest payers: an invoice addressed to a person without an account (a public request service
-- requester), by the name and email they gave; whoever pays it has been checked by the module
-- whose page shows it (a tracking link).
alter table invoices alter column account_id drop not null;
--> statement-breakpoint
alter table invoices add column payer_name text;
--> statement-breakpoint
alter table invoices add column payer_email text;
--> statement-breakpoint
alter table invoices add constraint invoices_payer check (account_id is not null or (payer_name is not null and payer_email is not null));
