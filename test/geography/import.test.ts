/**
 * The geography and population importers on the real Herefordshire files (data/herefordshire): what
 * a good load puts in both stores and serves over HTTP, that every kind of bad input is refused
 * with its file and line and writes nothing, that a re-mapping is a new version beside the old
 * one, and that the command line reports the same. Bad files are copies of the real ones with
 * one line (or a few) changed, written to a temporary directory under the real file's name.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGeography, type GeographyFiles, type GeographyVersionInput } from '../../src/geography/import.js';
import { ImportRejectedError, type ImportProblem } from '../../src/importing/problems.js';
import { importPopulation } from '../../src/population/import.js';
import { cli, ownLines } from '../support/cli.js';
import { HEREFORDSHIRE_DATA, startTestServer, type TestServer } from '../support/server.js';

const PROJECT = path.resolve(import.meta.dirname, '..', '..');

const REAL: Required<Pick<GeographyFiles, 'localities' | 'groupings' | 'smallAreas' | 'parishes'>> = {
  localities: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_localities.csv'),
  groupings: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_groupings.csv'),
  smallAreas: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_lsoa11_localities.csv'),
  parishes: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_parish19_localities.csv'),
};
/** The ONS ward lookups (best-fit LSOA to ward, parish to ward) that go with REAL. */
const WARDS: Required<Pick<GeographyFiles, 'wards' | 'parishWards'>> = {
  wards: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_lsoa11_ward19.csv'),
  parishWards: path.join(HEREFORDSHIRE_DATA, 'geography', 'herefordshire_parish19_ward19.csv'),
};
const POPULATION = path.join(HEREFORDSHIRE_DATA, 'statistics', 'population', 'population_lsoa11_broad_ages.herefordshire.csv');

const LOCALITIES_FILE = 'herefordshire_localities.csv';
const SMALL_AREAS_FILE = 'herefordshire_lsoa11_localities.csv';
const PARISHES_FILE = 'herefordshire_parish19_localities.csv';
const POPULATION_FILE = 'population_lsoa11_broad_ages.herefordshire.csv';

const HFD_2019: GeographyVersionInput = {
  versionId: 'hfd-2019',
  effectiveFrom: '2019-12-01',
  countyCode: 'E06000019',
  countyName: 'Herefordshire',
};
const version = (versionId: string, effectiveFrom = HFD_2019.effectiveFrom): GeographyVersionInput => ({
  ...HFD_2019,
  versionId,
  effectiveFrom,
});

/** Small areas per locality (README, "geography/ (DERIVED ...)"). */
const SMALL_AREAS_BY_NAME: Record<string, number> = {
  'Hereford City': 42,
  'Ross-on-Wye': 15,
  Leominster: 12,
  Ledbury: 11,
  'Golden Valley': 10,
  Bromyard: 8,
  Weobley: 7,
  Kington: 6,
  Mortimer: 5,
};
const SMALL_AREAS_BY_CODE: Record<string, number> = {
  'hereford-city': 42,
  'ross-on-wye': 15,
  leominster: 12,
  ledbury: 11,
  'golden-valley': 10,
  bromyard: 8,
  weobley: 7,
  kington: 6,
  mortimer: 5,
};
/** Mid-2020 residents per locality and of the county (README). */
const POPULATION_2020 = {
  'hereford-city': 74372,
  'ross-on-wye': 24692,
  leominster: 17980,
  ledbury: 17839,
  'golden-valley': 16821,
  bromyard: 12857,
  weobley: 11124,
  kington: 9996,
  mortimer: 7934,
};
const COUNTY_2020 = 193615;

// ---------------------------------------------------------------------------------------------
// Copies of the real files with lines changed.

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function newTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-import-test-'));
  tempDirs.push(dir);
  return dir;
}

const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** A real CSV file's text, to change by line number (line 1 is the header, data row k is line k+1). */
class CsvCopy {
  private readonly eol: string;
  private readonly lines: string[];
  private readonly trailingEol: boolean;

