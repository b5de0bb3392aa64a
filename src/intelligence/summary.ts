/**
 * Totals over intelligence items and community assets, counted by the database with the sharing
 * rule in the same query as the filter: a hidden item is in no total. One statement per total.
 */
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/records.js';
import { visibleWhere } from '../sharing/visibility.js';

export interface Count {
  key: string;
  count: number;
}

const byCountDesc = (a: Count, b: Count) => b.count - a.count || a.key.localeCompare(b.key);

/** Current items the viewer may see: how many, by theme, and by locality (county-wide ones apart). */
export async function intelligenceTotals(db: Db, viewer: Viewer) {
  const where = { AND: [visibleWhere(viewer), { closedOn: null }] };
  const [themes, localities, countyWide] = await Promise.all([
    db.intelligenceItem.groupBy({ by: ['theme'], where, _count: { _all: true } }),
    db.locality.findMany({ select: { code: true, _count: { select: { intelligence: { where } } } }, orderBy: { code: 'asc' } }),
    db.intelligenceItem.count({ where: { AND: [where, { countyWide: true }] } }),
  ]);
  const byTheme = themes.map((g) => ({ key: g.theme, count: g._count._all })).sort(byCountDesc);
  return {
    total: byTheme.reduce((sum, g) => sum + g.count, 0),
    byTheme,
    byLocality: localities.map((l) => ({ key: l.code, count: l._count.intelligence })),
    countyWide,
  };
}

/** Current assets the viewer may see: how many, by kind and by locality. */
export async function assetTotals(db: Db, viewer: Viewer) {
  const where = { AND: [visibleWhere(viewer), { closedOn: null }] };
  const [kinds, localities] = await Promise.all([
    db.communityAsset.groupBy({ by: ['kind'], where, _count: { _all: true } }),
    db.locality.findMany({ select: { code: true, _count: { select: { assets: { where } } } }, orderBy: { code: 'asc' } }),
  ]);
  const byKind = kinds.map((g) => ({ key: g.kind, count: g._count._all })).sort(byCountDesc);
  return {
    total: byKind.reduce((sum, g) => sum + g.count, 0),
    byKind,
    byLocality: localities.map((l) => ({ key: l.code, count: l._count.assets })),
  };
}
