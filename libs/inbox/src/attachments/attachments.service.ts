import type { ReadStream } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { AuthGuard, InboxAccessService } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { Attachment } from '@app/db';
import { ATTACHMENT_URLS } from '../inbox.tokens.js';
import type { AttachmentUrls } from './attachment-urls.js';
import { AttachmentsRepository } from './attachments.repository.js';
import { FileStorage } from './file-storage.service.js';

export interface AttachmentRequest {
  headers: Record<string, string | string[] | undefined>;
  exp?: number;
  sig?: string;
}

export interface OpenedAttachment {
  attachment: Attachment;
  sizeBytes: number;
  stream: ReadStream;
}

/** Hands out a stored file to whoever holds a valid signed link, or to a signed-in member of its inbox. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly storage: FileStorage,
    private readonly auth: AuthGuard,
    private readonly access: InboxAccessService,
    @Inject(ATTACHMENT_URLS) private readonly urls: AttachmentUrls,
  ) {}

  async open(id: string, request: AttachmentRequest): Promise<OpenedAttachment> {
    const signed = request.sig !== undefined && request.exp !== undefined && this.urls.verify(id, request.exp, request.sig);
    // Without a valid link the caller must sign in like for any other route (an expired link falls back to this).
    const user = signed ? undefined : await this.auth.authenticate(request.headers);
    const found = await this.repository.findWithInbox(id);
    if (!found) throw notFound('entity.attachment', id);
    if (user) await this.access.assertVisible(user, found.inboxId, 'entity.attachment', id);
    const { attachment } = found;
    const sizeBytes = attachment.storageKey ? await this.storage.sizeOf(attachment.storageKey) : undefined;
    if (!attachment.storageKey || sizeBytes === undefined) {
      throw new DomainException(ErrorCode.NotFound, { params: { entity: 'entity.attachment', id }, details: { entity: 'attachment', id, stored: false } });
    }
    return { attachment, sizeBytes, stream: this.storage.open(attachment.storageKey) };
  }
}
