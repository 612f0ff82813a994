import { z } from 'zod';
import { WebhookPayloadError, type InboundAttachment, type InboundContact, type InboundEvent } from '@channel-adapters/core';
import { MESSAGES_DENIED_FLAG } from './vk-errors.js';
import type { VkAttachment, VkMessage, VkUpdate } from './vk-update.types.js';

/** Peer ids from here on are group chats; below are people (and negative ones communities). */
export const CHAT_PEER_OFFSET = 2_000_000_000;

const updateSchema = z.looseObject({
  type: z.string().min(1),
  group_id: z.number().int(),
  event_id: z.string().optional(),
  v: z.string().optional(),
  object: z.record(z.string(), z.unknown()).optional(),
  secret: z.string().optional(),
});

/** Checks the envelope every Callback API request and long-poll update has. */
export function readUpdate(body: unknown): VkUpdate {
  const parsed = updateSchema.safeParse(body);
  if (!parsed.success) throw WebhookPayloadError.fromIssues('This is not a VK Callback API event', parsed.error.issues);
  return parsed.data as VkUpdate;
}

/** Our id of a VK message: conversation_message_id is the one every side of the peer (and a community in a chat) shares. */
export const messageExternalId = (peerId: number | string, conversationMessageId: number | string) => `${peerId}:${conversationMessageId}`;

export function parseMessageExternalId(externalId: string): { peerId: number; conversationMessageId: number } | undefined {
  const match = /^(-?\d+):(\d+)$/.exec(externalId);
  return match ? { peerId: Number(match[1]), conversationMessageId: Number(match[2]) } : undefined;
}

/** The normalized events of one update; updates the inbox does not handle (wall posts, joins) give none. */
export function eventsFromUpdate(update: VkUpdate): InboundEvent[] {
  const object = update.object ?? {};
  switch (update.type) {
    case 'message_new': {
      const message = asMessage(object.message);
      return message ? [incomingEvent(message, object.client_info)] : [];
    }
    case 'message_reply': {
      const message = asMessage(object);
      // Without an administrator it went out through the API: this product stored it already when it sent it.
      return message?.admin_author_id ? [outgoingEvent(message)] : [];
    }
    case 'message_edit': {
      const message = asMessage(object);
      if (!message?.conversation_message_id) return [];
      return [{ kind: 'message_edited', externalId: messageExternalId(message.peer_id, message.conversation_message_id), contact: contactOf(message.peer_id), text: message.text ?? '', editedAt: dateOf(message.update_time) }];
    }
    case 'message_allow':
    case 'message_deny': {
      const userId = Number(object.user_id);
      if (!Number.isInteger(userId) || userId <= 0) return [];
      const denied = update.type === 'message_deny';
      return [{ kind: 'contact_info', externalId: `${update.type}:${update.event_id ?? userId}`, contact: { ...contactOf(userId), attributes: { [MESSAGES_DENIED_FLAG]: denied } } }];
    }
    case 'message_event': {
      const userId = Number(object.user_id);
      if (!Number.isInteger(userId) || typeof object.event_id !== 'string') return [];
      return [{ kind: 'button', externalId: `event:${object.event_id}`, contact: contactOf(userId), payload: buttonPayloadOf(object.payload) }];
    }
    default:
      return [];
  }
}

const optionalInt = z.number().int().optional();
const optionalString = z.string().optional();
const imageSizes = z.array(z.looseObject({ url: z.string(), width: z.number().optional(), height: z.number().optional() })).optional();

