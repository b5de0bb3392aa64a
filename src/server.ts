/**
 * The HTTP server: Express 5 with Apollo Server 5 at /graphql, a /healthz that checks both
 * stores, the home page and the offline GraphiQL (src/home/), and room for plain routes (CSV
 * downloads, profile pages) beside them.
 *
 * `startServer(config)` opens the stores (migrating the record store and creating the analytics
 * tables), brings the analytics copy of the geography up to date, loads the default dataset (src/dataset.ts) into empty
 * stores, and listens. `stop()` closes HTTP, Apollo, Prisma and DuckDB in that order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import helmet from 'helmet';
import { createHash, randomBytes } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { health } from './db/health.js';
import { closeStores, openStores, type Stores } from './db/stores.js';
import { ErrorCode, PUBLIC_ERROR_CODES, typedErrorFor, StartupError } from './errors.js';
import { useCursorKey, withCursorScope } from './sharing/cursors.js';
import { AUTO_SUBMIT_SCRIPT } from './presenting/layout.js';
import { inputChecksPlugin } from './schema/input-checks.js';
import { mirrorGeography, mirrorIsCurrent } from './geography/analytics-mirror.js';
import { createLogger } from './logger.js';
import { loadDatasetIfEmpty } from './dataset.js';
import { ensureAggregates } from './statistics/aggregates.js';
import { ImportInProgressError } from './db/snapshots.js';
import { type Context, createContext } from './schema/context.js';
import { loadInsightConfig } from './insight/config.js';
import { InvalidTokenError, tokenKeys, tokenVerifier } from './auth/token.js';
import type { Viewer } from './auth/viewer.js';
import { requestVersionPlugin } from './geography/request-version.js';
import { loadGeographyScope } from './geography/versions.js';
import { admission } from './http/admission.js';
import { answerCache } from './http/answer-cache.js';
import { httpCaching } from './http/caching.js';
import { restrictedReadsPlugin } from './sharing/read-audit.js';
import { schema } from './schema/index.js';
import { exportsRouter } from './exports/router.js';
import { pagesRouter } from './pages/router.js';
import { homeRouter } from './home/router.js';
import { influenceRouter } from './influence/page.js';
import { mapsRouter } from './maps/router.js';
import { alertSettings } from './alerts/after-import.js';
import { importsRouter } from './importing/router.js';
import { calendarsRouter } from './calendars/router.js';
import { useCalendarKey } from './calendars/keys.js';

export interface RunningServer {
  url: string;
  port: number;
  stores: Stores;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * Pass a client's own mistakes through (typed errors, invalid documents); mask everything else:
 * logged in full here, a generic message to the client.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let code = formatted.extensions?.code;
    // A literal our own scalar refused (a Date, a Cursor) is the client's input at fault, as the
    // same value in a variable is.
    const original = (error as { originalError?: unknown }).originalError;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.extensions.code === ErrorCode.BAD_USER_INPUT) {
      code = ErrorCode.BAD_USER_INPUT;
      formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const where = {
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
    };
    // A library's refusal of the client's input, or a busy store: typed, not an internal error.
    const typed = typedErrorFor(error);
    if (typed) {
      logger.info({ code: typed.extensions.code, reason: typed.message, path: formatted.path }, 'client error');
      return { message: typed.message, ...where, extensions: typed.extensions };
    }
    logger.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, 'internal error');
    return { message: 'Internal server error', ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/**
 * Headers every page and download carries (helmet's defaults, with a Content-Security-Policy that
 * allows only this server's own stylesheet and the one inline script, by its hash), so a page
 * cannot be framed, sniffed into another type, or made to run injected script.
 */
function securityHeaders() {
  const scriptHash = `'sha256-${createHash('sha256').update(AUTO_SUBMIT_SCRIPT).digest('base64')}'`;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", scriptHash],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
}

