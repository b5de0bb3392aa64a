/**
 * What the benches share: the full-profile request (every locality, every group of every grouping
 * and the whole area) and the GENERATED indicators and observations they load at national size
 * (a hash of the codes: deterministic, and varied enough that comparisons and trends differ).
 * Nothing here is served by `npm start`.
 */
import type { AnalyticsQueries } from '../src/db/analytics.js';

export const FULL_PROFILE_QUERY = `{
  localities { code profile { ...row } }
  groupings { code groups { code profile { ...row } } }
  county { profile { ...row } }
}
fragment row on ProfileRow {
  indicator { id name unit } period value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998
  countyValue comparison trend rank quintile suppressed note
}`;

const KINDS = [
  ['PROPORTION', 100, 'RATIO'],
  ['RATE', 1000, 'RATIO'],
  ['COUNT', 1, 'SUM'],
  ['MEAN', 1, 'WEIGHTED_MEAN'],
  ['SCORE', 1, 'NOT_ADDITIVE'],
] as const;

/** Indicators whose observations one statement inserts: 20 x 10 years x 32,844 LSOAs is 6.6 million rows. */
const BATCH = 20;

/**
 * `count` indicators (a fifth of each value type) with `years` yearly observations from 2011 on every
 * small area of the store, in the caller's transaction or, given a store being built
 * (`SnapshotStore.publish`), one statement at a time: at national size one transaction holding all
 * 66 million rows spilled 8 GB to DuckDB's temporary directory and took 19 minutes on a loaded machine.
 */
export async function insertGeneratedIndicators(tx: AnalyticsQueries, count: number, years: number, idOf: (i: number) => string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const [valueType, multiplier, aggregation] = KINDS[i % KINDS.length]!;
    await tx.run(
      `INSERT INTO indicator VALUES ($id, $name, 'Generated for the benchmark', 'unit', $value_type, $multiplier,
        'HIGHER_IS_WORSE', $aggregation, $weight_population, 'all ages', $theme, 'bench', 'bench', 'none', true, now())`,
      {
        id: idOf(i),
        name: `Bench indicator ${i}`,
        value_type: valueType,
        multiplier,
        aggregation,
        weight_population: aggregation === 'WEIGHTED_MEAN' ? 'all ages' : null,
        theme: ['health', 'crime', 'housing', 'economy', 'deprivation'][i % 5]!,
      },
    );
  }
  const ids = Array.from({ length: count }, (_, i) => idOf(i));
  for (let from = 0; from < count; from += BATCH) {
    await tx.run(
      `INSERT INTO observation
     SELECT i.indicator_id, s.small_area_code, CAST(y AS VARCHAR), 'YEAR', make_date(y, 1, 1), y,
            CASE WHEN i.value_type = 'MEAN' THEN (h % 50 + 20) * den ELSE (h % 60) + (y - 2010) END AS numerator,
            den AS denominator,
            CASE WHEN i.value_type IN ('MEAN', 'SCORE') THEN h % 50 + 20 END AS value,
            CASE WHEN i.value_type = 'MEAN' THEN 1.5 END AS standard_error,
            'bench'
     FROM (SELECT * FROM indicator WHERE list_contains($ids, indicator_id)) AS i
     CROSS JOIN small_area AS s
     CROSS JOIN range(2011, 2011 + ${years}) AS t(y)
     CROSS JOIN LATERAL (SELECT abs(hash(i.indicator_id, s.small_area_code, y)) AS h, 1200 + abs(hash(s.small_area_code)) % 800 AS den)`,
      { ids: ids.slice(from, from + BATCH) },
    );
  }
}
