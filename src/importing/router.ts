/**
 * Imports while serving: `POST /imports/<importer>` with one release file as the request body
 * (`curl --data-binary @file`), for an ANALYST or ADMIN. The file goes through the same path as
 * the command line (src/importing/releases.ts): all or nothing into a new snapshot that readers
 * switch to when it is complete, kept content-addressed, recorded and audited. The answer is the
 * command line's report: `200 { summary, release, snapshot, alerts }`, or `422` with every problem
 * (`file:line: reason`, also as `extensions.problems`), or `409 CONFLICT` while another import runs.
 * A statistics release raises alerts exactly as the command line's import does
 * (src/alerts/after-import.ts): `alerts` counts the changes for the worse in live priorities'
 * evidence, the alerts recorded and the webhook deliveries made (null for costs and boundaries,
 * which change no indicator).
 *
 * Why a plain HTTP route and not a GraphQL mutation: a release is a file of up to hundreds of
 * megabytes; GraphQL has no file type (the multipart upload convention needs a CSRF exception and
 * a parser), JSON would inflate it, and the answer is a report rather than a graph. The query
 * string carries the command line's options:
 *   indicators            ?as=catalogue|data (default: data, or catalogue for a .json name)
 *   population-estimates, census2021, police-crime   ?onlyLoadedAreas=true
 *   iod2019-indicators    ?as=file8|subdomains [&onlyLoadedAreas=true]
 *   spend, unit-costs, deflators [?series=NAME]
 *   boundaries            ?version=ID [&codeProperty=P]
 * and `name=` the file's name (its extension matters: `.gz`, `.json`; default `upload.csv`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import { type AlertSettings, importWithAlerts } from '../alerts/after-import.js';
import type { Viewer } from '../auth/viewer.js';
import { parseCostsImport, type CostsCommand } from '../costs/import/commands.js';
import type { Stores } from '../db/stores.js';
import { ImportInProgressError } from '../db/snapshots.js';
import { ErrorCode } from '../errors.js';
import { parseStatisticsImport, type StatisticsImport } from '../statistics/import/commands.js';
import { ImportRejectedError } from './problems.js';
import { importRelease, type Release } from './releases.js';

const STATISTICS = ['indicators', 'population-estimates', 'census2021', 'police-crime', 'iod2019-indicators'] as const;
const COSTS = ['spend', 'unit-costs', 'deflators'] as const;

class UploadUsageError extends Error {}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The release a request names, with the uploaded file at `file`. */
function releaseFor(importer: string, query: Record<string, unknown>, file: string): Release {
  const only = text(query.onlyLoadedAreas) === 'true' ? ['--only-loaded-areas'] : [];
  const parse = (command: StatisticsImport['command'], args: string[]) => {
    try {
      return parseStatisticsImport(command, args);
    } catch (error) {
      throw new UploadUsageError((error as Error).message);
    }
  };
  if (importer === 'indicators') {
    const as = text(query.as) ?? (file.toLowerCase().endsWith('.json') ? 'catalogue' : 'data');
    if (as !== 'catalogue' && as !== 'data') throw new UploadUsageError('as= must be catalogue or data');
    return { kind: 'statistics', request: parse('import-indicators', [`--${as}`, file]) };
  }
  if (importer === 'iod2019-indicators') {
    const as = text(query.as);
    if (as !== 'file8' && as !== 'subdomains') throw new UploadUsageError('as= must be file8 or subdomains');
    return { kind: 'statistics', request: parse('import-iod2019-indicators', [`--${as}`, file, ...only]) };
  }
  if ((STATISTICS as readonly string[]).includes(importer)) {
    return { kind: 'statistics', request: parse(`import-${importer}` as StatisticsImport['command'], [file, ...only]) };
  }
  if ((COSTS as readonly string[]).includes(importer)) {
    const series = text(query.series);
    try {
      return { kind: 'costs', request: parseCostsImport(`import-${importer}` as CostsCommand, ['--file', file, ...(series ? ['--series', series] : [])]) };
    } catch (error) {
      throw new UploadUsageError((error as Error).message);
    }
  }
  if (importer === 'boundaries') {
    const version = text(query.version);
    if (!version) throw new UploadUsageError('version= (the geography version) is required');
    return { kind: 'boundaries', file, versionId: version, codeProperty: text(query.codeProperty) };
  }
  throw new UploadUsageError(`unknown importer "${importer}": one of ${[...STATISTICS, ...COSTS, 'boundaries'].join(', ')}`);
}

const fail = (res: express.Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) =>
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });

export function importsRouter(deps: { stores: Stores; viewer: (req: express.Request) => Viewer; maxBytes: number; logger: Logger; alerts: AlertSettings }) {
  const router = express.Router();
  router.post(
    '/imports/:importer',
    (req, res, next) => {
      // Who may import is decided before the body is read.
      const viewer = deps.viewer(req);
      if (viewer.anonymous) return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to import a release');
      if (!viewer.roles.has('ANALYST') && !viewer.roles.has('ADMIN')) {
        return fail(res, 403, ErrorCode.FORBIDDEN, 'Only an ANALYST or an ADMIN imports releases');
      }
      next();
    },
    express.raw({ type: () => true, limit: deps.maxBytes }),
    async (req, res) => {
      const viewer = deps.viewer(req);
      const name = text(req.query.name) ?? 'upload.csv';
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name)) {
        return fail(res, 400, ErrorCode.BAD_USER_INPUT, 'name= must be a plain file name (letters, digits, ".", "_", "-")');
      }
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body) || body.length === 0) return fail(res, 400, ErrorCode.BAD_USER_INPUT, 'Send the release file as the request body');
      const dir = await mkdtemp(path.join(tmpdir(), 'li-upload-'));
      try {
        const file = path.join(dir, name);
        await writeFile(file, body);
        const release = releaseFor(String(req.params.importer), req.query as Record<string, unknown>, file);
        const run = () => importRelease(deps.stores, release, viewer);
        const { result: done, alerts } =
          release.kind === 'statistics' ? await importWithAlerts(deps.stores, deps.alerts, run, deps.logger) : { result: await run(), alerts: null };
        deps.logger.info({ release: done.releaseId, by: viewer.subject, importer: req.params.importer }, 'release imported');
        res.json({
          summary: done.summary,
          release: { id: done.releaseId, sha256: done.sha256, files: done.files.map(({ name: n, sha256, bytes }) => ({ name: n, sha256, bytes })) },
          snapshot: deps.stores.analytics.snapshotId,
          alerts,
        });
      } catch (error) {
        if (error instanceof ImportRejectedError) {
          return res.status(422).json({ errors: [{ message: error.message, extensions: error.extensions }], report: error.report() });
        }
        if (error instanceof ImportInProgressError) return res.status(409).json({ errors: [{ message: error.message, extensions: error.extensions }] });
        if (error instanceof UploadUsageError) return fail(res, 400, ErrorCode.BAD_USER_INPUT, error.message);
        deps.logger.error({ err: error, importer: req.params.importer }, 'internal error');
        fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
  // A body over the limit: said in the route's own terms.
  router.use('/imports', (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if ((error as { type?: string }).type === 'entity.too.large') {
      return fail(res, 413, ErrorCode.BAD_REQUEST, `The release is over the ${Math.round(deps.maxBytes / 1024 / 1024)} MB limit (IMPORT_MAX_MEGABYTES)`);
    }
    next(error);
  });
  return router;
}
