/**
 * Spend in a place: every partner's spend lines of one financial year, re-based to one price
 * base, placed in localities (a locality line as it is; a small area's by the geography weights;
 * a county-wide line by its apportionment driver, see spend-allocation.sql), and added up for
 * every locality, every group of localities and the whole area, by partner and by service, with spend per head.
 *
 * One analytics query (and the deflator series, loaded once per request) answers a whole request
 * shape (geography version, year, price base), however many localities ask: the loader in
 * loaders.ts keeps the answer for the request.
 *
 * Exactness: each line is re-based to whole pence first, then split with the largest-remainder
 * method (apportion.ts), so every line's parts sum to the line and the localities of a year sum
 * to the county total to the penny. A county-wide line whose driver has no data for the year is
 * kept in the county total as `unapportioned`, never silently dropped or guessed.
 */
import type { AnalyticsQueries } from '../db/analytics.js';
import { sqlFile } from '../db/sql-file.js';
import { type AreaKind, areaKeyText } from '../geography/areas.js';
import { apportionLargestRemainder } from './apportion.js';
import { type DeflatorSeries, rebase } from './deflators.js';
import { divideHalfEven, scaledDecimal } from './money.js';
import type { CommissionedLine } from '../funds/spend.js';

const SPEND_ALLOCATION_SQL = sqlFile(import.meta.url, 'spend-allocation.sql');

/** Drivers arrive as decimals with 9 places (profile.sql's precision). */
const DRIVER_SCALE = 9;
/** Spend is answered for localities, their groups and the whole area (not for combined sets). */
export type SpendAreaKind = Exclude<AreaKind, 'GROUP'>;

export interface SpendShape {
  versionId: string;
  /** Canonical financial year ("2019/20"). */
  year: string;
  yearStart: string;
  startYear: number;
  /** Canonical financial year of the prices the answer is in. */
  priceBase: string;
}

export interface PartnerSpend {
  partnerName: string;
  pence: bigint;
  perHeadPence: bigint | null;
}

export interface ServiceSpend {
  partnerName: string;
  classification: string | null;
  serviceCode: string | null;
  service: string;
  pence: bigint;
}

export interface SpendSummary {
  area: { kind: SpendAreaKind; code: string; name: string };
  year: string;
  priceBase: string;
  pence: bigint;
  /** Spend placed here by locality and small-area lines. */
  directPence: bigint;
  /** Spend placed here by splitting county-wide lines. */
  apportionedPence: bigint;
  /** County only: county-wide spend whose driver had no data for the year (0 elsewhere). */
  unapportionedPence: bigint;
  lineCount: number;
  /** All-ages residents (scaled by 10^9), null where none is loaded. */
  populationScaled: bigint | null;
  populationPeriod: string | null;
  perHeadPence: bigint | null;
  countyPerHeadPence: bigint | null;
  byPartner: PartnerSpend[];
  byService: ServiceSpend[];
}

interface AllocationRow {
  line_id: number | null;
  partner_name: string | null;
  classification: string | null;
  service_code: string | null;
  service: string | null;
  amount_pence: string | null;
  price_base: string | null;
  line_kind: string | null;
  scope: string;
  driver_kind: string | null;
  driver_key: string | null;
  locality_code: string | null;
  locality_name: string | null;
  /** The locality's groups (`grouping/group`) and their names, in grouping order. */
  group_codes: string[] | null;
  group_names: string[] | null;
  driver: string | null;
  driver_period: string | null;
  [column: string]: unknown;
}

interface Accumulator {
  summary: SpendSummary;
  lines: Set<number>;
  partners: Map<string, bigint>;
  services: Map<string, ServiceSpend>;
}

export const spendAreaKey = (kind: SpendAreaKind, code: string) => areaKeyText({ kind, code });

