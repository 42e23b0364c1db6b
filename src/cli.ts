import { readFileSync } from 'node:fs';
import { assembledModules, moduleSettings, resealSecrets } from './app.ts';
import { isSlug } from './platform/portal.ts';
import { parseArgs } from 'node:util';
import { createAuthority } from './authorities/service.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { migrationNames, openDatabase } from './platform/db.ts';
import { ExportFileError, exportDatabase, importDatabase, readExportFile, rowsAlreadyIn } from './platform/export.ts';
import { existsSync } from 'node:fs';
import { createOrganizationKind } from './organizations/service.ts';
import { addIdentityProvider } from './federation/service.ts';
import { providerSecretsSealer } from './federation/index.ts';
import { verifyAuditChain } from './audit/service.ts';
import { eq } from 'drizzle-orm';
import { authorities, authorityRoles } from './authorities/schema.ts';
import { accounts } from './identity/schema.ts';
import { createVerifiedAccount, generatePassword } from './identity/index.ts';
import { checkExamResults, examFileProblemLabels, examLineProblemLabels, importExamResults } from './exams/index.ts';
import { translator } from './platform/i18n/index.ts';
import cliProgress from 'cli-progress';
import PgBoss from 'pg-boss';
import { smtpUrlOf } from './mail/index.ts';
import { createMailer, MAIL_QUEUE } from './mail/service.ts';
import { installMailTemplates } from './mail/templates.ts';
import { systemClock } from './platform/clock.ts';
import { createSurveillanceCore } from './surveillance/core.ts';
import { createIntakeService, noticeFileProblemLabels } from './surveillance/intake/index.ts';

const usage = `Usage:
  npm run cli -- create-staff --email EMAIL --given-name NAME --family-name NAME [--language fr|en] [--authority SLUG]
  npm run cli -- create-authority --slug SLUG --name-fr NAME --name-en NAME
  npm run cli -- add-identity-provider --slug SLUG --name-fr NAME --name-en NAME --issuer URL --client-id ID
                 [--scopes "openid email profile"] [--trusted-for-second-factor] [--authority SLUG]
                 (the client secret is read from the environment variable CLIENT_SECRET, or from standard input)
  npm run cli -- reseal   (after changing SESSION_SECRET: with the new one in SESSION_SECRET and the old one in
                 SESSION_SECRET_PREVIOUS, seals authenticator keys and identity providers' secrets again under the new one)
  npm run cli -- verify-audit [--authority SLUG]   (exit code 1 and the first broken row of each chain when tampered with)
  npm run cli -- add-organization-kind --slug SLUG --name-fr NAME --name-en NAME [--authority SLUG]
  npm run cli -- grant-role --email EMAIL --role staff|registrar|administrator [--authority SLUG]
  npm run cli -- import-exam-results --authority SLUG [--dry-run] FILE.csv
                 (columns email or account_id, session, sat_on, outcome, score; nothing is written when a line has a problem)
  npm run cli -- import-surveillance-notices AUTHORITY-SLUG FILE.csv [--dry-run]
                 (the department's arrival notices: notice_number, family_name, given_names, date_of_birth, client_id,
                  address_line1, address_line2, city, province, postal_code, phone, email, arrival_date, code;
                  nothing is written when a line has a problem; a notice already received is skipped)
  npm run cli -- export-database FILE
                 (writes the data of the database the settings name, normally the embedded one in DATA_DIR, to FILE;
                  stop the portal first: a PGlite folder has one user at a time)
  DATABASE_URL=postgres://… npm run cli -- import-database FILE
                 (migrates that PostgreSQL database and loads FILE into it; refused, with nothing written, when it
                  already holds data; see docs/operations.md, "Moving from PGlite to PostgreSQL")`;

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
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
    role: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The database's own words: drizzle wraps them in "Failed query: …" with the whole statement. */
function reason(error: unknown): string {
  let e = error as Error & { detail?: string };
  while (e.cause instanceof Error) e = e.cause as typeof e;
  return e.detail ? `${e.message} (${e.detail})` : e.message;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, moduleSettings);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
