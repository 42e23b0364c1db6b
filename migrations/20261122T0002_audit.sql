-- Row triggers do not see TRUNCATE: refuse it too, so the trail stays append-only.
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
