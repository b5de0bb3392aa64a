/**
 * Importing a geography: the area (a county, unitary, district or metropolitan borough), its
 * localities, the groupings of localities it defines (none, or e.g. Herefordshire's tiers or
 * Calderdale's co-ordinated and managed areas), the parishes and small areas the localities are
 * built from (with each small area's weight per locality) and partners' service areas, as one
 * new version; optionally the electoral wards (ONS's best-fit small-area-to-ward lookup) and the
 * wards each parish lies in (ONS's parish-to-ward lookup), so custom areas can be built from wards
 * or parishes (src/custom-areas/custom-areas.ts).
 *
 * Groupings are data: a groupings file (`grouping_code, grouping_name, group_code, group_name`,
 * rows in display order) names each grouping and its groups, and the localities file carries one
 * column per grouping, headed by its `grouping_code`, holding each locality's group code. Without
 * a groupings file the localities are not grouped (other columns are ignored).
 *
 * All or nothing: every file is read and every row checked first (unknown locality, duplicate
 * code, weights of a small area not summing to 1, malformed codes and values), every problem is
 * reported with its file and line, and nothing is written if there is one. A valid load is written
 * to the record store in one transaction and then mirrored into the analytics store
 * (./analytics-mirror.ts), so a Prisma locality and a DuckDB locality are the same thing by code.
 *
 * A version is never overwritten: re-mapping the county is a new version with its own effective
 * date, and the older versions stay readable.
 */
import type { AnalyticsStore } from '../db/analytics.js';
import type { RecordsClient } from '../db/records.js';
import { mirrorGeography } from './analytics-mirror.js';
import { type ColumnSpec, parsePublishedNumber, readCsvTable } from '../importing/csv.js';
import { ImportProblems } from '../importing/problems.js';

/** The tolerance on a small area's weights summing to 1 (published shares carry rounding). */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

const LOCALITY_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** ONS civil parish codes: E04 (England) or W04 (Wales, communities) and six digits. */
const PARISH_CODE = /^[EW]04\d{6}$/;
/** ONS electoral wards: E05 (England) or W05 (Wales) and six digits. */
const WARD_CODE = /^[EW]05\d{6}$/;
/** ONS output areas (E00/W00) and lower-layer super output areas (E01/W01). */
const SMALL_AREA_CODE = /^[EW]0[01]\d{6}$/;
const SERVICE_AREA_CODE = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;
/** A grouping's code heads a column of the localities file: lower-case, digits, - or _. */
const GROUPING_CODE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
/** A group's code appears in URLs and area codes (`tier/MARKET_TOWN`): letters, digits, - or _. */
const GROUP_CODE = /^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;
const VERSION_ID = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
/** A county or unitary authority (E06-E09, E10-E11), or a country (E92/W92) for a national geography. */
const COUNTY_CODE = /^[EW]0[6-9]\d{6}$|^[EW]1[01]\d{6}$|^[EW]92\d{6}$/;

export interface GeographyFiles {
  localities: string;
  /** Optional: the groupings of localities (see the header). */
  groupings?: string | undefined;
  smallAreas: string;
  parishes?: string | undefined;
  serviceAreas?: string | undefined;
  /** Optional: ONS's best-fit lookup of each small area to the ward holding most of its population. */
  wards?: string | undefined;
  /** Optional (with `parishes` and `wards`): ONS's parish-to-ward lookup, one row per piece of a parish in a ward. */
  parishWards?: string | undefined;
}

export interface GeographyVersionInput {
  versionId: string;
  /** The date from which this mapping applies (ISO YYYY-MM-DD). */
  effectiveFrom: string;
  countyCode: string;
  countyName: string;
  /** What kind of area it is, in words ("unitary authority", "metropolitan borough"...). */
  areaKind?: string | undefined;
  description?: string | undefined;
  source?: string | undefined;
}