/** Every locality's, group's and the whole area's spend for one shape, keyed `KIND:code`. */
export async function computeSpend(
  db: AnalyticsQueries,
  deflatorsLoad: Promise<DeflatorSeries>,
  shape: SpendShape,
  countyName: string,
  commissionedLoad: Promise<CommissionedLine[]> = Promise.resolve([]),
): Promise<Map<string, SpendSummary>> {
  const [rows, deflators, commissioned] = await Promise.all([
    db.query<AllocationRow>(SPEND_ALLOCATION_SQL, {
      version_id: shape.versionId,
      financial_year: shape.year,
      year_start: shape.yearStart,
      start_year: shape.startYear,
    }),
    deflatorsLoad,
    commissionedLoad,
  ]);

  const areas = new Map<string, Accumulator>();
  const area = (kind: SpendAreaKind, code: string, name: string): Accumulator => {
    const key = spendAreaKey(kind, code);
    let found = areas.get(key);
    if (!found) {
      found = { summary: emptySummary(kind, code, name, shape), lines: new Set(), partners: new Map(), services: new Map() };
      areas.set(key, found);
    }
    return found;
  };
  const county = area('COUNTY', 'COUNTY', countyName);
  const areasOf = (row: AllocationRow) => [
    area('LOCALITY', row.locality_code!, row.locality_name ?? row.locality_code!),
    ...(row.group_codes ?? []).map((code, i) => area('LOCALITY_GROUP', code, row.group_names?.[i] ?? code)),
  ];

  // Each locality's groups as the rows give them (for the commissioned lines, which name localities only).
  const groupsOf = new Map<string, Accumulator[]>();
  for (const row of rows) {
    if (row.locality_code !== null && !groupsOf.has(row.locality_code)) groupsOf.set(row.locality_code, areasOf(row).slice(1));
  }

  // Rows arrive grouped by line (population rows, line_id NULL, last).
  const byLine = new Map<number, AllocationRow[]>();
  for (const row of rows) {
    if (row.line_id === null) {
      if (row.locality_code === null || row.driver === null) continue;
      for (const target of [...areasOf(row), county]) {
        const s = target.summary;
        s.populationScaled = (s.populationScaled ?? 0n) + scaledDecimal(row.driver, DRIVER_SCALE);
        s.populationPeriod = row.driver_period;
      }
      continue;
    }
    const list = byLine.get(row.line_id) ?? [];
    list.push(row);
    byLine.set(row.line_id, list);
  }

  for (const [lineId, parts] of byLine) {
    const line = parts[0]!;
    const amount = rebase(deflators, BigInt(line.amount_pence!), line.price_base!, shape.priceBase);
    const placed = parts.filter((part) => part.locality_code !== null && part.driver !== null);
    const split = apportionLargestRemainder(
      amount,
      placed.map((part) => ({ key: part.locality_code!, weight: scaledDecimal(part.driver!, DRIVER_SCALE) })),
    );
    const how = !split ? 'unapportioned' : line.scope === 'COUNTY' ? 'apportioned' : 'direct';
    add(county, lineId, line, amount, how);
    split?.forEach((share, i) => {
      if (share.pence === 0n) return;
      for (const target of areasOf(placed[i]!)) add(target, lineId, line, share.pence, how);
    });
  }

  addCommissioned(commissioned, deflators, shape, area, county, groupsOf);

  const countyPerHead = perHead(county.summary.pence, county.summary.populationScaled);
  const result = new Map<string, SpendSummary>();
  for (const [key, acc] of areas) {
    const s = acc.summary;
    s.lineCount = acc.lines.size;
    s.perHeadPence = perHead(s.pence, s.populationScaled);
    s.countyPerHeadPence = countyPerHead;
    s.byPartner = [...acc.partners]
      .map(([partnerName, pence]) => ({ partnerName, pence, perHeadPence: perHead(pence, s.populationScaled) }))
      .sort((a, b) => (a.pence === b.pence ? a.partnerName.localeCompare(b.partnerName) : a.pence > b.pence ? -1 : 1));
    s.byService = [...acc.services.values()].sort(
      (a, b) => a.partnerName.localeCompare(b.partnerName) || a.service.localeCompare(b.service) || (a.serviceCode ?? '').localeCompare(b.serviceCode ?? ''),
    );
    result.set(key, s);
  }
  return result;
}

