/**
 * Shared by the statistics importer tests: copies of real files with lines changed (written to a
 * temporary folder under the real file's name), a snapshot of every table the importers write
 * (row counts and an order-independent checksum of the contents), the check that a refused import
 * wrote nothing, and the real Herefordshire geography. The command line is test/support/cli.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, expect } from 'vitest';
import { importGeography } from '../../src/geography/import.js';
import { importSmallAreaLookup } from '../../src/geography/small-area-lookup.js';
import { type ImportProblem, ImportRejectedError } from '../../src/importing/problems.js';
import type { TestServer } from '../support/server.js';

export const PROJECT = path.resolve(import.meta.dirname, '..', '..');

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

export function newTempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'li-statistics-import-'));
  tempDirs.push(dir);
  return dir;
}

const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

/** A CSV file's text, to change by line number (line 1 is the header, data row k is line k+1). */
export class CsvCopy {
  private readonly eol: string;
  private readonly lines: string[];
  private readonly trailingEol: boolean;

  constructor(private readonly source: string, text = readFileSync(source, 'utf8')) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(this.eol);
    this.trailingEol = this.lines.at(-1) === '';
    if (this.trailingEol) this.lines.pop();
  }

  get header(): string[] {
    return this.fields(1);
  }

  fields(n: number): string[] {
    const text = this.lines[n - 1];
    if (text === undefined) throw new Error(`${this.source} has no line ${n}`);
    const [record] = parse(text.replace(/^\uFEFF/, '')) as string[][];
    return record ?? [];
  }

  private column(name: string | RegExp): number {
    const at = this.header.findIndex((h) => (typeof name === 'string' ? h === name : name.test(h)));
    if (at < 0) throw new Error(`no column ${name}`);
    return at;
  }

  setLine(n: number, fields: string[]): this {
    if (n < 1 || n > this.lines.length) throw new Error(`no line ${n}`);
    this.lines[n - 1] = fields.map(quote).join(',');
    return this;
  }

  set(n: number, column: string | RegExp, value: string): this {
    const fields = this.fields(n);
    fields[this.column(column)] = value;
    return this.setLine(n, fields);
  }

  get(n: number, column: string | RegExp): string {
    return this.fields(n)[this.column(column)]!;
  }

  /** Add a line at the end; returns its line number. */
  append(fields: string[]): number {
    this.lines.push(fields.map(quote).join(','));
    return this.lines.length;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Write the text under the real file's name (or `name`) in `dir` (default: a new temporary folder). */
  write(dir = newTempDir(), name = path.basename(this.source)): string {
    const file = path.join(dir, name);
    writeFileSync(file, this.lines.join(this.eol) + (this.trailingEol ? this.eol : ''));
    return file;
  }
}

/** Row counts and content checksums of every table the statistics importers write. */
export async function statisticsSnapshot(t: TestServer) {
  const db = t.server.stores.analytics;
  const [row] = await db.query<Record<string, string>>(`SELECT
    (SELECT count(*) FROM observation)::VARCHAR AS observations,
    (SELECT coalesce(sum(hash(indicator_id, small_area_code, period, period_kind, period_start, period_index,
                                numerator, denominator, value, standard_error, release)::HUGEINT), 0) FROM observation)::VARCHAR AS observation_checksum,
    (SELECT count(*) FROM indicator)::VARCHAR AS indicators,
    (SELECT coalesce(sum(hash(indicator_id, name, definition, unit, value_type, multiplier, polarity, aggregation,
                                weight_population, population, theme, source, release, licence, disclosure_control)::HUGEINT), 0) FROM indicator)::VARCHAR AS indicator_checksum,
    (SELECT count(*) FROM small_area_population)::VARCHAR AS populations,
    (SELECT coalesce(sum(hash(small_area_code, period, age_band, population)::HUGEINT), 0) FROM small_area_population)::VARCHAR AS population_checksum`);
  return row!;
}

