import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Used when an inbox names no region: most of the product's customers call and write from Russia. */
export const DEFAULT_PHONE_REGION = 'RU';

/**
 * The number in E.164 ("+79123456789") as channels write it ("79123456789", "8 912 345-67-89",
 * "+7 (912) …"); undefined for what is not a real phone number (an alphanumeric sender, "anonymous").
 */
export function toE164(value: string | undefined | null, defaultRegion: string = DEFAULT_PHONE_REGION): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !/\d/.test(trimmed)) return undefined;
  const region = defaultRegion.toUpperCase() as CountryCode;
  const parsed = parsePhoneNumberFromString(trimmed, region);
  if (parsed?.isValid()) return parsed.number;
  // Providers often drop the leading "+" of an international number.
  const international = /^\d{10,15}$/.test(trimmed) ? parsePhoneNumberFromString(`+${trimmed}`) : undefined;
  return international?.isValid() ? international.number : undefined;
}