export interface ParsedGeography {
  version: Omit<GeographyVersionInput, 'effectiveFrom'> & { effectiveFrom: Date };
  localities: { code: string; name: string }[];
  /** Groupings in display order, each with its groups in order and each group's localities. */
  groupings: { code: string; name: string; groups: { code: string; name: string; localities: string[] }[] }[];
  parishes: { code: string; name: string; locality: string }[];
  smallAreas: { code: string; name: string }[];
  weights: { smallArea: string; locality: string; weight: number }[];
  serviceAreas: { code: string; name: string; organisation: string; localities: string[] }[];
  wards: { code: string; name: string }[];
  /** Each small area's best-fit ward (codes). */
  wardSmallAreas: { smallArea: string; ward: string }[];
  /** Each piece of a parish in a ward (codes). */
  parishWards: { parish: string; ward: string }[];
}

export interface GeographyImportSummary {
  versionId: string;
  localities: number;
  groupings: number;
  parishes: number;
  smallAreas: number;
  weights: number;
  serviceAreas: number;
  wards: number;
}

const ARGUMENTS = 'arguments';

const col = (required: boolean, ...names: (string | RegExp)[]): ColumnSpec => ({ names, required });

const LOCALITY_COLUMNS = {
  code: col(true, 'locality_code', 'code'),
  name: col(true, 'locality_name', 'name'),
};
const GROUPING_COLUMNS = {
  grouping: col(true, 'grouping_code'),
  groupingName: col(true, 'grouping_name'),
  group: col(true, 'group_code'),
  groupName: col(true, 'group_name'),
};
const PARISH_COLUMNS = {
  code: col(true, 'parish_code', /^par\d{2}cd$/i),
  name: col(true, 'parish_name', /^par\d{2}nm$/i),
  locality: col(true, 'locality_code'),
};
const SMALL_AREA_COLUMNS = {
  code: col(true, 'small_area_code', /^lsoa\d{2}cd$/i, /^oa\d{2}cd$/i),
  name: col(false, 'small_area_name', /^lsoa\d{2}nm$/i),
  locality: col(true, 'locality_code'),
  weight: col(false, 'weight'),
};
const WARD_COLUMNS = {
  smallArea: col(true, 'small_area_code', /^lsoa\d{2}cd$/i, /^oa\d{2}cd$/i),
  code: col(true, 'ward_code', /^wd\d{2}cd$/i),
  name: col(true, 'ward_name', /^wd\d{2}nm$/i),
};
const PARISH_WARD_COLUMNS = {
  parish: col(true, 'parish_code', /^par\d{2}cd$/i),
  code: col(true, 'ward_code', /^wd\d{2}cd$/i),
  name: col(true, 'ward_name', /^wd\d{2}nm$/i),
};
const SERVICE_AREA_COLUMNS = {
  code: col(true, 'service_area_code'),
  name: col(true, 'service_area_name'),
  organisation: col(true, 'organisation'),
  locality: col(true, 'locality_code'),
};

