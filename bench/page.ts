/**
 * `npm run bench:page`: what a locality's profile page costs over the GraphQL request for the
 * same profile, measured in the same run on the same server: the median time of
 * `GET /profiles/leominster` (the HTML with every theme's table and spine charts) against the
 * median time of the POST to /graphql asking for that locality's whole profile with the fields
 * the page shows; and the CSV download beside them. Prints the ratios (target: the page within
 * 1.5x of the API). Asserts nothing: tests never assert time.
 *
 * Data: the bundled sample geography with its statistics (if any), plus 40 indicators over 10
 * years generated here on the sample's small areas, so the page is the size of a real profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { medians } from './timing.js';

const ROUNDS = Number(process.argv[2] ?? 60);
const INDICATORS = 40;
const YEARS = 10;
const LOCALITY = 'leominster';

const PROFILE_QUERY = `{
  locality(code: "${LOCALITY}") {
    code name groups { grouping code }
    profile {
      indicator { id name definition unit valueType polarity population theme source release licence }
      period periodStart value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998
      countyValue comparison trend rank rankOutOf quintile suppressed note
    }
  }
}`;

const dir = mkdtempSync(path.join(tmpdir(), 'li-bench-page-'));
const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${dir}/r.db`,
    DUCKDB_PATH: `${dir}/a.duckdb`,
    LOG_LEVEL: 'silent',
    LOAD_SAMPLE_DATA: 'true',
  }),
  pino({ level: 'silent' }),
);

try {
  // Indicators of every kind with a polarity, on the sample's small areas, from a hash of the
  // codes: deterministic, and varied enough that comparisons, trends and ranks differ.
  const kinds = [
    ['PROPORTION', 100, 'RATIO', 'HIGHER_IS_WORSE'],
    ['RATE', 1000, 'RATIO', 'HIGHER_IS_WORSE'],
    ['PROPORTION', 100, 'RATIO', 'HIGHER_IS_BETTER'],
    ['COUNT', 1, 'SUM', 'NO_JUDGEMENT'],
  ] as const;
  await server.stores.analytics.transaction(async (tx) => {
    for (let i = 0; i < INDICATORS; i += 1) {
      const [valueType, multiplier, aggregation, polarity] = kinds[i % kinds.length]!;
      await tx.run(
        `INSERT INTO indicator VALUES ($id, $name, 'Generated for the page benchmark', $unit, $value_type, $multiplier,
          $polarity, $aggregation, NULL, 'all ages', $theme, 'bench', 'bench', 'Open Government Licence v3.0', true, now())`,
        {
          id: `bench-page-${i}`,
          name: `Bench indicator ${i}`,
          unit: valueType === 'RATE' ? 'per 1,000' : valueType === 'COUNT' ? 'people' : '%',
          value_type: valueType,
          multiplier,
          aggregation,
          polarity,
          theme: ['health', 'crime', 'housing', 'economy', 'deprivation'][i % 5]!,
        },
      );
    }
    await tx.run(
      `INSERT INTO observation
       SELECT i.indicator_id, s.small_area_code, CAST(y AS VARCHAR), 'YEAR', make_date(y, 1, 1), y,
              (h % 60) + (y - 2010) AS numerator, den AS denominator, NULL, NULL, 'bench'
       FROM indicator AS i
       CROSS JOIN small_area AS s
       CROSS JOIN range(2011, 2011 + ${YEARS}) AS t(y)
       CROSS JOIN LATERAL (SELECT abs(hash(i.indicator_id, s.small_area_code, y)) AS h, 1200 + abs(hash(s.small_area_code)) % 800 AS den)
       WHERE i.indicator_id LIKE 'bench-page-%'`,
    );
  });

  const graphql = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PROFILE_QUERY }),
    });
    const body = (await response.json()) as { errors?: unknown[]; data?: { locality: { profile: unknown[] } } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.locality.profile.length;
  };
  const download = (suffix: string) => async () => {
    const response = await fetch(`${server.url}/profiles/${LOCALITY}${suffix}`);
    if (response.status !== 200) throw new Error(`GET /profiles/${LOCALITY}${suffix}: ${response.status}`);
    return (await response.text()).length;
  };

  const rows = await graphql();
  const bytes = await download('')();
  // Interleaved rounds, so drift in the machine's load falls on all three alike.
  const { api: baseline, page, csv } = await medians({ api: graphql, page: download(''), csv: download('.csv') }, ROUNDS, 5);

  console.log(`median of ${ROUNDS} rounds, milliseconds; ${LOCALITY}: ${rows} indicator rows, page ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`${'request'.padEnd(44)} ${'ms'.padStart(8)} ${'ratio'.padStart(7)}`);
  console.log(`${'POST /graphql (the same profile)'.padEnd(44)} ${baseline.toFixed(1).padStart(8)} ${'1.00x'.padStart(7)}`);
  console.log(`${`GET /profiles/${LOCALITY} (HTML page)`.padEnd(44)} ${page.toFixed(1).padStart(8)} ${`${(page / baseline).toFixed(2)}x`.padStart(7)}`);
  console.log(`${`GET /profiles/${LOCALITY}.csv`.padEnd(44)} ${csv.toFixed(1).padStart(8)} ${`${(csv / baseline).toFixed(2)}x`.padStart(7)}`);
  console.log(`page over the GraphQL request: ${(page / baseline).toFixed(2)}x (target 1.5x or better)`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
