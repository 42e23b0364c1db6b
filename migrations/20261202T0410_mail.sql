-- Issue 14, point 6. Headers a message carries besides those of every message: a mailing list
-- sends the RFC 8058 one-click unsubscribe headers.
alter table mail_messages add column headers jsonb;
