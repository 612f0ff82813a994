import { z } from 'zod';
import { emailSchema } from '@app/crm';

/** The longest message a visitor may send; the widget checks it first. */
export const VISITOR_MAX_TEXT_LENGTH = 5000;

const optionalText = (max: number) => z.string().trim().max(max).optional().catch(undefined);

/** Anything odd in the page description is dropped rather than refusing the visitor. */
export const visitorPageSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000).optional().catch(undefined),
    referrer: z.url({ protocol: /^https?$/ }).max(2000).optional().catch(undefined),
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35).optional().catch(undefined),
    timeZone: optionalText(64),
  })
  .optional()
  .catch(undefined);

/** Widget tokens are generated URL-safe; anything else (a NUL byte, say) cannot name a widget and never reaches the database. */
export const widgetTokenSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,200}$/);

export const visitorHandshakeSchema = z.object({
  widgetToken: widgetTokenSchema,
  visitorToken: z.string().max(200).optional().catch(undefined),
  page: visitorPageSchema,
});

export const sendMessageSchema = z.object({
  /** Chosen by the widget; the same id sent again after a reconnect stores nothing new. */
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, _ or -'),
  text: z.string().trim().min(1).max(VISITOR_MAX_TEXT_LENGTH),
});

export const contactUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: emailSchema.optional(),
  })
  .refine((value) => value.name !== undefined || value.email !== undefined, { message: 'send a name or an e-mail', path: ['name'] });

export const typingSchema = z.object({ typing: z.boolean() });

export type SendMessageInput = z.output<typeof sendMessageSchema>;
export type ContactUpdateInput = z.output<typeof contactUpdateSchema>;
export type VisitorHandshakeInput = z.output<typeof visitorHandshakeSchema>;

