import { z } from 'zod';
import { listQuerySchema } from '@app/common';
import { dealStatus } from '@app/db';
import { customFieldsSchema, isoDateSchema } from '../../shared/query.js';
import { fromScaledInteger, toScaledInteger } from '../money.util.js';

/** A non-negative decimal given as a string or a number, normalised to a string with exactly `scale` decimals. */
function decimalSchema(integerDigits: number, scale: number) {
  const pattern = new RegExp(`^\\d{1,${integerDigits}}(\\.\\d{1,${scale}})?$`);
  return z
    .union([z.string().trim(), z.number().nonnegative()])
    .transform((value) => String(value))
    .pipe(z.string().regex(pattern))
    .transform((value) => fromScaledInteger(toScaledInteger(value, scale)!, scale));
}

/** Fits deals.amount and deal_line_items.unit_price: numeric(14, 2). */
const money = decimalSchema(12, 2);
/** Fits deal_line_items.quantity: numeric(12, 3). */
const quantity = decimalSchema(9, 3);

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .length(3)
  .refine((code) => ISO_CURRENCIES.has(code));

const lineItemSchema = z.object({
  name: z.string().trim().min(1).max(300),
  sku: z.string().trim().min(1).max(100).nullable().optional(),
  quantity,
  unitPrice: money,
});

const nullableId = z.uuid().nullable();
const title = z.string().trim().min(1).max(300);

/** Every field a deal change may carry; a new deal needs a title and gets defaults for the rest. */
export const updateDealSchema = z.object({
  title: title.optional(),
  amount: money.optional(),
  currency: currency.optional(),
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  contactId: nullableId.optional(),
  companyId: nullableId.optional(),
  ownerId: nullableId.optional(),
  sourceInboxId: nullableId.optional(),
  expectedCloseDate: isoDateSchema.nullable().optional(),
  lostReason: z.string().trim().max(500).nullable().optional(),
  customFields: customFieldsSchema.optional(),
  lineItems: z.array(lineItemSchema).max(200).optional(),
});
export type UpdateDealBody = z.output<typeof updateDealSchema>;

export const createDealSchema = updateDealSchema.extend({
  title,
  currency: currency.default('RUB'),
  customFields: customFieldsSchema.default({}),
});
export type CreateDealBody = z.output<typeof createDealSchema>;

export const moveDealSchema = z.object({ stageId: z.uuid() });

export const listDealsSchema = listQuerySchema.extend({
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: z.enum(dealStatus.enumValues).optional(),
  contactId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
});
export type ListDealsQuery = z.output<typeof listDealsSchema>;