/** Read and check a geography. Returns the parsed load, or throws `ImportRejectedError`. */
export function parseGeography(files: GeographyFiles, input: GeographyVersionInput): ParsedGeography {
  const problems = new ImportProblems();

  if (!VERSION_ID.test(input.versionId)) {
    problems.add(ARGUMENTS, 0, `version id "${input.versionId}" must be letters and digits, optionally joined by . _ or -`);
  }
  const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom) || Number.isNaN(effectiveFrom.getTime())) {
    problems.add(ARGUMENTS, 0, `effective date "${input.effectiveFrom}" must be a date written YYYY-MM-DD`);
  }
  if (!COUNTY_CODE.test(input.countyCode)) {
    problems.add(ARGUMENTS, 0, `county code "${input.countyCode}" is not an ONS county or unitary authority code (e.g. E06000019)`);
  }
  if (input.countyName.trim() === '') problems.add(ARGUMENTS, 0, 'county name is empty');

  // Groupings and their groups.
  const groupings: ParsedGeography['groupings'] = [];
  if (files.groupings) {
    const table = readCsvTable(files.groupings, GROUPING_COLUMNS, problems);
    const groupLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const code = values.grouping ?? '';
      const group = values.group ?? '';
      if (!GROUPING_CODE.test(code)) {
        problems.add(table.file, line, `grouping code "${code}" is malformed: lower-case letters and digits joined by - or _, e.g. tier`);
        continue;
      }
      if (!GROUP_CODE.test(group)) {
        problems.add(table.file, line, `group code "${group}" is malformed: letters and digits joined by - or _, e.g. MARKET_TOWN`);
        continue;
      }
      const seen = groupLine.get(`${code}/${group}`);
      if (seen !== undefined) {
        problems.add(table.file, line, `duplicate group "${group}" in grouping "${code}" (first on line ${seen})`);
        continue;
      }
      groupLine.set(`${code}/${group}`, line);
      if (!values.groupingName || !values.groupName) problems.add(table.file, line, `group "${code}/${group}" needs a grouping name and a group name`);
      let grouping = groupings.find((g) => g.code === code);
      if (!grouping) groupings.push((grouping = { code, name: values.groupingName ?? '', groups: [] }));
      else if (grouping.name !== values.groupingName) problems.add(table.file, line, `grouping "${code}" is named "${values.groupingName ?? ''}" here but "${grouping.name}" above`);
      grouping.groups.push({ code: group, name: values.groupName ?? '', localities: [] });
    }
  }

  // Localities.
  const localityTable = readCsvTable(files.localities, LOCALITY_COLUMNS, problems);
  const groupingColumns = groupings.map((grouping) => {
    const at = localityTable.header.findIndex((h) => h.trim().toLowerCase() === grouping.code);
    if (at < 0 && localityTable.header.length > 0) {
      problems.add(localityTable.file, 1, `missing column "${grouping.code}": each grouping of ${files.groupings} needs a column of group codes`);
    }
    return { grouping, at };
  });
  const localities: ParsedGeography['localities'] = [];
  const localityLine = new Map<string, number>();
  for (const { line, values, fields } of localityTable.records) {
    const f = localityTable.file;
    const code = values.code ?? '';
    if (!LOCALITY_CODE.test(code)) {
      problems.add(f, line, `locality code "${code}" is malformed: lower-case letters and digits joined by hyphens, e.g. ross-on-wye`);
      continue;
    }
    const seen = localityLine.get(code);
    if (seen !== undefined) {
      problems.add(f, line, `duplicate locality code "${code}" (first on line ${seen})`);
      continue;
    }
    localityLine.set(code, line);
    for (const { grouping, at } of groupingColumns) {
      if (at < 0) continue;
      const written = (fields[at] ?? '').trim();
      const group = grouping.groups.find((g) => g.code.toLowerCase() === written.toLowerCase().replaceAll(' ', '_'));
      if (group) group.localities.push(code);
      else problems.add(f, line, `${grouping.code} "${written}" is not one of ${grouping.groups.map((g) => g.code).join(', ')}`);
    }
    if (!values.name) problems.add(f, line, `locality "${code}" has no name`);
    localities.push({ code, name: values.name ?? '' });
  }
  if (localityTable.records.length === 0 && problems.size === 0) {
    problems.add(localityTable.file, 1, 'no localities: at least one row is expected');
  }
  const knownLocality = (file: string, line: number, code: string | undefined): code is string => {
    if (code && localityLine.has(code)) return true;
    problems.add(file, line, `unknown locality "${code ?? ''}": it is not in ${localityTable.file}`);
    return false;
  };

  // Parishes.
  const parishes: ParsedGeography['parishes'] = [];
  if (files.parishes) {
    const table = readCsvTable(files.parishes, PARISH_COLUMNS, problems);
    const parishLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const code = values.code ?? '';
      if (!PARISH_CODE.test(code)) {
        problems.add(table.file, line, `parish code "${code}" is malformed: an ONS parish code is E04 or W04 and six digits`);
        continue;
      }
      const seen = parishLine.get(code);
      if (seen !== undefined) {
        problems.add(table.file, line, `duplicate parish code "${code}" (first on line ${seen}): a parish lies in one locality`);
        continue;
      }
      parishLine.set(code, line);
      if (!values.name) problems.add(table.file, line, `parish "${code}" has no name`);
      if (knownLocality(table.file, line, values.locality)) {
        parishes.push({ code, name: values.name ?? '', locality: values.locality });
      }
    }
  }

  // Small areas and their weights.
  const table = readCsvTable(files.smallAreas, SMALL_AREA_COLUMNS, problems);
  const smallAreas = new Map<string, { name: string; lines: number[]; sum: number }>();
  const weights: ParsedGeography['weights'] = [];
  const pairLine = new Map<string, number>();
  for (const { line, values } of table.records) {
    const code = values.code ?? '';
    if (!SMALL_AREA_CODE.test(code)) {
      problems.add(table.file, line, `small area code "${code}" is malformed: an ONS output area or LSOA code is E00/E01 (W00/W01) and six digits`);
      continue;
    }
    const weight = values.weight === undefined ? 1 : parsePublishedNumber(values.weight);
    if (!(weight > 0 && weight <= 1)) {
      problems.add(table.file, line, `weight "${values.weight ?? ''}" of ${code} must be a number above 0 and at most 1`);
      continue;
    }
    if (!knownLocality(table.file, line, values.locality)) continue;
    const pair = `${code} ${values.locality}`;
    const seen = pairLine.get(pair);
    if (seen !== undefined) {
      problems.add(table.file, line, `duplicate small area "${code}" in locality "${values.locality}" (first on line ${seen})`);
      continue;
    }
    pairLine.set(pair, line);
    const name = values.name ?? code;
    const area = smallAreas.get(code);
    if (area && area.name !== name) {
      problems.add(table.file, line, `small area ${code} is named "${name}" here but "${area.name}" on line ${area.lines[0]}`);
    }
    if (area) {
      area.lines.push(line);
      area.sum += weight;
    } else smallAreas.set(code, { name, lines: [line], sum: weight });
    weights.push({ smallArea: code, locality: values.locality, weight });
  }
  for (const [code, area] of smallAreas) {
    if (Math.abs(area.sum - 1) > WEIGHT_SUM_TOLERANCE) {
      problems.add(table.file, area.lines[0]!, `weights of small area ${code} sum to ${Number(area.sum.toFixed(9))}, not 1 (lines ${area.lines.join(', ')})`);
    }
  }
  if (table.records.length === 0 && !problems.list.some((p) => p.file === table.file)) {
    problems.add(table.file, 1, 'no small areas: at least one row is expected');
  }
  for (const [code, line] of localityLine) {
    if (!weights.some((w) => w.locality === code) && table.records.length > 0) {
      problems.add(localityTable.file, line, `locality "${code}" has no small areas in ${table.file}`);
    }
  }

  // Service areas.
  const serviceAreas = new Map<string, ParsedGeography['serviceAreas'][number] & { line: number }>();
  if (files.serviceAreas) {
    const sa = readCsvTable(files.serviceAreas, SERVICE_AREA_COLUMNS, problems);
    for (const { line, values } of sa.records) {
      const code = values.code ?? '';
      if (!SERVICE_AREA_CODE.test(code)) {
        problems.add(sa.file, line, `service area code "${code}" is malformed: letters and digits joined by - or _`);
        continue;
      }
      if (!knownLocality(sa.file, line, values.locality)) continue;
      const area = serviceAreas.get(code);
      if (!area) {
        if (!values.name || !values.organisation) problems.add(sa.file, line, `service area "${code}" needs a name and an organisation`);
        serviceAreas.set(code, { code, name: values.name ?? '', organisation: values.organisation ?? '', localities: [values.locality], line });
        continue;
      }
      if (area.name !== values.name || area.organisation !== values.organisation) {
        problems.add(sa.file, line, `service area "${code}" has another name or organisation than on line ${area.line}`);
      }
      if (area.localities.includes(values.locality)) {
        problems.add(sa.file, line, `duplicate locality "${values.locality}" in service area "${code}"`);
      } else area.localities.push(values.locality);
    }
  }

  const { wards, wardSmallAreas, parishWards } = parseWards(files, problems, new Set(smallAreas.keys()), new Set(parishes.map((p) => p.code)));

  problems.throwIfAny('Geography import');
  return {
    version: { ...input, effectiveFrom },
    localities,
    groupings,
    parishes,
    smallAreas: [...smallAreas].map(([code, { name }]) => ({ code, name })),
    weights,
    serviceAreas: [...serviceAreas.values()].map(({ line: _line, ...area }) => area),
    wards,
    wardSmallAreas,
    parishWards,
  };
}

