import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createVerifiedAccount, createAuthority, generatePassword } from './authorities/service.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { authorities } from './platform/schema.ts';
import { addIdentityProvider } from './federation/service.ts';
import { createSealer } from './platform/secrets.ts';
import { eq } from 'drizzle-orm';

const usage = `Usage:
  npm run cli -- create-staff --email EMAIL --given-name NAME --family-name NAME [--language fr|en] [--authority SLUG]
  npm run cli -- create-authority --slug SLUG --name-fr NAME --name-en NAME
  npm run cli -- add-identity-provider --slug SLUG --name-fr NAME --name-en NAME --issuer URL --client-id ID
                 [--scopes "openid email profile"] [--trusted-for-second-factor] [--authority SLUG]
                 (the client secret is read from the environment variable CLIENT_SECRET, or from standard input)`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    email: { type: 'string' },
    'given-name': { type: 'string' },
    'family-name': { type: 'string' },
    language: { type: 'string', default: 'fr' },
    authority: { type: 'string' },
    slug: { type: 'string' },
    'name-fr': { type: 'string' },
    'name-en': { type: 'string' },
    // add-identity-provider
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    scopes: { type: 'string' },
    'trusted-for-second-factor': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const database = await openDatabase({ databaseUrl: config.databaseUrl?.reveal(), dataDir: config.dataDir });
try {
  if (command === 'create-staff') {
    const { email, 'given-name': givenName, 'family-name': familyName, language } = values;
    if (!email || !givenName || !familyName) fail(usage);
    if (language !== 'fr' && language !== 'en') fail('--language must be fr or en');
    const [authority] = values.authority
      ? await database.db.select().from(authorities).where(eq(authorities.slug, values.authority))
      : await database.db.select().from(authorities).orderBy(authorities.createdAt).limit(1);
    if (!authority) fail('No such authority: create one with create-authority');
    const password = generatePassword();
    await createVerifiedAccount(database.db, { authorityId: authority.id, email, givenName, familyName, preferredLanguage: language, password, staff: true });
    console.log(`Staff account created for ${email} at ${authority.slug}. Password (shown once): ${password}`);
  } else if (command === 'create-authority') {
    const { slug, 'name-fr': fr, 'name-en': en } = values;
    if (!slug || !fr || !en) fail(usage);
    await createAuthority(database.db, { slug, name: { fr, en } });
    console.log(`Authority ${slug} created.`);
  } else if (command === 'add-identity-provider') {
    const { slug, 'name-fr': fr, 'name-en': en, issuer, 'client-id': clientId, scopes } = values;
    if (!slug || !fr || !en || !issuer || !clientId) fail(usage);
    // Never on the command line: it would stay in the shell history and the process list.
    const clientSecret = (process.env.CLIENT_SECRET ?? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8'))).trim();
    if (!clientSecret) fail('The client secret is read from CLIENT_SECRET or standard input');
    if (config.isProduction && !issuer.startsWith('https://')) fail('--issuer must be an https:// URL in production');
    const [authority] = values.authority
      ? await database.db.select().from(authorities).where(eq(authorities.slug, values.authority))
      : await database.db.select().from(authorities).orderBy(authorities.createdAt).limit(1);
    if (!authority) fail('No such authority: create one with create-authority');
    try {
      const provider = await addIdentityProvider(database.db, createSealer(config.sessionSecret, 'identity-provider'), {
        authorityId: authority.id,
        slug,
        name: { fr, en },
        issuer,
        clientId,
        clientSecret,
        ...(scopes ? { scopes } : {}),
        trustedForSecondFactor: values['trusted-for-second-factor'] ?? false,
      });
      const callback = new URL(`/oidc/callback/${provider.slug}`, config.publicUrl);
      console.log(`Identity provider ${provider.slug} added to ${authority.slug}. Register this redirect URI with the provider: ${callback}`);
    } catch (error) {
      fail(`Identity provider not added: ${(error as Error).message}`);
    }
  } else {
    fail(usage);
  }
} finally {
  await database.close();
}
