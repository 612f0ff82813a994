import { Inject, Injectable } from '@nestjs/common';
import { AttachmentTooLargeError, ChannelError, type DownloadedFile } from '@channel-adapters/core';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound, SecretBox } from '@app/common';
import { ActivitiesService } from '@app/crm';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { INBOX_SECRET_BOX } from '../inbox.tokens.js';
import { InboxesService } from '../inboxes.service.js';
import { openRecording } from './call-recording-seal.js';

/** An hour of call audio at telephony bitrates is a few megabytes; this is far beyond any real recording. */
export const MAX_RECORDING_BYTES = 100 * 1024 * 1024;

export interface CallRecording extends DownloadedFile {
  fileName: string;
  contentType: string;
}

/** Plays call recordings through the server: the provider's address never leaves it. */
@Injectable()
export class CallRecordingsService {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly conversations: ConversationsRepository,
    private readonly inboxes: InboxesService,
    private readonly access: InboxAccessService,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_SECRET_BOX) private readonly box: SecretBox,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
  ) {}

  /** 404 for an unknown call, one without a recording, and one in an inbox that is not the agent's. */
  async fetch(user: AuthUser, activityId: string): Promise<CallRecording> {
    const activity = await this.activities.get(activityId);
    const conversation = activity.type === 'call' && activity.conversationId ? await this.conversations.findById(activity.conversationId) : undefined;
    if (!conversation) throw notFound('entity.recording', activityId);
    await this.access.assertVisible(user, conversation.inboxId, 'entity.recording', activityId);
    const location = openRecording(this.box, activity.metadata.recordingSealed);
    if (!location) throw notFound('entity.recording', activityId);
    const inbox = await this.inboxes.findOrThrow(conversation.inboxId);
    const adapter = this.adapters.has(inbox.type) ? this.adapters.get(inbox.type) : undefined;
    if (!adapter?.download) throw new DomainException(ErrorCode.RecordingUnavailable, { params: { reason: `a ${inbox.type} inbox cannot fetch recordings` } });
    const settings = this.inboxes.settingsOf(inbox);
    const fileName = `call-${String(activity.metadata.callId ?? activity.id).replace(/[^\w.-]/g, '_')}.mp3`;
    try {
      const file = await adapter.download({ fileName, contentType: 'audio/mpeg', url: location.url, externalId: location.ref }, { inboxId: inbox.id, settings, publicUrl: this.runtime.publicUrl }, MAX_RECORDING_BYTES);
      return { ...file, fileName, contentType: file.contentType ?? 'audio/mpeg' };
    } catch (error) {
      if (error instanceof ChannelError || error instanceof AttachmentTooLargeError) {
        throw new DomainException(ErrorCode.RecordingUnavailable, { params: { reason: error instanceof ChannelError ? error.reason : error.message } });
      }
      throw error;
    }
  }
}
