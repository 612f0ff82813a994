import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DomainException, ErrorCode } from '@app/common';

/** Parses a phone as people type it ("8 912 345-67-89", "+7 (912) …") into E.164; null when it is not a real number. */
export function tryNormalizePhone(value: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(value.trim(), defaultRegion as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 form of the phone, or 400 invalid_phone naming the value. */
export function normalizePhone(value: string, defaultRegion: string): string {
  const phone = tryNormalizePhone(value, defaultRegion);
  if (!phone) throw new DomainException(ErrorCode.InvalidPhone, { params: { value }, details: { value } });
  return phone;
}

/** Normalises every phone and drops repeats, keeping the order given. */
export function normalizePhones(values: readonly string[], defaultRegion: string): string[] {
  return [...new Set(values.map((value) => normalizePhone(value, defaultRegion)))];
}
