/**
 * The method defects of issue 16, each with values computed here independently from the raw
 * rows: a weighted mean's standard error when the multiplier is not 1 (one convention: the file
 * gives it in the value's units), a missing standard error (no interval, with a note), coverage
 * of a figure whose small areas lack data, and trends over mixed period kinds (refused by the
 * importer; no trend in the profile).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAggregates } from '../../src/statistics/aggregates.js';
import { importIndicators } from '../../src/statistics/import/tidy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { newTempDir } from './import-support.js';

let t: TestServer;
let weights: { small_area_code: string; locality_code: string; weight: number }[];
const z95 = 1.959963984540054;

const entry = (id: string, extra: Record<string, unknown>) => ({
  id, name: id, definition: 'A test mean.', unit: '%', valueType: 'MEAN', multiplier: 100, aggregation: 'WEIGHTED_MEAN',
  weightPopulation: 'adults', polarity: 'HIGHER_IS_BETTER', population: 'adults', theme: 'testing', source: 'the test',
  release: 't1', licence: 'OGL', ...extra,
});

beforeAll(async () => {
  t = await startTestServer();
  weights = await t.server.stores.analytics.query(
    `SELECT w.small_area_code, w.locality_code, w.weight FROM small_area_locality w JOIN locality l USING (locality_code)
     WHERE w.version_id = (SELECT max(version_id) FROM geography_version)`,
  );
});
afterAll(async () => {
  await t?.stop();
});

const ROW = 'area { kind code } value numerator denominator lowerCI95 upperCI95 note coverage denominatorCoverage incomplete trend';

describe('weighted means', () => {
  it('reads a percentage mean’s standard error in percentage points: 42.25% with SE 0.5 in each small area', async () => {
    const dir = newTempDir();
    const codes = [...new Set(weights.map((w) => w.small_area_code))].sort();
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify([entry('test-pct-mean', {}), entry('test-gappy-se', {})]));
    const firstLeominster = weights.filter((w) => w.locality_code === 'leominster' && w.weight === 1).map((w) => w.small_area_code).sort()[0];
    writeFileSync(
      path.join(dir, 'd.csv'),
      [
        'indicator_id,area_code,period,numerator,denominator,value,standard_error',
        ...codes.map((code) => `test-pct-mean,${code},2020,,100,42.25,0.5`),
        // One Leominster small area without a standard error.
        ...codes.map((code) => `test-gappy-se,${code},2020,,100,42.25,${code === firstLeominster ? '' : '0.5'}`),
      ].join('\n'),
    );
    await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'c.json'), data: path.join(dir, 'd.csv') });
    const res = await t.gql(`{
      locality(code: "kington") { a: profile(indicators: ["test-pct-mean"]) { ${ROW} } }
      leominster: locality(code: "leominster") { b: profile(indicators: ["test-gappy-se"]) { ${ROW} } }
      bromyard: locality(code: "bromyard") { b: profile(indicators: ["test-gappy-se"]) { ${ROW} } }
      county { a: profile(indicators: ["test-pct-mean"]) { ${ROW} } b: profile(indicators: ["test-gappy-se"]) { ${ROW} } }
    }`);
    expect(res.errors).toBeUndefined();
    // Independent: equal values and weights; parts of a split small area carry their weight share,
    // SE(area) = 0.5 * sqrt(sum w^2) / sum w in percentage points.
    const seOf = (keep: (w: (typeof weights)[number]) => boolean) => {
      const parts = weights.filter(keep);
      const bySmallArea = new Map<string, number>();
      for (const p of parts) bySmallArea.set(p.small_area_code, (bySmallArea.get(p.small_area_code) ?? 0) + p.weight);
      const total = [...bySmallArea.values()].reduce((s, w) => s + w, 0);
      const squares = parts.reduce((s, p) => s + p.weight * p.weight, 0);
      return (0.5 * Math.sqrt(squares)) / total;
    };
    const kington = res.data.locality.a[0];
    expect(kington.value).toBeCloseTo(42.25, 10);
    const se = seOf((w) => w.locality_code === 'kington');
    expect(kington.lowerCI95).toBeCloseTo(42.25 - z95 * se, 9);
    expect(kington.upperCI95).toBeCloseTo(42.25 + z95 * se, 9);
    expect(kington.upperCI95 - kington.lowerCI95).toBeLessThan(2);
    // A mean has no count.
    expect(kington.numerator).toBeNull();
    const county = res.data.county.a[0];
    expect(county.upperCI95 - county.lowerCI95).toBeLessThan(0.5);

    // A missing standard error: no interval (with a note) wherever that small area contributes.
    const leominster = res.data.leominster.b[0];
    expect(leominster).toMatchObject({ lowerCI95: null, upperCI95: null });
    expect(leominster.value).toBeCloseTo(42.25, 10);
    expect(leominster.note).toMatch(/standard error is missing/);
    expect(res.data.county.b[0]).toMatchObject({ lowerCI95: null, upperCI95: null });
    const bromyard = res.data.bromyard.b[0];
    expect(bromyard.lowerCI95).toBeCloseTo(42.25 - z95 * seOf((w) => w.locality_code === 'bromyard'), 9);
  });
});

describe('coverage', () => {
  it('says how much of each area a figure covers, flags it, and withholds it under the minimum share', async () => {
    const codes = [...new Set(weights.map((w) => w.small_area_code))].sort();
    const kington = new Set(weights.filter((w) => w.locality_code === 'kington').map((w) => w.small_area_code));
    // Every small area has a denominator of 100; Kington's small areas (but one) and every third other lack a numerator.
    const keep = (code: string, i: number) => (kington.has(code) ? code === [...kington].sort()[0] : i % 3 !== 0);
    await t.server.stores.analytics.transaction(async (tx) => {
      await tx.run(`INSERT INTO indicator VALUES ('test-gaps', 'Gaps', 'x', '%', 'PROPORTION', 100, 'HIGHER_IS_WORSE', 'RATIO', NULL, 'all', 'testing', 't', 't1', 'OGL', false, now())`);
      await tx.append('observation', codes.map((code, i) => ['test-gaps', code, '2020', 'YEAR', '2020-01-01', 2020, keep(code, i) ? 30 : null, 100, null, null, 't1']));
      await refreshAggregates(tx, ['test-gaps']);
    });
    const res = await t.gql(`{ localities { code profile(indicators: ["test-gaps"]) { ${ROW} } } county { profile(indicators: ["test-gaps"]) { ${ROW} } } }`);
    expect(res.errors).toBeUndefined();
    const withData = new Set(codes.filter((code, i) => keep(code, i)));
    for (const l of res.data.localities) {
      const mine = weights.filter((w) => w.locality_code === l.code);
      const share = mine.filter((w) => withData.has(w.small_area_code)).reduce((s, w) => s + w.weight, 0) / mine.reduce((s, w) => s + w.weight, 0);
      const row = l.profile[0];
      expect(row.coverage).toBeCloseTo(share, 12);
      expect(row.denominatorCoverage).toBeCloseTo(share, 12);
      expect(row.incomplete).toBe(share < 1);
      if (share < 0.5) {
        expect(row.value).toBeNull();
        expect(row.note).toMatch(/^Withheld: data for .* under the minimum of 50.0%/);
      } else if (share < 1) {
        expect(row.value).not.toBeNull();
        expect(row.note).toMatch(/^Incomplete: data for \d+\.\d% of the area's small areas/);
      }
    }
    const county = res.data.county.profile[0];
    expect(county.coverage).toBeCloseTo(withData.size / codes.length, 12);
    expect(county.incomplete).toBe(true);
    // The CSV carries the same coverage.
    const csv = await (await fetch(`${t.url.replace(/\/graphql$/, '')}/profiles/county.csv?indicators=test-gaps`)).text();
    expect(csv).toContain('Coverage of small areas');
    expect(csv).toContain(String(county.coverage));
  });
});

describe('trends over mixed period kinds', () => {
  it('gives no trend across calendar and financial years, and the importer refuses to mix them in one indicator', async () => {
    const codes = [...new Set(weights.map((w) => w.small_area_code))].sort();
    const periods: [string, string, string, number][] = [
      ['2016', 'YEAR', '2016-01-01', 2016],
      ['2017/18', 'FINANCIAL_YEAR', '2017-04-01', 2017],
      ['2018', 'YEAR', '2018-01-01', 2018],
      ['2019/20', 'FINANCIAL_YEAR', '2019-04-01', 2019],
      ['2020', 'YEAR', '2020-01-01', 2020],
    ];
    await t.server.stores.analytics.transaction(async (tx) => {
      await tx.run(`INSERT INTO indicator VALUES ('test-mixed', 'Mixed', 'x', '%', 'PROPORTION', 100, 'HIGHER_IS_WORSE', 'RATIO', NULL, 'all', 'testing', 't', 't1', 'OGL', false, now())`);
      await tx.append('observation', codes.flatMap((code) => periods.map(([p, kind, start, index], i) => ['test-mixed', code, p, kind, start, index, 10 + 20 * i, 100, null, null, 't1'])));
      await refreshAggregates(tx, ['test-mixed']);
    });
    const res = await t.gql(`{ county { profile(indicators: ["test-mixed"]) { period trend } } }`);
    expect(res.data.county.profile[0]).toEqual({ period: '2020', trend: 'NOT_ENOUGH_DATA' });

    const dir = newTempDir();
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify([{ ...entry('test-mixed-import', {}), valueType: 'COUNT', multiplier: 1, aggregation: 'SUM', weightPopulation: undefined }]));
    writeFileSync(path.join(dir, 'd.csv'), ['indicator_id,area_code,period,numerator,denominator,value', `test-mixed-import,${codes[0]},2016,3,,`, `test-mixed-import,${codes[0]},2017/18,4,,`].join('\n'));
    const refused = await importIndicators(t.server.stores.analytics, { catalogue: path.join(dir, 'c.json'), data: path.join(dir, 'd.csv') }).catch((e) => e);
    expect(refused.problems).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringMatching(/a financial year period, but the indicator's periods are of kind year \(first on line 2 of d\.csv\): one kind of period per indicator/) }),
    ]);
  });
});

describe('standard errors of split small areas', () => {
  it('adds the parts of one split small area before squaring: the sample county life satisfaction', async () => {
    const res = await t.gql(`{ county { profile(indicators: ["life-satisfaction-mean"]) { value lowerCI95 upperCI95 } } }`);
    const [row] = res.data.county.profile;
    // The issue's independent recomputation (Python with scipy, from the raw rows): SE 0.0160984
    // with the parts combined (0.0160572 when they are treated as independent).
    expect((row.upperCI95 - row.lowerCI95) / (2 * z95)).toBeCloseTo(0.0160984, 7);
  });
});

describe('compare on a geography version', () => {
  it('takes a geographyVersion: the named version gives the same figures, an unknown one is NOT_FOUND', async () => {
    const versions = await t.gql('{ geographyVersions { versionId isCurrent } }');
    const current = versions.data.geographyVersions.find((v: { isCurrent: boolean }) => v.isCurrent).versionId;
    const ask = (version: string | null) =>
      t.gql(`{ compare(localityCodes: ["leominster"], indicators: ["asb-incidents"]${version ? `, geographyVersion: "${version}"` : ''}) { area { code } rows { numerator } } }`);
    const [plain, named, unknown] = await Promise.all([ask(null), ask(current), ask('no-such-version')]);
    expect(named.data.compare).toEqual(plain.data.compare);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
