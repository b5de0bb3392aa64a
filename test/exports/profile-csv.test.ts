/**
 * Profile CSVs over HTTP: a download carries exactly the values the GraphQL profile returns, row
 * by row and digit for digit; it opens cleanly in a spreadsheet (UTF-8 BOM, header row, quoting,
 * ISO dates, text/csv and an attachment name); any set of localities, tiers and indicators can be
 * asked for in one file, with one profile query; bad requests are refused with a reason.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIndicators } from '../pages/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await seedIndicators(t);
});
afterAll(async () => {
  await t?.stop();
});

const HEADER = [
  'Indicator ID', 'Indicator Name', 'Parent Code', 'Parent Name', 'Area Code', 'Area Name', 'Area Type', 'Age',
  'Time period', 'Time period start', 'Value', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Lower CI 99.8 limit',
  'Upper CI 99.8 limit', 'Count', 'Denominator', 'Value note', 'Coverage of small areas', 'Coverage of denominator', 'Incomplete', 'Small area lookup', 'Recent Trend', 'Compared to county value', 'County value',
  'Rank', 'Rank out of', 'Quintile', 'Unit', 'Theme',
];

const ROW = `indicator { id name population polarity unit theme } area { kind code name } period periodStart value numerator denominator
  lowerCI95 upperCI95 lowerCI998 upperCI998 countyValue comparison trend rank rankOutOf quintile suppressed note coverage denominatorCoverage incomplete smallAreaLookup`;

async function download(path: string) {
  const response = await fetch(`${t.url}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes,
    text: bytes.toString('utf8'),
    records: () => parse(bytes, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[],
  };
}

/** A number cell as the API's number: empty for null, and the exact same double otherwise. */
const number = (cell: string | undefined) => (cell === '' || cell === undefined ? null : Number(cell));
const COMPARISON = { BETTER: 'Better', SIMILAR: 'Similar', WORSE: 'Worse', HIGHER: 'Higher', LOWER: 'Lower', NOT_COMPARED: 'Not compared' } as Record<string, string>;
function trendWords(trend: string, polarity: string): string {
  if (trend === 'NO_SIGNIFICANT_CHANGE') return 'No significant change';
  if (trend === 'NOT_ENOUGH_DATA') return 'Cannot be calculated';
  const direction = trend === 'INCREASING' ? 'Increasing' : 'Decreasing';
  if (polarity === 'NO_JUDGEMENT') return direction;
  const better = (trend === 'INCREASING') === (polarity === 'HIGHER_IS_BETTER');
  return `${direction} and getting ${better ? 'better' : 'worse'}`;
}

function expectSameRow(csv: Record<string, string>, api: any, county: { code: string; name: string }) {
  const isCounty = api.area.kind === 'COUNTY';
  expect(csv).toEqual({
    'Indicator ID': api.indicator.id,
    'Indicator Name': api.indicator.name,
    'Parent Code': isCounty ? '' : county.code,
    'Parent Name': isCounty ? '' : county.name,
    'Area Code': isCounty ? county.code : api.area.code,
    'Area Name': isCounty ? county.name : api.area.name,
    'Area Type': { LOCALITY: 'Locality', LOCALITY_GROUP: 'Group of localities', COUNTY: 'County' }[api.area.kind as string],
    Age: api.indicator.population,
    'Time period': api.period,
    'Time period start': api.periodStart,
    Value: csv.Value,
    'Lower CI 95.0 limit': csv['Lower CI 95.0 limit'],
    'Upper CI 95.0 limit': csv['Upper CI 95.0 limit'],
    'Lower CI 99.8 limit': csv['Lower CI 99.8 limit'],
    'Upper CI 99.8 limit': csv['Upper CI 99.8 limit'],
    Count: csv.Count,
    Denominator: csv.Denominator,
    'Value note': api.note ?? '',
    'Coverage of small areas': csv['Coverage of small areas'],
    'Coverage of denominator': csv['Coverage of denominator'],
    'Recent Trend': trendWords(api.trend, api.indicator.polarity),
    'Compared to county value': COMPARISON[api.comparison],
    'County value': csv['County value'],
    Rank: csv.Rank,
    'Rank out of': csv['Rank out of'],
    Quintile: csv.Quintile,
    Incomplete: api.incomplete ? 'Yes' : 'No',
    'Small area lookup': api.smallAreaLookup ?? '',
    Unit: api.indicator.unit,
    Theme: api.indicator.theme,
  });
  // Numbers: the very same doubles, nulls as empty cells.
  const numbers: [string, string][] = [
    ['Value', 'value'], ['Lower CI 95.0 limit', 'lowerCI95'], ['Upper CI 95.0 limit', 'upperCI95'],
    ['Lower CI 99.8 limit', 'lowerCI998'], ['Upper CI 99.8 limit', 'upperCI998'], ['Count', 'numerator'],
    ['Denominator', 'denominator'], ['County value', 'countyValue'], ['Rank', 'rank'], ['Rank out of', 'rankOutOf'],
    ['Quintile', 'quintile'], ['Coverage of small areas', 'coverage'], ['Coverage of denominator', 'denominatorCoverage'],
  ];
  for (const [column, field] of numbers) expect([column, number(csv[column])]).toEqual([column, api[field]]);
}

