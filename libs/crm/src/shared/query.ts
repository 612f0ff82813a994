import { z } from 'zod';

/** "true"/"false" in a query string as a boolean. */
export const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const customFieldsSchema = z.record(z.string().max(100), z.unknown());

/** A date or date-time in ISO 8601 ("2025-03-01", "2025-03-01T10:00:00+03:00") as a Date. */
export const isoDateSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => new Date(value));