  constructor(private readonly source: string) {
    const text = readFileSync(source, 'utf8');
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(this.eol);
    this.trailingEol = this.lines.at(-1) === '';
    if (this.trailingEol) this.lines.pop();
  }

  get header(): string[] {
    return this.fields(1);
  }

  /** The fields of line `n`. */
  fields(n: number): string[] {
    const text = this.lines[n - 1];
    if (text === undefined) throw new Error(`${this.source} has no line ${n}`);
    const [record] = parse(text) as string[][];
    return record ?? [];
  }

  /** Replace line `n` with these fields. */
  setLine(n: number, fields: string[]): this {
    if (n < 2 || n > this.lines.length) throw new Error(`line ${n} is not a data line`);
    this.lines[n - 1] = fields.map(quote).join(',');
    return this;
  }

  /** Set one column of line `n`. */
  set(n: number, column: string, value: string): this {
    const at = this.header.indexOf(column);
    if (at < 0) throw new Error(`no column ${column}`);
    const fields = this.fields(n);
    fields[at] = value;
    return this.setLine(n, fields);
  }

  get(n: number, column: string): string {
    const at = this.header.indexOf(column);
    const value = this.fields(n)[at];
    if (at < 0 || value === undefined) throw new Error(`no column ${column} on line ${n}`);
    return value;
  }

  /** Add a line at the end; returns its line number. */
  append(fields: string[]): number {
    this.lines.push(fields.map(quote).join(','));
    return this.lines.length;
  }

  /** Write the text under the real file's name in a new temporary directory. */
  write(): string {
    const file = path.join(newTempDir(), path.basename(this.source));
    writeFileSync(file, this.lines.join(this.eol) + (this.trailingEol ? this.eol : ''));
    return file;
  }
}

// ---------------------------------------------------------------------------------------------
// Store checks.

async function storeCounts(t: TestServer) {
  const prisma = t.server.stores.records.prisma;
  const rows = async (table: string) => {
    const [row] = await t.server.stores.analytics.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(row?.n);
  };
  return {
    geographyVersion: await prisma.geographyVersion.count(),
    geographyVersionLocality: await prisma.geographyVersionLocality.count(),
    locality: await prisma.locality.count(),
    smallArea: await prisma.smallArea.count(),
    smallAreaWeight: await prisma.smallAreaWeight.count(),
    parish: await prisma.parish.count(),
    parishAssignment: await prisma.parishAssignment.count(),
    duckGeographyVersion: await rows('geography_version'),
    duckSmallAreaLocality: await rows('small_area_locality'),
    duckParishLocality: await rows('parish_locality'),
    duckSmallAreaPopulation: await rows('small_area_population'),
  };
}

/** Run an import that must be refused; check nothing was written; return its problems. */
async function expectRejectedWritingNothing(t: TestServer, work: () => Promise<unknown>): Promise<ImportProblem[]> {
  const before = await storeCounts(t);
  const outcome = await work().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty('error');
  const error = (outcome as { error: unknown }).error;
  expect(error).toBeInstanceOf(ImportRejectedError);
  expect((error as Error).message).toContain('nothing was written');
  expect(await storeCounts(t)).toEqual(before);
  return (error as ImportRejectedError).problems;
}

/** Small areas per locality code in one version, from the analytics mirror. */
async function mirroredSmallAreasByCode(t: TestServer, versionId: string): Promise<Record<string, number>> {
  const rows = await t.server.stores.analytics.query<{ locality_code: string; n: number }>(
    'SELECT locality_code, count(*) AS n FROM small_area_locality WHERE version_id = $v GROUP BY locality_code',
    { v: versionId },
  );
  return Object.fromEntries(rows.map((r) => [r.locality_code, Number(r.n)]));
}

const loadRealGeography = (t: TestServer, input = HFD_2019, files: GeographyFiles = REAL) =>
  importGeography(t.server.stores.records.prisma, t.server.stores.analytics, files, input);

// ---------------------------------------------------------------------------------------------

