import type { DocumentLocale } from '@app/db';
import { splitDecimal } from './money-format.js';

type Gender = 'm' | 'f';
/** Russian noun forms for 1, 2–4 and 5–20 (один рубль, два рубля, пять рублей). */
type Forms = readonly [string, string, string];

interface RuCurrency {
  major: Forms;
  majorGender: Gender;
  minor: Forms;
  minorGender: Gender;
}

const RU_CURRENCIES: Record<string, RuCurrency> = {
  RUB: { major: ['рубль', 'рубля', 'рублей'], majorGender: 'm', minor: ['копейка', 'копейки', 'копеек'], minorGender: 'f' },
  USD: { major: ['доллар США', 'доллара США', 'долларов США'], majorGender: 'm', minor: ['цент', 'цента', 'центов'], minorGender: 'm' },
  EUR: { major: ['евро', 'евро', 'евро'], majorGender: 'm', minor: ['евроцент', 'евроцента', 'евроцентов'], minorGender: 'm' },
};

const EN_CURRENCIES: Record<string, { major: [string, string]; minor: [string, string] }> = {
  RUB: { major: ['rouble', 'roubles'], minor: ['kopeck', 'kopecks'] },
  USD: { major: ['US dollar', 'US dollars'], minor: ['cent', 'cents'] },
  EUR: { major: ['euro', 'euros'], minor: ['cent', 'cents'] },
};

const RU_UNITS_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_UNITS_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];
/** Thousands are feminine, larger scales masculine. */
const RU_SCALES: Array<{ forms: Forms; gender: Gender }> = [
  { forms: ['тысяча', 'тысячи', 'тысяч'], gender: 'f' },
  { forms: ['миллион', 'миллиона', 'миллионов'], gender: 'm' },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], gender: 'm' },
  { forms: ['триллион', 'триллиона', 'триллионов'], gender: 'm' },
];

const EN_SMALL = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['thousand', 'million', 'billion', 'trillion'];

/** The Russian form for a count: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль. */
export function russianPlural(count: bigint | number, forms: Forms): string {
  const n = Number(BigInt(count) % 100n);
  if (n >= 11 && n <= 19) return forms[2];
  const last = n % 10;
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** Groups of three digits, lowest first. */
function triads(value: bigint): number[] {
  const groups: number[] = [];
  for (let rest = value; rest > 0n; rest /= 1000n) groups.push(Number(rest % 1000n));
  return groups;
}

function ruTriad(value: number, gender: Gender): string[] {
  const words = [RU_HUNDREDS[Math.floor(value / 100)]];
  const tens = value % 100;
  if (tens >= 10 && tens < 20) words.push(RU_TEENS[tens - 10]);
  else words.push(RU_TENS[Math.floor(tens / 10)], (gender === 'f' ? RU_UNITS_F : RU_UNITS_M)[tens % 10]);
  return words.filter(Boolean);
}

/** A whole number in Russian words, with the gender of the counted noun (одна тысяча, один рубль). */
export function russianNumber(value: bigint, gender: Gender): string {
  if (value === 0n) return 'ноль';
  const groups = triads(value);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const group = groups[i];
    if (group === 0) continue;
    if (i === 0) {
      words.push(...ruTriad(group, gender));
      continue;
    }
    const scale = RU_SCALES[i - 1];
    if (!scale) throw new RangeError(`Too large to write in words: ${value}`);
    words.push(...ruTriad(group, scale.gender), russianPlural(group, scale.forms));
  }
  return words.join(' ');
}

function enTriad(value: number): string[] {
  const words: string[] = [];
  if (value >= 100) words.push(EN_SMALL[Math.floor(value / 100)], 'hundred');
  const rest = value % 100;
  if (rest === 0) return words;
  if (rest < 20) words.push(EN_SMALL[rest]);
  else words.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_SMALL[rest % 10]}` : EN_TENS[Math.floor(rest / 10)]);
  return words;
}

/** A whole number in English words (one million two hundred thirty-four thousand …). */
export function englishNumber(value: bigint): string {
  if (value === 0n) return 'zero';
  const groups = triads(value);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    if (groups[i] === 0) continue;
    if (i > 0 && !EN_SCALES[i - 1]) throw new RangeError(`Too large to write in words: ${value}`);
    words.push(...enTriad(groups[i]), ...(i > 0 ? [EN_SCALES[i - 1]] : []));
  }
  return words.join(' ');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * An amount as written on invoices: the whole units in words and the cents in digits
 * ("Одна тысяча двести рублей 05 копеек", "One thousand two hundred roubles 05 kopecks").
 */
export function amountInWords(amount: string, currency: string, locale: DocumentLocale): string {
  const { whole, cents } = splitDecimal(amount);
  const minorDigits = String(cents).padStart(2, '0');
  if (locale === 'ru') {
    const names = RU_CURRENCIES[currency] ?? { major: [currency, currency, currency], majorGender: 'm', minor: ['', '', ''], minorGender: 'f' };
    const major = `${russianNumber(whole, names.majorGender)} ${russianPlural(whole, names.major)}`;
    const minor = names.minor[0] ? ` ${minorDigits} ${russianPlural(cents, names.minor)}` : ` ${minorDigits}`;
    return capitalize(major + minor);
  }
  const names = EN_CURRENCIES[currency] ?? { major: [currency, currency], minor: ['', ''] };
  const major = `${englishNumber(whole)} ${whole === 1n ? names.major[0] : names.major[1]}`;
  const minor = names.minor[0] ? ` ${minorDigits} ${cents === 1n ? names.minor[0] : names.minor[1]}` : ` ${minorDigits}`;
  return capitalize(major + minor);
}
