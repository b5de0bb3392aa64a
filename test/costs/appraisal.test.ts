/**
 * The appraisal (`appraisal(input:)`, computed without saving) against values worked out here,
 * independently of src/costs: HM Treasury Green Book discounting (METHODS.md's check values:
 * 1/1.035^10 = 0.708919; 100,000 a year in years 1 to 5 is worth 451,505; year 40's factor under
 * the declining schedule is 0.265105), additionality, optimism bias, cashable savings,
 * hand-computed NPVs, the payback year and the zero-NPV break-even; and every bad input refused
 * with BAD_USER_INPUT naming its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { loadTestDeflators, loadTestUnitCosts } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await loadTestDeflators(t);
  await loadTestUnitCosts(t);
});
afterAll(async () => {
  await t?.stop();
});

const APPRAISE = `query($input: AppraisalInput!) { appraisal(input: $input) {
  priceBase breakEvenFactor
  breakEven { unitCost { id } expectedPerYear breakEvenPerYear }
  scenarios { name reductionFactor presentValueBenefits presentValueCosts netPresentValue benefitCostRatio returnOnInvestment paybackYear
    years { year discountFactor grossSavings netSavings cashableSavings nonCashableSavings costs discountedBenefits discountedCosts cumulativeDiscountedNetBenefit } }
} }`;

async function appraise(input: Record<string, unknown>) {
  const res = await t.gql(APPRAISE, { input });
  expect(res.errors).toBeUndefined();
  const result = res.data.appraisal;
  const central = result.scenarios.find((s: { name: string }) => s.name === 'CENTRAL');
  return { result, central };
}

/** Green Book factor for year t, computed here step by step from the published schedule. */
function factor(t: number): number {
  let f = 1;
  for (let y = 1; y <= t; y += 1) f /= y <= 30 ? 1.035 : y <= 75 ? 1.03 : 1.025;
  return f;
}

const pounds = (text: string) => Number(text);

describe('Green Book discounting', () => {
  it('gives 1/1.035^10 = 0.708919 for year 10 and 0.265105 for year 40 under the declining schedule', async () => {
    const ten = await appraise({ years: 10, reductions: [{ unitCostId: 'unit-1000', perYear: 1 }] });
    expect(ten.central.years[10].discountFactor).toBeCloseTo(0.708919, 6);
    expect(ten.central.years[0].discountFactor).toBe(1);
    const forty = await appraise({ years: 40, reductions: [{ unitCostId: 'unit-1000', perYear: 1 }] });
    expect(forty.central.years[40].discountFactor).toBeCloseTo(0.265105, 6);
    expect(forty.central.years[31].discountFactor).toBeCloseTo(1 / (1.035 ** 30 * 1.03), 9);
  });

  it('values 100,000 a year in years 1 to 5 at 451,505 today', async () => {
    // 100 units avoided a year x £1,000 a unit = £100,000 a year.
    const { central } = await appraise({ years: 5, reductions: [{ unitCostId: 'unit-1000', perYear: 100 }] });
    expect(Math.round(pounds(central.presentValueBenefits))).toBe(451_505);
    const expected = [1, 2, 3, 4, 5].reduce((sum, year) => sum + 100_000 / 1.035 ** year, 0);
    expect(pounds(central.presentValueBenefits)).toBeCloseTo(expected, 2);
    expect(central.years[0].grossSavings).toBe('0.00');
    expect(central.years[1].grossSavings).toBe('100000.00');
  });

  it('takes a fixed rate instead (e.g. 1.5% for health effects)', async () => {
    const { central } = await appraise({ years: 3, discountRate: 0.015, reductions: [{ unitCostId: 'unit-1000', perYear: 10 }] });
    expect(pounds(central.presentValueBenefits)).toBeCloseTo(10_000 / 1.015 + 10_000 / 1.015 ** 2 + 10_000 / 1.015 ** 3, 2);
  });
});