describe('importing the real Herefordshire geography and population', () => {
  let t: TestServer;
  let summary: Awaited<ReturnType<typeof importGeography>>;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    summary = await loadRealGeography(t, HFD_2019, { ...REAL, ...WARDS });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads all 9 localities, 116 small areas and 235 parishes into both stores and serves them over HTTP', async () => {
    expect(summary).toEqual({
      versionId: 'hfd-2019',
      localities: 9,
      groupings: 1,
      parishes: 235,
      smallAreas: 116,
      weights: 116,
      serviceAreas: 0,
      wards: 53,
    });
    // The ONS lookups as published: every LSOA in one best-fit ward, every parish in its wards.
    const prisma = t.server.stores.records.prisma;
    expect(await prisma.ward.count()).toBe(53);
    expect(await prisma.wardSmallArea.count({ where: { versionId: 'hfd-2019' } })).toBe(116);
    expect(await prisma.parishWard.count({ where: { versionId: 'hfd-2019' } })).toBe(257);

    // Record store: every small area's weights sum to 1 in the version.
    expect(await prisma.locality.count()).toBe(9);
    expect(await prisma.smallArea.count()).toBe(116);
    expect(await prisma.parish.count()).toBe(235);
    expect(await prisma.parishAssignment.count({ where: { versionId: 'hfd-2019' } })).toBe(235);
    const sums = await prisma.smallAreaWeight.groupBy({
      by: ['smallAreaId'],
      where: { versionId: 'hfd-2019' },
      _sum: { weight: true },
    });
    expect(sums).toHaveLength(116);
    for (const { _sum } of sums) expect(_sum.weight).toBeCloseTo(1, 9);

    // Analytics mirror: the same 116 small areas, and the README's count per locality.
    const analytics = t.server.stores.analytics;
    const [distinct] = await analytics.query<{ n: number }>(
      "SELECT count(DISTINCT small_area_code) AS n FROM small_area_locality WHERE version_id = 'hfd-2019'",
    );
    expect(Number(distinct?.n)).toBe(116);
    const mirroredCodes = await analytics.query<{ small_area_code: string }>(
      "SELECT DISTINCT small_area_code FROM small_area_locality WHERE version_id = 'hfd-2019' ORDER BY 1",
    );
    const recordCodes = await prisma.smallArea.findMany({ select: { code: true }, orderBy: { code: 'asc' } });
    expect(mirroredCodes.map((r) => r.small_area_code)).toEqual(recordCodes.map((r) => r.code));
    const byName = await analytics.query<{ locality_name: string; n: number }>(
      `SELECT l.locality_name, count(*) AS n
       FROM small_area_locality AS s
       JOIN version_locality AS v ON v.version_id = s.version_id AND v.locality_code = s.locality_code
       JOIN locality AS l ON l.locality_code = s.locality_code
       WHERE s.version_id = 'hfd-2019'
       GROUP BY l.locality_name`,
    );
    expect(Object.fromEntries(byName.map((r) => [r.locality_name, Number(r.n)]))).toEqual(SMALL_AREAS_BY_NAME);

    // HTTP: the same counts, and each locality's parishes as in the parish file.
    const parishFile = parse(readFileSync(REAL.parishes, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const parishesByCode: Record<string, number> = {};
    for (const row of parishFile) parishesByCode[row.locality_code!] = (parishesByCode[row.locality_code!] ?? 0) + 1;
    const res = await t.gql(`{ localities { code
      smallAreas(first: 1) { totalCount edges { node { code } } }
      parishes(first: 1) { totalCount edges { node { code } } }
    } }`);
    expect(res.errors).toBeUndefined();
    const localities = res.data.localities as { code: string; smallAreas: { totalCount: number }; parishes: { totalCount: number } }[];
    expect(Object.fromEntries(localities.map((l) => [l.code, l.smallAreas.totalCount]))).toEqual(SMALL_AREAS_BY_CODE);
    expect(Object.fromEntries(localities.map((l) => [l.code, l.parishes.totalCount]))).toEqual(parishesByCode);
    expect(localities.reduce((sum, l) => sum + l.parishes.totalCount, 0)).toBe(235);
  });

  it('gives the county and each locality its mid-2020 population from the small-area estimates, the nine summing to the county', async () => {
    const loaded = await importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, POPULATION);
    expect(loaded.periods).toEqual(['2017', '2019', '2020']);
    expect(loaded.rows).toBe(348 * 8);

    const res = await t.gql('{ county { population(period: "2020") { count } } localities { code population(period: "2020") { count } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.county.population.count).toBe(COUNTY_2020);
    const localities = res.data.localities as { code: string; population: { count: number } }[];
    expect(Object.fromEntries(localities.map((l) => [l.code, l.population.count]))).toEqual(POPULATION_2020);
    expect(localities.reduce((sum, l) => sum + l.population.count, 0)).toBe(res.data.county.population.count);
  });

  // A connection asked only for its totalCount (the related node's selection would be empty).
  it('counts each locality\'s small areas and parishes when a query asks only for totalCount', async () => {
    const res = await t.gql('{ localities { code smallAreas { totalCount } parishes { totalCount } } }');
    expect(res.errors).toBeUndefined();
    const localities = res.data.localities as { code: string; smallAreas: { totalCount: number }; parishes: { totalCount: number } }[];
    expect(Object.fromEntries(localities.map((l) => [l.code, l.smallAreas.totalCount]))).toEqual(SMALL_AREAS_BY_CODE);
    expect(localities.reduce((sum, l) => sum + l.parishes.totalCount, 0)).toBe(235);
  });
});

