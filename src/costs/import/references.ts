/**
 * What the cost importers check rows against, each looked up in one query for the whole file:
 * partners by their unique name (record store), and from the analytics store the localities and
 * small areas of the geography, the population age bands and indicators that can drive an
 * apportionment (with the earliest period each has data for), and the deflator series.
 */
import type { AnalyticsQueries } from '../../db/analytics.js';
import type { RecordsClient } from '../../db/records.js';
import { loadDeflators, type DeflatorSeries } from '../deflators.js';

/** The names among `names` that are partners on record (one query). */
export async function knownPartners(db: RecordsClient, names: Iterable<string>): Promise<Set<string>> {
  const list = [...new Set(names)];
  if (list.length === 0) return new Set();
  const found = await db.partner.findMany({ where: { name: { in: list } }, select: { name: true } });
  return new Set(found.map((partner) => partner.name));
}

export interface IndicatorDriver {
  /** SUM and RATIO indicators count something (their numerator); others cannot drive a split. */
  countable: boolean;
  aggregation: string;
  theme: string;
  /** Start (ISO date) of its earliest period with data, or null with none. */
  firstPeriodStart: string | null;
}

export interface GeographyReferences {
  localities: Set<string>;
  smallAreas: Set<string>;
  /** Age band -> its earliest mid-year with data. */
  ageBands: Map<string, number>;
  indicators: Map<string, IndicatorDriver>;
  deflators: DeflatorSeries;
}

/** Everything a ledger row is checked against in the analytics store (four queries, run together). */
export async function geographyReferences(db: AnalyticsQueries): Promise<GeographyReferences> {
  const [localities, smallAreas, bands, indicators, deflators] = await Promise.all([
    db.query<{ code: string }>('SELECT DISTINCT locality_code AS code FROM locality'),
    db.query<{ code: string }>('SELECT DISTINCT small_area_code AS code FROM small_area'),
    db.query<{ age_band: string; first_year: number | null }>(
      'SELECT age_band, min(TRY_CAST(period AS INTEGER)) AS first_year FROM small_area_population GROUP BY age_band',
    ),
    db.query<{ indicator_id: string; aggregation: string; theme: string; first_start: string | null }>(
      `SELECT i.indicator_id, any_value(i.aggregation) AS aggregation, any_value(i.theme) AS theme,
              strftime(min(o.period_start), '%Y-%m-%d') AS first_start
       FROM indicator AS i LEFT JOIN observation AS o ON o.indicator_id = i.indicator_id AND o.numerator IS NOT NULL
       GROUP BY i.indicator_id`,
    ),
    loadDeflators(db),
  ]);
  return {
    localities: new Set(localities.map((row) => row.code)),
    smallAreas: new Set(smallAreas.map((row) => row.code)),
    ageBands: new Map(bands.filter((row) => row.first_year !== null).map((row) => [row.age_band, row.first_year!])),
    indicators: new Map(
      indicators.map((row) => [
        row.indicator_id,
        { countable: row.aggregation === 'SUM' || row.aggregation === 'RATIO', aggregation: row.aggregation, theme: row.theme, firstPeriodStart: row.first_start },
      ]),
    ),
    deflators,
  };
}
