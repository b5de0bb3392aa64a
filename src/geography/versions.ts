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
 * The version list is read once per request (one small query) when the context is made, so field
 * selections, which Pothos plans synchronously, can filter on it.
 */
import type { RecordsClient } from '../db/records.js';
import { NotFoundError } from '../errors.js';

export interface GeographyVersionInfo {
  id: string;
  effectiveFrom: Date;
  countyCode: string;
  countyName: string;
}

/** Matches no version: what fields read when nothing has been loaded yet. */
const NO_VERSION = '';

export class GeographyScope {
  /** The version in force, or null before any geography is loaded. */
  readonly current: GeographyVersionInfo | null;

  constructor(
    /** Every version, newest effective date first. */
    readonly versions: readonly GeographyVersionInfo[],
    now: Date,
  ) {
    this.current = versions.find((version) => version.effectiveFrom <= now) ?? null;
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

export async function loadGeographyScope(prisma: RecordsClient, now = new Date()): Promise<GeographyScope> {
  const versions = await prisma.geographyVersion.findMany({
    select: { id: true, effectiveFrom: true, countyCode: true, countyName: true },
    orderBy: [{ effectiveFrom: 'desc' }, { loadedAt: 'desc' }],
  });
  return new GeographyScope(versions, now);
}