/**
 * The wards files: every small area named is one of this version's, at most once (best fit: one
 * ward each); every parish named is in the parishes file; a ward has one name throughout.
 */
function parseWards(files: GeographyFiles, problems: ImportProblems, smallAreas: ReadonlySet<string>, parishes: ReadonlySet<string>) {
  const wardNames = new Map<string, { name: string; file: string; line: number }>();
  const ward = (file: string, line: number, code: string, name: string | undefined): boolean => {
    if (!WARD_CODE.test(code)) {
      problems.add(file, line, `ward code "${code}" is malformed: an ONS ward code is E05 or W05 and six digits`);
      return false;
    }
    const seen = wardNames.get(code);
    if (!name) problems.add(file, line, `ward "${code}" has no name`);
    else if (seen && seen.name !== name) problems.add(file, line, `ward ${code} is named "${name}" here but "${seen.name}" in ${seen.file} line ${seen.line}`);
    else if (!seen) wardNames.set(code, { name, file, line });
    return true;
  };
  const wardSmallAreas: ParsedGeography['wardSmallAreas'] = [];
  if (files.wards) {
    const table = readCsvTable(files.wards, WARD_COLUMNS, problems);
    const smallAreaLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const smallArea = values.smallArea ?? '';
      if (!ward(table.file, line, values.code ?? '', values.name)) continue;
      if (!smallAreas.has(smallArea)) {
        problems.add(table.file, line, `unknown small area "${smallArea}": it is not in the small areas file of this version`);
        continue;
      }
      const seen = smallAreaLine.get(smallArea);
      if (seen !== undefined) {
        problems.add(table.file, line, `small area ${smallArea} is given a ward twice (first on line ${seen}): a best-fit lookup gives each one ward`);
        continue;
      }
      smallAreaLine.set(smallArea, line);
      wardSmallAreas.push({ smallArea, ward: values.code! });
    }
  }
  const parishWards: ParsedGeography['parishWards'] = [];
  if (files.parishWards) {
    const table = readCsvTable(files.parishWards, PARISH_WARD_COLUMNS, problems);
    if (!files.wards || !files.parishes) {
      problems.add(table.file, 1, 'a parish-to-ward lookup needs the parishes file and the small-area-to-ward lookup (wards) of the same version');
    }
    const pairLine = new Map<string, number>();
    for (const { line, values } of table.records) {
      const parish = values.parish ?? '';
      if (!ward(table.file, line, values.code ?? '', values.name)) continue;
      if (!parishes.has(parish)) {
        problems.add(table.file, line, `unknown parish "${parish}": it is not in the parishes file`);
        continue;
      }
      const pair = `${parish} ${values.code}`;
      const seen = pairLine.get(pair);
      if (seen !== undefined) {
        problems.add(table.file, line, `duplicate piece of parish ${parish} in ward ${values.code} (first on line ${seen})`);
        continue;
      }
      pairLine.set(pair, line);
      parishWards.push({ parish, ward: values.code! });
    }
  }
  return { wards: [...wardNames].map(([code, { name }]) => ({ code, name })), wardSmallAreas, parishWards };
}

