/**
 * The parts of VK's update objects (Callback API and Bots Long Poll share them, API 5.199) that are
 * read here, loosely typed: the payload is untrusted JSON, so the parser checks a field before it uses it.
 */
export interface VkPhotoSize {
  type?: string;
  url: string;
  width?: number;
  height?: number;
}

export interface VkAttachment {
  type: string;
  photo?: { id: number; owner_id: number; access_key?: string; sizes?: VkPhotoSize[] };
  doc?: { id: number; owner_id: number; title?: string; size?: number; ext?: string; url?: string };
  audio_message?: { id: number; owner_id: number; duration?: number; link_ogg?: string; link_mp3?: string; transcript?: string; transcript_state?: string };
  sticker?: { sticker_id?: number; images?: VkPhotoSize[] };
  [other: string]: unknown;
}

export interface VkMessage {
  id?: number;
  date?: number;
  update_time?: number;
  peer_id: number;
  from_id?: number;
  out?: number;
  text?: string;
  conversation_message_id?: number;
  attachments?: VkAttachment[];
  payload?: string;
  reply_message?: { conversation_message_id?: number; peer_id?: number };
  fwd_messages?: unknown[];
  geo?: { coordinates?: { latitude: number; longitude: number }; place?: { title?: string } };
  /** Set on a message the community sent: the administrator who wrote it in VK's own interface. */
  admin_author_id?: number;
}

export interface VkUpdate {
  type: string;
  event_id?: string;
  v?: string;
  group_id: number;
  object?: Record<string, unknown>;
  secret?: string;
}
