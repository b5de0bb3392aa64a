/**
 * The HTTP server: Express 5 with Apollo Server 5 at /graphql, a /healthz that checks both
 * stores, and room for plain routes (CSV downloads, profile pages) beside them.
 *
 * `startServer(config)` opens the stores (migrating the record store and creating the analytics
 * tables), brings the analytics copy of the geography up to date, loads the default dataset (src/dataset.ts) into empty
 * stores, and listens. `stop()` closes HTTP, Apollo, Prisma and DuckDB in that order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { closeStores, openStores, StartupError, type Stores } from './db/stores.js';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors.js';
import { mirrorGeography, mirrorIsCurrent } from './geography/analytics-mirror.js';
import { createLogger } from './logger.js';
import { loadDatasetIfEmpty } from './dataset.js';
import { type Context, createContext } from './schema/context.js';
import { InvalidTokenError, tokenKeys, tokenVerifier } from './auth/token.js';
import type { Viewer } from './auth/viewer.js';
import { requestVersionPlugin } from './geography/request-version.js';
import { restrictedReadsPlugin } from './sharing/read-audit.js';
import { schema } from './schema/index.js';
import { exportsRouter } from './exports/router.js';
import { pagesRouter } from './pages/router.js';

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
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

async function health(stores: Stores) {
  const check = async (probe: () => Promise<unknown>) => {
    try {
      await probe();
      return 'ok' as const;
    } catch {
      return 'unavailable' as const;
    }
  };
  const [records, analytics] = await Promise.all([
    check(() => stores.records.prisma.$queryRawUnsafe('SELECT 1')),
    check(() => stores.analytics.query('SELECT 1 AS ok')),
  ]);
  return { status: records === 'ok' && analytics === 'ok' ? 'ok' : 'degraded', records, analytics };
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
  const stores = await openStores(config, logger);
  let httpServer: http.Server | undefined;
  try {
    if (!(await mirrorIsCurrent(stores.records.prisma, stores.analytics))) {
      await mirrorGeography(stores.records.prisma, stores.analytics);
      logger.info('analytics copy of the geography rebuilt from the record store');
    }
    if (config.LOAD_SAMPLE_DATA) await loadDatasetIfEmpty(stores, config.DATASET_DIR, logger);

    const app = express();
    httpServer = http.createServer(app);
    const apollo = new ApolloServer<Context>({
      schema,
      formatError: maskErrors(logger),
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
        requestVersionPlugin,
        restrictedReadsPlugin,
      ],
    });
    await apollo.start();

    app.disable('x-powered-by');
    app.get('/healthz', async (_req, res) => {
      const report = await health(stores);
      res.status(report.status === 'ok' ? 200 : 503).json(report);
    });
    const statistics = { smallNumberThreshold: config.SMALL_NUMBER_THRESHOLD };
    const limits = {
      depth: config.MAX_QUERY_DEPTH,
      breadth: config.MAX_QUERY_BREADTH,
      complexity: config.MAX_QUERY_COMPLEXITY,
    };
    // Every route after /healthz knows its viewer: a bad token is refused here, before any route.
    const keys = tokenKeys(config);
    if (keys.kind === 'secret' && keys.source === 'development file') {
      logger.warn(
        { file: keys.file },
        'neither JWT_SECRET nor JWT_JWKS_URL is set: tokens are signed with a development secret; ' +
          'get one with `npm run --silent token -- --person 1 --partner 1 --roles ADMIN` (never do this in production)',
      );
    }
    const verify = tokenVerifier(config, keys);
    const viewers = new WeakMap<express.Request, Viewer>();
    app.use(async (req, res, next) => {
      try {
        viewers.set(req, await verify(req.headers.authorization));
        next();
      } catch (error) {
        if (!(error instanceof InvalidTokenError)) return next(error);
        logger.info({ reason: error.reason, path: req.path }, 'refused a bearer token');
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer error="invalid_token"')
          .json({ errors: [{ message: 'The bearer token is not valid: sign in again', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      }
    });
    // One context per request, for /graphql and for the pages and downloads that run GraphQL in-process.
    const requestContext = async (req: express.Request) =>
      createContext({ prisma: stores.records.prisma, analytics: stores.analytics, limits, logger, viewer: viewers.get(req)!, statistics });
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ req }) => requestContext(req),
      }),
    );
    app.use(exportsRouter({ context: requestContext, logger }), pagesRouter({ context: requestContext, logger }));

    const port = await listen(httpServer, config);
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    const url = `http://${host}:${port}`;
    logger.info({ url: `${url}/graphql`, records: stores.records.kind, analytics: config.DUCKDB_PATH }, 'serving');

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
