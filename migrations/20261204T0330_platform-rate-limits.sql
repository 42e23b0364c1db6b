-- Rate-limit counters shared by every process serving the portal: one row per counter (a page group
-- and a client address), its hits in the current fixed window and when that window ends.
create table rate_limits (
  key text primary key,
  hits integer not null,
  expires_at timestamptz not null
);
--> statement-breakpoint
create index rate_limits_expires_at on rate_limits (expires_at);
