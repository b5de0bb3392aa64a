/**
 * The public health profiles' (OHID Fingertips) data export layout, so an analyst's scripts and
 * chart packages (e.g. fingertipsR, fingertipscharts) read it unchanged: the columns in
 * Fingertips' order and spelling, `Sex` "Persons", the area's rows with empty Category Type and
 * Category, then the area's inequality rows as category rows (Category Type "County deprivation
 * quintiles (IMD2019, national)" style: here "Deprivation quintile (IMD 2019, national, of the
 * area's LSOAs)", Category "Most deprived quintile" ... "Least deprived quintile"), with their
 * values, intervals, counts and denominators and the same withholding. "Compared to <county>
 * value or percentiles" names the benchmark as Fingertips names England.
 *
 *   GET /exports/fingertips.csv?area=<locality code | county>[&indicators=a,b][&theme=][&period=]
 */
import { runQuery } from '../http/graphql-in-process.js';
import { COUNTY_PROFILE, LOCALITY_PROFILE, type ProfileRowData } from '../presenting/queries.js';
import { AREA_TYPE_WORDS, COMPARISON_WORDS, trendWords } from '../presenting/words.js';
import type { QuantileValue } from '../inequality/service.js';
import type { Context } from '../schema/context.js';
import { type CsvColumn, toCsv } from './csv.js';
import { type CountyRef, identityColumns, isCounty } from './profile-csv.js';

export const CATEGORY_TYPE = 'Deprivation quintile (IMD 2019, national, of the area’s LSOAs)';
const CATEGORY_NAMES = ['Most deprived quintile', 'Second most deprived quintile', 'Third more deprived quintile', 'Second least deprived quintile', 'Least deprived quintile'];

interface Item {
  row: ProfileRowData;
  county: CountyRef;
  category: QuantileValue | null;
}

export function fingertipsColumns(countyName: string): CsvColumn<Item>[] {
  return [
    ...identityColumns<Item>(),
    { header: 'Sex', value: () => 'Persons' },
    { header: 'Age', value: ({ row }) => row.indicator.population },
    { header: 'Category Type', value: ({ category }) => (category ? CATEGORY_TYPE : null) },
    { header: 'Category', value: ({ category }) => (category ? CATEGORY_NAMES[category.quantile - 1]! : null) },
    { header: 'Time period', value: ({ row }) => row.period },
    { header: 'Value', value: ({ row, category }) => (category ? category.value : row.value) },
    { header: 'Lower CI 95.0 limit', value: ({ row, category }) => (category ? (category.lower95 ?? null) : row.lowerCI95) },
    { header: 'Upper CI 95.0 limit', value: ({ row, category }) => (category ? (category.upper95 ?? null) : row.upperCI95) },
    { header: 'Lower CI 99.8 limit', value: ({ row, category }) => (category ? (category.lower998 ?? null) : row.lowerCI998) },
    { header: 'Upper CI 99.8 limit', value: ({ row, category }) => (category ? (category.upper998 ?? null) : row.upperCI998) },
    { header: 'Count', value: ({ row, category }) => (category ? category.numerator : row.numerator) },
    { header: 'Denominator', value: ({ row, category }) => (category ? category.denominator : row.denominator) },
    { header: 'Value note', value: ({ row, category }) => (category ? category.note : row.note) },
    { header: 'Recent Trend', value: ({ row, category }) => (category ? null : trendWords(row.trend, row.indicator.polarity)) },
    {
      header: `Compared to ${countyName} value or percentiles`,
      value: ({ row, category }) => (category || isCounty(row) ? 'Not compared' : COMPARISON_WORDS[row.comparison]),
    },
    { header: 'Time period Sortable', value: ({ row }) => Number(row.periodStart.replaceAll('-', '')) },
  ];
}

/** One area's profile in the Fingertips layout, with its inequality rows (one analytics query per indicator for those). */
export async function fingertipsCsv(
  ctx: Context,
  area: string,
  args: { theme: string | null; indicators: string[] | null; period: string | null },
): Promise<{ filename: string; body: string }> {
  const data =
    area === 'county'
      ? await runQuery(COUNTY_PROFILE, ctx, args)
      : await runQuery(LOCALITY_PROFILE, ctx, { ...args, code: area });
  const county = { code: data.county.code, name: data.county.name };
  const rows = 'locality' in data ? data.locality.profile : data.county.profile;
  const catalogue = await ctx.loaders.statistics.catalogue();
  const versionId = ctx.geography.versionId();
  const items: Item[] = [];
  const breakdowns = await Promise.all(
    rows.map((row) => {
      const indicator = catalogue.get(row.indicator.id);
      // A DSR has no rows by deprivation: its quintiles are not standardised (refuseStandardisedRate).
      if (!indicator || indicator.aggregation === 'NOT_ADDITIVE' || indicator.valueType === 'DSR') return Promise.resolve(null);
      return ctx.loaders.inequality.load({
        area: area === 'county' ? { kind: 'COUNTY', code: 'COUNTY' } : { kind: 'LOCALITY', code: area },
        indicator,
        indicatorId: indicator.id,
        period: row.period,
        quantiles: 'QUINTILE',
        versionId,
      });
    }),
  );
  rows.forEach((row, i) => {
    items.push({ row, county, category: null });
    for (const value of breakdowns[i]?.values ?? []) if (value.smallAreas > 0) items.push({ row, county, category: value });
  });
  return { filename: `${area}-fingertips.csv`, body: toCsv(fingertipsColumns(county.name), items) };
}
