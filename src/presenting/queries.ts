/**
 * The GraphQL documents behind the profile pages and the profile CSVs: the same fields an
 * analyst asks /graphql for, so the page, the download and the API show the same numbers.
 * Every page also reads the nine localities' values of the same indicators, for the spine
 * chart's range: the profile loader computes every area of a request shape in one analytics
 * query anyway, so this costs no extra query.
 */
import { prepareQuery, runQuery } from '../http/graphql-in-process.js';
import type { Context } from '../schema/context.js';

/** A group of localities as the pages list it: its area code (`grouping/group`) and name. */
export interface GroupItem {
  areaCode: string;
  name: string;
}

/** The groupings the geography defines, each with its groups (none, one or several). */
export interface GroupingItem {
  code: string;
  name: string;
  groups: GroupItem[];
}
export type Polarity = 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE' | 'NO_JUDGEMENT';
export type Comparison = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';
export type Trend = 'INCREASING' | 'DECREASING' | 'NO_SIGNIFICANT_CHANGE' | 'NOT_ENOUGH_DATA';

export interface IndicatorData {
  id: string;
  name: string;
  definition: string;
  unit: string;
  valueType: string;
  polarity: Polarity;
  population: string;
  theme: string;
  source: string;
  release: string;
  licence: string;
}

export interface ProfileRowData {
  indicator: IndicatorData;
  area: { kind: 'LOCALITY' | 'LOCALITY_GROUP' | 'COUNTY' | 'GROUP' | 'CUSTOM'; code: string; name: string };
  period: string;
  periodStart: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  lowerCI95: number | null;
  upperCI95: number | null;
  lowerCI998: number | null;
  upperCI998: number | null;
  countyValue: number | null;
  comparison: Comparison;
  trend: Trend;
  rank: number | null;
  rankOutOf: number | null;
  quintile: number | null;
  coverage: number | null;
  denominatorCoverage: number | null;
  incomplete: boolean;
  smallAreaLookup: string | null;
  suppressed: boolean;
  note: string | null;
}

/** A locality's value of one indicator, for the range of the spine chart. */
export interface RangePoint {
  indicator: { id: string };
  period: string;
  value: number | null;
}

export interface LocalityListItem {
  code: string;
  name: string;
  /** Its group in each grouping, in grouping order. */
  groups: GroupItem[];
}

export const INDICATOR_FIELDS = 'id name definition unit valueType polarity population theme source release licence';

export const ROW_FRAGMENT = `
fragment ProfileRowFields on ProfileRow {
  indicator { ${INDICATOR_FIELDS} }
  area { kind code name }
  period periodStart value numerator denominator lowerCI95 upperCI95 lowerCI998 upperCI998
  countyValue comparison trend rank rankOutOf quintile suppressed note coverage denominatorCoverage incomplete smallAreaLookup
}`;

const PROFILE_ARGS = 'theme: $theme, indicators: $indicators, period: $period';
const PROFILE_VARIABLES = '$theme: String, $indicators: [ID!], $period: String';

const GROUPINGS = 'groupings { code name groups { areaCode name } }';
const LOCALITY_ITEM = 'code name groups { areaCode name }';

/** Every page: the whole area, and the localities with their values for the spine's range. */
const AROUND = `
  county { code name ${GROUPINGS} }
  localities { ${LOCALITY_ITEM} profile(${PROFILE_ARGS}) { indicator { id } period value } }`;

interface Around {
  county: { code: string; name: string; groupings: GroupingItem[] };
  localities: (LocalityListItem & { profile: RangePoint[] })[];
}

export const LOCALITY_PROFILE = prepareQuery<
  Around & { locality: LocalityListItem & { profile: ProfileRowData[] } }
>(`query LocalityProfile($code: String!, ${PROFILE_VARIABLES}) {
  locality(code: $code) { ${LOCALITY_ITEM} profile(${PROFILE_ARGS}) { ...ProfileRowFields } }
  ${AROUND}
}${ROW_FRAGMENT}`);

export const COUNTY_PROFILE = prepareQuery<
  Omit<Around, 'county'> & { county: { code: string; name: string; groupings: GroupingItem[]; profile: ProfileRowData[] } }
>(`query CountyProfile(${PROFILE_VARIABLES}) {
  county { code name ${GROUPINGS} profile(${PROFILE_ARGS}) { ...ProfileRowFields } }
  localities { ${LOCALITY_ITEM} profile(${PROFILE_ARGS}) { indicator { id } period value } }
}${ROW_FRAGMENT}`);