/** The authority named by --authority, or the first one created. */
async function chosenAuthority() {
  const [authority] = values.authority
    ? await database.db.select().from(authorities).where(eq(authorities.slug, values.authority))
    : await database.db.select().from(authorities).orderBy(authorities.createdAt).limit(1);
  if (!authority) fail('No such authority: create one with create-authority');
  return authority;
}

/**
 * import-database looks at the file and at the target before anything writes to the target, the
 * migrations included: a refusal leaves it as it was.
 */
async function checkImport() {
  const file = positionals[0];
  const url = config.databaseUrl?.reveal();
  if (!file) fail(usage);
  if (!url) fail('import-database loads into PostgreSQL: set DATABASE_URL to a new, empty database (createdb)');
  let exported: Awaited<ReturnType<typeof readExportFile>>;
  try {
    exported = await readExportFile(file);
  } catch (error) {
    fail(error instanceof ExportFileError ? error.message : `Cannot read ${file}: ${(error as Error).message}`);
  }
  const here = migrationNames();
  const missing = here.filter((m) => !exported.header.migrations.includes(m));
  const unknown = exported.header.migrations.filter((m) => !here.includes(m));
  if (missing.length > 0 || unknown.length > 0) {
    fail(`${file} was exported by another version of Guichet (${[...missing.map((m) => `not in the export: ${m}`), ...unknown.map((m) => `unknown here: ${m}`)].join('; ')}): import it with the version that exported it. Nothing was written.`);
  }
  let found: Awaited<ReturnType<typeof rowsAlreadyIn>>;
  try {
    found = await rowsAlreadyIn(url);
  } catch (error) {
    fail(`Cannot read the database of DATABASE_URL: ${reason(error)}. Nothing was written.`);
  }
  if (found.length > 0) {
    const where = new URL(url);
    const listed = found.slice(0, 5).map((f) => `${f.table}: ${f.rows} row(s)`).join(', ');
    fail(`The database ${where.host}${where.pathname} already holds data (${listed}${found.length > 5 ? `, and ${found.length - 5} more table(s)` : ''}). import-database loads only into an empty database: create one (createdb) and point DATABASE_URL at it. Nothing was written.`);
  }
  return { file, exported };
}
const importing = command === 'import-database' ? await checkImport() : null;