/** A JSON GraphQL error body, the only shape of failure /graphql ever sends (never an HTML page). */
function jsonError(res: express.Response, status: number, message: string, code: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

function listen(server: http.Server, config: Config): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          'PORT',
          error.code === 'EADDRINUSE'
            ? `${config.PORT} is already in use on ${config.HOST}: stop the other server or choose another PORT`
            : `${config.PORT}: cannot listen (${error.code ?? error.message})`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(config: Config, logger: Logger = createLogger(config)): Promise<RunningServer> {
  // Read before the stores open, so a bad rules file or token setting stops start-up with nothing to close.
  const insight = loadInsightConfig(config.INSIGHT_CONFIG_FILE);
  const keys = tokenKeys(config);
  const stores = await openStores(config, logger);
  let httpServer: http.Server | undefined;
  try {
    if (!(await mirrorIsCurrent(stores.records.prisma, stores.analytics))) {
      await mirrorGeography(stores.records.prisma, stores.analytics);
      logger.info('analytics copy of the geography rebuilt from the record store');
    }
    if (config.LOAD_SAMPLE_DATA) await loadDatasetIfEmpty(stores, config.DATASET_DIR, logger);
    const statistics = { smallNumberThreshold: config.SMALL_NUMBER_THRESHOLD, minimumCoverage: config.PROFILE_MINIMUM_COVERAGE };
    // Made against the version in force now (disclosure control across versions, rule 6).
    const versionInForce = (await loadGeographyScope(stores.records.prisma, stores.analytics)).disclosureReference;
    // Precomputed profiles for this server's settings, where missing (src/statistics/aggregates.ts).
    // Nothing missing: nothing is written (no new snapshot). Missing: they are made in a new
    // snapshot, unless another process is publishing one right now (then requests compute the
    // missing profiles on request until a later start or import makes them).
    try {
      const computed = await ensureAggregates(stores.analytics, { ...statistics, versionInForce });
      if (computed.length > 0) logger.info({ versions: computed }, 'profiles precomputed');
    } catch (error) {
      if (!(error instanceof ImportInProgressError)) throw error;
      logger.warn({ reason: error.message }, 'profiles not precomputed at start: another process is publishing a snapshot');
    }

    const app = express();
    httpServer = http.createServer(app);
    const apollo = new ApolloServer<Context>({
      schema,
      formatError: maskErrors(logger),
      // Introspection policy (README, "Security"): on unless GRAPHQL_INTROSPECTION=false; when off,
      // error messages stop suggesting field names too, which would otherwise reveal the schema.
      introspection: config.GRAPHQL_INTROSPECTION,
      hideSchemaDetailsFromClientErrors: !config.GRAPHQL_INTROSPECTION,
      includeStacktraceInErrorResponses: false,
      // Compact JSON: Apollo pretty-prints by default, which doubles a large profile's bytes and
      // its serialisation time for no reader's benefit.
      stringifyResult: (value) => JSON.stringify(value),
      // main.ts owns SIGTERM/SIGINT (to close the stores too); Apollo's own handler would re-raise.
      stopOnTerminationSignals: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }) as ApolloServerPlugin<Context>,
        // No cache hints are used; Apollo's default cache-control plugin would wrap every field
        // resolver (thousands in a profile) for nothing.
        ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin<Context>,
        // Apollo's landing page loads its IDE from the internet; GraphiQL is served offline instead (src/home/).
        ApolloServerPluginLandingPageDisabled() as ApolloServerPlugin<Context>,
        inputChecksPlugin,
        requestVersionPlugin,
        restrictedReadsPlugin,
      ],
    });
    await apollo.start();

    app.disable('x-powered-by');
    // The only validators are src/http/caching.ts's (derived from the data, not from each body).
    app.set('etag', false);
    app.use(securityHeaders());
    const gate = admission({
      capacity: config.MAX_CONCURRENT_REQUESTS,
      queue: config.MAX_QUEUED_REQUESTS,
      perClient: config.MAX_REQUESTS_PER_CLIENT,
      retryAfter: config.OVERLOAD_RETRY_AFTER,
    });
    // Before the admission queue: a health check answers however busy the server is.
    app.get('/healthz', async (_req, res) => {
      const report = await health(stores);
      res.status(report.status === 'ok' ? 200 : 503).set('Cache-Control', 'no-store').json({ ...report, load: gate.load() });
    });
    app.use(gate.middleware);
    app.use(homeRouter(schema));
    const limits = {
      depth: config.MAX_QUERY_DEPTH,
      breadth: config.MAX_QUERY_BREADTH,
      complexity: config.MAX_QUERY_COMPLEXITY,
    };
    // Every route after /healthz knows its viewer: a bad token is refused here, before any route.
    if (keys.kind === 'secret' && keys.source === 'development file') {
      logger.warn(
        { file: keys.file },
        'neither JWT_SECRET nor JWT_JWKS_URL is set: tokens are signed with a development secret; ' +
          'get one with `npm run --silent token -- --person 1 --partner 1 --roles ADMIN` (never do this in production)',
      );
    }
    useCursorKey(config.CURSOR_SECRET ?? (keys.kind === 'secret' ? keys.secret : randomBytes(32)));
    useCalendarKey(config.CALENDAR_SECRET ?? (keys.kind === 'secret' ? keys.secret : randomBytes(32)));
    const verify = tokenVerifier(config, keys, stores.records.prisma);
    const viewers = new WeakMap<express.Request, Viewer>();
    app.use(async (req, res, next) => {
      try {
        const viewer = await verify(req.headers.authorization);
        viewers.set(req, viewer);
        // Cursors given and taken in this request are bound to what this viewer may see.
        withCursorScope(viewer, () => next());
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) return next(error);
        logger.info({ reason: error.reason, path: req.path }, 'refused a bearer token');
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer error="invalid_token"')
          .json({ errors: [{ message: 'The bearer token is not valid: sign in again', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      }
    });
    // The data's version is the served snapshot's id: every write publishes a new one, and servers
    // sharing a record store give the same answer (and tag) for the same snapshot.
    const cachingSources = { dataToken: async () => `snapshot-${stores.analytics.snapshotId}`, prisma: stores.records.prisma, viewerOf: (req: express.Request) => viewers.get(req) };
    app.use(httpCaching(cachingSources));
    // Anonymous answers kept in memory under the same tag: GET answers here, GraphQL POSTs once
    // their JSON body is parsed (below).
    const answers = answerCache(cachingSources, config.ANSWER_CACHE_MEGABYTES * 1024 * 1024);
    app.use(answers.middleware);
    // One context per request, for /graphql and for the pages and downloads that run GraphQL in-process.
    // A request reads ONE analytics snapshot from its first statement to its last (pinned here,
    // released when its response closes), so a switch to a new snapshot never mixes two releases.
    const requestContext = async (req: express.Request) => {
      const analytics = stores.analytics.pin();
      if (req.res) req.res.once('close', () => analytics.close());
      else analytics.close();
      return createContext({ prisma: stores.records.prisma, analytics, limits, logger, viewer: viewers.get(req)!, statistics, insight });
    };
    app.use(importsRouter({ stores, viewer: (req) => viewers.get(req)!, maxBytes: config.IMPORT_MAX_MEGABYTES * 1024 * 1024, logger, alerts: alertSettings(config) }));
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      answers.middleware,
      expressMiddleware(apollo, {
        context: async ({ req }) => requestContext(req),
      }),
    );
    app.use(
      exportsRouter({ context: requestContext, logger }),
      influenceRouter({ context: requestContext, logger }),
      pagesRouter({ context: requestContext, logger }),
      mapsRouter({ context: requestContext, logger }),
      calendarsRouter({ context: requestContext, logger }),
    );
    // Whatever failed before a route answered (a body that is not JSON, or over 1 MB): a JSON
    // GraphQL error with a code, never Express's HTML page with a stack.
    app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (res.headersSent) return next(error);
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        const type = (error as { type?: string }).type;
        const message =
          type === 'entity.too.large'
            ? 'The request body is over the 1 MB limit'
            : type === 'entity.parse.failed'
              ? 'The request body is not valid JSON'
              : 'The request is malformed';
        logger.info({ reason: type ?? status, path: req.path }, 'malformed request refused');
        return jsonError(res, status, message, ErrorCode.BAD_REQUEST);
      }
      logger.error({ err: error, path: req.path }, 'internal error');
      jsonError(res, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
    });

    const port = await listen(httpServer, config);
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    const url = `http://${host}:${port}`;
    // Snapshots published by any importer (another server, the command line) are picked up here.
    await stores.analytics.startWatching(config.SNAPSHOT_POLL_MS);
    logger.info({ url: `${url}/graphql`, records: stores.records.kind, analytics: config.ANALYTICS_SNAPSHOT_DIR, snapshot: stores.analytics.snapshotId }, 'serving');

    let stopping: Promise<void> | undefined;
    const server = httpServer;
    return {
      url,
      port,
      stores,
      logger,
      stop: () => {
        stopping ??= (async () => {
          await apollo.stop(); // drains and closes the HTTP server
          if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
          await closeStores(stores);
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    httpServer?.close();
    await closeStores(stores).catch(() => undefined);
    throw error;
  }
}
