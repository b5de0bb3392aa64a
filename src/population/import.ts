/**
 * Importing resident population by small area: a CSV with a small-area code column
 * (`small_area_code`, `lsoa11_code`, `LSOA11CD`...), a `period` (a mid-year, e.g. 2020) and one
 * column per age band (`all_ages`, `aged_0_15`, `aged_65_plus`, ... : any `all_ages` or
 * `aged_<from>_<to|plus>` header). All or nothing: every row is checked (unknown small area,
 * malformed period, negative or non-numeric count, duplicate area and period) before anything is
 * written. A period in the file replaces that period's figures wholesale.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { parsePublishedNumber, readCsvTable } from '../importing/csv.js';
import { ImportProblems } from '../importing/problems.js';

const AGE_BAND = /^(all_ages|aged_\d+_(\d+|plus))$/i;
const PERIOD = /^\d{4}$/;

export interface PopulationImportSummary {
  rows: number;
  periods: string[];
  ageBands: string[];
}

export async function importPopulation(
  prisma: RecordsClient,
  analytics: AnalyticsStore,
  file: string,
): Promise<PopulationImportSummary> {
  const problems = new ImportProblems();
  const table = readCsvTable(
    file,
    {
      code: { names: ['small_area_code', /^lsoa\d{2}_?code$/i, /^lsoa\d{2}cd$/i, /^oa\d{2}cd$/i], required: true },
      period: { names: ['period', 'year'], required: true },
    },
    problems,
  );
  const bands = table.header
    .map((name, index) => ({ name: name.toLowerCase(), index }))
    .filter(({ name }) => AGE_BAND.test(name));
  if (table.header.length > 0 && bands.length === 0) {
    problems.add(table.file, 1, 'no age band columns: expected all_ages and/or aged_<from>_<to> columns such as aged_0_15');
  }

  const known = new Set(
    (await prisma.smallArea.findMany({ select: { code: true } })).map((area) => area.code),
  );
  const seen = new Map<string, number>();
  const rows: [string, string, string, number][] = [];
  for (const { line, values, fields } of table.records) {
    const code = values.code ?? '';
    const period = values.period ?? '';
    if (!known.has(code)) {
      problems.add(table.file, line, `unknown small area "${code}": load it with a geography first`);
      continue;
    }
    if (!PERIOD.test(period)) {
      problems.add(table.file, line, `period "${period}" must be a year such as 2020 (the mid-year estimate)`);
      continue;
    }
    const key = `${code} ${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.add(table.file, line, `duplicate small area ${code} for ${period} (first on line ${first})`);
      continue;
    }
    seen.set(key, line);
    for (const band of bands) {
      const raw = fields[band.index] ?? '';
      const count = parsePublishedNumber(raw);
      if (!(count >= 0)) {
        problems.add(table.file, line, `${band.name} "${raw}" of ${code} must be a number of people, 0 or more`);
        continue;
      }
      rows.push([code, period, band.name, count]);
    }
  }
  if (table.records.length === 0 && problems.size === 0) problems.add(table.file, 1, 'no rows');
  problems.throwIfAny('Population import');

  const periods = [...new Set(rows.map((row) => row[1]))].sort();
  await analytics.transaction(async (tx) => {
    for (const period of periods) {
      await tx.run('DELETE FROM small_area_population WHERE period = $period', { period });
    }
    await tx.append('small_area_population', rows);
  });
  return { rows: rows.length, periods, ageBands: bands.map((band) => band.name) };
}
