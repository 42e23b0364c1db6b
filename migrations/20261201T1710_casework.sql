-- Issue 12, points 4, 5 and 7: what every reviewed thing shares (src/casework). The domain module
-- owns its subject (an application) and its states; a review is the subject's place in a staff
-- queue and the timeline its applicant follows.
create table reviews (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  subject_kind text not null,
  subject_id uuid not null,
  type_code text not null,
  type_name jsonb not null,
  applicant_account_id uuid not null references accounts(id),
  applicant_name text not null,
  -- The reference the domain gives its subject (an application's DEM-2026-000123), shown in the queue.
  subject_reference text,
  status text not null check (status in ('queued', 'picked_up', 'waiting_for_applicant', 'decided', 'withdrawn')),
  assignee_id uuid references accounts(id),
  first_submitted_at timestamptz not null,
  queued_at timestamptz not null,
  picked_up_at timestamptz,
  decided_at timestamptz,
  outcome text,
  -- Picked up means someone has it, queued that nobody has; waiting and decided keep who asked or decided.
  check (status <> 'picked_up' or assignee_id is not null),
  check (status <> 'queued' or assignee_id is null),
  check ((status = 'decided') = (decided_at is not null and outcome is not null))
);
--> statement-breakpoint
create unique index reviews_subject on reviews (subject_kind, subject_id);
--> statement-breakpoint
-- The queue page: an authority's open reviews, oldest in the queue first, read in order (the
-- first page is 25 index entries, not a sort of every open review); one status the same way, and
-- a review's position (queued ones before it) counted on the second.
create index reviews_open on reviews (authority_id, queued_at, id) where status in ('queued', 'picked_up', 'waiting_for_applicant');
--> statement-breakpoint
create index reviews_queue on reviews (authority_id, status, queued_at, id);
--> statement-breakpoint
-- "Picked up by me" and the assignee filter.
create index reviews_assignee on reviews (assignee_id, status);
--> statement-breakpoint
-- The median wait: the last decisions of one type.
create index reviews_decided on reviews (authority_id, type_code, decided_at desc) where status = 'decided';
--> statement-breakpoint
create table review_steps (
  id bigint primary key generated always as identity,
  review_id uuid not null references reviews(id),
  at timestamptz not null,
  step text not null check (step in ('submitted', 'picked_up', 'assigned', 'released', 'returned', 'resubmitted', 'decided', 'withdrawn')),
  actor_id uuid not null references accounts(id),
  assignee_id uuid references accounts(id),
  message text,
  outcome text
);
--> statement-breakpoint
create index review_steps_review on review_steps (review_id, at);
