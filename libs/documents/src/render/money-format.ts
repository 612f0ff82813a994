import type { DocumentLocale } from '@app/db';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A decimal amount string ("1234.5") as whole units and cents, rounded half up; floats never touch money. */
export function splitDecimal(amount: string): { whole: bigint; cents: bigint } {
  const match = DECIMAL.exec(amount.trim());
  if (!match || match[1]) throw new RangeError(`Not a non-negative decimal amount: ${amount}`);
  const fraction = (match[3] ?? '').padEnd(3, '0');
  let cents = BigInt(match[2]) * 100n + BigInt(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1n;
  return { whole: cents / 100n, cents: cents % 100n };
}

const NBSP = '\u00a0';
const SYMBOLS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€' };

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A plain number in the locale's way: "1 234 567,89" in Russian, "1,234,567.89" in English. */
export function formatNumber(amount: string, locale: DocumentLocale): string {
  const { whole, cents } = splitDecimal(amount);
  const centsText = String(cents).padStart(2, '0');
  return locale === 'ru' ? `${groupDigits(String(whole), NBSP)},${centsText}` : `${groupDigits(String(whole), ',')}.${centsText}`;
}

/** Money as printed on a document: "1 234 567,89 ₽" in Russian, "$1,234,567.89" or "1,234.00 RUB" in English. */
export function formatMoney(amount: string, currency: string, locale: DocumentLocale): string {
  const number = formatNumber(amount, locale);
  const symbol = SYMBOLS[currency];
  if (locale === 'ru') return `${number}${NBSP}${symbol ?? currency}`;
  return symbol && currency !== 'RUB' ? `${symbol}${number}` : `${number}${NBSP}${currency}`;
}

/** A quantity without needless zeros: "2", "1,5" (ru), "1.5" (en). */
export function formatQuantity(quantity: string, locale: DocumentLocale): string {
  const [whole, fraction = ''] = quantity.trim().split('.');
  const significant = fraction.replace(/0+$/, '');
  if (!significant) return whole;
  return `${whole}${locale === 'ru' ? ',' : '.'}${significant}`;
}
