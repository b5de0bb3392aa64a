/**
 * The real public data copied into the repository (data/herefordshire/geography and statistics;
 * Open Government Licence v3.0, see data/README.md), for tests that need real LSOA codes:
 * Herefordshire's 116 2011 LSOAs in its nine localities, with their IMD 2019 deciles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { importGeography } from '../../src/geography/import.js';
import { importIod2019 } from '../../src/statistics/import/iod2019.js';
import type { TestServer } from './server.js';

export const DATA = path.resolve(import.meta.dirname, '..', '..', 'data', 'herefordshire');

export const HEREFORDSHIRE = {
  localities: path.join(DATA, 'geography', 'herefordshire_localities.csv'),
  smallAreas: path.join(DATA, 'geography', 'herefordshire_lsoa11_localities.csv'),
  parishes: path.join(DATA, 'geography', 'herefordshire_parish19_localities.csv'),
  wards: path.join(DATA, 'geography', 'herefordshire_lsoa11_ward19.csv'),
  parishWards: path.join(DATA, 'geography', 'herefordshire_parish19_ward19.csv'),
};

export const IMD2019 = {
  file1: path.join(DATA, 'statistics', 'imd2019', 'File_1_-_IMD2019_Index_of_Multiple_Deprivation.herefordshire.csv'),
  file2: path.join(DATA, 'statistics', 'imd2019', 'File_2_-_IoD2019_Domains_of_Deprivation.herefordshire.csv'),
  file6: path.join(DATA, 'statistics', 'imd2019', 'File_6_-_IoD2019_Population_Denominators.herefordshire.csv'),
};

export const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
export const publishedNumber = (text: string) => Number(text.replaceAll(',', ''));

/** Herefordshire's geography (version hfd-2019) and the IoD 2019 files, loaded into a test server. */
export async function loadHerefordshire(t: TestServer, options: { imd?: boolean } = {}) {
  await importGeography(t.server.stores.records.prisma, t.server.stores.analytics, HEREFORDSHIRE, {
    versionId: 'hfd-2019',
    effectiveFrom: '2019-12-01',
    countyCode: 'E06000019',
    countyName: 'Herefordshire',
  });
  if (options.imd !== false) await importIod2019(t.server.stores.analytics, IMD2019);
}
