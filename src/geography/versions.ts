/**
 * Which geography version a request reads. Boundaries are fluid, so every version-dependent field
 * takes an optional `geographyVersion`; without one it reads the current version: the latest
 * whose effective date has come (a version loaded ahead of its date waits until then).
 *
 * A `geographyVersion` given on a root field (`locality(code:, geographyVersion:)`) is the version
 * of the whole request: nested fields without their own argument read it too, so a locality asked
 * for at 2019's boundaries shows 2019's small areas and population. requestVersionPlugin sets it
 * before execution; root fields that disagree are refused (BAD_USER_INPUT).
 *
 * The version list is known before execution, so field selections, which Pothos plans
 * synchronously, can filter on it. It is read from the record store once and then kept with the
 * analytics store whose geography mirror matches it: the mirror is rebuilt, and the list read
 * again, after every geography import in this process (analytics-mirror.ts). A version loaded
 * by another process into a shared database shows after a restart, when the mirror is rebuilt
 * too, so a request never sees a version the analytics store does not hold. Which version is
 * current is still decided per request, so a version loaded ahead of its date comes into force
 * on the day without a restart.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { NotFoundError } from '../errors.js';

export interface GeographyVersionInfo {
  id: string;
  effectiveFrom: Date;
  countyCode: string;
  countyName: string;
  /** The groupings of localities the version defines, in order, each group with its locality codes. */
  groupings: GroupingInfo[];
}

export interface GroupingInfo {
  code: string;
  name: string;
  groups: { code: string; name: string; localities: string[] }[];
}

/** Matches no version: what fields read when nothing has been loaded yet. */
const NO_VERSION = '';

/**
 * The version whose table disclosure control protects on its own, every other version publishing
 * only what it publishes (src/statistics/disclosure.ts, rule 6): the version in force, or before
 * any is in force the first to come into force. `versions` newest effective date first (ties: the
 * latest loaded first), as GeographyScope keeps them.
 */
export function disclosureReferenceOf(versions: readonly { id: string; effectiveFrom: Date }[], now: Date): string | null {
  return (versions.find((version) => version.effectiveFrom <= now) ?? versions.at(-1))?.id ?? null;
}

export class GeographyScope {
  /** The version in force, or null before any geography is loaded. */
  readonly current: GeographyVersionInfo | null;
  /** The version disclosure control across versions compares every other with (disclosureReferenceOf). */
  readonly disclosureReference: string | null;

  constructor(
    /** Every version, newest effective date first. */
    readonly versions: readonly GeographyVersionInfo[],
    now: Date,
  ) {
    this.current = versions.find((version) => version.effectiveFrom <= now) ?? null;
    this.disclosureReference = disclosureReferenceOf(versions, now);
  }

  /** The version a root field of this request asked for, if any (set once, before execution). */
  private requested: string | null = null;

  /** Makes `id` the default version of the rest of this request (NOT_FOUND if there is none). */
  useForRequest(id: string): void {
    this.version(id);
    this.requested = id;
  }

  /**
   * The version with this id (NOT_FOUND if there is none); without one, the version the request
   * asked for at its root, else the current one.
   */
  version(asked?: string | null): GeographyVersionInfo | null {
    if (asked === undefined || asked === null) {
      return this.requested === null ? this.current : this.version(this.requested);
    }
    const found = this.versions.find((version) => version.id === asked);
    if (!found) throw new NotFoundError('Geography version', asked);
    return found;
  }

  /** The id of `version(asked)`, or an id matching nothing before any geography is loaded. */
  versionId(asked?: string | null): string {
    return this.version(asked)?.id ?? NO_VERSION;
  }
}

const knownVersions = new WeakMap<object, Promise<readonly GeographyVersionInfo[]>>();

/** Read the version list again on next use: the analytics mirror has just been rebuilt. */
export function forgetGeographyVersions(analytics: AnalyticsStore): void {
  knownVersions.delete(analytics.cacheKey);
}

export async function loadGeographyScope(
  prisma: RecordsClient,
  analytics: AnalyticsStore,
  now = new Date(),
): Promise<GeographyScope> {
  let versions = knownVersions.get(analytics.cacheKey);
  if (!versions) {
    // The groupings come with the list: they are known before execution too, so group filters and
    // `groups` fields cost no statement per request.
    versions = prisma.geographyVersion
      .findMany({
        select: {
          id: true,
          effectiveFrom: true,
          countyCode: true,
          countyName: true,
          groupings: {
            orderBy: { position: 'asc' },
            select: {
              code: true,
              name: true,
              groups: {
                orderBy: { position: 'asc' },
                select: { code: true, name: true, members: { select: { locality: { select: { code: true } } } } },
              },
            },
          },
        },
        orderBy: [{ effectiveFrom: 'desc' }, { loadedAt: 'desc' }],
      })
      .then((rows) =>
        rows.map((row) => ({
          ...row,
          groupings: row.groupings.map((grouping) => ({
            code: grouping.code,
            name: grouping.name,
            groups: grouping.groups.map((g) => ({ code: g.code, name: g.name, localities: g.members.map((m) => m.locality.code).sort() })),
          })),
        })),
      );
    knownVersions.set(analytics.cacheKey, versions);
    // A failed read is not kept: the next request tries again.
    versions.catch(() => knownVersions.delete(analytics.cacheKey));
  }
  return new GeographyScope(await versions, now);
}