/** Ids of rows with a unique `code`, creating the missing ones and renaming changed ones. */
async function upsertByCode<Extra extends Record<string, unknown>>(
  delegate: {
    findMany(args: { where: { code: { in: string[] } } }): Promise<({ id: number; code: string } & Record<string, unknown>)[]>;
    createMany(args: { data: ({ code: string } & Extra)[] }): Promise<unknown>;
    update(args: { where: { id: number }; data: Extra }): Promise<unknown>;
  },
  rows: ({ code: string } & Extra)[],
): Promise<Map<string, number>> {
  const codes = rows.map((row) => row.code);
  const existing = new Map((await delegate.findMany({ where: { code: { in: codes } } })).map((row) => [row.code, row]));
  const missing = rows.filter((row) => !existing.has(row.code));
  if (missing.length > 0) await delegate.createMany({ data: missing });
  for (const row of rows) {
    const found = existing.get(row.code);
    if (!found) continue;
    const { code: _code, ...extra } = row;
    if (Object.entries(extra).some(([key, value]) => found[key] !== value)) {
      await delegate.update({ where: { id: found.id }, data: extra as unknown as Extra });
    }
  }
  const all = await delegate.findMany({ where: { code: { in: codes } } });
  return new Map(all.map((row) => [row.code, row.id]));
}

/**
 * Write a checked geography to the record store in one transaction. A version id that already
 * exists is refused (`ImportRejectedError`): versions are history, never rewritten.
 */
