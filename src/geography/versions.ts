/**
 * Which geography version a request reads. Boundaries are fluid, so every version-dependent field
 * takes an optional `geographyVersion`; without one it reads the current version: the latest
 * whose effective date has come (a version loaded ahead of its date waits until then).
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

  /** The version with this id (NOT_FOUND if there is none), or the current one when none is asked for. */
  version(asked?: string | null): GeographyVersionInfo | null {
    if (asked === undefined || asked === null) return this.current;
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