/** Every field the parser reads is checked for its type, so a malformed message is a 400 naming the field rather than a crash. */
const messageSchema = z.looseObject({
  peer_id: z.number().int(),
  id: optionalInt,
  conversation_message_id: optionalInt,
  from_id: optionalInt,
  admin_author_id: optionalInt,
  date: z.number().optional(),
  update_time: z.number().optional(),
  text: optionalString,
  fwd_messages: z.array(z.unknown()).optional(),
  reply_message: z.looseObject({ conversation_message_id: optionalInt, peer_id: optionalInt }).optional(),
  geo: z
    .looseObject({
      coordinates: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
      place: z.looseObject({ title: optionalString }).optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.looseObject({
        type: z.string(),
        photo: z.looseObject({ sizes: imageSizes }).optional(),
        doc: z.looseObject({ url: optionalString, title: optionalString, ext: optionalString, size: z.number().optional() }).optional(),
        audio_message: z.looseObject({ link_ogg: optionalString, link_mp3: optionalString, duration: z.number().optional(), transcript: optionalString }).optional(),
        sticker: z.looseObject({ sticker_id: optionalInt, images: imageSizes }).optional(),
      }),
    )
    .optional(),
});

function asMessage(value: unknown): VkMessage | undefined {
  const message = value as VkMessage | undefined;
  if (!message || typeof message !== 'object' || !Number.isInteger(message.peer_id)) return undefined;
  const checked = messageSchema.safeParse(message);
  if (!checked.success) throw WebhookPayloadError.fromIssues('The VK message is malformed', checked.error.issues);
  return message;
}

function incomingEvent(message: VkMessage, clientInfo: unknown): InboundEvent {
  const externalId = messageExternalId(message.peer_id, message.conversation_message_id ?? message.id ?? 0);
  const contact = { ...contactOf(message.peer_id), attributes: { [MESSAGES_DENIED_FLAG]: false } };
  if (message.payload) return { kind: 'button', externalId, contact, payload: buttonPayloadOf(message.payload), text: message.text || undefined };
  const content = contentOf(message);
  if (!content.text && !content.attachments.length && content.unsupported.length) {
    return { kind: 'unsupported', externalId, contact, description: `VK ${content.unsupported.join(', ')}`, raw: message };
  }
  const attributes: Record<string, unknown> = { ...content.attributes };
  if (isChat(message.peer_id) && message.from_id) attributes.sender = { externalId: String(message.from_id) };
  if (clientInfo && typeof clientInfo === 'object') attributes.clientInfo = clientInfo;
  return {
    kind: 'message',
    externalId,
    contact,
    ...(isChat(message.peer_id) ? { threadKey: String(message.peer_id) } : {}),
    text: content.text || undefined,
    attachments: content.attachments.length ? content.attachments : undefined,
    replyToExternalId: replyOf(message),
    sentAt: dateOf(message.date),
    attributes,
  };
}

function outgoingEvent(message: VkMessage): InboundEvent {
  const content = contentOf(message);
  return {
    kind: 'message',
    externalId: messageExternalId(message.peer_id, message.conversation_message_id ?? message.id ?? 0),
    contact: contactOf(message.peer_id),
    ...(isChat(message.peer_id) ? { threadKey: String(message.peer_id) } : {}),
    text: content.text || undefined,
    attachments: content.attachments.length ? content.attachments : undefined,
    replyToExternalId: replyOf(message),
    sentAt: dateOf(message.date),
    outgoing: true,
    attributes: { ...content.attributes, adminAuthorId: message.admin_author_id },
  };
}

interface MessageContent {
  text: string;
  attachments: InboundAttachment[];
  attributes: Record<string, unknown>;
  /** The kinds of attachment that cannot be shown here (a video, a wall post). */
  unsupported: string[];
}

function contentOf(message: VkMessage): MessageContent {
  const content: MessageContent = { text: message.text ?? '', attachments: [], attributes: {}, unsupported: [] };
  for (const attachment of message.attachments ?? []) addAttachment(content, attachment);
  if (message.geo?.coordinates) content.attributes.location = { ...message.geo.coordinates, title: message.geo.place?.title };
  if (message.fwd_messages?.length) content.attributes.forwardedCount = message.fwd_messages.length;
  return content;
}

function addAttachment(content: MessageContent, attachment: VkAttachment): void {
  const { photo, doc, audio_message: voice, sticker } = attachment;
  if (attachment.type === 'photo' && photo) {
    const size = largest(photo.sizes);
    if (size) content.attachments.push(fileOf(size.url, `photo${photo.owner_id}_${photo.id}.jpg`, 'image/jpeg'));
    return;
  }
  if (attachment.type === 'doc' && doc?.url) {
    const fileName = doc.title || `doc${doc.owner_id}_${doc.id}${doc.ext ? `.${doc.ext}` : ''}`;
    content.attachments.push({ ...fileOf(doc.url, fileName, contentTypeOf(doc.ext ?? extensionOf(fileName))), sizeBytes: doc.size });
    return;
  }
  if (attachment.type === 'audio_message' && voice) {
    const url = voice.link_ogg ?? voice.link_mp3;
    if (url) content.attachments.push(fileOf(url, `voice${voice.owner_id}_${voice.id}.${voice.link_ogg ? 'ogg' : 'mp3'}`, voice.link_ogg ? 'audio/ogg' : 'audio/mpeg'));
    content.attributes.voice = { durationSec: voice.duration };
    const transcript = voice.transcript?.trim();
    if (transcript) {
      content.attributes.transcript = transcript;
      content.text = content.text ? `${content.text}\n${transcript}` : transcript;
    }
    return;
  }
  if (attachment.type === 'sticker' && sticker) {
    const image = largest(sticker.images);
    if (image) content.attachments.push(fileOf(image.url, `sticker${sticker.sticker_id ?? ''}.png`, 'image/png'));
    return;
  }
  content.unsupported.push(attachment.type);
  content.attributes.unsupportedAttachments = [...((content.attributes.unsupportedAttachments as string[] | undefined) ?? []), attachment.type];
}

/** VK's files are fetched by the adapter's download (the links expire), so the URL is the reference. */
const fileOf = (url: string, fileName: string, contentType: string): InboundAttachment => ({ externalId: url, url, fileName, contentType });

function largest<T extends { width?: number; height?: number }>(sizes: T[] | undefined): T | undefined {
  return [...(sizes ?? [])].sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0];
}

/** A person's dialog is keyed by their user id, a chat by its peer id. */
function contactOf(peerId: number): InboundContact {
  return isChat(peerId) ? { externalId: String(peerId), name: `VK chat ${peerId - CHAT_PEER_OFFSET}` } : { externalId: String(peerId) };
}

export const isChat = (peerId: number) => peerId >= CHAT_PEER_OFFSET;

/** The id a pressed button carries: ours is {"button": id}; VK's Start button sends {"command": "start"}. */
export function buttonPayloadOf(payload: unknown): string {
  const value = typeof payload === 'string' ? tryJson(payload) : payload;
  if (value && typeof value === 'object') {
    const { button, command } = value as { button?: unknown; command?: unknown };
    if (typeof button === 'string') return button;
    if (typeof command === 'string') return command;
  }
  return typeof payload === 'string' ? payload : JSON.stringify(payload ?? null);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function replyOf(message: VkMessage): string | undefined {
  const cmid = message.reply_message?.conversation_message_id;
  return cmid ? messageExternalId(message.reply_message?.peer_id ?? message.peer_id, cmid) : undefined;
}

const dateOf = (unixSeconds: number | undefined) => (unixSeconds ? new Date(unixSeconds * 1000) : undefined);

const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1];

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
};

export function contentTypeOf(extension: string | undefined): string {
  return CONTENT_TYPES[(extension ?? '').toLowerCase()] ?? 'application/octet-stream';
}