export async function writeGeography(prisma: RecordsClient, geography: ParsedGeography): Promise<GeographyImportSummary> {
  const { version } = geography;
  return prisma.$transaction(
    async (tx) => {
      if (await tx.geographyVersion.findUnique({ where: { id: version.versionId } })) {
        const problems = new ImportProblems();
        problems.add(ARGUMENTS, 0, `geography version "${version.versionId}" already exists: a re-mapping is loaded as a new version`);
        problems.throwIfAny('Geography import');
      }
      await tx.geographyVersion.create({
        data: {
          id: version.versionId,
          effectiveFrom: version.effectiveFrom,
          countyCode: version.countyCode,
          countyName: version.countyName,
          areaKind: version.areaKind ?? null,
          description: version.description ?? null,
          source: version.source ?? null,
        },
      });
      const versionId = version.versionId;
      const first = geography.groupings[0];
      const sortOrder = (code: string) => Math.max(0, first?.groups.findIndex((g) => g.localities.includes(code)) ?? 0);
      const localityIds = await upsertByCode(
        tx.locality as never,
        geography.localities.map((l) => ({ ...l, sortOrder: sortOrder(l.code) })),
      );
      const parishIds = await upsertByCode(tx.parish as never, geography.parishes.map(({ code, name }) => ({ code, name })));
      const smallAreaIds = await upsertByCode(tx.smallArea as never, geography.smallAreas);
      const serviceAreaIds = await upsertByCode(
        tx.serviceArea as never,
        geography.serviceAreas.map(({ code, name, organisation }) => ({ code, name, organisation })),
      );
      const wardIds = await upsertByCode(tx.ward as never, geography.wards);
      const locality = (code: string) => localityIds.get(code)!;

      await tx.geographyVersionLocality.createMany({
        data: geography.localities.map(({ code }) => ({ versionId, localityId: locality(code) })),
      });
      for (const [position, grouping] of geography.groupings.entries()) {
        await tx.localityGrouping.create({
          data: {
            versionId,
            code: grouping.code,
            name: grouping.name,
            position,
            groups: {
              create: grouping.groups.map((group, groupPosition) => ({
                code: group.code,
                name: group.name,
                position: groupPosition,
                members: { create: group.localities.map((code) => ({ localityId: locality(code) })) },
              })),
            },
          },
        });
      }
      await tx.parishAssignment.createMany({
        data: geography.parishes.map((p) => ({ versionId, parishId: parishIds.get(p.code)!, localityId: locality(p.locality) })),
      });
      await tx.smallAreaWeight.createMany({
        data: geography.weights.map((w) => ({
          versionId,
          smallAreaId: smallAreaIds.get(w.smallArea)!,
          localityId: locality(w.locality),
          weight: w.weight,
        })),
      });
      await tx.serviceAreaLocality.createMany({
        data: geography.serviceAreas.flatMap((area) =>
          area.localities.map((code) => ({ versionId, serviceAreaId: serviceAreaIds.get(area.code)!, localityId: locality(code) })),
        ),
      });
      await tx.wardSmallArea.createMany({
        data: geography.wardSmallAreas.map((w) => ({ versionId, smallAreaId: smallAreaIds.get(w.smallArea)!, wardId: wardIds.get(w.ward)! })),
      });
      await tx.parishWard.createMany({
        data: geography.parishWards.map((p) => ({ versionId, parishId: parishIds.get(p.parish)!, wardId: wardIds.get(p.ward)! })),
      });
      return {
        versionId,
        localities: geography.localities.length,
        groupings: geography.groupings.length,
        parishes: geography.parishes.length,
        smallAreas: geography.smallAreas.length,
        weights: geography.weights.length,
        serviceAreas: geography.serviceAreas.length,
        wards: geography.wards.length,
      };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * Check, write and mirror a geography: the whole import. Throws `ImportRejectedError` (nothing
 * written) when any row or argument is bad.
 */
export async function importGeography(
  prisma: RecordsClient,
  analytics: AnalyticsStore,
  files: GeographyFiles,
  input: GeographyVersionInput,
): Promise<GeographyImportSummary> {
  const geography = parseGeography(files, input);
  const summary = await writeGeography(prisma, geography);
  await mirrorGeography(prisma, analytics);
  return summary;
}
