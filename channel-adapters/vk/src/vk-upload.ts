import { ChannelError, UrlNotAllowedError, channelErrorFromFetchFailure, channelErrorFromResponse, downloadPublicFile, type OutboundAttachment } from '@channel-adapters/core';
import type { VkApi } from './vk-api.js';

/** The largest file sent to VK: its limit for a document. */
export const VK_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface UploadOptions {
  timeoutMs: number;
  /** Lets attachment URLs point at private addresses; only tests set this. */
  allowPrivateAddresses: boolean;
  fetchImpl?: typeof fetch;
}

/**
 * Puts one file on VK's servers for a message to this peer and answers the attachment string for
 * messages.send: pictures as photos (photos.getMessagesUploadServer → upload → photos.saveMessagesPhoto),
 * everything else as a document (docs.getMessagesUploadServer → upload → docs.save).
 */
export async function uploadAttachment(api: VkApi, peerId: number, attachment: OutboundAttachment, options: UploadOptions): Promise<string> {
  const data = await bytesOf(attachment, options);
  const call = { timeoutMs: options.timeoutMs };
  if (/^image\/(jpeg|png)$/i.test(attachment.contentType)) {
    const server = await api.call<{ upload_url: string }>('photos.getMessagesUploadServer', { peer_id: peerId }, call);
    const uploaded = await postFile<{ server?: number; photo?: string; hash?: string }>(server.upload_url, 'photo', attachment, data, options);
    if (!uploaded.photo || uploaded.photo === '[]') throw ChannelError.permanent(`VK did not accept ${attachment.fileName} as a photo; send it as a file instead`);
    const [photo] = await api.call<Array<{ id: number; owner_id: number; access_key?: string }>>('photos.saveMessagesPhoto', { server: uploaded.server, photo: uploaded.photo, hash: uploaded.hash }, call);
    return `photo${photo.owner_id}_${photo.id}${photo.access_key ? `_${photo.access_key}` : ''}`;
  }
  const server = await api.call<{ upload_url: string }>('docs.getMessagesUploadServer', { type: 'doc', peer_id: peerId }, call);
  const uploaded = await postFile<{ file?: string; error?: string }>(server.upload_url, 'file', attachment, data, options);
  if (!uploaded.file) throw ChannelError.permanent(`VK did not accept ${attachment.fileName} (${uploaded.error ?? 'no file in the answer'})`);
  const saved = await api.call<{ type: string; doc?: { id: number; owner_id: number; access_key?: string } }>('docs.save', { file: uploaded.file, title: attachment.fileName }, call);
  if (!saved.doc) throw ChannelError.permanent(`VK did not save ${attachment.fileName} as a document`);
  return `doc${saved.doc.owner_id}_${saved.doc.id}${saved.doc.access_key ? `_${saved.doc.access_key}` : ''}`;
}

async function bytesOf(attachment: OutboundAttachment, options: UploadOptions): Promise<Buffer> {
  if (attachment.data) return attachment.data;
  if (!attachment.url) throw ChannelError.permanent(`The attachment ${attachment.fileName} has neither a URL nor content; attach it again`);
  try {
    return (await downloadPublicFile(attachment.url, { maxBytes: VK_MAX_UPLOAD_BYTES, timeoutMs: options.timeoutMs, allowPrivate: options.allowPrivateAddresses })).data;
  } catch (error) {
    if (error instanceof UrlNotAllowedError) throw ChannelError.permanent(`The attachment ${attachment.fileName} points at an address that may not be fetched (${error.reason})`);
    if (error instanceof ChannelError) throw error;
    throw ChannelError.permanent(`The attachment ${attachment.fileName} could not be fetched: ${(error as Error).message}`);
  }
}

async function postFile<T>(uploadUrl: string, field: string, attachment: OutboundAttachment, data: Buffer, options: UploadOptions): Promise<T> {
  const form = new FormData();
  form.set(field, new Blob([new Uint8Array(data)], { type: attachment.contentType }), attachment.fileName);
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(uploadUrl, { method: 'POST', body: form, redirect: 'error', signal: AbortSignal.timeout(Math.max(options.timeoutMs, 60_000)) });
  } catch (error) {
    throw channelErrorFromFetchFailure('The VK upload server', error);
  }
  if (!response.ok) throw channelErrorFromResponse('The VK upload server', response);
  const answer = (await response.json().catch(() => undefined)) as T | undefined;
  if (!answer || typeof answer !== 'object') throw ChannelError.retryable('The VK upload server answered with something other than JSON');
  return answer;
}
