/**
 * The analytics store's copy of the geography, rebuilt from the record store, which is the one
 * source: after every geography import, and at start-up when the two disagree (say a load went
 * to a shared PostgreSQL from another machine). The rebuild is one DuckDB transaction, so a
 * reader sees the old geography or the new one, never half of each.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { refreshAggregatesForGeography } from '../statistics/aggregates.js';
import { disclosureReferenceOf, forgetGeographyVersions } from './versions.js';

const MIRRORED_TABLES = [
  'geography_version',
  'locality',
  'locality_group',
  'version_locality',
  'small_area',
  'small_area_locality',
  'parish',
  'parish_locality',
] as const;

/** Rebuild the analytics store's geography tables from the record store. */
export async function mirrorGeography(prisma: RecordsClient, analytics: AnalyticsStore): Promise<void> {
  const [versions, localities, smallAreas, parishes, versionLocalities, weights, assignments, members] = await Promise.all([
    prisma.geographyVersion.findMany({ orderBy: { id: 'asc' } }),
    prisma.locality.findMany({ orderBy: { code: 'asc' } }),
    prisma.smallArea.findMany({ orderBy: { code: 'asc' } }),
    prisma.parish.findMany({ orderBy: { code: 'asc' } }),
    prisma.geographyVersionLocality.findMany({ select: { versionId: true, locality: { select: { code: true } } } }),
    prisma.smallAreaWeight.findMany({
      select: { versionId: true, weight: true, smallArea: { select: { code: true } }, locality: { select: { code: true } } },
    }),
    prisma.parishAssignment.findMany({
      select: { versionId: true, parish: { select: { code: true } }, locality: { select: { code: true } } },
    }),
    prisma.localityGroupMember.findMany({
      select: {
        locality: { select: { code: true } },
        group: { select: { code: true, name: true, position: true, grouping: { select: { versionId: true, code: true, name: true, position: true } } } },
      },
    }),
  ]);

  await analytics.transaction(async (tx) => {
    for (const table of MIRRORED_TABLES) await tx.run(`DELETE FROM ${table}`);
    for (const version of versions) {
      await tx.run(
        'INSERT INTO geography_version VALUES ($id, CAST($effective AS DATE), $countyCode, $countyName)',
        {
          id: version.id,
          effective: version.effectiveFrom.toISOString().slice(0, 10),
          countyCode: version.countyCode,
          countyName: version.countyName,
        },
      );
    }
    await tx.append('locality', localities.map((l) => [l.code, l.name]));
    await tx.append(
      'locality_group',
      members.map(({ locality, group }) => [
        group.grouping.versionId, group.grouping.code, group.grouping.name, group.grouping.position,
        group.code, group.name, group.position, locality.code,
      ]),
    );
    await tx.append('version_locality', versionLocalities.map((v) => [v.versionId, v.locality.code]));
    await tx.append('small_area', smallAreas.map((s) => [s.code, s.name]));
    await tx.append('small_area_locality', weights.map((w) => [w.versionId, w.smallArea.code, w.locality.code, w.weight]));
    await tx.append('parish', parishes.map((p) => [p.code, p.name]));
    await tx.append('parish_locality', assignments.map((a) => [a.versionId, a.parish.code, a.locality.code]));
    // Every precomputed profile is recomputed on the new geography, in the same transaction,
    // against the version now in force (disclosure control across versions).
    const newestFirst = [...versions].sort(
      (a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || b.loadedAt.getTime() - a.loadedAt.getTime(),
    );
    await refreshAggregatesForGeography(tx, disclosureReferenceOf(newestFirst, new Date()));
  });
  // Requests from now on read the versions just mirrored (versions.ts keeps the list).
  forgetGeographyVersions(analytics);
}

/** Whether the analytics store holds exactly the record store's geography versions. */
export async function mirrorIsCurrent(prisma: RecordsClient, analytics: AnalyticsStore): Promise<boolean> {
  const [records, mirrored] = await Promise.all([
    prisma.geographyVersion.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
    analytics.query<{ version_id: string }>('SELECT version_id FROM geography_version ORDER BY version_id'),
  ]);
  return records.map((v) => v.id).join('\n') === mirrored.map((v) => v.version_id).join('\n');
}
