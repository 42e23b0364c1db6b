-- Security keys and passkeys (WebAuthn), any number per account, usable as the second factor.
create table security_keys (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  -- base64url, as the browser names the credential; unique across every account.
  credential_id text not null unique,
  -- COSE public key, base64url.
  public_key text not null,
  -- The authenticator's signature counter: an assertion must raise it (unless it always stays 0).
  counter bigint not null default 0,
  -- Hints for the browser (usb, nfc, internal…), only values the WebAuthn specification names.
  transports text[] not null default '{}',
  name text not null,
  created_at timestamptz not null,
  last_used_at timestamptz
);
--> statement-breakpoint
create index security_keys_account on security_keys (account_id);
--> statement-breakpoint
-- One pending challenge per session and purpose, used once (deleted when read) and for 5 minutes;
-- it goes with its session.
create table webauthn_challenges (
  session_id text not null references sessions(id) on delete cascade,
  purpose text not null check (purpose in ('register', 'authenticate')),
  challenge text not null,
  expires_at timestamptz not null,
  primary key (session_id, purpose)
);
