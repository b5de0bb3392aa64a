/**
 * The environment, parsed and validated once (zod). Nothing else in the project reads
 * `process.env`: every setting a module needs comes from the `Config` it is given.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './project-root.js';
import { DEFAULT_SMALL_NUMBER_THRESHOLD } from './statistics/methods.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A record-store URL, told apart once so callers switch on `kind`, never on string prefixes. */
export type DatabaseTarget =
  | { kind: 'sqlite'; url: string; file: string }
  | { kind: 'postgresql'; url: string };

const databaseUrl = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((value, ctx): DatabaseTarget => {
    if (value.startsWith('file:')) {
      const file = value.slice('file:'.length).split('?')[0] ?? '';
      if (file === '') {
        ctx.addIssue({ code: 'custom', message: 'a file: URL needs a path, e.g. file:./var/records.db' });
        return z.NEVER;
      }
      const absolute = path.resolve(file);
      return { kind: 'sqlite', url: `file:${absolute}`, file: absolute };
    }
    if (/^postgres(ql)?:\/\//.test(value)) {
      try {
        const parsed = new URL(value);
        if (!parsed.hostname) throw new Error('no host');
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not a valid postgresql:// URL' });
        return z.NEVER;
      }
      return { kind: 'postgresql', url: value };
    }
    ctx.addIssue({
      code: 'custom',
      message: 'must be a SQLite file: URL (file:./var/records.db) or a postgresql:// URL',
    });
    return z.NEVER;
  });

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const environment = z.object({
  PORT: z.coerce
    .number({ message: 'must be a whole number from 0 to 65535' })
    .int('must be a whole number from 0 to 65535')
    .min(0, 'must be a whole number from 0 to 65535')
    .max(65535, 'must be a whole number from 0 to 65535')
    .default(4000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_URL: databaseUrl.default(databaseUrl.parse('file:./var/records.db')),
  DUCKDB_PATH: z
    .string()
    .trim()
    .min(1, 'must be a file path or :memory:')
    .default('./var/analytics.duckdb')
    .transform((value) => (value === ':memory:' ? value : path.resolve(value))),
  /**
   * The shared directory of published analytics snapshots (immutable DuckDB files, src/db/snapshots.ts).
   * Default: `analytics-snapshots/` beside DUCKDB_PATH. Every server of one deployment names the same one.
   */
  ANALYTICS_SNAPSHOT_DIR: z.string().trim().min(1).optional().transform((value) => (value === undefined ? undefined : path.resolve(value))),
  /**
   * The release store: every imported file, content-addressed by sha256 (src/importing/releases.ts).
   * Default: `releases/` beside DUCKDB_PATH. Back it up: the analytics store is rebuilt from it.
   */
  RELEASE_STORE_DIR: z.string().trim().min(1).optional().transform((value) => (value === undefined ? undefined : path.resolve(value))),
  /** How often (ms) a server checks the record store for a newer analytics snapshot; 0 never. */
  SNAPSHOT_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  /** Published snapshot files kept (the newest); older ones are deleted (their releases stay). */
  SNAPSHOT_KEEP: positiveInt(1000).default(3),
  /**
   * How long the one-importer lock lasts after its importer's last heartbeat (it renews the lock
   * every fifth of this while it imports): how soon a crashed importer's lock lapses.
   */
  IMPORT_LOCK_TTL_SECONDS: positiveInt(7 * 24 * 3600).default(300),
  /** Largest file the upload route (POST /imports/...) takes, in megabytes. */
  IMPORT_MAX_MEGABYTES: positiveInt(100_000).default(512),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Apply pending migrations when the server starts. */
  MIGRATE_ON_START: flag.default(true),
  /** Load the default dataset (DATASET_DIR) into empty stores when the server starts. */
  LOAD_SAMPLE_DATA: flag.default(true),
  /** The dataset loaded on first start: a folder with a dataset.json (src/dataset.ts). */
  DATASET_DIR: z
    .string()
    .trim()
    .min(1)
    .default(path.join(projectRoot, 'data', 'herefordshire'))
    .transform((value) => path.resolve(projectRoot, value)),
  /**
   * The deployment's insight rules (src/insight/config.ts): the differentiated-approach rule and
   * its thresholds, and which catalogue themes each records theme means. Read once at start.
   */
  INSIGHT_CONFIG_FILE: z
    .string()
    .trim()
    .min(1)
    .default(path.join(projectRoot, 'data', 'insight.json'))
    .transform((value) => path.resolve(projectRoot, value)),
  /** Deepest GraphQL selection a request may make. */
  MAX_QUERY_DEPTH: positiveInt(100).default(12),
  /** Largest estimated cost (Pothos complexity) a request may have. */
  MAX_QUERY_COMPLEXITY: positiveInt(10_000_000).default(50_000),
  /** Most fields a request may select at one level or in all. */
  MAX_QUERY_BREADTH: positiveInt(100_000).default(500),
  /** Connections a DuckDB pool keeps for concurrent reads. */
  DUCKDB_CONNECTIONS: positiveInt(64).default(4),
  /** Threads DuckDB runs one query on (default: the machine's cores). */
  DUCKDB_THREADS: positiveInt(256).default(() => availableParallelism()),
  /** DuckDB's memory limit, e.g. 1GB (default: DuckDB's own, 80% of the machine's memory). */
  DUCKDB_MEMORY_LIMIT: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must be a size such as 512MB or 2GB')
    .optional(),
  /** Requests served at once (src/http/admission.ts; default: twice the machine's cores). */
  /** Memory (MB) for anonymous answers kept between releases (src/http/answer-cache.ts); 0 keeps none. */
  ANSWER_CACHE_MEGABYTES: z.coerce.number().int().min(0).max(100_000).default(64),
  MAX_CONCURRENT_REQUESTS: positiveInt(10_000).default(() => 2 * availableParallelism()),
  /** Requests waiting for a slot when all are busy; beyond that the server answers 503 with Retry-After. */
  MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(64),
  /** Requests one client (by address) may hold at once, served or waiting; beyond that 429 with Retry-After. 0: no limit. */
  MAX_REQUESTS_PER_CLIENT: z.coerce.number().int().min(0).max(100_000).default(0),
  /** Seconds a refused client is told to wait (the Retry-After of a 503 or 429). */
  OVERLOAD_RETRY_AFTER: positiveInt(3600).default(1),
  /** Counts under this (and values derived from them) are withheld from profiles. */
  SMALL_NUMBER_THRESHOLD: positiveInt(1000).default(DEFAULT_SMALL_NUMBER_THRESHOLD),
  /** A profile figure with data for less than this share of its area's small areas (or denominator) is withheld. */
  PROFILE_MINIMUM_COVERAGE: z.coerce.number().min(0).max(1).default(0.5),
  /**
   * Bearer tokens (src/auth/token.ts). A shared secret for HS256 tokens (32 characters or more), or
   * a JWKS URL (an OIDC provider's keys). With neither, the server makes a development secret in
   * JWT_DEV_SECRET_FILE on first start, for local use only.
   */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url({ message: 'must be an https:// (or http://) URL of a JSON Web Key Set' }).optional(),
  /** The `iss` and `aud` every token must carry. */
  JWT_ISSUER: z.string().trim().min(1).default('locality-intelligence'),
  JWT_AUDIENCE: z.string().trim().min(1).default('locality-intelligence'),
  /** Signing algorithms accepted from a JWKS (the secret accepts HS256 only); `none` is never accepted. */
  JWT_ALGORITHMS: z
    .string()
    .default('RS256,ES256,PS256,EdDSA')
    .transform((value) => value.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'], { message: 'lists an algorithm that is not an asymmetric JWS algorithm' })).min(1)),
  /**
   * Whether clients may ask the schema about itself (introspection). Off also turns off "did you
   * mean" field suggestions in error messages, which would otherwise reveal the schema.
   */
  GRAPHQL_INTROSPECTION: flag.default(true),
  /**
   * The key page cursors are signed with (HMAC-SHA256, 32 characters or more). Unset: derived from
   * JWT_SECRET (or the development secret); with JWT_JWKS_URL and no CURSOR_SECRET, a random key per
   * process (cursors then do not survive a restart nor cross servers).
   */
  CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Webhook deliveries (src/alerts/webhooks.ts): attempts in all, the first retry's delay (doubling after), one attempt's time limit. */
  WEBHOOK_MAX_ATTEMPTS: positiveInt(20).default(5),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  WEBHOOK_TIMEOUT_MS: positiveInt(120_000).default(10_000),
  /**
   * The key signed calendar feed URLs are signed with (src/calendars; 32 characters or more).
   * Unset: derived from JWT_SECRET (or the development secret), as CURSOR_SECRET.
   */
  CALENDAR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_DEV_SECRET_FILE: z
    .string()
    .trim()
    .min(1)
    .default('./var/dev-token-secret')
    .transform((value) => path.resolve(value)),
});

type Parsed = z.output<typeof environment>;
export type Config = Omit<Parsed, 'ANALYTICS_SNAPSHOT_DIR' | 'RELEASE_STORE_DIR'> & {
  ANALYTICS_SNAPSHOT_DIR: string;
  RELEASE_STORE_DIR: string;
};

/** Variables whose values are never repeated in an error message. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['JWT_SECRET', 'CURSOR_SECRET', 'CALENDAR_SECRET']);

/** A configuration value that cannot be used; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse an environment (usually `process.env`). Unknown variables are ignored; a blank value
 * counts as unset. Throws a `ConfigError` naming the first bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(environment.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = environment.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const raw = env[variable];
    // Never echo a secret, nor a password from a connection URL, into a log.
    const shown =
      raw === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got "${raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')}")`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const data = result.data;
  const beside = path.dirname(data.DUCKDB_PATH === ':memory:' ? path.resolve('var', 'x') : data.DUCKDB_PATH);
  return {
    ...data,
    ANALYTICS_SNAPSHOT_DIR: data.ANALYTICS_SNAPSHOT_DIR ?? path.join(beside, 'analytics-snapshots'),
    RELEASE_STORE_DIR: data.RELEASE_STORE_DIR ?? path.join(beside, 'releases'),
  };
}
