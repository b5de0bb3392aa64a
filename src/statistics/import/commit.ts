/**
 * The one commit step of every statistics importer: check a whole batch (catalogue entries,
 * observations and, for importers that bring denominators, small-area populations), collect every
 * problem with its file and line, and write nothing unless there are none; then write it all in
 * ONE analytics transaction through staging tables.
 *
 * Idempotent by indicator and release: each catalogue entry replaces the entry with its id, and an
 * indicator's new observations replace its stored observations of the same release or of the same
 * periods (so importing a release twice changes nothing, and a revised release replaces the
 * periods it covers while older periods stay). Populations replace the same period and age band.
 */
import type { AnalyticsStore } from '../../db/analytics.js';
import type { ImportProblems } from '../../importing/problems.js';
import { refreshAggregates } from '../aggregates.js';
import { type Indicator, indicatorRow, loadCatalogue } from '../catalogue.js';
import { ESP2013_BANDS } from '../dsr.js';
import { type ObservationInput, type ObservationRow, observationRow, type SourceLine } from './rules.js';

export interface CatalogueInput {
  entry: Indicator;
  source: SourceLine;
}

/** A small area's resident population for the population store (src/population). */
export interface PopulationInput {
  areaCode: string;
  /** A mid-year, e.g. "2015". */
  period: string;
  /** all_ages, aged_0_15, ... (the bands of src/population). */
  ageBand: string;
  population: number;
  source: SourceLine;
}

export interface StatisticsBatch {
  indicators: readonly CatalogueInput[];
  observations: readonly ObservationInput[];
  populations?: readonly PopulationInput[];
  /** National IMD rank and decile of each small area (the IoD importer), replacing the release's rows. */
  deprivation?: { release: string; rows: readonly [code: string, rank: number, decile: number][] };
}

export interface CommitSummary {
  indicators: number;
  observations: number;
  /** Stored observations the batch replaced (same indicator and release or period). */
  replaced: number;
  periods: string[];
  populationRows: number;
  /** Age-banded rows of directly standardised rates (observation_band); their totals are among `observations`. */
  ageBandRows: number;
}

/** A DSR's age-banded rows of one small area and period, and where the first came from. */
interface BandedTotal {
  rows: ObservationRow[];
  bands: Set<string>;
  source: SourceLine;
}

/**
 * The total row (summed over its age bands) of each DSR small area and period, or a problem
 * where a small area lacks some of the 19 ESP2013 bands (a missing band is not a zero).
 */
function bandTotals(banded: ReadonlyMap<string, BandedTotal>, catalogue: ReadonlyMap<string, Indicator>, problems: ImportProblems): ObservationRow[] {
  const totals: ObservationRow[] = [];
  for (const { rows, bands, source } of banded.values()) {
    const [first] = rows;
    if (!first) continue;
    const [id, area, period, kind, start, index, , , , , release] = first;
    if (bands.size !== ESP2013_BANDS.length) {
      const missing = ESP2013_BANDS.filter((band) => !bands.has(band));
      problems.add(source.file, source.line, `${id}, ${area}, ${period}: a DSR needs all ${ESP2013_BANDS.length} ESP2013 age bands; missing ${missing.join(', ')}`, 'age_band');
      continue;
    }
    const x = rows.reduce((sum, row) => sum + (row[6] ?? 0), 0);
    const n = rows.reduce((sum, row) => sum + (row[7] ?? 0), 0);
    totals.push([id, area, period, kind, start, index, x, n, (x / n) * catalogue.get(id)!.multiplier, null, release]);
  }
  return totals;
}

const at = (source: SourceLine) => `line ${source.line}${source.file ? ` of ${source.file}` : ''}`;

/** The one problem a national file's importer adds when it meets small areas outside the geography. */
export const NATIONAL_HINT = (count: number) =>
  `${count.toLocaleString('en-GB')} small areas are in no geography version loaded: to load a national file for the loaded ` +
  'geography only, use --only-loaded-areas (onlyLoadedAreas)';

/** Every small-area code of every geography version loaded (one query). */
export async function knownSmallAreas(analytics: AnalyticsStore): Promise<Set<string>> {
  const rows = await analytics.query<{ small_area_code: string }>('SELECT DISTINCT small_area_code FROM small_area');
  return new Set(rows.map((row) => row.small_area_code));
}

/**
 * Check `batch` (adding every problem to `problems`) and, if there is none, commit it. Throws the
 * `ImportRejectedError` named `what` otherwise, having written nothing.
 */
