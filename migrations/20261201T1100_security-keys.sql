-- A session gets a new id when its second step is passed (issue 9): the key challenges that refer
-- to it follow the rename instead of identity deleting security keys' rows.
alter table webauthn_challenges drop constraint webauthn_challenges_session_id_fkey;
--> statement-breakpoint
alter table webauthn_challenges add constraint webauthn_challenges_session_id_fkey
  foreign key (session_id) references sessions (id) on delete cascade on update cascade;
