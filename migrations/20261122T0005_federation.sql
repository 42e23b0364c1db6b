-- External identity providers (OpenID Connect): any number per authority, shown as "Sign in with …".
create table identity_providers (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  -- In the callback address (/oidc/callback/SLUG) registered with the provider.
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  -- {"fr": …, "en": …}, as the buttons show it.
  name jsonb not null,
  issuer text not null,
  client_id text not null,
  -- AES-256-GCM under a key derived from SESSION_SECRET (purpose identity-provider).
  sealed_client_secret text not null,
  scopes text not null default 'openid email profile',
  -- A provider that already asked for a second factor (a government credential service) can be
  -- trusted to count as the second step; a plain one cannot.
  trusted_for_second_factor boolean not null default false,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);
--> statement-breakpoint
-- One identity per provider per account; one account per identity.
create table linked_identities (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  provider_id uuid not null references identity_providers(id),
  subject text not null,
  -- The email the provider gave at linking, if any (never used to find an account).
  email text,
  linked_at timestamptz not null,
  last_used_at timestamptz,
  unique (provider_id, subject),
  unique (account_id, provider_id)
);
--> statement-breakpoint
-- A journey through a provider, from the button to an account. The browser holds a random token
-- in a cookie; only its SHA-256 is here. Used once: the callback moves it out of 'authorizing'
-- atomically, and the row goes when the journey ends. See src/federation/service.ts.
create table federation_flows (
  id text primary key,
  provider_id uuid not null references identity_providers(id) on delete cascade,
  -- sign_in: from the sign-in page; link: from the account page, for account_id; confirm: signing in
  -- again at a linked provider to confirm a sensitive action (account without password).
  purpose text not null check (purpose in ('sign_in', 'link', 'confirm')),
  account_id uuid references accounts(id) on delete cascade,
  -- Where a confirm journey returns (a page of the portal).
  return_to text,
  locale text not null check (locale in ('fr', 'en')),
  stage text not null check (stage in ('authorizing', 'exchanging', 'identified', 'email_sent', 'second_factor')),
  state text not null,
  nonce text not null,
  code_verifier text not null,
  -- What the provider said, once the callback succeeded.
  subject text,
  email text,
  email_verified boolean not null default false,
  given_name text,
  family_name text,
  claimed_locale text check (claimed_locale in ('fr', 'en')),
  -- The email typed by the person when the provider gives none, and the hash of its mailed token.
  pending_email text,
  email_token_id text,
  -- The account whose password was given to link this identity, awaiting its second factor.
  proving_account_id uuid references accounts(id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
--> statement-breakpoint
create index federation_flows_expiry on federation_flows (expires_at);
