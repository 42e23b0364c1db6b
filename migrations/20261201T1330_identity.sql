-- Issue 11. What a page shows once (a new security code, recovery codes) is kept here between the
-- POST that made it and the GET it redirects to, bound to the session; that GET deletes it, so a
-- refresh neither shows it again nor makes another. Rows older than a few minutes are never shown.
create table shown_once (
  session_id text not null references sessions(id) on delete cascade,
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null,
  primary key (session_id, kind)
);
