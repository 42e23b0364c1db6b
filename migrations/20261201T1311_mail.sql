-- Issue 11, point 1. Mail names the authority whose portal it came from: its sender display name
-- (null: "Guichet").
alter table mail_messages add column from_name text;
