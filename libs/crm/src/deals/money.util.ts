/**
 * Exact decimal arithmetic for money: amounts travel as decimal strings and are computed as integers
 * (kopecks/cents, thousandths of a unit for quantities), never as floats.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A non-negative decimal (string or number) as an integer count of 10^-scale units; null if it has more decimals than scale. */
export function toScaledInteger(value: string | number, scale: number): bigint | null {
  const text = typeof value === 'number' ? numberToDecimal(value) : value.trim();
  const match = text === null ? null : DECIMAL.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > scale) return null;
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** An integer count of 10^-scale units as a decimal string with exactly `scale` decimals. */
export function fromScaledInteger(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** JavaScript prints 199.99 as "199.99" (shortest round-trip form); exponents and non-finite values are refused. */
function numberToDecimal(value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

export interface LineItemAmount {
  quantity: string | number;
  unitPrice: string | number;
}

/** Sum of quantity × unit price in cents, rounded half up once at the end. Inputs must already be valid. */
export function lineItemsTotal(items: readonly LineItemAmount[]): string {
  let thousandthsOfCents = 0n;
  for (const item of items) {
    const quantity = toScaledInteger(item.quantity, 3);
    const unitPrice = toScaledInteger(item.unitPrice, 2);
    if (quantity === null || unitPrice === null) throw new Error(`Invalid line item amount: ${item.quantity} x ${item.unitPrice}`);
    thousandthsOfCents += quantity * unitPrice;
  }
  return fromScaledInteger((thousandthsOfCents + 500n) / 1000n, 2);
}
