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
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
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
  readonly smtpUrl: Secret | undefined;
  readonly sessionSecret: Secret;
  readonly isProduction: boolean;
  readonly trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
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

/** Parses the environment once; a wrong value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = blankToUndefined(env);
  const parsed = envSchema.safeParse({
    NODE_ENV: raw.NODE_ENV ?? 'development',
    PORT: raw.PORT ?? '3000',
    HOST: raw.HOST ?? 'localhost',
    PUBLIC_URL: raw.PUBLIC_URL,
    DATA_DIR: raw.DATA_DIR ?? './data',
    DATABASE_URL: raw.DATABASE_URL,
    SMTP_URL: raw.SMTP_URL,
    SESSION_SECRET: raw.SESSION_SECRET,
    TRUST_PROXY: raw.TRUST_PROXY,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const v = parsed.data;
  const isProduction = v.NODE_ENV === 'production';
  const publicUrl = new URL(v.PUBLIC_URL ?? `http://localhost:${v.PORT}`);
  if (isProduction) {
    if (!v.SESSION_SECRET) throw new ConfigError('Configuration error: SESSION_SECRET is required in production');
    if (publicUrl.protocol !== 'https:')
      throw new ConfigError('Configuration error: PUBLIC_URL must be an https:// URL in production');
    if (!v.SMTP_URL) throw new ConfigError('Configuration error: SMTP_URL is required in production');
  }
  const dataDir = resolve(v.DATA_DIR);
  return Object.freeze({
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    publicUrl,
    dataDir,
    databaseUrl: v.DATABASE_URL ? new Secret(v.DATABASE_URL) : undefined,
    smtpUrl: v.SMTP_URL ? new Secret(v.SMTP_URL) : undefined,
    sessionSecret: new Secret(v.SESSION_SECRET ?? developmentSecret(dataDir)),
    isProduction,
    trustProxy: v.TRUST_PROXY,
  });
}