/**
 * Commissions from pooled and devolved funds (src/funds/spend.ts): each year's part is spend in
 * the localities it covers, split by their all-ages population (largest remainder; equal shares
 * where no population is loaded), as a direct line. It goes into each locality once, each group
 * of localities through its localities, and the county once. Their line ids are negative, apart from the
 * ledger's.
 */
function addCommissioned(
  lines: readonly CommissionedLine[],
  deflators: DeflatorSeries,
  shape: SpendShape,
  area: (kind: SpendAreaKind, code: string, name: string) => Accumulator,
  county: Accumulator,
  groupsOf: ReadonlyMap<string, readonly Accumulator[]>,
): void {
  for (const line of lines) {
    const amount = rebase(deflators, line.pence, shape.year, shape.priceBase);
    const row = {
      partner_name: `${line.fundName} (pooled fund)`,
      classification: 'Commissioned from a pooled or devolved fund',
      service_code: null,
      service: `${line.title} (${line.provider})`,
    } as AllocationRow;
    const localities = [...line.localities].sort((a, b) => a.code.localeCompare(b.code));
    const population = (code: string) => area('LOCALITY', code, code).summary.populationScaled ?? 0n;
    const byPopulation = localities.map((l) => ({ key: l.code, weight: population(l.code) }));
    const split =
      apportionLargestRemainder(amount, byPopulation) ?? apportionLargestRemainder(amount, localities.map((l) => ({ key: l.code, weight: 1n })));
    const lineId = -line.commissionId;
    add(county, lineId, row, amount, 'direct');
    split?.forEach((share, i) => {
      if (share.pence === 0n) return;
      const locality = localities[i]!;
      add(area('LOCALITY', locality.code, locality.name), lineId, row, share.pence, 'direct');
      for (const group of groupsOf.get(locality.code) ?? []) add(group, lineId, row, share.pence, 'direct');
    });
  }
}

function add(target: Accumulator, lineId: number, line: AllocationRow, pence: bigint, how: 'direct' | 'apportioned' | 'unapportioned'): void {
  const s = target.summary;
  s.pence += pence;
  if (how === 'direct') s.directPence += pence;
  else if (how === 'apportioned') s.apportionedPence += pence;
  else s.unapportionedPence += pence;
  target.lines.add(lineId);
  const partner = line.partner_name!;
  target.partners.set(partner, (target.partners.get(partner) ?? 0n) + pence);
  const serviceKey = JSON.stringify([partner, line.classification, line.service_code, line.service]);
  const service = target.services.get(serviceKey);
  if (service) service.pence += pence;
  else {
    target.services.set(serviceKey, {
      partnerName: partner,
      classification: line.classification,
      serviceCode: line.service_code,
      service: line.service!,
      pence,
    });
  }
}

/** Pence per resident, rounded half to even; null without a population. */
function perHead(pence: bigint, populationScaled: bigint | null): bigint | null {
  if (populationScaled === null || populationScaled <= 0n) return null;
  return divideHalfEven(pence * 10n ** BigInt(DRIVER_SCALE), populationScaled);
}

function emptySummary(kind: SpendAreaKind, code: string, name: string, shape: SpendShape): SpendSummary {
  return {
    area: { kind, code, name },
    year: shape.year,
    priceBase: shape.priceBase,
    pence: 0n,
    directPence: 0n,
    apportionedPence: 0n,
    unapportionedPence: 0n,
    lineCount: 0,
    populationScaled: null,
    populationPeriod: null,
    perHeadPence: null,
    countyPerHeadPence: null,
    byPartner: [],
    byService: [],
  };
}
