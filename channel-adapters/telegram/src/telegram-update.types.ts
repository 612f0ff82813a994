/**
 * The parts of Telegram's Update we read, loosely typed: the payload is untrusted JSON, so every field
 * beyond update_id may be missing, and the parser checks before it uses one.
 */
export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

export interface TgPhotoSize extends TgFile {
  width: number;
  height: number;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface TgMessage {
  message_id: number;
  date?: number;
  edit_date?: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  reply_to_message?: { message_id: number };
  media_group_id?: string;
  photo?: TgPhotoSize[];
  document?: TgFile;
  voice?: TgFile & { duration?: number };
  audio?: TgFile & { title?: string; performer?: string; duration?: number };
  video?: TgFile & { duration?: number };
  video_note?: TgFile & { duration?: number };
  animation?: TgFile;
  sticker?: TgFile & { emoji?: string; set_name?: string; is_animated?: boolean; is_video?: boolean };
  location?: { latitude: number; longitude: number };
  venue?: { location: { latitude: number; longitude: number }; title: string; address: string };
  contact?: { phone_number: string; first_name: string; last_name?: string; user_id?: number; vcard?: string };
}

export interface TgInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  data?: string;
  message?: TgMessage & { reply_markup?: { inline_keyboard?: TgInlineButton[][] } };
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  [other: string]: unknown;
}
