/**
 * Command-line entry points over the same code the server runs (see package.json scripts):
 *   migrate                       apply pending record-store and analytics-store migrations
 *   import-geography [options]    load a geography version (all or nothing); --role-kinds F also
 *                                 loads the council's kinds of locality role (src/partnership/role-kinds.ts)
 *   import-population --file F    load small-area population estimates (all or nothing)
 *   import-contacts --file F      load a contact list: partners, people, locality roles (all or nothing)
 *   import-indicators, import-imd2019, import-population-estimates: locality-profile statistics
 *                                 (src/statistics/import/commands.ts; all or nothing)
 *   import-small-area-lookup --lookup F [--populations F]
 *                                 the ONS LSOA 2011 to 2021 lookup (src/geography/small-area-lookup.ts)
 *   import-boundaries --file F --version V [--code-property P]
 *                                 small-area boundaries (GeoJSON) for a geography version (src/maps)
 *   token --roles R[,R] [...]     mint a bearer token with the configured secret (src/auth/token.ts)
 * Settings come from the environment (src/config.ts), as for the server. A rejected import prints
 * every problem with its file and line, writes nothing, and exits 1.
 *
 * `run(argv, io)` is the whole command, callable in-process (the tests call it so): it writes to
 * `io.stdout`/`io.stderr`, reads settings from `io.env`, and returns the exit code. src/cli-main.ts
 * is the thin entry `npm run` starts, which sets the process's exit code from it.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { closeStores, openStores, type Stores } from './db/stores.js';
import { StartupError } from './errors.js';
import { alertSettings, importWithAlerts } from './alerts/after-import.js';
import { importGeography } from './geography/import.js';
import { ImportRejectedError } from './importing/problems.js';
import { ImportInProgressError } from './db/snapshots.js';
import { mintToken, tokenKeys } from './auth/token.js';
import { ROLES, type Role } from './auth/viewer.js';
import { createLogger } from './logger.js';
import { importRelease, type Release } from './importing/releases.js';
import { userInfo } from 'node:os';
import { importContacts, systemViewer } from './partnership/import.js';
import { importRoleKinds } from './partnership/role-kinds.js';
import {
  isStatisticsImport,
  parseStatisticsImport,
  STATISTICS_USAGE,
  StatisticsUsageError,
} from './statistics/import/commands.js';
import { COSTS_USAGE, CostsUsageError, isCostsImport, parseCostsImport } from './costs/import/commands.js';

const USAGE = `usage:
  import-boundaries --file F --version V [--code-property P]
  npm run db:migrate
  npm run import:geography -- --version ID --effective-from YYYY-MM-DD --county-code CODE --county-name NAME [--area-kind KIND] \\
      --localities FILE [--groupings FILE] --small-areas FILE [--parishes FILE] [--service-areas FILE] [--wards FILE [--parish-wards FILE]] [--description TEXT] [--source TEXT]
  npm run import:population -- --file FILE
  npm run import:small-area-lookup -- --lookup LSOA11_LSOA21.csv [--populations FILE]
  npm run import:contacts -- --file FILE [--dry-run]
  npm run token -- --roles ROLE[,ROLE] [--person ID] [--partner ID] [--localities CODE[,CODE]] [--subject TEXT] [--expires 8h]
      roles: ${ROLES.join(', ')}
${STATISTICS_USAGE}
${COSTS_USAGE}`;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Where a command writes, and the environment it reads its settings from. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

/**
 * Run one command; the exit code: 0 done, 1 refused (bad usage or settings, a store that cannot be
 * opened, a rejected import: said on stderr). Anything unexpected is thrown.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    await execute(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      io.stderr(error.report());
    } else if (error instanceof ImportInProgressError) {
      io.stderr(error.message);
    } else if (error instanceof ConfigError || error instanceof StartupError) {
      io.stderr(error.message);
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\n${USAGE}`);
    } else {
      throw error;
    }
    return 1;
  }
}

/**
 * An analytics import from the command line: the same path as the upload route (a new snapshot,
 * the files kept in the release store, recorded and audited as `cli:<user>`), so it needs no
 * server stopped: running servers switch to the snapshot it publishes.
 */
async function keptImport(stores: Stores, release: Release): Promise<string> {
  return (await importRelease(stores, release, systemViewer(`cli:${userInfo().username}`))).summary;
}

