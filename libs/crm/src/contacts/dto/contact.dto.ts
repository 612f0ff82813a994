import { z } from 'zod';
import { isValidTimeZone, listQuerySchema } from '@app/common';
import { emailSchema } from '../../email.util.js';
import { booleanQuery, customFieldsSchema } from '../../shared/query.js';

const phone = z.string().trim().min(1).max(40);
const tag = z.string().trim().min(1).max(50);
const name = z.string().trim().min(1).max(200);
const phones = z.array(phone).max(20);
const emails = z.array(emailSchema).max(20);
const tags = z.array(tag).max(50);
const timeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, { message: 'Enter an IANA time zone, e.g. Europe/Moscow.' });
const birthday = z.iso.date();

/** Every field a contact change may carry; given lists replace the stored ones. */
export const updateContactSchema = z.object({
  name: name.optional(),
  phones: phones.optional(),
  emails: emails.optional(),
  tags: tags.optional(),
  customFields: customFieldsSchema.optional(),
  companyId: z.uuid().nullable().optional(),
  locale: z.string().trim().min(2).max(10).nullable().optional(),
  avatarUrl: z.url().max(2000).nullable().optional(),
  blocked: z.boolean().optional(),
  timeZone: timeZone.nullable().optional(),
  birthday: birthday.nullable().optional(),
});
export type UpdateContactBody = z.output<typeof updateContactSchema>;

export const createContactSchema = updateContactSchema.extend({
  name,
  phones: phones.default([]),
  emails: emails.default([]),
  tags: tags.default([]),
  customFields: customFieldsSchema.default({}),
  blocked: z.boolean().default(false),
});
export type CreateContactBody = z.output<typeof createContactSchema>;

export const listContactsSchema = listQuerySchema.extend({
  tag: tag.optional(),
  companyId: z.uuid().optional(),
  blocked: booleanQuery.optional(),
});
export type ListContactsQuery = z.output<typeof listContactsSchema>;

export const mergeContactSchema = z.object({ otherId: z.uuid() });

/** An IANA name (Europe/Moscow) or UTC, not an abbreviation such as MSK. */
function isTimeZone(value: string): boolean {
  return (value.includes('/') || value === 'UTC') && isValidTimeZone(value);
}