const database = await openDatabase({ databaseUrl: config.databaseUrl?.reveal(), dataDir: config.dataDir });
try {
  if (command === 'create-staff') {
    const { email, 'given-name': givenName, 'family-name': familyName, language } = values;
    if (!email || !givenName || !familyName) fail(usage);
    if (language !== 'fr' && language !== 'en') fail('--language must be fr or en');
    const authority = await chosenAuthority();
    const password = generatePassword();
    await createVerifiedAccount(database.db, { authorityId: authority.id, email, givenName, familyName, preferredLanguage: language, password, staff: true, mustChangePassword: true });
    console.log(`Staff account created for ${email} at ${authority.slug}. Password (shown once): ${password}\nThey choose their own password at first sign-in, then set up two-step verification.`);
  } else if (command === 'create-authority') {
    const { slug, 'name-fr': fr, 'name-en': en } = values;
    if (!slug || !fr || !en) fail(usage);
    // The portal lives at /fr/<slug>: a slug must be one, and not the first word of another page's address.
    const taken = new Set(Object.values(assembledModules().pages).flatMap((pair) => Object.values(pair).map((address) => address.split('/')[2] ?? '')));
    if (!isSlug(slug) || taken.has(slug)) fail(`--slug must be lower-case letters, digits and hyphens, and not one of Guichet's own addresses (${[...taken].filter((w) => w && !w.startsWith(':')).sort().join(', ')})`);
    await createAuthority(database.db, { slug, name: { fr, en } });
    console.log(`Authority ${slug} created.`);
  } else if (command === 'add-identity-provider') {
    const { slug, 'name-fr': fr, 'name-en': en, issuer, 'client-id': clientId, scopes } = values;
    if (!slug || !fr || !en || !issuer || !clientId) fail(usage);
    // Never on the command line: it would stay in the shell history and the process list.
    const clientSecret = (process.env.CLIENT_SECRET ?? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8'))).trim();
    if (!clientSecret) fail('The client secret is read from CLIENT_SECRET or standard input');
    if (config.isProduction && !issuer.startsWith('https://')) fail('--issuer must be an https:// URL in production');
    const authority = await chosenAuthority();
    try {
      const provider = await addIdentityProvider(database.db, providerSecretsSealer(config), {
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
  } else if (command === 'reseal') {
    if (!config.previousSessionSecret) fail('Set SESSION_SECRET to the new secret and SESSION_SECRET_PREVIOUS to the one it replaces, then run reseal again.');
    try {
      const sealed = await resealSecrets(database.db, config, new Date());
      for (const [purpose, count] of Object.entries(sealed)) console.log(`${purpose}: ${count} value(s) sealed again.`);
      console.log('Every sealed value is now under SESSION_SECRET. Keep SESSION_SECRET_PREVIOUS on every node until the forms and links mailed before the change have lapsed (docs/operations.md), then remove it.');
    } catch (error) {
      fail(`Nothing was sealed again: ${(error as Error).message}`);
    }
  } else if (command === 'verify-audit') {
    const authority = values.authority ? await chosenAuthority() : null;
    const { rows, chains, breaks } = await verifyAuditChain(database.db, authority?.id);
    if (breaks.length === 0) {
      console.log(`Audit trail intact: ${rows} events in ${chains} chain(s).`);
    } else {
      const slugs = new Map((await database.db.select().from(authorities)).map((a) => [a.id, a.slug]));
      const why = { missing_row: 'a row is missing before this one', wrong_link: 'its link to the previous row does not match', wrong_hash: 'its content does not match its hash' };
      for (const b of breaks) {
        console.error(`Chain of ${b.authorityId ? slugs.get(b.authorityId) : '(no authority)'} broken at position ${b.position}, row ${b.rowId}: ${why[b.reason]}.`);
      }
      process.exitCode = 1;
    }
  } else if (command === 'add-organization-kind') {
    const { slug, 'name-fr': fr, 'name-en': en } = values;
    if (!slug || !fr || !en) fail(usage);
    const authority = await chosenAuthority();
    await createOrganizationKind(database.db, { authorityId: authority.id, slug, name: { fr, en } });
    console.log(`Organizations of kind ${slug} can now ask to join ${authority.slug}.`);
  } else if (command === 'grant-role') {
    const { email, role } = values;
    if (!email || (role !== 'staff' && role !== 'registrar' && role !== 'administrator')) fail(usage);
    const authority = await chosenAuthority();
    const [account] = await database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
    if (!account) fail(`No account with the email ${email}`);
    await database.db.insert(authorityRoles).values({ authorityId: authority.id, accountId: account.id, role }).onConflictDoNothing();
    console.log(`${email} is ${role} of ${authority.slug}; they set up two-step verification at their next sign-in if the authority requires it.`);
  } else if (command === 'import-exam-results') {
    const file = positionals[0];
    if (!values.authority || !file) fail(usage);
    const authority = await chosenAuthority();
    let csv: string;
    try {
      csv = readFileSync(file, 'utf8');
    } catch (error) {
      fail(`Cannot read ${file}: ${(error as Error).message}`);
    }
    assembledModules();
    const t = translator('en');
    // Every line's problems, the same words as the staff's page; exit code 1 when any.
    const report = async () => {
      const checked = await checkExamResults(database.db, authority.id, csv);
      if (checked.fileProblem) console.error(t(examFileProblemLabels[checked.fileProblem]));
      for (const line of checked.lines) for (const problem of line.problems) console.error(`Line ${line.line}: ${t(examLineProblemLabels[problem])}`);
      const bad = checked.lines.filter((l) => l.problems.length > 0).length;
      if (!checked.fileProblem) console.log(`${checked.lines.length} line(s) read, ${bad} with a problem.`);
      return checked.fileProblem === null && bad === 0 && checked.lines.length > 0;
    };
    if (values['dry-run']) {
      if (!(await report())) process.exitCode = 1;
      else console.log('Dry run: nothing written.');
    } else {
      const bar = new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} results', clearOnComplete: false }, cliProgress.Presets.shades_classic);
      let started = false;
      const outcome = await importExamResults(database.db, {
        authorityId: authority.id,
        csv,
        fileName: file,
        actorId: null,
        origin: { ip: null, userAgent: 'cli' },
        at: new Date(),
        progress(done, total) {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      });
      if (started) bar.stop();
      if (outcome.kind === 'imported') console.log(`${outcome.results} result(s) imported into ${authority.slug}.`);
      else {
        await report();
        console.error('Nothing was imported: correct the lines above and run it again.');
        process.exitCode = 1;
      }
    }
  } else if (command === 'import-surveillance-notices') {
    const [slug, file] = positionals;
    if (!slug || !file) fail(usage);
    const [authority] = await database.db.select().from(authorities).where(eq(authorities.slug, slug));
    if (!authority) fail(`No such authority: ${slug}`);
    let csv: string;
    try {
      csv = readFileSync(file, 'utf8');
    } catch (error) {
      fail(`Cannot read ${file}: ${(error as Error).message}`);
    }
    installMailTemplates(assembledModules().mail);
    // With SMTP_URL the PTPHAs' mail is queued as jobs the running server sends; without it, kept in the database as in development.
    const smtp = smtpUrlOf(config);
    const boss = smtp ? new PgBoss({ db: database.adapter, schedule: false, supervise: false }) : null;
    if (boss) {
      await boss.start();
      await boss.createQueue(MAIL_QUEUE);
    }
    try {
      const core = createSurveillanceCore({ db: database.db, clock: systemClock, mailer: createMailer(boss), publicUrl: config.publicUrl });
      if (!(await core.isOn(authority.id))) fail(`Surveillance is not on for ${slug}`);
      const intake = createIntakeService({ db: database.db, clock: systemClock, core, documents: null });
      const t = translator('en');
      // Every line's problems, in the staff page's words; exit code 1 when any.
      const report = async () => {
        const checked = await intake.checkImport(authority.id, csv);
        if (checked.fileProblem) console.error(t(noticeFileProblemLabels[checked.fileProblem]));
        for (const line of checked.lines) for (const problem of line.problems) console.error(`Line ${line.line} (${problem.field}): ${t(problem.key)}`);
        const bad = checked.lines.filter((l) => l.problems.length > 0).length;
        const already = checked.lines.filter((l) => l.alreadyReceived).length;
        if (!checked.fileProblem) console.log(`${checked.lines.length} line(s) read, ${bad} with a problem, ${already} already received.`);
        return checked.fileProblem === null && bad === 0 && checked.lines.length > 0;
      };
      if (values['dry-run']) {
        if (!(await report())) process.exitCode = 1;
        else console.log('Dry run: nothing written.');
      } else {
        const bar = new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} notices', clearOnComplete: false }, cliProgress.Presets.shades_classic);
        let started = false;
        const outcome = await intake.importNotices({
          authorityId: authority.id,
          csv,
          fileName: file,
          accountId: null,
          origin: { ip: null, userAgent: 'cli' },
          progress(done, total) {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        if (outcome.kind === 'imported') console.log(`${outcome.notices} notice(s) imported into ${slug}, ${outcome.already} already received.`);
        else {
          await report();
          console.error('Nothing was imported: correct the lines above and run it again.');
          process.exitCode = 1;
        }
      }
    } finally {
      await boss?.stop({ graceful: true, wait: true, close: false });
    }
  } else if (command === 'export-database') {
    const file = positionals[0];
    if (!file) fail(usage);
    if (existsSync(file)) fail(`${file} already exists: an export never writes over a file, choose another name`);
    let rows: Record<string, number>;
    try {
      ({ rows } = await exportDatabase(database.db, file));
    } catch (error) {
      fail(`Nothing was exported: ${reason(error)}`);
    }
    const counts = Object.values(rows);
    console.log(`Exported ${counts.reduce((a, b) => a + b, 0)} row(s) of ${counts.length} tables from the ${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL database'} to ${file}.`);
  } else if (importing) {
    try {
      const { tables, rows } = await importDatabase(database, importing.file, importing.exported);
      console.log(`Imported ${rows} row(s) into ${tables} tables. Start the portal with this DATABASE_URL, run verify-audit, and keep the old data folder until you have checked it.`);
    } catch (error) {
      // The load is one transaction: what it wrote is gone, the migrated schema stays (an import runs again on it).
      fail(`Nothing was imported: ${reason(error)}. The database is migrated and holds no data: import-database can run on it again.`);
    }
  } else {
    fail(usage);
  }
} finally {
  await database.close();
}
