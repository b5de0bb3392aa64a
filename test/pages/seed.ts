/**
 * Indicators for the page and download tests, written by the test straight into the analytics
 * tables of a test server on the sample geography (the importers have their own tests): values
 * that differ by locality so the profiles show better, similar and worse localities, rising and
 * flat trends, and one locality whose small count is withheld.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importBoundaries } from '../../src/maps/import.js';
import { refreshAggregates } from '../../src/statistics/aggregates.js';
import type { TestServer } from '../support/server.js';

export const YEARS = [2015, 2016, 2017, 2018, 2019, 2020];

interface SeedIndicator {
  id: string;
  name: string;
  definition: string;
  unit: string;
  valueType: 'COUNT' | 'PROPORTION' | 'RATE';
  multiplier: number;
  polarity: 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT';
  aggregation: 'SUM' | 'RATIO';
  theme: string;
  source: string;
  /** Numerator and denominator of one small area in one year; `rank` orders the small area's home locality. */
  observe: (code: string, locality: string, year: number) => { numerator: number; denominator: number | null };
}

/** The sample's nine localities in a fixed order, so values differ by locality deterministically. */
const ORDER = ['hereford-city', 'leominster', 'bromyard', 'ross-on-wye', 'ledbury', 'kington', 'weobley', 'golden-valley', 'mortimer'];
const spread = (locality: string) => ORDER.indexOf(locality);
const jitter = (code: string) => Number(code.slice(-3)) % 7;

export const PAGE_INDICATORS: SeedIndicator[] = [
  {
    id: 'page-smoking',
    name: 'Smoking prevalence in adults',
    definition: 'Adults who smoke, as a percentage of adults surveyed.',
    unit: '%',
    valueType: 'PROPORTION',
    multiplier: 100,
    polarity: 'HIGHER_IS_WORSE',
    aggregation: 'RATIO',
    theme: 'health',
    source: 'Test survey',
    observe: (code, locality, year) => ({ numerator: 60 + spread(locality) * 12 + jitter(code) - (year - 2015) * 2, denominator: 1000 }),
  },
  {
    id: 'page-employment',
    name: 'Employment rate',
    definition: 'People aged 16-64 in employment, as a percentage of people aged 16-64.',
    unit: '%',
    valueType: 'PROPORTION',
    multiplier: 100,
    polarity: 'HIGHER_IS_BETTER',
    aggregation: 'RATIO',
    theme: 'economy',
    source: 'Test labour survey',
    observe: (code, locality) => ({ numerator: 700 + (4 - spread(locality)) * 15 + jitter(code), denominator: 1000 }),
  },
  {
    id: 'page-crime-rate',
    name: 'Recorded crime rate',
    definition: 'Crimes recorded by the police per 1,000 residents.',
    unit: 'per 1,000',
    valueType: 'RATE',
    multiplier: 1000,
    polarity: 'HIGHER_IS_WORSE',
    aggregation: 'RATIO',
    theme: 'crime',
    source: 'Test police force',
    observe: (code, locality, year) => ({ numerator: 40 + ((spread(locality) * 5) % 17) + jitter(code) + (year - 2015), denominator: 1500 }),
  },
  {
    id: 'page-rare-events',
    name: 'Rare events',
    definition: 'Events so rare that one locality has too few to publish.',
    unit: 'events',
    valueType: 'COUNT',
    multiplier: 1,
    polarity: 'HIGHER_IS_WORSE',
    aggregation: 'SUM',
    theme: 'health',
    source: 'Test register',
    observe: (code, locality) => ({ numerator: locality === 'kington' ? (jitter(code) === 0 ? 1 : 0) : 3, denominator: null }),
  },
];

type IndicatorOverride = Partial<Omit<SeedIndicator, 'observe'>> & Pick<SeedIndicator, 'id' | 'observe'>;

