/**
 * VK Callback API events shaped as VK documents them for API 5.199: {type, event_id, v, object,
 * group_id, secret}; message_new wraps {message, client_info}, message_reply and message_edit carry the
 * message itself. Long poll delivers the same objects without the secret.
 */
export const GROUP_ID = 218_000_001;

export const CUSTOMER = { id: 512_345_678, first_name: 'Анна', last_name: 'Ёлкина' };
export const OTHER_CUSTOMER = { id: 512_345_679, first_name: 'Пётр', last_name: 'Щукин' };
export const ADMIN_ID = 1_234_567;

const CLIENT_INFO = {
  button_actions: ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback', 'intent_subscribe', 'intent_unsubscribe'],
  keyboard: true,
  inline_keyboard: true,
  carousel: true,
  lang_id: 0,
};

const DATE = 1_740_821_410;

export type Envelope = {
  type: string;
  event_id: string;
  v: string;
  object: Record<string, unknown>;
  group_id: number;
  secret?: string;
};

let eventCounter = 0;
/** A fresh event id, 40 hex digits like VK's. */
export const newEventId = () => (++eventCounter).toString(16).padStart(40, 'e');

export function envelope(type: string, object: Record<string, unknown>, options: { secret?: string; eventId?: string; groupId?: number } = {}): Envelope {
  return { group_id: options.groupId ?? GROUP_ID, type, event_id: options.eventId ?? newEventId(), v: '5.199', object, ...(options.secret === undefined ? {} : { secret: options.secret }) };
}

export function message(peerId: number, conversationMessageId: number, text: string, extra: Record<string, unknown> = {}) {
  return {
    date: DATE,
    from_id: peerId,
    id: 10_000 + conversationMessageId,
    out: 0,
    version: 10_000_000 + conversationMessageId,
    attachments: [],
    conversation_message_id: conversationMessageId,
    fwd_messages: [],
    important: false,
    is_hidden: false,
    peer_id: peerId,
    random_id: 0,
    text,
    ...extra,
  };
}

export const messageNew = (msg: Record<string, unknown>, options: { secret?: string; eventId?: string } = {}) => envelope('message_new', { message: msg, client_info: CLIENT_INFO }, options);

/** A message an administrator wrote in VK's own community interface. */
export const messageReply = (peerId: number, conversationMessageId: number, text: string, options: { secret?: string; adminAuthorId?: number | null } = {}) =>
  envelope(
    'message_reply',
    message(peerId, conversationMessageId, text, { from_id: -GROUP_ID, out: 1, ...(options.adminAuthorId === null ? {} : { admin_author_id: options.adminAuthorId ?? ADMIN_ID }) }),
    options,
  );

export const messageEdit = (peerId: number, conversationMessageId: number, text: string, options: { secret?: string } = {}) =>
  envelope('message_edit', message(peerId, conversationMessageId, text, { update_time: DATE + 60 }), options);

export const messageAllow = (userId: number, options: { secret?: string } = {}) => envelope('message_allow', { user_id: userId, key: 'shop_subscription' }, options);

export const messageDeny = (userId: number, options: { secret?: string } = {}) => envelope('message_deny', { user_id: userId }, options);

export const messageEvent = (userId: number, eventId: string, payload: unknown, options: { secret?: string } = {}) =>
  envelope('message_event', { user_id: userId, peer_id: userId, event_id: eventId, payload, conversation_message_id: 21 }, options);

export const confirmation = (options: { secret?: string; groupId?: number } = {}) => {
  const { object: _object, event_id: _eventId, v: _v, ...rest } = envelope('confirmation', {}, options);
  return rest;
};

export function photo(url: string, id = 456_239_017) {
  return {
    type: 'photo',
    photo: {
      album_id: -3,
      date: DATE,
      id,
      owner_id: CUSTOMER.id,
      access_key: 'b1d2c3e4f5',
      sizes: [
        { height: 75, type: 's', width: 56, url: `${url}?size=s` },
        { height: 1280, type: 'w', width: 960, url },
        { height: 604, type: 'x', width: 453, url: `${url}?size=x` },
      ],
      text: '',
      has_tags: false,
    },
  };
}

export function doc(url: string, title: string, size: number, ext: string) {
  return { type: 'doc', doc: { id: 650_000_001, owner_id: CUSTOMER.id, title, size, ext, date: DATE, type: 1, url, access_key: 'd0c5ac' } };
}

export function audioMessage(url: string, transcript?: string) {
  return {
    type: 'audio_message',
    audio_message: {
      duration: 4,
      id: 650_000_777,
      link_mp3: `${url}.mp3`,
      link_ogg: url,
      owner_id: CUSTOMER.id,
      access_key: 'a0d10',
      waveform: [0, 3, 9, 14, 9, 2],
      ...(transcript === undefined ? {} : { transcript, transcript_state: 'done' }),
    },
  };
}
