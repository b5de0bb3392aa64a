/**
 * Who benefits (`appraisal { whoBenefits }`): the appraisal split by the partner that pays each
 * cost and the partner that bears each unit cost, into fiscal (cashable or not), economic and
 * social value, with a lag and a drop-off (GMCA / New Economy CBA model). Every figure is worked
 * out here by hand from the inputs, not from src/costs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUnitCosts } from '../../src/costs/import/unit-costs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { csvFile, loadTestDeflators } from './support.js';

let t: TestServer;
const POLICE = 'West Mercia Police';
const COUNCIL = 'Herefordshire Public Services';
beforeAll(async () => {
  t = await startTestServer();
  await loadTestDeflators(t);
  const base = { unit: 'incident', source: 'test', source_year: '2023/24', price_base: '2023/24', indicator_id: 'asb-incidents' };
  await importUnitCosts(
    t.server.stores.records.prisma,
    t.server.stores.analytics,
    csvFile('unit_costs.csv', [
      // £1,000 a unit to the police: £600 fiscal, £300 economic, £100 social.
      { ...base, id: 'wb-police', name: 'Police call-out', cost: '1000.00', fiscal: '600.00', economic: '300.00', social: '100.00', partner: POLICE },
      // £200 a unit to the council, not split by the source: all fiscal.
      { ...base, id: 'wb-council', name: 'Council response', cost: '200.00', fiscal: '', economic: '', social: '', partner: COUNCIL },
    ]),
  );
});
afterAll(async () => {
  await t?.stop();
});

const QUERY = `query($input: AppraisalInput!) { appraisal(input: $input) {
  central { presentValueBenefits presentValueCosts years { year grossSavings } }
  whoBenefits { netInvested netSavedByOthers oneInvestsAnotherSaves
    partners { partnerName partner { name } presentValueCosts fiscalSavings cashableSavings nonCashableSavings economicValue socialValue
               netPresentBudgetImpact financialReturn publicValueReturn paybackYear position } }
} }`;

// The council pays £10,000 set-up in year 0 and £1,000 running in year 1; the police £2,000 running
// in year 1; optimism bias 10% on costs. Deadweight 20%. The police's demand falls by 10 call-outs
// a year from year 1, after a one-year lag (so from year 2), dropping off by half a year; a quarter
// of its fiscal saving is cashable. The council's falls by 5 a year from year 1, all cashable.
const INPUT = {
  years: 4,
  deadweight: 0.2,
  optimismBias: 0.1,
  reductions: [
    { unitCostId: 'wb-police', perYear: 10, lagYears: 1, dropOff: 0.5, cashableShare: 0.25 },
    { unitCostId: 'wb-council', perYear: 5, cashableShare: 1 },
  ],
  costs: [
    { year: 0, setUp: '10000.00', partner: COUNCIL },
    { year: 1, running: '1000.00', partner: COUNCIL },
    { year: 1, running: '2000.00', partner: POLICE },
  ],
};

const d = (year: number) => 1 / 1.035 ** year;

describe('who benefits from an appraisal', () => {
  it('splits costs and savings by partner, with lag and drop-off, as computed by hand', async () => {
    const res = await t.gql(QUERY, { input: INPUT });
    expect(res.errors).toBeUndefined();
    const { central, whoBenefits } = res.data.appraisal;
    // Gross savings: year 1 only the council's 5 x £200; year 2 also the police's 10 x £1,000;
    // year 3 the police's effect has halved (5), year 4 halved again (2.5).
    expect(central.years.map((y: { grossSavings: string }) => y.grossSavings)).toEqual(['0.00', '1000.00', '11000.00', '6000.00', '3500.00']);

    // Police: units after deadweight 8, 4, 2 in years 2, 3, 4.
    const policeUnits = 8 * d(2) + 4 * d(3) + 2 * d(4);
    const policeFiscal = 600 * policeUnits;
    const policeCosts = 2000 * 1.1 * d(1);
    // Council: 4 units a year (5 less 20%) x £200 in years 1-4.
    const councilFiscal = 800 * (d(1) + d(2) + d(3) + d(4));
    const councilCosts = 10000 * 1.1 + 1000 * 1.1 * d(1);

    const [council, police] = whoBenefits.partners;
    expect(council.partnerName).toBe(COUNCIL);
    expect(council.partner.name).toBe(COUNCIL);
    expect(Number(council.fiscalSavings)).toBeCloseTo(councilFiscal, 2);
    expect(Number(council.cashableSavings)).toBeCloseTo(councilFiscal, 2);
    expect(council.nonCashableSavings).toBe('0.00');
    expect(council.economicValue).toBe('0.00');
    expect(Number(council.presentValueCosts)).toBeCloseTo(councilCosts, 2);
    expect(Number(council.netPresentBudgetImpact)).toBeCloseTo(councilFiscal - councilCosts, 2);
    expect(council.financialReturn).toBeCloseTo(councilFiscal / councilCosts, 9);
    expect(council.paybackYear).toBeNull();
    expect(council.position).toBe('INVESTS');

    expect(police.partnerName).toBe(POLICE);
    expect(Number(police.fiscalSavings)).toBeCloseTo(policeFiscal, 2);
    expect(Number(police.cashableSavings)).toBeCloseTo(policeFiscal / 4, 2);
    expect(Number(police.nonCashableSavings)).toBeCloseTo((policeFiscal * 3) / 4, 2);
    expect(Number(police.economicValue)).toBeCloseTo(300 * policeUnits, 2);
    expect(Number(police.socialValue)).toBeCloseTo(100 * policeUnits, 2);
    expect(Number(police.netPresentBudgetImpact)).toBeCloseTo(policeFiscal - policeCosts, 2);
    expect(police.financialReturn).toBeCloseTo(policeFiscal / policeCosts, 9);
    expect(police.publicValueReturn).toBeCloseTo((1000 * policeUnits) / policeCosts, 9);
    // Year 1: -2,200 x d(1); year 2 adds 8 x £600 x d(2) = 4,481: paid back in year 2.
    expect(-2200 * d(1) + 4800 * d(2)).toBeGreaterThan(0);
    expect(police.paybackYear).toBe(2);
    expect(police.position).toBe('SAVES');

    // The partnership: the council invests, the police saves.
    expect(whoBenefits.oneInvestsAnotherSaves).toBe(true);
    expect(Number(whoBenefits.netInvested)).toBeCloseTo(councilCosts - councilFiscal, 2);
    expect(Number(whoBenefits.netSavedByOthers)).toBeCloseTo(policeFiscal - policeCosts, 2);
    // The partners add up to the whole appraisal.
    expect(Number(central.presentValueBenefits)).toBeCloseTo(councilFiscal + 1000 * policeUnits, 2);
    expect(Number(central.presentValueCosts)).toBeCloseTo(councilCosts + policeCosts, 2);
  });

  it('looks partners up in one statement however many there are', async () => {
    const one = { ...INPUT, reductions: [INPUT.reductions[1]], costs: INPUT.costs.slice(0, 2) };
    const count = (input: unknown) => t.countStatements(() => t.gql(QUERY, { input }));
    const [small, large] = [await count(one), await count(INPUT)];
    expect(large.records).toBe(small.records);
  });

  it('refuses a payer that is not a partner on record, and a lag past the end', async () => {
    const bad = await t.gql(QUERY, { input: { ...INPUT, costs: [{ year: 0, setUp: '1.00', partner: 'Nobody Ltd' }] } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.field).toBe('input.costs.0.partner');
    const late = await t.gql(QUERY, { input: { ...INPUT, reductions: [{ unitCostId: 'wb-police', perYear: 1, lagYears: 4 }] } });
    expect(late.errors?.[0]?.extensions?.field).toBe('input.reductions.0.lagYears');
  });
});
