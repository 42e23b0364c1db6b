import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** A value that never shows up in logs or JSON by accident. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], {
    message: 'must be one of development, production, test',
  }),
  PORT: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535'),
  HOST: z.string().min(1, 'must not be empty'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://portal.example.ca' })
    .optional(),
  DATA_DIR: z.string().min(1, 'must not be empty'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        ctx.addIssue({ code: 'custom', message: 'must be false, true, a number of proxies, or a comma-separated list of proxy addresses (CIDR allowed)' });
        return z.NEVER;
      }
      return parsed;
    }),
});

/**
 * Which reverse proxies are believed when they say who the client is (X-Forwarded-For): none by
 * default, so a client cannot choose its own address for the rate limits and the audit.
 */
export type TrustProxy = false | true | number | string[];

function parseTrustProxy(value: string | undefined): TrustProxy | null {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const list = value.split(',').map((s) => s.trim());
  const valid = list.every((entry) => {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
  });
  return valid ? list : null;
}

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  readonly env: Environment;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: URL;
  readonly dataDir: string;
  readonly databaseUrl: Secret | undefined;
  readonly sessionSecret: Secret;
  /** While SESSION_SECRET is being changed, the old one: what it sealed or signed is still accepted. */
  readonly previousSessionSecret: Secret | null;
  readonly isProduction: boolean;
  readonly trustProxy: TrustProxy;
  /** The modules' own variables (a module's `config`), checked with the rest; read with `settingsOf`. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** What a module declares about its variables: their schema, and which production cannot do without. */
export interface ModuleSettings {
  readonly schema: z.ZodObject;
  readonly requiredInProduction?: readonly string[];
}

/** A module's variables, typed by its own schema (already checked at start). */
export function settingsOf<S extends z.ZodObject>(config: Config, schema: S): z.infer<S> {
  return schema.parse(config.settings);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function blankToUndefined(env: NodeJS.ProcessEnv, modules: readonly ModuleSettings[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of [...Object.keys(envSchema.shape), ...modules.flatMap((m) => Object.keys(m.schema.shape))]) {
    const value = env[key]?.trim();
    out[key] = value === '' ? undefined : value;
  }
  return out;
}

/** In development the secret is kept in DATA_DIR so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, '.session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Parses the environment once, platform's variables and the modules' together; every wrong
 * variable is named in one ConfigError, one line each.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, modules: readonly ModuleSettings[] = []): Config {
  const raw = blankToUndefined(env, modules);
  const problems: string[] = [];
  const describe = (error: z.ZodError) => {
    for (const issue of error.issues) problems.push(`${String(issue.path[0] ?? 'environment')} ${issue.message}`);
  };
  const parsed = envSchema.safeParse({
    NODE_ENV: raw.NODE_ENV ?? 'development',
    PORT: raw.PORT ?? '3000',
    HOST: raw.HOST ?? 'localhost',
    PUBLIC_URL: raw.PUBLIC_URL,
    DATA_DIR: raw.DATA_DIR ?? './data',
    DATABASE_URL: raw.DATABASE_URL,
    SESSION_SECRET: raw.SESSION_SECRET,
    SESSION_SECRET_PREVIOUS: raw.SESSION_SECRET_PREVIOUS,
    TRUST_PROXY: raw.TRUST_PROXY,
  });
  if (!parsed.success) describe(parsed.error);
  const settings: Record<string, unknown> = {};
  for (const module of modules) {
    const own = module.schema.safeParse(Object.fromEntries(Object.keys(module.schema.shape).map((key) => [key, raw[key]])));
    if (own.success) Object.assign(settings, Object.fromEntries(Object.keys(module.schema.shape).map((key) => [key, raw[key]])));
    else describe(own.error);
  }
  const isProduction = (raw.NODE_ENV ?? 'development') === 'production';
  if (raw.SESSION_SECRET_PREVIOUS && !raw.SESSION_SECRET) problems.push('SESSION_SECRET_PREVIOUS needs SESSION_SECRET (the new secret) beside it');
  if (raw.SESSION_SECRET_PREVIOUS && raw.SESSION_SECRET_PREVIOUS === raw.SESSION_SECRET) problems.push('SESSION_SECRET_PREVIOUS must differ from SESSION_SECRET');
  if (isProduction) {
    if (!raw.SESSION_SECRET) problems.push('SESSION_SECRET is required in production');
    if (parsed.success && !parsed.data.PUBLIC_URL?.startsWith('https://')) problems.push('PUBLIC_URL must be an https:// URL in production');
    for (const module of modules) for (const key of module.requiredInProduction ?? []) if (!raw[key]) problems.push(`${key} is required in production`);
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems.map((p) => `Configuration error: ${p}`).join('\n'));
  const v = parsed.data;
  const publicUrl = new URL(v.PUBLIC_URL ?? `http://localhost:${v.PORT}`);
  const dataDir = resolve(v.DATA_DIR);
  return Object.freeze({
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    publicUrl,
    dataDir,
    databaseUrl: v.DATABASE_URL ? new Secret(v.DATABASE_URL) : undefined,
    sessionSecret: new Secret(v.SESSION_SECRET ?? developmentSecret(dataDir)),
    previousSessionSecret: v.SESSION_SECRET_PREVIOUS ? new Secret(v.SESSION_SECRET_PREVIOUS) : null,
    isProduction,
    trustProxy: v.TRUST_PROXY,
    settings: Object.freeze(settings),
  });
}