describe('bad input is refused with its file and line, and nothing is written', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, POPULATION);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a small area placed in an unknown locality', async () => {
    const smallAreas = new CsvCopy(REAL.smallAreas).set(14, 'locality_code', 'atlantis').write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-unknown-locality'), { ...REAL, smallAreas }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: SMALL_AREAS_FILE, line: 14 });
    expect(problems[0]!.reason).toMatch(/unknown locality "atlantis"/);
  });

  it('refuses a locality code listed twice in the localities file', async () => {
    const copy = new CsvCopy(REAL.localities);
    expect(copy.get(2, 'locality_code')).toBe('hereford-city');
    const line = copy.append(['hereford-city', 'Hereford City', 'CITY']);
    expect(line).toBe(11);
    const problems = await expectRejectedWritingNothing(t, () =>
      loadRealGeography(t, version('bad-duplicate-locality'), { ...REAL, localities: copy.write() }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: LOCALITIES_FILE, line: 11 });
    expect(problems[0]!.reason).toMatch(/duplicate locality code "hereford-city" \(first on line 2\)/);
  });

  it('refuses a parish code listed twice', async () => {
    const copy = new CsvCopy(REAL.parishes);
    const first = copy.get(2, 'PAR19CD');
    const parishes = copy.set(3, 'PAR19CD', first).write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-duplicate-parish'), { ...REAL, parishes }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: PARISHES_FILE, line: 3 });
    expect(problems[0]!.reason).toContain(`duplicate parish code "${first}" (first on line 2)`);
  });

  it('refuses a small area split over two localities whose weights sum to 0.9, naming the small area', async () => {
    const copy = new CsvCopy(REAL.smallAreas);
    const code = copy.get(14, 'lsoa11cd');
    expect(copy.get(14, 'locality_code')).toBe('mortimer');
    const second = copy.set(14, 'weight', '0.6').fields(14);
    second[copy.header.indexOf('locality_code')] = 'leominster';
    second[copy.header.indexOf('weight')] = '0.3';
    const added = copy.append(second);
    expect(added).toBe(118);
    const problems = await expectRejectedWritingNothing(t, () =>
      loadRealGeography(t, version('bad-weights'), { ...REAL, smallAreas: copy.write() }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: SMALL_AREAS_FILE, line: 14 });
    expect(problems[0]!.reason).toContain(`weights of small area ${code} sum to 0.9, not 1`);
    expect(problems[0]!.reason).toContain('lines 14, 118');
  });

  it('refuses a malformed small-area code', async () => {
    const smallAreas = new CsvCopy(REAL.smallAreas).set(20, 'lsoa11cd', 'E0101398').write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-small-area-code'), { ...REAL, smallAreas }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: SMALL_AREAS_FILE, line: 20 });
    expect(problems[0]!.reason).toMatch(/small area code "E0101398" is malformed/);
  });

  it('refuses a malformed parish code', async () => {
    const parishes = new CsvCopy(REAL.parishes).set(10, 'PAR19CD', 'E4000691').write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-parish-code'), { ...REAL, parishes }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: PARISHES_FILE, line: 10 });
    expect(problems[0]!.reason).toMatch(/parish code "E4000691" is malformed/);
  });

  it('refuses a ward lookup naming an unknown small area or a malformed ward code, and a parish-to-ward row for a parish not in the parishes file', async () => {
    const wards = new CsvCopy(WARDS.wards).set(5, 'LSOA11CD', 'E01999999').set(6, 'WD19CD', 'E0500945').write();
    const parishWards = new CsvCopy(WARDS.parishWards).set(7, 'PAR19CD', 'E04999999').write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-wards'), { ...REAL, ...WARDS, wards, parishWards }));
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ['herefordshire_lsoa11_ward19.csv', 5],
      ['herefordshire_lsoa11_ward19.csv', 6],
      ['herefordshire_parish19_ward19.csv', 7],
    ]);
    expect(problems[0]!.reason).toMatch(/unknown small area "E01999999"/);
    expect(problems[1]!.reason).toMatch(/ward code "E0500945" is malformed/);
    expect(problems[2]!.reason).toMatch(/unknown parish "E04999999"/);
  });

  it('reports every problem in a file, each on its own line, and still writes nothing', async () => {
    const smallAreas = new CsvCopy(REAL.smallAreas)
      .set(5, 'locality_code', 'atlantis')
      .set(20, 'lsoa11cd', 'E0101398')
      .set(30, 'weight', '1.5')
      .set(40, 'weight', 'one')
      .write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, version('bad-several'), { ...REAL, smallAreas }));
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [SMALL_AREAS_FILE, 5],
      [SMALL_AREAS_FILE, 20],
      [SMALL_AREAS_FILE, 30],
      [SMALL_AREAS_FILE, 40],
    ]);
    expect(problems[0]!.reason).toMatch(/unknown locality "atlantis"/);
    expect(problems[1]!.reason).toMatch(/"E0101398" is malformed/);
    expect(problems[2]!.reason).toMatch(/weight "1\.5" .* must be a number above 0 and at most 1/);
    expect(problems[3]!.reason).toMatch(/weight "one" .* must be a number above 0 and at most 1/);
  });

  it('refuses to load a version id that already exists, leaving the first version as it was', async () => {
    // The same id with a re-mapping (one Mortimer small area moved to Kington): refused whole.
    const copy = new CsvCopy(REAL.smallAreas);
    const moved = copy.get(14, 'lsoa11cd');
    const smallAreas = copy.set(14, 'locality_code', 'kington').write();
    const problems = await expectRejectedWritingNothing(t, () => loadRealGeography(t, HFD_2019, { ...REAL, smallAreas }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'arguments', line: 0 });
    expect(problems[0]!.reason).toMatch(/geography version "hfd-2019" already exists/);

    const prisma = t.server.stores.records.prisma;
    const stored = await prisma.geographyVersion.findUniqueOrThrow({ where: { id: 'hfd-2019' } });
    expect(stored.effectiveFrom.toISOString()).toBe('2019-12-01T00:00:00.000Z');
    expect(await prisma.smallAreaWeight.count({ where: { versionId: 'hfd-2019' } })).toBe(116);
    const weight = await prisma.smallAreaWeight.findMany({
      where: { versionId: 'hfd-2019', smallArea: { code: moved } },
      select: { weight: true, locality: { select: { code: true } } },
    });
    expect(weight).toEqual([{ weight: 1, locality: { code: 'mortimer' } }]);
    expect(await mirroredSmallAreasByCode(t, 'hfd-2019')).toEqual(SMALL_AREAS_BY_CODE);
    const res = await t.gql('{ localities(geographyVersion: "hfd-2019") { code smallAreas(first: 1) { totalCount edges { node { code } } } } }');
    expect(res.errors).toBeUndefined();
    expect(Object.fromEntries(res.data.localities.map((l: any) => [l.code, l.smallAreas.totalCount]))).toEqual(SMALL_AREAS_BY_CODE);
  });

  it('refuses a population file with an unknown small area, a negative count and a duplicate row, reporting each line', async () => {
    const copy = new CsvCopy(POPULATION);
    const negativeArea = copy.get(3, 'lsoa11_code');
    copy.set(2, 'lsoa11_code', 'E01099999');
    copy.set(3, 'all_ages', '-12');
    copy.setLine(6, copy.fields(5)); // line 6 repeats line 5's small area and period
    const duplicate = copy.get(5, 'lsoa11_code');
    const period = copy.get(5, 'period');
    const file = copy.write();

    const problems = await expectRejectedWritingNothing(t, () =>
      importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, file),
    );
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [POPULATION_FILE, 2],
      [POPULATION_FILE, 3],
      [POPULATION_FILE, 6],
    ]);
    expect(problems[0]!.reason).toMatch(/unknown small area "E01099999"/);
    expect(problems[1]!.reason).toContain(`all_ages "-12" of ${negativeArea} must be a number of people, 0 or more`);
    expect(problems[2]!.reason).toContain(`duplicate small area ${duplicate} for ${period} (first on line 5)`);

    // The figures loaded before are still the ones served.
    const res = await t.gql('{ county { population(period: "2020") { count } } }');
    expect(res.data.county.population.count).toBe(COUNTY_2020);
  });
});

