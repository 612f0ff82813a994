/**
 * The CRM KPIs as defined for the reports; every function answers null when its divisor is zero.
 * Percentages are 0..100, rounded to two decimals.
 */
const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? round2((part / whole) * 100) : null);

/** Won deals / leads × 100%. */
export const leadConversionRate = (wonDeals: number, leads: number) => ratio(wonDeals, leads);

/** Won / (won + lost) × 100% of the deals closed in the period. */
export const winRate = (won: number, lost: number) => ratio(won, won + lost);

export const averageOrderValue = (revenue: number, wonDeals: number): number | null => (wonDeals > 0 ? round2(revenue / wonDeals) : null);

/** (Marketing + sales spend of the period) / new customers. */
export const customerAcquisitionCost = (marketingSpend: number, salesSpend: number, newCustomers: number): number | null =>
  newCustomers > 0 ? round2((marketingSpend + salesSpend) / newCustomers) : null;

/** Average revenue per customer per month × average relationship length in months. */
export const customerLifetimeValue = (averageMonthlyRevenuePerCustomer: number | null, averageRelationshipMonths: number | null): number | null =>
  averageMonthlyRevenuePerCustomer === null || averageRelationshipMonths === null ? null : round2(averageMonthlyRevenuePerCustomer * averageRelationshipMonths);

/** Of the customers who bought in the previous period of the same length, the share who bought again in this one. */
export const retentionRate = (retained: number, customersAtStart: number) => ratio(retained, customersAtStart);
export const churnRate = (retained: number, customersAtStart: number): number | null => {
  const retention = retentionRate(retained, customersAtStart);
  return retention === null ? null : round2(100 - retention);
};

/** (Profit gain − cost) / cost × 100%, the gain being revenue above the baseline entered for the period. */
export function returnOnInvestment(revenue: number, baselineRevenue: number, cost: number): number | null {
  if (cost <= 0) return null;
  return round2(((revenue - baselineRevenue - cost) / cost) * 100);
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

/** Promoters answer 9-10, detractors 0-6; NPS = % promoters − % detractors. */
export function npsOf(scores: number[]): NpsCounts & { score: number | null } {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const responses = scores.length;
  return { promoters, detractors, passives: responses - promoters - detractors, responses, score: npsScore({ promoters, detractors, responses }) };
}

export function npsScore(c: { promoters: number; detractors: number; responses: number }): number | null {
  return c.responses > 0 ? round2(((c.promoters - c.detractors) / c.responses) * 100) : null;
}

/** Entered in stage i / entered in stage i-1 × 100%, for each stage but the last. */
export function funnelConversions(entered: number[]): Array<number | null> {
  return entered.map((n, i) => (i + 1 < entered.length ? ratio(entered[i + 1], n) : null));
}