describe('a worked business case', () => {
  // Set-up £250,000 in year 0, running £20,000 a year in years 1-5, optimism bias 15% on costs;
  // 100 incidents a year avoided at £1,000; deadweight 20%, displacement 10%, attribution 80%;
  // a quarter of the net saving cashable.
  const input = {
    years: 5,
    deadweight: 0.2,
    displacement: 0.1,
    attribution: 0.8,
    optimismBias: 0.15,
    reductions: [{ unitCostId: 'unit-1000', perYear: 100, cashableShare: 0.25 }],
    costs: [{ year: 0, setUp: '250000' }, ...[1, 2, 3, 4, 5].map((year) => ({ year, running: '20000.00' }))],
  };
  const net = 100 * 1000 * 0.8 * 0.9 * 0.8; // 57,600 a year
  const costs = (year: number) => (year === 0 ? 250_000 : 20_000) * 1.15;
  const pvb = [1, 2, 3, 4, 5].reduce((sum, y) => sum + net * factor(y), 0);
  const pvc = [0, 1, 2, 3, 4, 5].reduce((sum, y) => sum + costs(y) * factor(y), 0);

  it('nets additionality off the gross saving, splits cashable, and adds optimism bias to costs', async () => {
    const { central } = await appraise(input);
    expect(central.years[1].grossSavings).toBe('100000.00');
    expect(central.years[1].netSavings).toBe('57600.00');
    expect(central.years[1].cashableSavings).toBe('14400.00');
    expect(central.years[1].nonCashableSavings).toBe('43200.00');
    expect(central.years[0].costs).toBe('287500.00');
    expect(central.years[3].costs).toBe('23000.00');
  });

  it('gives the hand-computed NPV, BCR and ROI, and no payback when NPV stays negative', async () => {
    const { central } = await appraise(input);
    expect(pounds(central.presentValueBenefits)).toBeCloseTo(pvb, 2);
    expect(pounds(central.presentValueCosts)).toBeCloseTo(pvc, 2);
    expect(pounds(central.netPresentValue)).toBeCloseTo(pvb - pvc, 2);
    expect(pvb - pvc).toBeLessThan(0);
    expect(central.benefitCostRatio).toBeCloseTo(pvb / pvc, 9);
    expect(central.returnOnInvestment).toBeCloseTo((pvb - pvc) / pvc, 9);
    expect(central.paybackYear).toBeNull();
  });

  it('solves the zero-NPV reduction exactly: at that reduction NPV is 0 to the penny', async () => {
    const { result } = await appraise(input);
    expect(result.breakEvenFactor).toBeCloseTo(pvc / pvb, 12);
    expect(result.breakEven[0].breakEvenPerYear).toBeCloseTo((100 * pvc) / pvb, 9);
    const again = await appraise({ ...input, scenarios: { central: result.breakEvenFactor } });
    expect(Math.abs(pounds(again.central.netPresentValue))).toBeLessThanOrEqual(0.01);
    const perYear = await appraise({ ...input, reductions: [{ ...input.reductions[0], perYear: result.breakEven[0].breakEvenPerYear }] });
    expect(Math.abs(pounds(perYear.central.netPresentValue))).toBeLessThanOrEqual(0.01);
  });

  it('finds the payback year: the first year the cumulative discounted net benefit is 0 or more', async () => {
    const doubled = { ...input, reductions: [{ ...input.reductions[0], perYear: 300 }], years: 8 };
    const { central } = await appraise(doubled);
    const netBig = 300 * 1000 * 0.8 * 0.9 * 0.8;
    let cumulative = 0;
    let payback: number | null = null;
    for (let year = 0; year <= 8; year += 1) {
      const yearCosts = year === 0 ? 250_000 * 1.15 : year <= 5 ? 20_000 * 1.15 : 0;
      cumulative += ((year >= 1 ? netBig : 0) - yearCosts) * factor(year);
      if (payback === null && cumulative >= 0) payback = year;
    }
    // By hand: -287,500 today, then 149,800 a year discounted: -142,766 after year 1, -2,926 after
    // year 2, +132,185 after year 3.
    expect(payback).toBe(3);
    expect(central.paybackYear).toBe(payback);
    expect(pounds(central.years[8].cumulativeDiscountedNetBenefit)).toBeCloseTo(cumulative, 2);
  });

  it('puts low, central and high side by side: benefits scale with the reduction, costs do not', async () => {
    const { result } = await appraise(input);
    expect(result.scenarios.map((s: { name: string; reductionFactor: number }) => [s.name, s.reductionFactor])).toEqual([
      ['LOW', 0.5],
      ['CENTRAL', 1],
      ['HIGH', 1.5],
    ]);
    const [low, central, high] = result.scenarios;
    expect(pounds(low.presentValueBenefits)).toBeCloseTo(pvb * 0.5, 2);
    expect(pounds(high.presentValueBenefits)).toBeCloseTo(pvb * 1.5, 2);
    expect(low.presentValueCosts).toBe(central.presentValueCosts);
    expect(high.presentValueCosts).toBe(central.presentValueCosts);
  });
});

