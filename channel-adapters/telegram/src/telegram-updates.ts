import { z } from 'zod';
import {
  WebhookPayloadError,
  type InboundAttachment,
  type InboundContact,
  type InboundEvent,
  type InboundMessageEvent,
} from '@channel-adapters/core';
import type { TgCallbackQuery, TgChat, TgMessage, TgUpdate, TgUser } from './telegram-update.types.js';

/** The updates the bot subscribes to; anything else still arriving is kept as unsupported. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

const optionalString = z.string().optional();
const optionalNumber = z.number().optional();

const userShape = z.looseObject({ id: z.number().int(), first_name: optionalString, last_name: optionalString, username: optionalString, language_code: optionalString });

const fileShape = z.looseObject({ file_id: z.string().min(1), file_unique_id: optionalString, file_size: optionalNumber, file_name: optionalString, mime_type: optionalString });

const entityShape = z.looseObject({ type: z.string(), offset: z.number().int(), length: z.number().int() });

const locationShape = z.looseObject({ latitude: z.number(), longitude: z.number() });

/**
 * Every field the parser reads is checked for its type, so a malformed update is a 400 naming the field
 * rather than a crash; fields the parser never reads stay unchecked.
 */
const messageShape = z.looseObject({
  message_id: z.number().int(),
  date: optionalNumber,
  edit_date: optionalNumber,
  chat: z.looseObject({
    id: z.number().int(),
    type: z.enum(['private', 'group', 'supergroup', 'channel']),
    title: optionalString,
    username: optionalString,
    first_name: optionalString,
    last_name: optionalString,
  }),
  from: userShape.optional(),
  text: optionalString,
  caption: optionalString,
  entities: z.array(entityShape).optional(),
  caption_entities: z.array(entityShape).optional(),
  reply_to_message: z.looseObject({ message_id: z.number().int() }).optional(),
  media_group_id: optionalString,
  photo: z.array(fileShape.extend({ width: z.number(), height: z.number() })).optional(),
  document: fileShape.optional(),
  voice: fileShape.optional(),
  audio: fileShape.extend({ title: optionalString }).optional(),
  video: fileShape.optional(),
  video_note: fileShape.optional(),
  animation: fileShape.optional(),
  sticker: fileShape.extend({ emoji: optionalString, set_name: optionalString, is_animated: z.boolean().optional(), is_video: z.boolean().optional() }).optional(),
  location: locationShape.optional(),
  venue: z.looseObject({ location: locationShape, title: z.string(), address: z.string() }).optional(),
  contact: z.looseObject({ phone_number: z.string(), first_name: z.string(), last_name: optionalString, user_id: optionalNumber }).optional(),
});

const updateShape = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: messageShape.optional(),
  edited_message: messageShape.optional(),
  callback_query: z
    .looseObject({
      id: z.string().min(1),
      from: userShape,
      data: optionalString,
      message: messageShape
        .extend({ reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(z.looseObject({ text: z.string(), callback_data: optionalString }))).optional() }).optional() })
        .optional(),
    })
    .optional(),
});

export function readUpdate(body: unknown): TgUpdate {
  const result = updateShape.safeParse(body);
  if (!result.success) throw WebhookPayloadError.fromIssues('The body is not a Telegram Update', result.error.issues);
  return result.data as unknown as TgUpdate;
}

/** The id of a message, unique per bot: message ids are counted per chat. */
export const messageExternalId = (chatId: number | string, messageId: number) => `${chatId}:${messageId}`;