export async function commitStatistics(
  analytics: AnalyticsStore,
  batch: StatisticsBatch,
  problems: ImportProblems,
  what: string,
  options: { knownAreas?: Set<string> } = {},
): Promise<CommitSummary> {
  const populations = batch.populations ?? [];
  const known = options.knownAreas ?? (batch.observations.length + populations.length > 0 ? await knownSmallAreas(analytics) : new Set<string>());
  const unknownArea = (code: string) =>
    `unknown small area "${code}": it is in no geography version loaded (load the geography first)`;

  // The catalogue: entries being imported win over those already loaded.
  const catalogue = new Map<string, Indicator>((await loadCatalogue(analytics)).map((entry) => [entry.id, entry]));
  const importedAt = new Map<string, SourceLine>();
  for (const { entry, source } of batch.indicators) {
    const first = importedAt.get(entry.id);
    if (first) {
      problems.add(source.file, source.line, `duplicate indicator id "${entry.id}" (first on ${at(first)})`);
      continue;
    }
    importedAt.set(entry.id, source);
    catalogue.set(entry.id, entry);
  }

  // An unknown small area is reported once per line, however many values the line carries.
  const reportedUnknown = new Set<string>();
  const reportUnknownArea = ({ file, line }: SourceLine, code: string) => {
    const key = `${file}:${line}`;
    if (reportedUnknown.has(key)) return;
    reportedUnknown.add(key);
    problems.add(file, line, unknownArea(code));
  };

  const rows: ObservationRow[] = [];
  const banded = new Map<string, BandedTotal>();
  const bandRows: [...ObservationRow, ageBand: string][] = [];
  const seen = new Map<string, SourceLine>();
  const periodKinds = new Map<string, { kind: string; source: SourceLine }>();
  for (const input of batch.observations) {
    const { file, line } = input.source;
    const indicator = catalogue.get(input.indicatorId);
    if (!indicator) {
      problems.add(file, line, `unknown indicator "${input.indicatorId}": it is neither in this catalogue nor loaded`, 'indicator_id');
      continue;
    }
    if (!known.has(input.areaCode)) {
      reportUnknownArea(input.source, input.areaCode);
      continue;
    }
    // A DSR has one row per ESP2013 age band; nothing else has an age band.
    const band = input.ageBand ?? null;
    if (indicator.valueType === 'DSR' && (band === null || !ESP2013_BANDS.includes(band))) {
      const bands = `one of the ${ESP2013_BANDS.length} ESP2013 bands ${ESP2013_BANDS[0]}, ${ESP2013_BANDS[1]}, ... ${ESP2013_BANDS.at(-1)}`;
      problems.add(file, line, band === null ? `${input.indicatorId} is a DSR: each row needs an age_band, ${bands}` : `unknown age band "${band}": a DSR's age_band is ${bands}`, 'age_band');
      continue;
    }
    if (indicator.valueType !== 'DSR' && band !== null) {
      problems.add(file, line, `age_band "${band}" given for ${input.indicatorId}, a ${indicator.valueType}: only a DSR has age bands`, 'age_band');
      continue;
    }
    const key = `${input.indicatorId}\u0000${input.areaCode}\u0000${input.period}${band === null ? '' : `\u0000${band}`}`;
    const first = seen.get(key);
    if (first) {
      problems.add(file, line, `duplicate row for ${input.indicatorId}, ${input.areaCode}, ${input.period}${band === null ? '' : `, ${band}`} (first on ${at(first)})`);
      continue;
    }
    seen.set(key, input.source);
    const checked = observationRow(input, indicator);
    // One kind of period per indicator (calendar years, financial years, quarters...): a trend
    // needs consecutive periods of one kind, and a mixed series has none.
    const kind = checked.row?.[3];
    const firstKind = kind === undefined ? undefined : periodKinds.get(input.indicatorId);
    if (kind !== undefined && firstKind && firstKind.kind !== kind) {
      problems.add(file, line, `${input.indicatorId}, ${input.areaCode}, ${input.period}: a ${String(kind).toLowerCase().replace('_', ' ')} period, but the indicator's periods are of kind ${firstKind.kind.toLowerCase().replace('_', ' ')} (first on ${at(firstKind.source)}): one kind of period per indicator`);
      continue;
    }
    if (kind !== undefined && !firstKind) periodKinds.set(input.indicatorId, { kind: String(kind), source: input.source });
    if (checked.row && band !== null) {
      bandRows.push([...checked.row, band]);
      const totalKey = `${input.indicatorId}\u0000${input.areaCode}\u0000${checked.row[2]}`;
      const total = banded.get(totalKey) ?? { rows: [], bands: new Set<string>(), source: input.source };
      total.rows.push(checked.row);
      total.bands.add(band);
      banded.set(totalKey, total);
    } else if (checked.row) rows.push(checked.row);
    else for (const reason of checked.reasons) problems.add(file, line, `${input.indicatorId}, ${input.areaCode}, ${input.period}: ${reason}`);
  }

  const populationRows: [string, string, string, number][] = [];
  const seenPopulation = new Map<string, SourceLine>();
  for (const input of populations) {
    const { file, line } = input.source;
    if (!known.has(input.areaCode)) {
      reportUnknownArea(input.source, input.areaCode);
      continue;
    }
    const key = `${input.areaCode}\u0000${input.period}\u0000${input.ageBand}`;
    const first = seenPopulation.get(key);
    if (first) {
      problems.add(file, line, `duplicate population of ${input.areaCode} for ${input.period}, ${input.ageBand} (first on ${at(first)})`);
      continue;
    }
    seenPopulation.set(key, input.source);
    if (!(Number.isFinite(input.population) && input.population >= 0)) {
      problems.add(file, line, `population ${input.population} of ${input.areaCode} (${input.ageBand}) must be a number of people, 0 or more`);
      continue;
    }
    populationRows.push([input.areaCode, input.period, input.ageBand, input.population]);
  }

  rows.push(...bandTotals(banded, catalogue, problems));

  problems.throwIfAny(what);

  const loadedAt = new Date();
  const replaced = await analytics.transaction(async (tx) => {
    if (batch.indicators.length > 0) {
      await tx.run('DELETE FROM indicator WHERE list_contains($ids, indicator_id)', { ids: batch.indicators.map((i) => i.entry.id) });
      await tx.append('indicator', batch.indicators.map((i) => indicatorRow(i.entry, loadedAt)));
    }
    let removed = 0;
    if (rows.length > 0) {
      await tx.run('CREATE OR REPLACE TEMP TABLE observation_staging AS SELECT * FROM observation LIMIT 0');
      await tx.append('observation_staging', rows);
      const replacedRows = `FROM observation AS o
         WHERE EXISTS (SELECT 1 FROM observation_staging AS s
                       WHERE s.indicator_id = o.indicator_id AND (s.release = o.release OR s.period = o.period))`;
      const [count] = await tx.query<{ n: number }>(`SELECT count(*) AS n ${replacedRows}`);
      removed = count?.n ?? 0;
      await tx.run(`DELETE ${replacedRows}`);
      await tx.run('INSERT INTO observation SELECT * FROM observation_staging');
      await tx.run('DROP TABLE observation_staging');
    }
    if (bandRows.length > 0) {
      // A DSR's bands replace the stored bands of the same indicator and release or period, as above.
      await tx.run('CREATE OR REPLACE TEMP TABLE band_staging AS SELECT * FROM observation_band LIMIT 0');
      await tx.append('band_staging', bandRows);
      await tx.run(
        `DELETE FROM observation_band AS o
         WHERE EXISTS (SELECT 1 FROM band_staging AS s
                       WHERE s.indicator_id = o.indicator_id AND (s.release = o.release OR s.period = o.period))`,
      );
      await tx.run('INSERT INTO observation_band SELECT * FROM band_staging');
      await tx.run('DROP TABLE band_staging');
    }
    if (populationRows.length > 0) {
      await tx.run('CREATE OR REPLACE TEMP TABLE population_staging AS SELECT * FROM small_area_population LIMIT 0');
      await tx.append('population_staging', populationRows);
      await tx.run(
        `DELETE FROM small_area_population AS p
         WHERE EXISTS (SELECT 1 FROM population_staging AS s WHERE s.period = p.period AND s.age_band = p.age_band)`,
      );
      await tx.run('INSERT INTO small_area_population SELECT * FROM population_staging');
      await tx.run('DROP TABLE population_staging');
    }
    if (batch.deprivation) {
      const { release, rows: ranks } = batch.deprivation;
      await tx.run('DELETE FROM small_area_deprivation WHERE release = $release', { release });
      await tx.append('small_area_deprivation', ranks.map(([code, rank, decile]) => [code, release, rank, decile]));
    }
    // The precomputed profiles of what this batch touched, in the same transaction (aggregates.ts).
    await refreshAggregates(tx, [...batch.indicators.map((i) => i.entry.id), ...rows.map((row) => String(row[0]))]);
    return removed;
  });

  return {
    indicators: batch.indicators.length,
    observations: rows.length,
    replaced,
    periods: [...new Set(rows.map((row) => row[2]))].sort(),
    populationRows: populationRows.length,
    ageBandRows: bandRows.length,
  };
}