describe('price bases and the basis of the saving', () => {
  it('re-bases a unit cost to the appraisal’s price base with the deflator series', async () => {
    // £800.00 in 2019/20 prices (index 90) is £888.89 in 2023/24 prices (index 100).
    const { result, central } = await appraise({ years: 1, reductions: [{ unitCostId: 'unit-800', perYear: 1 }] });
    expect(result.priceBase).toBe('2023/24');
    expect(central.years[1].grossSavings).toBe('888.89');
    const old = await appraise({ years: 1, priceBase: '2019/20', reductions: [{ unitCostId: 'unit-1000', perYear: 1 }] });
    expect(old.result.priceBase).toBe('2019/20');
    expect(old.central.years[1].grossSavings).toBe('900.00');
  });

  it('counts only the fiscal part on the FISCAL basis', async () => {
    const { central } = await appraise({ years: 1, basis: 'FISCAL', reductions: [{ unitCostId: 'unit-1000', perYear: 2 }] });
    expect(central.years[1].grossSavings).toBe('1200.00');
  });
});

describe('bad appraisal input', () => {
  const good = { years: 5, reductions: [{ unitCostId: 'unit-1000', perYear: 10 }] };
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown unit cost', { ...good, reductions: [{ unitCostId: 'no-such-cost', perYear: 1 }] }, 'input.reductions.0.unitCostId'],
    ['no reductions', { ...good, reductions: [] }, 'input.reductions'],
    ['a period of 0 years', { ...good, years: 0 }, 'input.years'],
    ['a share above 1', { ...good, deadweight: 1.2 }, 'input.deadweight'],
    ['a negative reduction', { ...good, reductions: [{ unitCostId: 'unit-1000', perYear: -3 }] }, 'input.reductions.0.perYear'],
    ['a reduction past the period', { ...good, reductions: [{ unitCostId: 'unit-1000', perYear: 1, toYear: 9 }] }, 'input.reductions.0.toYear'],
    ['money with three decimals', { ...good, costs: [{ year: 0, setUp: '12.345' }] }, 'input.costs.0.setUp'],
    ['negative money', { ...good, costs: [{ year: 1, running: '-5' }] }, 'input.costs.0.running'],
    ['a cost past the period', { ...good, costs: [{ year: 6, running: '5' }] }, 'input.costs.0.year'],
    ['a price base that is not a financial year', { ...good, priceBase: '2019' }, 'input.priceBase'],
    ['a price base without a deflator', { ...good, priceBase: '2010/11' }, 'input.priceBase'],
    ['the FISCAL basis for a cost without a fiscal part', { ...good, basis: 'FISCAL', reductions: [{ unitCostId: 'unit-800', perYear: 1 }] }, 'input.reductions.0.unitCostId'],
  ];
  it.each(cases)('refuses %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const res = await t.gql(APPRAISE, { input });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
  });
});