/** Writes the indicators (PAGE_INDICATORS, or these) and their observations into the test server's analytics store. */
export async function seedIndicators(t: TestServer, indicators: readonly (SeedIndicator | IndicatorOverride)[] = PAGE_INDICATORS): Promise<void> {
  const db = t.server.stores.analytics;
  const weights = await db.query<{ small_area_code: string; locality_code: string; weight: number }>(
    `SELECT small_area_code, locality_code, weight FROM small_area_locality
     WHERE version_id = (SELECT max(version_id) FROM geography_version)`,
  );
  const home = new Map<string, { locality: string; weight: number }>();
  for (const w of weights) {
    const known = home.get(w.small_area_code);
    if (!known || w.weight > known.weight) home.set(w.small_area_code, { locality: w.locality_code, weight: w.weight });
  }
  const base = PAGE_INDICATORS[0]!;
  await db.transaction(async (tx) => {
    for (const given of indicators) {
      const i = { ...base, ...given };
      await tx.append('indicator', [
        [i.id, i.name, i.definition, i.unit, i.valueType, i.multiplier, i.polarity, i.aggregation, null, 'all ages', i.theme, i.source, 'test release 1', 'Open Government Licence v3.0', true, new Date().toISOString()],
      ]);
      const rows: (string | number | null)[][] = [];
      for (const [code, { locality }] of home) {
        for (const year of YEARS) {
          const { numerator, denominator } = i.observe(code, locality, year);
          rows.push([i.id, code, String(year), 'YEAR', `${year}-01-01`, year, numerator, denominator, null, null, 'test release 1']);
        }
      }
      await tx.append('observation', rows);
    }
    // Written straight into the tables, so the precomputed profiles are refreshed as an import does.
    await refreshAggregates(tx, indicators.map((given) => given.id ?? base.id));
  });
}

/**
 * What the page's analysis sections draw, for the sample's small areas (whose codes are not real
 * LSOAs, so no real file fits them): a national IMD 2019 decile each (as the IoD 2019 importer
 * writes them), five-year population bands by sex for 2020, and square boundaries in a grid, each
 * locality's small areas side by side, through the boundary importer (which unions the outlines).
 * Then the map of the localities, the small areas of a locality, the chart by deprivation, the
 * funnel plot and the pyramid are all on the pages the browser and accessibility checks open.
 */
export async function seedAnalysis(t: TestServer): Promise<void> {
  const db = t.server.stores.analytics;
  const [{ version } = { version: '' }] = await db.query<{ version: string }>('SELECT max(version_id) AS version FROM geography_version');
  const areas = await db.query<{ small_area_code: string; locality_code: string }>(
    `SELECT small_area_code, arg_max(locality_code, weight) AS locality_code FROM small_area_locality
     WHERE version_id = $version GROUP BY small_area_code ORDER BY locality_code, small_area_code`,
    { version },
  );
  const bands = Array.from({ length: 18 }, (_, i) => `aged_${i * 5}_${i * 5 + 4}`).concat('aged_90_plus');
  await db.transaction(async (tx) => {
    await tx.append('small_area_deprivation', areas.map((area, i) => [area.small_area_code, 'IoD2019', i + 1, 1 + (i % 10)]));
    await tx.append(
      'small_area_population',
      areas.flatMap((area, i) =>
        bands.flatMap((band, b) => [
          [area.small_area_code, '2020', `males_${band}`, 40 + ((i * 7 + b * 3) % 25) - (b > 14 ? (b - 14) * 8 : 0)],
          [area.small_area_code, '2020', `females_${band}`, 42 + ((i * 5 + b * 4) % 25) - (b > 15 ? (b - 15) * 6 : 0)],
        ]),
      ),
    );
  });
  const columns = 12;
  const side = 0.02;
  const features = areas.map((area, i) => {
    const [x, y] = [-3.1 + (i % columns) * side, 52.3 - Math.floor(i / columns) * side];
    return {
      type: 'Feature',
      properties: { code: area.small_area_code },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + side, y], [x + side, y - side], [x, y - side], [x, y]]] },
    };
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'li-boundaries-')), 'sample_boundaries.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  await importBoundaries(db, file, { versionId: version, codeProperty: 'code' });
}