/** Run an import that must be refused; check that it wrote nothing; return its problems. */
export async function expectRejectedWritingNothing(t: TestServer, work: () => Promise<unknown>): Promise<ImportProblem[]> {
  const before = await statisticsSnapshot(t);
  const outcome = await work().then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  expect(outcome).toHaveProperty('error');
  const error = (outcome as { error: unknown }).error;
  expect(error).toBeInstanceOf(ImportRejectedError);
  expect((error as Error).message).toContain('nothing was written');
  expect(await statisticsSnapshot(t)).toEqual(before);
  return (error as ImportRejectedError).problems;
}

/** The published statistics the default loads (data/herefordshire/statistics, OGL v3.0). */
export const STATISTICS = path.join(PROJECT, 'data', 'herefordshire', 'statistics');

/** The real Herefordshire geography files (data/herefordshire/geography, OGL v3.0; data/README.md). */
const REAL_GEOGRAPHY = path.join(PROJECT, 'data', 'herefordshire', 'geography');
export const GEOGRAPHY = {
  localities: path.join(REAL_GEOGRAPHY, 'herefordshire_localities.csv'),
  smallAreas: path.join(REAL_GEOGRAPHY, 'herefordshire_lsoa11_localities.csv'),
  parishes: path.join(REAL_GEOGRAPHY, 'herefordshire_parish19_localities.csv'),
};
/** The 117 2021 LSOAs in the same localities, and the ONS LSOA 2011 to 2021 lookup with its apportionment populations. */
export const LSOA21_LOCALITIES = path.join(REAL_GEOGRAPHY, 'herefordshire_lsoa21_localities_by_ward.csv');
export const LSOA_LOOKUP = { lookup: path.join(REAL_GEOGRAPHY, 'herefordshire_lsoa11_lsoa21.csv'), populations: path.join(REAL_GEOGRAPHY, 'herefordshire_lsoa_populations.csv') };

/** A Herefordshire geography version: the real localities and tiers, with the given small areas' assignment. */
export function loadGeographyVersion(t: TestServer, versionId: string, smallAreas: string) {
  return importGeography(
    t.server.stores.records.prisma,
    t.server.stores.analytics,
    { localities: GEOGRAPHY.localities, groupings: path.join(REAL_GEOGRAPHY, 'herefordshire_groupings.csv'), smallAreas },
    { versionId, effectiveFrom: '2019-12-01', countyCode: 'E06000019', countyName: 'Herefordshire' },
  );
}

/**
 * A crafted assignment (written to a temporary file, its path returned): the 2021 geography with
 * E01035056, one half of the split E01014007, in Weobley instead of Hereford City.
 */
export function splitApartSmallAreas(): string {
  const copy = new CsvCopy(LSOA21_LOCALITIES);
  const rows = parse(readFileSync(LSOA21_LOCALITIES, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const line = rows.findIndex((r) => r.lsoa21cd === 'E01035056') + 2;
  return copy.set(line, 'locality_code', 'weobley').set(line, 'locality_name', 'Weobley').set(line, 'tier', 'RURAL').write();
}

/** The real Herefordshire geography (116 LSOAs in nine localities), as test/geography loads it. */
export function loadRealGeography(t: TestServer) {
  return importGeography(t.server.stores.records.prisma, t.server.stores.analytics, GEOGRAPHY, {
    versionId: 'hfd-2019',
    effectiveFrom: '2019-12-01',
    countyCode: 'E06000019',
    countyName: 'Herefordshire',
  });
}

/** Both generations as the default dataset loads them: the 2021 LSOAs, then the 2011 ones (in force), and the lookup between them. */
export async function loadRealGeographies(t: TestServer) {
  await importGeography(t.server.stores.records.prisma, t.server.stores.analytics, { ...GEOGRAPHY, smallAreas: LSOA21_LOCALITIES }, {
    versionId: 'hfd-2021-lsoa21',
    effectiveFrom: '2019-12-01',
    countyCode: 'E06000019',
    countyName: 'Herefordshire',
  });
  await loadRealGeography(t);
  await importSmallAreaLookup(t.server.stores.analytics, LSOA_LOOKUP);
}