async function execute(argv: string[], io: CliIo): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig(io.env);
  const logger = createLogger({ LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });

  if (command === 'migrate') {
    const result = await migrate(config.DATABASE_URL);
    io.stdout(result.applied.length > 0 ? `applied ${result.applied.join(', ')}` : `up to date (${result.alreadyApplied} migrations)`);
    // The analytics store's (src/db/analytics-migrate.ts): opening the stores publishes a migrated
    // snapshot when the served one has migrations pending, so servers may start with MIGRATE_ON_START=false.
    const stores = await openStores({ ...config, MIGRATE_ON_START: true }, logger);
    try {
      const state = await stores.analytics.migrationState();
      io.stdout(`analytics store: up to date (${state.applied.length} migrations, snapshot ${stores.analytics.snapshotId})`);
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (command === 'import-geography' || command === 'import-population') {
    const { values } = parseArgs({
      args: rest,
      options: {
        version: { type: 'string' },
        'effective-from': { type: 'string' },
        'county-code': { type: 'string' },
        'county-name': { type: 'string' },
        'area-kind': { type: 'string' },
        localities: { type: 'string' },
        groupings: { type: 'string' },
        'role-kinds': { type: 'string' },
        'small-areas': { type: 'string' },
        parishes: { type: 'string' },
        'service-areas': { type: 'string' },
        wards: { type: 'string' },
        'parish-wards': { type: 'string' },
        description: { type: 'string' },
        source: { type: 'string' },
        file: { type: 'string' },
      },
      strict: true,
    });
    const stores = await openStores(config, logger);
    try {
      if (command === 'import-geography') {
        const summary = await importGeography(
          stores.records.prisma,
          stores.analytics,
          {
            localities: required(values, 'localities'),
            groupings: values.groupings,
            smallAreas: required(values, 'small-areas'),
            parishes: values.parishes,
            serviceAreas: values['service-areas'],
            wards: values.wards,
            parishWards: values['parish-wards'],
          },
          {
            versionId: required(values, 'version'),
            effectiveFrom: required(values, 'effective-from'),
            countyCode: required(values, 'county-code'),
            countyName: required(values, 'county-name'),
            areaKind: values['area-kind'],
            description: values.description,
            source: values.source,
          },
        );
        io.stdout(
          `geography version ${summary.versionId} loaded: ${summary.localities} localities, ${summary.parishes} parishes, ` +
            `${summary.smallAreas} small areas (${summary.weights} weights), ${summary.serviceAreas} service areas, ${summary.wards} wards`,
        );
        if (values['role-kinds']) {
          const kinds = await importRoleKinds(stores.records.prisma, systemViewer('cli:import-geography'), values['role-kinds']);
          io.stdout(`locality role kinds loaded: ${kinds.kinds} kinds (${kinds.created} new, ${kinds.updated} changed)`);
        }
      } else {
        io.stdout(await keptImport(stores, { kind: 'population', file: required(values, 'file') }));
      }
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (command === 'import-small-area-lookup') {
    const { values } = parseArgs({ args: rest, options: { lookup: { type: 'string' }, populations: { type: 'string' } }, strict: true });
    const lookup = required(values, 'lookup');
    const stores = await openStores(config, logger);
    try {
      io.stdout(await keptImport(stores, { kind: 'small-area-lookup', lookup, populations: values.populations }));
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (command === 'import-boundaries') {
    const { values } = parseArgs({
      args: rest,
      options: { file: { type: 'string' }, version: { type: 'string' }, 'code-property': { type: 'string' } },
      strict: true,
    });
    const release: Release = { kind: 'boundaries', file: required(values, 'file'), versionId: required(values, 'version'), codeProperty: values['code-property'] };
    const stores = await openStores(config, logger);
    try {
      io.stdout(await keptImport(stores, release));
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (command === 'import-contacts') {
    const { values } = parseArgs({ args: rest, options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true });
    const file = required(values, 'file');
    const stores = await openStores(config, logger);
    try {
      const summary = await importContacts(stores.records.prisma, systemViewer('cli:import-contacts'), { file }, { dryRun: values['dry-run'] ?? false });
      io.stdout(
        `${summary.dryRun ? 'contact list checked (dry run, nothing written)' : 'contact list loaded'}: ${summary.rows} rows; ` +
          `${summary.partnersCreated} new partners, ${summary.peopleCreated} new people, ${summary.peopleUpdated} people updated, ` +
          `${summary.rolesCreated} new roles, ${summary.rolesUnchanged} roles already held`,
      );
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (command === 'token') {
    const { values } = parseArgs({
      args: rest,
      options: {
        person: { type: 'string' },
        partner: { type: 'string' },
        roles: { type: 'string' },
        localities: { type: 'string' },
        subject: { type: 'string' },
        expires: { type: 'string' },
      },
      strict: true,
    });
    const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    const roles = list(required(values, 'roles'));
    const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
    if (unknown.length > 0) throw new UsageError(`unknown role ${unknown.join(', ')}`);
    const id = (name: 'person' | 'partner') => {
      const value = values[name];
      if (value === undefined) return undefined;
      if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--${name} must be a record id (a positive whole number)`);
      return Number(value);
    };
    const keys = tokenKeys(config);
    if (keys.kind !== 'secret') throw new UsageError('tokens are verified with JWT_JWKS_URL: get one from that identity provider');
    const personId = id('person');
    const token = await mintToken(
      keys.secret,
      { subject: values.subject ?? `cli:${personId ?? 'someone'}`, personId, partnerId: id('partner'), roles: roles as Role[], localities: list(values.localities) },
      { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, expiresIn: values.expires ?? '8h' },
    );
    io.stdout(token);
    return;
  }

  if (isStatisticsImport(command)) {
    let request;
    try {
      request = parseStatisticsImport(command, rest);
    } catch (error) {
      throw error instanceof StatisticsUsageError ? new UsageError(error.message) : error;
    }
    const stores = await openStores(config, logger);
    try {
      const { result, alerts } = await importWithAlerts(stores, alertSettings(config), () => keptImport(stores, { kind: 'statistics', request }), logger);
      io.stdout(result);
      if (alerts.events > 0) {
        io.stdout(`alerts: ${alerts.events} changes for the worse in live priorities' evidence, ${alerts.alerts} alerts, ${alerts.delivered} of ${alerts.deliveries} webhook deliveries made`);
      }
    } finally {
      await closeStores(stores);
    }
    return;
  }

  if (isCostsImport(command)) {
    let request;
    try {
      request = parseCostsImport(command, rest);
    } catch (error) {
      throw error instanceof CostsUsageError ? new UsageError(error.message) : error;
    }
    const stores = await openStores(config, logger);
    try {
      io.stdout(await keptImport(stores, { kind: 'costs', request }));
    } finally {
      await closeStores(stores);
    }
    return;
  }

  throw new UsageError(command ? `unknown command ${command}` : 'no command');
}
