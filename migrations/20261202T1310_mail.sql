-- Issue 15, point 1. Files a message carries: a renewal reminder attaches the deadline as an
-- iCalendar event (text/calendar), stored with the message so a retried delivery sends the same file.
alter table mail_messages add column attachments jsonb;
