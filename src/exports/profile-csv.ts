/**
 * Profile rows as the tidy CSV analysts get from the public health profiles (Fingertips): one row
 * per area, indicator and period, the columns named as Fingertips names them (see METHODS.md,
 * "Export columns"), with the county as the parent and the comparison made with it. Values are
 * written as the API returns them, unrounded, so a spreadsheet and the API agree to the last digit.
 */
import type { ProfileRowData } from '../presenting/queries.js';
import { AREA_TYPE_WORDS, COMPARISON_WORDS, trendWords } from '../presenting/words.js';
import { type CsvColumn, toCsv } from './csv.js';

export interface CountyRef {
  code: string;
  name: string;
}

interface Item {
  row: ProfileRowData;
  county: CountyRef;
}

export const isCounty = (row: ProfileRowData) => row.area.kind === 'COUNTY';

/**
 * The columns both profile exports open with, in Fingertips' order and spelling: the indicator,
 * the parent (the county; empty on the county's own rows) and the area.
 */
export function identityColumns<T extends { row: ProfileRowData; county: CountyRef }>(): CsvColumn<T>[] {
  return [
    { header: 'Indicator ID', value: ({ row }) => row.indicator.id },
    { header: 'Indicator Name', value: ({ row }) => row.indicator.name },
    { header: 'Parent Code', value: ({ row, county }) => (isCounty(row) ? null : county.code) },
    { header: 'Parent Name', value: ({ row, county }) => (isCounty(row) ? null : county.name) },
    { header: 'Area Code', value: ({ row, county }) => (isCounty(row) ? county.code : row.area.code) },
    { header: 'Area Name', value: ({ row, county }) => (isCounty(row) ? county.name : row.area.name) },
    { header: 'Area Type', value: ({ row }) => AREA_TYPE_WORDS[row.area.kind] },
  ];
}

export const PROFILE_COLUMNS: readonly CsvColumn<Item>[] = [
  ...identityColumns<Item>(),
  { header: 'Age', value: ({ row }) => row.indicator.population },
  { header: 'Time period', value: ({ row }) => row.period },
  { header: 'Time period start', value: ({ row }) => row.periodStart },
  { header: 'Value', value: ({ row }) => row.value },
  { header: 'Lower CI 95.0 limit', value: ({ row }) => row.lowerCI95 },
  { header: 'Upper CI 95.0 limit', value: ({ row }) => row.upperCI95 },
  { header: 'Lower CI 99.8 limit', value: ({ row }) => row.lowerCI998 },
  { header: 'Upper CI 99.8 limit', value: ({ row }) => row.upperCI998 },
  { header: 'Count', value: ({ row }) => row.numerator },
  { header: 'Denominator', value: ({ row }) => row.denominator },
  { header: 'Value note', value: ({ row }) => row.note },
  { header: 'Coverage of small areas', value: ({ row }) => row.coverage },
  { header: 'Coverage of denominator', value: ({ row }) => row.denominatorCoverage },
  { header: 'Incomplete', value: ({ row }) => (row.incomplete ? 'Yes' : 'No') },
  { header: 'Small area lookup', value: ({ row }) => row.smallAreaLookup },
  { header: 'Recent Trend', value: ({ row }) => trendWords(row.trend, row.indicator.polarity) },
  { header: 'Compared to county value', value: ({ row }) => COMPARISON_WORDS[row.comparison] },
  { header: 'County value', value: ({ row }) => row.countyValue },
  { header: 'Rank', value: ({ row }) => row.rank },
  { header: 'Rank out of', value: ({ row }) => row.rankOutOf },
  { header: 'Quintile', value: ({ row }) => row.quintile },
  { header: 'Unit', value: ({ row }) => row.indicator.unit },
  { header: 'Theme', value: ({ row }) => row.indicator.theme },
];

export function profileCsv(rows: readonly ProfileRowData[], county: CountyRef): string {
  return toCsv(
    PROFILE_COLUMNS,
    rows.map((row) => ({ row, county })),
  );
}