describe('a re-mapping is a new version; the old one stays readable', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ sample: false });
    await loadRealGeography(t);
    await importPopulation(t.server.stores.records.prisma, t.server.stores.analytics, POPULATION);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('makes a later version current while the earlier version still answers as it did', async () => {
    // Before the re-mapping, the server answers from hfd-2019 (and keeps the version list).
    const before = await t.gql('{ localities { code smallAreas(first: 1) { totalCount } } }');
    expect(Object.fromEntries(before.data.localities.map((l: any) => [l.code, l.smallAreas.totalCount]))).toEqual(SMALL_AREAS_BY_CODE);

    const copy = new CsvCopy(REAL.smallAreas);
    expect(copy.get(14, 'locality_code')).toBe('mortimer');
    const moved = copy.get(14, 'lsoa11cd');
    const smallAreas = copy.set(14, 'locality_code', 'kington').write();
    const summary = await loadRealGeography(t, version('hfd-2024', '2024-04-01'), { ...REAL, smallAreas });
    expect(summary).toMatchObject({ versionId: 'hfd-2024', localities: 9, smallAreas: 116, weights: 116 });

    // The current version: hfd-2024's mapping.
    const remapped = { ...SMALL_AREAS_BY_CODE, mortimer: 4, kington: 7 };
    const current = await t.gql('{ localities { code smallAreas(first: 1) { totalCount edges { node { code } } } } }');
    expect(current.errors).toBeUndefined();
    expect(Object.fromEntries(current.data.localities.map((l: any) => [l.code, l.smallAreas.totalCount]))).toEqual(remapped);

    // The earlier version, asked for by id, still gives the old answer.
    const old = await t.gql(`{
      mortimer: locality(code: "mortimer") {
        smallAreas(first: 10, geographyVersion: "hfd-2019") { totalCount edges { node { code } } }
        before: population(period: "2020", geographyVersion: "hfd-2019") { count }
        now: population(period: "2020") { count }
      }
      kington: locality(code: "kington") { smallAreas(first: 1, geographyVersion: "hfd-2019") { totalCount edges { node { code } } } }
    }`);
    expect(old.errors).toBeUndefined();
    expect(old.data.mortimer.smallAreas.totalCount).toBe(5);
    expect(old.data.mortimer.smallAreas.edges.map((e: any) => e.node.code)).toContain(moved);
    expect(old.data.kington.smallAreas.totalCount).toBe(6);
    expect(old.data.mortimer.before.count).toBe(POPULATION_2020.mortimer);
    expect(old.data.mortimer.now.count).toBeLessThan(POPULATION_2020.mortimer);

    const versions = await t.gql('{ geographyVersions { versionId isCurrent } }');
    expect(versions.errors).toBeUndefined();
    expect(versions.data.geographyVersions).toEqual([
      { versionId: 'hfd-2024', isCurrent: true },
      { versionId: 'hfd-2019', isCurrent: false },
    ]);

    // Both versions side by side in the analytics mirror too.
    expect(await mirroredSmallAreasByCode(t, 'hfd-2019')).toEqual(SMALL_AREAS_BY_CODE);
    expect(await mirroredSmallAreasByCode(t, 'hfd-2024')).toEqual(remapped);
  });

  // The root field's version carries to nested fields: hfd-2019 has 5 small areas and 7934
  // residents in Mortimer, hfd-2024 has 4 and 6463. (Runs after the test above, which loads hfd-2024.)
  it('answers a locality asked for at an earlier version with that version\'s small areas and population', async () => {
    const res = await t.gql(`{
      locality(code: "mortimer", geographyVersion: "hfd-2019") {
        smallAreas(first: 1) { totalCount edges { node { code } } }
        population(period: "2020") { count }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.locality.smallAreas.totalCount).toBe(5);
    expect(res.data.locality.population.count).toBe(POPULATION_2020.mortimer);
  });

  it('reads the version list once, not on every request', async () => {
    // countStatements reads the list first; a request needing nothing else then touches neither store.
    const counts = await t.countStatements(async () => {
      const res = await t.gql('{ tiers: localityGroups { tier: code } }');
      expect(res.data.tiers).toHaveLength(3);
    });
    expect(counts).toMatchObject({ records: 0, analytics: 0 });
  });

  it('refuses one request whose root fields ask for two different geography versions', async () => {
    const res = await t.gql(`{
      a: locality(code: "mortimer", geographyVersion: "hfd-2019") { code }
      b: locality(code: "mortimer", geographyVersion: "hfd-2024") { code }
    }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/hfd-2019 and hfd-2024/);
  });
});

