-- Tamper-evident audit: each authority's events form a hash chain (position, previous hash, hash).
-- Editing a row breaks its hash; deleting one leaves a gap in the positions and a previous hash that
-- no longer matches. `npm run cli -- verify-audit` walks the chains and names the first broken row.
alter table audit_events
  add column chain_position bigint not null default 0,
  add column previous_hash text,
  add column hash text not null default '';
--> statement-breakpoint
-- What a row's hash covers, as one text: every column but the chain's own, in a fixed order and form.
create function audit_event_content(e audit_events) returns text language sql stable as $$
  select concat_ws(
    E'\x1f',
    e.id::text,
    e.chain_position::text,
    coalesce(e.authority_id::text, ''),
    to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.event,
    coalesce(e.actor_id::text, ''),
    coalesce(e.subject_id::text, ''),
    coalesce(e.ip, ''),
    coalesce(e.user_agent, ''),
    coalesce(e.details::text, '')
  )
$$;
--> statement-breakpoint
create function audit_event_hash(previous_hash text, content text) returns text language sql immutable as $$
  select encode(sha256(convert_to(coalesce(previous_hash, '') || E'\x1e' || content, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- One writer per chain at a time (the lock lasts until commit), so positions never fork.
create function audit_events_chain() returns trigger language plpgsql as $$
declare
  last_position bigint;
  last_hash text;
begin
  perform pg_advisory_xact_lock(hashtextextended('audit_events:' || coalesce(new.authority_id::text, 'none'), 0));
  if new.authority_id is null then
    select chain_position, hash into last_position, last_hash from audit_events
      where authority_id is null order by chain_position desc limit 1;
  else
    select chain_position, hash into last_position, last_hash from audit_events
      where authority_id = new.authority_id order by chain_position desc limit 1;
  end if;
  new.chain_position := coalesce(last_position, 0) + 1;
  new.previous_hash := last_hash;
  new.hash := audit_event_hash(last_hash, audit_event_content(new));
  return new;
end;
$$;
--> statement-breakpoint
-- Rows written before the chain existed join it in the order they were written.
alter table audit_events disable trigger audit_events_no_change;
--> statement-breakpoint
do $$
declare
  e audit_events;
  positions jsonb := '{}';
  hashes jsonb := '{}';
  chain text;
  position bigint;
begin
  for e in select * from audit_events order by id loop
    chain := coalesce(e.authority_id::text, 'none');
    position := coalesce((positions ->> chain)::bigint, 0) + 1;
    e.chain_position := position;
    e.previous_hash := hashes ->> chain;
    e.hash := audit_event_hash(e.previous_hash, audit_event_content(e));
    update audit_events set chain_position = e.chain_position, previous_hash = e.previous_hash, hash = e.hash where id = e.id;
    positions := positions || jsonb_build_object(chain, position);
    hashes := hashes || jsonb_build_object(chain, e.hash);
  end loop;
end;
$$;
--> statement-breakpoint
alter table audit_events enable trigger audit_events_no_change;
--> statement-breakpoint
create unique index audit_events_chain on audit_events (authority_id, chain_position);
--> statement-breakpoint
create trigger audit_events_chain before insert on audit_events
  for each row execute function audit_events_chain();