/** The message id inside its chat, from an id made by messageExternalId. */
export function telegramMessageId(externalId: string): number | undefined {
  const id = Number(externalId.split(':').pop());
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

export const isGroupChat = (chat: Pick<TgChat, 'type'>) => chat.type === 'group' || chat.type === 'supergroup';

/** Turns one Update into normalized events; an update the product does not handle becomes one unsupported event. */
export function eventsFromUpdate(update: TgUpdate): InboundEvent[] {
  if (update.message) return [...sharedOwnNumber(update.message), messageEvent(update.message, update)];
  if (update.edited_message) return editEvents(update.edited_message);
  if (update.callback_query) return [buttonEvent(update.callback_query, update)];
  return [unsupported(update, updateKind(update))];
}

export function contactOfUser(user: TgUser): InboundContact {
  return {
    externalId: String(user.id),
    name: fullName(user.first_name, user.last_name) || user.username,
    username: user.username,
    locale: user.language_code,
  };
}

/** A group is one conversation whoever writes, so the group itself is the conversation's contact. */
function contactOfChat(message: TgMessage): InboundContact {
  const { chat } = message;
  if (isGroupChat(chat)) return { externalId: String(chat.id), name: chat.title, username: chat.username, attributes: { chatType: chat.type } };
  if (message.from && chat.type === 'private') return contactOfUser(message.from);
  return { externalId: String(chat.id), name: chat.title ?? fullName(chat.first_name, chat.last_name), username: chat.username, attributes: { chatType: chat.type } };
}

function messageEvent(message: TgMessage, update: TgUpdate): InboundEvent {
  const content = contentOf(message);
  if (!content) return unsupported(update, `message without content (${Object.keys(message).join(', ')})`, contactOfChat(message));
  const group = isGroupChat(message.chat);
  const event: InboundMessageEvent = {
    kind: 'message',
    externalId: messageExternalId(message.chat.id, message.message_id),
    contact: contactOfChat(message),
    threadKey: group ? String(message.chat.id) : undefined,
    text: content.text,
    attachments: content.attachments.length ? content.attachments : undefined,
    replyToExternalId: message.reply_to_message ? messageExternalId(message.chat.id, message.reply_to_message.message_id) : undefined,
    sentAt: message.date ? new Date(message.date * 1000) : undefined,
    attributes: {
      ...content.attributes,
      ...(group && message.from ? { sender: senderOf(message.from) } : {}),
      ...(message.media_group_id ? { mediaGroupId: message.media_group_id } : {}),
    },
    raw: update,
  };
  return event;
}

/**
 * Sharing one's own number (the "share my contact" button) tells us the person's phone, which fills
 * in their contact even when they wrote before. Someone else's card is only content.
 */
function sharedOwnNumber(message: TgMessage): InboundEvent[] {
  const shared = message.contact;
  if (!shared || !message.from || shared.user_id !== message.from.id || message.chat.type !== 'private') return [];
  return [{ kind: 'contact_info', externalId: `contact:${messageExternalId(message.chat.id, message.message_id)}`, contact: { ...contactOfUser(message.from), phone: shared.phone_number } }];
}

function editEvents(message: TgMessage): InboundEvent[] {
  const text = message.text ?? message.caption;
  // A live location moving sends edits without text: nothing an agent reads has changed.
  if (text === undefined) return [];
  return [
    {
      kind: 'message_edited',
      externalId: messageExternalId(message.chat.id, message.message_id),
      contact: contactOfChat(message),
      text,
      editedAt: message.edit_date ? new Date(message.edit_date * 1000) : undefined,
    },
  ];
}

function buttonEvent(query: TgCallbackQuery, update: TgUpdate): InboundEvent {
  const contact = contactOfUser(query.from);
  if (query.data === undefined) return unsupported(update, 'callback_query without data', contact);
  const pressed = query.message?.reply_markup?.inline_keyboard?.flat().find((button) => button.callback_data === query.data);
  return { kind: 'button', externalId: `callback:${query.id}`, contact, payload: query.data, text: pressed?.text };
}

function unsupported(update: TgUpdate, description: string, contact?: InboundContact): InboundEvent {
  return { kind: 'unsupported', externalId: `update:${update.update_id}`, contact: contact ?? someoneIn(update), description, raw: update };
}

/** The update's type is the name of its one field besides update_id. */
function updateKind(update: TgUpdate): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'empty update';
}