export const GROUP_PROFILE = prepareQuery<
  Around & { localityGroup: { areaCode: string; name: string; groupingName: string; localities: { code: string }[]; profile: ProfileRowData[] } }
>(`query GroupProfile($group: String!, ${PROFILE_VARIABLES}) {
  localityGroup(code: $group) { areaCode name groupingName localities { code } profile(${PROFILE_ARGS}) { ...ProfileRowFields } }
  ${AROUND}
}${ROW_FRAGMENT}`);

/** A custom area (src/custom-areas/): the geography version its profile is on, read first. */
export const CUSTOM_AREA_VERSION = prepareQuery<{ customArea: { geographyVersion: string } }>(
  'query CustomAreaVersion($id: ID!) { customArea(id: $id) { geographyVersion } }',
);

export interface CustomAreaData {
  id: string;
  name: string;
  description: string | null;
  geographyVersion: string;
  basis: 'SMALL_AREAS' | 'LOCALITIES';
  smallAreaCount: number;
  localities: { code: string; name: string }[];
  authorPartner: { name: string };
  profile: ProfileRowData[];
}

/** A custom area's page and CSV, with the localities' values for the spine's range (on its version). */
export const CUSTOM_AREA_PROFILE = prepareQuery<Around & { customArea: CustomAreaData }>(`query CustomAreaProfile($id: ID!, ${PROFILE_VARIABLES}) {
  customArea(id: $id) {
    id name description geographyVersion basis smallAreaCount localities { code name } authorPartner { name }
    profile(${PROFILE_ARGS}) { ...ProfileRowFields }
  }
  ${AROUND}
}${ROW_FRAGMENT}`);

/** Any set of areas at once (the CSV of several localities, groups of localities and the whole area). */
export const AREAS_PROFILE = prepareQuery<{
  county: { code: string; name: string; profile?: ProfileRowData[] };
  localities: (LocalityListItem & { profile: ProfileRowData[] })[];
  groupings?: { groups: (GroupItem & { profile: ProfileRowData[] })[] }[];
  indicators: { id: string }[];
}>(`query AreasProfile(${PROFILE_VARIABLES}, $withCounty: Boolean!, $withGroups: Boolean!) {
  county { code name profile(${PROFILE_ARGS}) @include(if: $withCounty) { ...ProfileRowFields } }
  localities { ${LOCALITY_ITEM} profile(${PROFILE_ARGS}) { ...ProfileRowFields } }
  groupings @include(if: $withGroups) { groups { areaCode name profile(${PROFILE_ARGS}) { ...ProfileRowFields } } }
  indicators { id }
}${ROW_FRAGMENT}`);

/** The page of one indicator: what it is, every locality's latest value and the county's series. */
export const INDICATOR_PAGE = prepareQuery<{
  indicator: IndicatorData & { multiplier: number; aggregation: string; series: ProfileRowData[] };
  county: { code: string; name: string; groupings: GroupingItem[] };
  localities: (LocalityListItem & { profile: ProfileRowData[] })[];
}>(`query IndicatorPage($id: ID!) {
  indicator(id: $id) {
    ${INDICATOR_FIELDS} multiplier aggregation
    series(area: { kind: COUNTY }) { ...ProfileRowFields }
  }
  county { code name ${GROUPINGS} }
  localities { ${LOCALITY_ITEM} profile(indicators: [$id]) { ...ProfileRowFields } }
}${ROW_FRAGMENT}`);

/** The selector and the index: every locality, and the custom areas the viewer may see (the first 100 by name). */
export const AREA_LIST = prepareQuery<{
  county: { code: string; name: string; groupings: GroupingItem[] };
  localities: LocalityListItem[];
  customAreas: { totalCount: number; edges: { node: { id: string; name: string } }[] };
}>(
  `query AreaList { county { code name ${GROUPINGS} } localities { ${LOCALITY_ITEM} } customAreas(first: 100) { totalCount edges { node { id name } } } }`,
);

/**
 * A custom area's profile with the localities around it, on the custom area's own geography
 * version (its small areas are that version's): the version is read first, then the page's query
 * runs with it as the request's version. A custom area the viewer may not see is NOT_FOUND.
 */
export async function customAreaProfile(ctx: Context, id: string, args: Record<string, unknown> = {}) {
  const { customArea } = await runQuery(CUSTOM_AREA_VERSION, ctx, { id });
  ctx.geography.useForRequest(customArea.geographyVersion);
  return runQuery(CUSTOM_AREA_PROFILE, ctx, { id, ...args });
}
