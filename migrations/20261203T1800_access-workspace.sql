-- The workspace dashboard lists the open requests of an institution by due day: a partial index
-- on the open ones only (most of a busy institution requests are closed).
create index access_requests_open_due on access_requests (organization_id, due_on) where status <> 'closed';
