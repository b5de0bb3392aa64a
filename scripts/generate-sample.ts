/**
 * `npx tsx scripts/generate-sample.ts`: write the bundled sample in data/sample/.
 *
 * GENERATED, NOT REAL: the nine localities and their tiers are the reference county's, but the
 * parishes, small areas (codes E0199xxxx / E0499xxxx, which ONS does not use), weights, service
 * areas and populations are made up here, deterministically (a fixed seed), to show every feature
 * on first start. The real geography loads through the same importer (see README).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded-random.js';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'sample');

const rand = seededRandom(20261122);
const between = (lo: number, hi: number) => Math.round(lo + (hi - lo) * rand());

const localities = [
  { code: 'hereford-city', name: 'Hereford City', tier: 'CITY', smallAreas: 42, parishes: 9 },
  { code: 'leominster', name: 'Leominster', tier: 'MARKET_TOWN', smallAreas: 12, parishes: 24 },
  { code: 'bromyard', name: 'Bromyard', tier: 'MARKET_TOWN', smallAreas: 8, parishes: 22 },
  { code: 'ross-on-wye', name: 'Ross-on-Wye', tier: 'MARKET_TOWN', smallAreas: 15, parishes: 26 },
  { code: 'ledbury', name: 'Ledbury', tier: 'MARKET_TOWN', smallAreas: 11, parishes: 21 },
  { code: 'kington', name: 'Kington', tier: 'MARKET_TOWN', smallAreas: 6, parishes: 25 },
  { code: 'weobley', name: 'Weobley', tier: 'RURAL', smallAreas: 7, parishes: 23 },
  { code: 'golden-valley', name: 'Golden Valley', tier: 'RURAL', smallAreas: 10, parishes: 35 },
  { code: 'mortimer', name: 'Mortimer', tier: 'RURAL', smallAreas: 5, parishes: 21 },
];

/** Small areas split between two localities (the weights are population shares). */
const splits: Record<string, { other: string; share: number }> = {
  'weobley:1': { other: 'hereford-city', share: 0.35 },
  'golden-valley:1': { other: 'ross-on-wye', share: 0.2 },
};

const csv = (rows: (string | number)[][]) =>
  rows.map((row) => row.map((v) => (typeof v === 'string' && /[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\n') + '\n';

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'localities.csv'), csv([['locality_code', 'locality_name', 'tier'], ...localities.map((l) => [l.code, l.name, l.tier])]));

let parishNumber = 0;
const parishRows: (string | number)[][] = [['parish_code', 'parish_name', 'locality_code']];
for (const l of localities) {
  for (let i = 1; i <= l.parishes; i += 1) {
    parishNumber += 1;
    const name = i === 1 ? l.name : `${l.name} Rural ${String(i - 1).padStart(2, '0')} (sample)`;
    parishRows.push([`E0499${String(parishNumber).padStart(4, '0')}`, name, l.code]);
  }
}
writeFileSync(path.join(out, 'parishes.csv'), csv(parishRows));

let areaNumber = 0;
const smallAreaRows: (string | number)[][] = [['small_area_code', 'small_area_name', 'locality_code', 'weight']];
const areaCodes: string[] = [];
for (const l of localities) {
  for (let i = 1; i <= l.smallAreas; i += 1) {
    areaNumber += 1;
    const code = `E0199${String(areaNumber).padStart(4, '0')}`;
    const name = `${l.name} ${String(i).padStart(3, '0')} (sample)`;
    areaCodes.push(code);
    const split = splits[`${l.code}:${i}`];
    if (split) {
      smallAreaRows.push([code, name, l.code, Number((1 - split.share).toFixed(6))]);
      smallAreaRows.push([code, name, split.other, split.share]);
    } else smallAreaRows.push([code, name, l.code, 1]);
  }
}
writeFileSync(path.join(out, 'small_areas.csv'), csv(smallAreaRows));

const police = 'West Mercia Police (illustrative areas)';
const serviceAreas = [
  ['police-hereford', 'Hereford policing area', police, ['hereford-city']],
  ['police-north', 'North Herefordshire policing area', police, ['leominster', 'kington', 'mortimer', 'weobley']],
  ['police-east', 'East Herefordshire policing area', police, ['bromyard', 'ledbury']],
  ['police-south', 'South Herefordshire policing area', police, ['ross-on-wye', 'golden-valley']],
] as const;
writeFileSync(
  path.join(out, 'service_areas.csv'),
  csv([
    ['service_area_code', 'service_area_name', 'organisation', 'locality_code'],
    ...serviceAreas.flatMap(([code, name, org, codes]) => codes.map((c) => [code, name, org, c])),
  ]),
);

const periods = [2016, 2017, 2018, 2019, 2020];
const populationRows: (string | number)[][] = [['small_area_code', 'period', 'all_ages', 'aged_0_15', 'aged_16_64', 'aged_65_plus']];
for (const code of areaCodes) {
  const base = between(1300, 2100);
  const older = 0.18 + rand() * 0.16;
  const young = 0.13 + rand() * 0.07;
  for (const [index, period] of periods.entries()) {
    const all = Math.round(base * (1 + 0.005 * index));
    const aged65 = Math.round(all * (older + 0.004 * index));
    const aged0 = Math.round(all * young);
    populationRows.push([code, period, all, aged0, all - aged0 - aged65, aged65]);
  }
}
writeFileSync(path.join(out, 'population.csv'), csv(populationRows));
console.log(`wrote ${out}: ${localities.length} localities, ${parishNumber} parishes, ${areaNumber} small areas`);