/** Whoever an unknown update is about, when it names someone in the usual places. */
function someoneIn(update: TgUpdate): InboundContact | undefined {
  const body = update[updateKind(update)];
  if (typeof body !== 'object' || body === null) return undefined;
  // An update type the product does not know is not validated up front, so whoever it names is checked here.
  const { from, user, chat } = body as { from?: unknown; user?: unknown; chat?: unknown };
  const person = userShape.safeParse(from ?? user);
  if (person.success) return contactOfUser(person.data as TgUser);
  const group = messageShape.shape.chat.safeParse(chat);
  if (group.success) return { externalId: String(group.data.id), name: group.data.title ?? fullName(group.data.first_name, group.data.last_name), username: group.data.username };
  return undefined;
}

interface Content {
  text?: string;
  attachments: InboundAttachment[];
  attributes: Record<string, unknown>;
}

function contentOf(message: TgMessage): Content | undefined {
  const attributes: Record<string, unknown> = {};
  const entities = message.entities ?? message.caption_entities;
  if (entities?.length) attributes.entities = entities;
  let text = message.text ?? message.caption;
  const attachments = attachmentsOf(message);

  if (message.sticker) {
    attributes.sticker = { emoji: message.sticker.emoji, setName: message.sticker.set_name };
    text ??= message.sticker.emoji;
  }
  if (message.venue) {
    const { location, title, address } = message.venue;
    attributes.location = { latitude: location.latitude, longitude: location.longitude, title, address };
    text ??= `📍 ${title}, ${address}`;
  } else if (message.location) {
    attributes.location = { latitude: message.location.latitude, longitude: message.location.longitude };
    text ??= `📍 ${message.location.latitude}, ${message.location.longitude}`;
  }
  if (message.contact) {
    const { phone_number, first_name, last_name, user_id } = message.contact;
    attributes.sharedContact = { phone: phone_number, name: fullName(first_name, last_name), userId: user_id };
    text ??= `📇 ${fullName(first_name, last_name)}: ${phone_number}`;
  }
  if (text === undefined && attachments.length === 0) return undefined;
  return { text, attachments, attributes };
}

function attachmentsOf(message: TgMessage): InboundAttachment[] {
  const file = (source: { file_id: string; file_size?: number }, fileName: string, contentType: string): InboundAttachment => ({
    externalId: source.file_id,
    fileName,
    contentType,
    sizeBytes: source.file_size,
  });
  if (message.photo?.length) {
    const largest = message.photo.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
    return [file(largest, `photo_${largest.file_unique_id ?? message.message_id}.jpg`, 'image/jpeg')];
  }
  // An animation (GIF) also arrives as a document; the animation is the better description.
  if (message.animation) return [file(message.animation, message.animation.file_name ?? 'animation.mp4', message.animation.mime_type ?? 'video/mp4')];
  if (message.document) return [file(message.document, message.document.file_name ?? 'document', message.document.mime_type ?? 'application/octet-stream')];
  if (message.voice) return [file(message.voice, 'voice.ogg', message.voice.mime_type ?? 'audio/ogg')];
  if (message.audio) return [file(message.audio, message.audio.file_name ?? `${message.audio.title ?? 'audio'}.mp3`, message.audio.mime_type ?? 'audio/mpeg')];
  if (message.video) return [file(message.video, message.video.file_name ?? 'video.mp4', message.video.mime_type ?? 'video/mp4')];
  if (message.video_note) return [file(message.video_note, 'video_note.mp4', 'video/mp4')];
  if (message.sticker) return [file(message.sticker, stickerFileName(message.sticker), stickerType(message.sticker))];
  return [];
}

const stickerType = (sticker: NonNullable<TgMessage['sticker']>) =>
  sticker.is_animated ? 'application/x-tgsticker' : sticker.is_video ? 'video/webm' : 'image/webp';

const stickerFileName = (sticker: NonNullable<TgMessage['sticker']>) =>
  sticker.is_animated ? 'sticker.tgs' : sticker.is_video ? 'sticker.webm' : 'sticker.webp';

function senderOf(user: TgUser) {
  return { externalId: String(user.id), name: fullName(user.first_name, user.last_name) || user.username, username: user.username };
}

function fullName(first?: string, last?: string): string {
  return [first, last].filter(Boolean).join(' ').trim();
}
