/** Exact money for carts: decimal strings computed as integer cents, never floats. */

export function toCents(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new Error(`Not a decimal amount: ${value}`);
  const cents = BigInt(match[2] + (match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function lineTotal(price: string, quantity: number): bigint {
  return toCents(price) * BigInt(quantity);
}

/** "3 500 ₽" / "RUB 3,500" — whole amounts without kopecks. */
export function formatMoney(amount: string, currency: string, locale: 'ru' | 'en'): string {
  const cents = toCents(amount);
  const whole = cents % 100n === 0n;
  try {
    return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}