describe('profile CSV downloads', () => {
  it('gives a locality’s CSV with exactly the values of its GraphQL profile, row by row', async () => {
    const api = await t.gql(`{ county { code name } locality(code: "kington") { profile { ${ROW} } } }`);
    const file = await download('/profiles/kington.csv');
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename=kington-profile.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark
    expect(file.text.slice(1).split(/\r?\n/)[0]).toBe(HEADER.join(','));

    const records = file.records();
    const profile = api.data.locality.profile as any[];
    expect(records).toHaveLength(profile.length);
    expect(profile.length).toBeGreaterThanOrEqual(4);
    records.forEach((record, i) => expectSameRow(record, profile[i], api.data.county));
    // The withheld count is withheld here too, with its note.
    const withheld = records.find((r) => r['Indicator ID'] === 'page-rare-events')!;
    expect(withheld).toMatchObject({ Value: '', Count: '', 'Compared to county value': 'Not compared' });
    expect(withheld['Value note']).toMatch(/^Withheld/);
    // Quoting: a unit with a comma stays one cell.
    expect(file.text).toContain('"per 1,000"');
  });

  it('gives the county’s and a tier’s CSV, each row equal to the API’s', async () => {
    const api = await t.gql(`{ county { code name profile { ${ROW} } } tier: localityGroup(code: "tier/MARKET_TOWN") { profile { ${ROW} } } }`);
    const county = await download('/profiles/county.csv');
    expect(county.disposition).toBe('attachment; filename=county-profile.csv');
    county.records().forEach((record, i) => expectSameRow(record, api.data.county.profile[i], api.data.county));
    expect(county.records()[0]).toMatchObject({ 'Area Code': 'E06000019', 'Area Type': 'County', 'Parent Code': '' });

    const tier = await download('/profiles/tier/MARKET_TOWN.csv');
    expect(tier.disposition).toBe('attachment; filename=tier-market-town-profile.csv');
    const records = tier.records();
    expect(records).toHaveLength(api.data.tier.profile.length);
    records.forEach((record, i) => expectSameRow(record, api.data.tier.profile[i], api.data.county));
  });

  it('gives any set of localities, tiers and indicators in one tidy file, with one profile query', async () => {
    const path = '/profiles.csv?localities=leominster,weobley&indicators=page-smoking,page-crime-rate&groups=tier/RURAL&county=true';
    const api = await t.gql(`{
      county { code name profile(indicators: ["page-smoking", "page-crime-rate"]) { ${ROW} } }
      tier: localityGroup(code: "tier/RURAL") { profile(indicators: ["page-smoking", "page-crime-rate"]) { ${ROW} } }
      leominster: locality(code: "leominster") { profile(indicators: ["page-smoking", "page-crime-rate"]) { ${ROW} } }
      weobley: locality(code: "weobley") { profile(indicators: ["page-smoking", "page-crime-rate"]) { ${ROW} } }
    }`);
    let file!: Awaited<ReturnType<typeof download>>;
    const cost = await t.countStatements(async () => {
      file = await download(path);
    });
    expect(cost.analytics).toBe(2); // the catalogue and one profile query for every area asked for
    const records = file.records();
    const expected = [...api.data.county.profile, ...api.data.tier.profile, ...api.data.leominster.profile, ...api.data.weobley.profile];
    expect(records.map((r) => `${r['Area Code']}|${r['Indicator ID']}`).sort()).toEqual(
      expected.map((row: any) => `${row.area.kind === 'COUNTY' ? 'E06000019' : row.area.code}|${row.indicator.id}`).sort(),
    );
    for (const record of records) {
      const match = expected.find(
        (row: any) => row.indicator.id === record['Indicator ID'] && (row.area.kind === 'COUNTY' ? 'E06000019' : row.area.code) === record['Area Code'],
      );
      expectSameRow(record, match, api.data.county);
    }
    // Without a list: every locality.
    const all = (await download('/profiles.csv?theme=health')).records();
    expect(new Set(all.map((r) => r['Area Code'])).size).toBe(9);
    expect(new Set(all.map((r) => r.Theme))).toEqual(new Set(['health']));
  });

  it('gives an earlier period when asked', async () => {
    const api = await t.gql(`{ county { code name } locality(code: "ledbury") { profile(period: "2017") { ${ROW} } } }`);
    const records = (await download('/profiles/ledbury.csv?period=2017')).records();
    expect(records.map((r) => r['Time period start'])).toEqual(api.data.locality.profile.map(() => '2017-01-01'));
    records.forEach((record, i) => expectSameRow(record, api.data.locality.profile[i], api.data.county));
  });

  it('refuses unknown areas and indicators and malformed options with a reason', async () => {
    const cases: [string, number, RegExp][] = [
      ['/profiles/atlantis.csv', 404, /Locality "atlantis" was not found/],
      ['/profiles/tier/SUBURBS.csv', 404, /Locality group "tier\/SUBURBS" was not found/],
      ['/profiles.csv?localities=leominster,atlantis', 404, /Locality "atlantis" was not found/],
      ['/profiles.csv?indicators=no-such-indicator', 404, /Indicator "no-such-indicator" was not found/],
      ['/profiles.csv?groups=tier/SUBURBS', 400, /"tier\/SUBURBS" is not a group of localities/],
      ['/profiles.csv?county=perhaps', 400, /county is true or false/],
      // The options every profile download takes, on each kind of download (README: 404 and 400, never an empty file).
      ['/profiles/leominster.csv?indicators=nope', 404, /Indicator "nope" was not found/],
      ['/profiles/county.csv?indicators=asb-incidents,nope', 404, /Indicator "nope" was not found/],
      ['/profiles/tier/RURAL.csv?indicators=nope', 404, /Indicator "nope" was not found/],
      ['/profiles/leominster.csv?period=abc', 400, /"abc" is not a period/],
      ['/profiles/county.csv?period=abc', 400, /"abc" is not a period/],
      ['/profiles.csv?period=abc', 400, /"abc" is not a period/],
    ];
    for (const [path, status, message] of cases) {
      const response = await fetch(`${t.url}${path}`);
      expect([path, response.status]).toEqual([path, status]);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(message);
    }
  });
});
