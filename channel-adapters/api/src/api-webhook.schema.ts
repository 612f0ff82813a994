import { z } from 'zod';
import type { InboundAttachment, InboundMessageEvent } from '@channel-adapters/core';

export const API_MAX_TEXT_LENGTH = 10_000;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000);

export const apiWebhookSchema = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    contact: z.object({
      externalId: z.string().trim().min(1).max(200),
      name: z.string().max(200).optional(),
      phone: z.string().max(50).optional(),
      email: z.string().max(320).optional(),
    }),
    text: z.string().max(API_MAX_TEXT_LENGTH).optional(),
    attachments: z
      .array(
        z.object({
          url: httpUrl,
          fileName: z.string().min(1).max(255).optional(),
          contentType: z.string().min(1).max(255).optional(),
        }),
      )
      .max(20)
      .optional(),
  })
  .refine((body) => Boolean(body.text?.trim()) || Boolean(body.attachments?.length), {
    path: ['text'],
    message: 'send text or at least one attachment',
  });

export type ApiWebhookBody = z.infer<typeof apiWebhookSchema>;

export function toMessageEvent(body: ApiWebhookBody): InboundMessageEvent {
  const { contact } = body;
  return {
    kind: 'message',
    externalId: body.externalId,
    contact: { externalId: contact.externalId, name: contact.name, phone: contact.phone, email: contact.email },
    text: body.text?.trim() ? body.text : undefined,
    attachments: body.attachments?.map(
      (attachment): InboundAttachment => ({
        url: attachment.url,
        fileName: attachment.fileName ?? fileNameFromUrl(attachment.url),
        contentType: attachment.contentType ?? 'application/octet-stream',
      }),
    ),
    raw: body,
  };
}

function fileNameFromUrl(url: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).pop();
  if (!last) return 'attachment';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
