import { describe, expect, it } from 'vitest';
import {
  averageOrderValue,
  churnRate,
  customerAcquisitionCost,
  customerLifetimeValue,
  funnelConversions,
  leadConversionRate,
  npsOf,
  retentionRate,
  returnOnInvestment,
  winRate,
} from './kpi.js';

describe('CRM KPI formulas', () => {
  it('gives ROI 100% when monthly revenue grows from 10,000,000 to 12,000,000 with a CRM cost of 1,000,000', () => {
    expect(returnOnInvestment(12_000_000, 10_000_000, 1_000_000)).toBe(100);
  });

  it('gives a negative ROI when the gain is below the cost, and none without a cost', () => {
    expect(returnOnInvestment(10_500_000, 10_000_000, 1_000_000)).toBe(-50);
    expect(returnOnInvestment(12_000_000, 10_000_000, 0)).toBeNull();
  });

  it('computes lead-to-sale conversion as won deals over leads', () => {
    expect(leadConversionRate(15, 200)).toBe(7.5);
    expect(leadConversionRate(3, 0)).toBeNull();
  });

  it('computes win rate over the deals closed either way', () => {
    expect(winRate(30, 70)).toBe(30);
    expect(winRate(0, 0)).toBeNull();
  });

  it('computes average order value, CAC and LTV from their worked examples', () => {
    expect(averageOrderValue(1_500_000, 30)).toBe(50_000);
    // 300,000 marketing + 200,000 sales spend brought 25 new customers.
    expect(customerAcquisitionCost(300_000, 200_000, 25)).toBe(20_000);
    expect(customerAcquisitionCost(300_000, 200_000, 0)).toBeNull();
    // 5,000 a month per customer, customers stay 12 months on average.
    expect(customerLifetimeValue(5_000, 12)).toBe(60_000);
    expect(customerLifetimeValue(null, 12)).toBeNull();
  });

  it('computes retention and churn from the customers of the previous period who bought again', () => {
    expect(retentionRate(45, 60)).toBe(75);
    expect(churnRate(45, 60)).toBe(25);
    expect(churnRate(0, 0)).toBeNull();
  });

  it('computes NPS from a known set of scores: promoters 9-10, passives 7-8, detractors 0-6', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50% - 20% = 30.
    expect(npsOf([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toEqual({ promoters: 5, passives: 3, detractors: 2, responses: 10, score: 30 });
    expect(npsOf([0, 3, 6]).score).toBe(-100);
    expect(npsOf([]).score).toBeNull();
  });

  it('computes the conversion from each funnel stage to the next', () => {
    expect(funnelConversions([200, 80, 20])).toEqual([40, 25, null]);
    expect(funnelConversions([0, 0])).toEqual([null, null]);
  });
});