describe('the import-geography command', () => {
  // Always a SQLite file: this is about the command, not the record store.
  let dir: string;
  beforeAll(() => {
    dir = newTempDir();
  });

  const geographyArgs = (files: typeof REAL) => [
    'import-geography',
    '--version', 'hfd-2019',
    '--effective-from', '2019-12-01',
    '--county-code', 'E06000019',
    '--county-name', 'Herefordshire',
    '--localities', files.localities,
    '--groupings', files.groupings,
    '--small-areas', files.smallAreas,
    '--parishes', files.parishes,
  ];

  it('exits 1 on a bad small-area file, listing each problem as file:line: reason', async () => {
    const smallAreas = new CsvCopy(REAL.smallAreas).set(14, 'locality_code', 'atlantis').set(20, 'lsoa11cd', 'E0101398').write();
    const run = await cli(dir, geographyArgs({ ...REAL, smallAreas }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    const listed = [...run.stderr.matchAll(/^\s*(\S+\.csv):(\d+): (.+)$/gm)].map((m) => [m[1], Number(m[2]), m[3]]);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toEqual([SMALL_AREAS_FILE, 14, expect.stringMatching(/unknown locality "atlantis"/)]);
    expect(listed[1]).toEqual([SMALL_AREAS_FILE, 20, expect.stringMatching(/small area code "E0101398" is malformed/)]);
    expect(run.stdout).not.toMatch(/loaded/);
  });

  it('exits 0 on the real files and says it loaded 116 small areas', async () => {
    const run = await cli(dir, geographyArgs(REAL));
    expect(ownLines(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/geography version hfd-2019 loaded: 9 localities, 235 parishes, 116 small areas/);
  });
});
